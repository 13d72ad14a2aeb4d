import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { BUILTIN_BRANDS, buildMatcher, describeKind, describeReason, explainMatch, highlightLookalike, listLookalikes, permute, setTakedownNotes } from '../../domains/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { loadOrgContext } from '../../org/index.ts';
import type { AppContext } from '../context.ts';
import { q, route } from '../http.ts';

export default function domainRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/domains/lookalikes',
    summary: 'Lookalike domains seen in feeds, newest first, with first seen, kind, DNS resolution, takedown notes and the spans to highlight',
    tag: 'domains',
    access: 'viewer',
    query: z.object({ limit: q.limit(1000, 200) }),
    async handler({ query }) {
      const items = await listLookalikes(ctx.store.db, query.limit);
      return { items: items.map((r) => ({ ...r, marks: highlightLookalike(r.domain, r.kind, r.protected) })) };
    },
  });

  route(api, {
    method: 'PUT',
    url: '/domains/lookalikes/:domain/notes',
    summary: 'Record takedown notes for a lookalike',
    tag: 'domains',
    access: 'analyst',
    params: z.object({ domain: z.string().min(3).max(253) }),
    body: z.object({ notes: z.string().max(5000) }),
    async handler({ params, body, actor }) {
      await setTakedownNotes(ctx.store, actor, params.domain, body.notes);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: '/domains/watched',
    summary: 'What the lookalike matcher watches: protected domains, the organisation’s brands, and how many built-in brands',
    tag: 'domains',
    access: 'viewer',
    async handler() {
      const org = await loadOrgContext(ctx.store.db);
      return { protectedDomains: org.protectedDomains, brandDomains: org.brandDomains, builtinBrands: BUILTIN_BRANDS.length };
    },
  });

  route(api, {
    method: 'GET',
    url: '/domains/match',
    summary: 'Does this domain imitate a protected domain or a brand, and how?',
    tag: 'domains',
    access: 'viewer',
    query: z.object({ domain: z.string().min(1).max(253) }),
    async handler({ query }) {
      const org = await loadOrgContext(ctx.store.db);
      const m = buildMatcher(org.protectedDomains, { brands: org.brandDomains, brandSpecs: org.brands }).match(query.domain);
      return { match: m ? { ...m, marks: highlightLookalike(m.domain, m.kind, m.protected, m.word), explanation: { fr: explainMatch(m, 'fr'), en: explainMatch(m, 'en') }, reasonsText: { fr: m.reasons.map((r) => describeReason(r, 'fr')), en: m.reasons.map((r) => describeReason(r, 'en')) }, kindText: { fr: describeKind(m.kind, 'fr'), en: describeKind(m.kind, 'en') } } : null };
    },
  });

  route(api, {
    method: 'GET',
    url: '/domains/permute',
    summary: 'Lookalike names of a domain (every dnstwist fuzzer plus campaign affixes)',
    tag: 'domains',
    access: 'viewer',
    query: z.object({ domain: z.string().min(3).max(253) }),
    async handler({ query }) {
      try {
        return { items: permute(query.domain) };
      } catch (e) {
        throw ValidationError('domains.bad_domain', (e as Error).message);
      }
    },
  });
}
