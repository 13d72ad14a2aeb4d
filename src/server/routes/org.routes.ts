import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { addDomain, importStaffCsv, listDomains, listStaff, loadOrgContext, removeDomain, setOrgName } from '../../org/index.ts';
import { audit } from '../../access/index.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { route } from '../http.ts';

export default function orgRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/org',
    summary: 'The organisation: name, domains, staff count',
    tag: 'org',
    access: 'viewer',
    async handler() {
      const c = await loadOrgContext(ctx.store.db);
      return { name: c.name, protectedDomains: c.protectedDomains, partnerDomains: c.partnerDomains, brandDomains: c.brandDomains, staffCount: c.staff.length };
    },
  });

  route(api, {
    method: 'PUT',
    url: '/org/name',
    summary: 'Set the organisation’s name',
    tag: 'org',
    access: 'admin',
    body: z.object({ name: z.string().min(1).max(200) }),
    async handler({ body, actor }) {
      await ctx.store.transaction(async (trx) => {
        await setOrgName(trx, body.name);
        await audit(trx, actor, 'org.set_name', body.name);
      });
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: '/org/staff',
    summary: 'The staff directory',
    tag: 'org',
    access: 'viewer',
    async handler() {
      const rows = await listStaff(ctx.store.db);
      return { items: rows.map((r) => ({ id: r.id, fullName: r.full_name, email: r.email, department: r.department, role: r.role, lang: r.lang, active: r.active === 1 })) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/org/staff/import',
    summary: 'Import a staff directory CSV (text body); bad rows are reported per line',
    tag: 'org',
    access: 'analyst',
    bodyLimit: 6 * 1024 * 1024,
    body: z.object({ csv: z.string().min(1) }),
    async handler({ body, actor }) {
      const r = await importStaffCsv(ctx.store, body.csv);
      await audit(ctx.store.db, actor, 'org.import_staff', null, { created: r.created, updated: r.updated, errors: r.errors.length });
      return r;
    },
  });

  route(api, {
    method: 'GET',
    url: '/org/domains',
    summary: 'Protected, partner and brand domains',
    tag: 'org',
    access: 'viewer',
    async handler() {
      return { items: (await listDomains(ctx.store.db)).map((d) => ({ domain: d.domain, kind: d.kind, label: d.label, addedAt: d.added_at })) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/org/domains',
    summary: 'Add a protected, partner or brand domain',
    tag: 'org',
    access: 'analyst',
    body: z.object({ domain: z.string().min(3).max(253), kind: z.enum(['protected', 'partner', 'brand']).default('protected'), label: z.string().max(100).optional() }),
    async handler({ body, actor }) {
      return ctx.store.transaction(async (trx) => {
        const d = await addDomain(trx, body.domain, body.kind, body.label);
        await audit(trx, actor, 'org.add_domain', d.domain, { kind: d.kind });
        return { domain: d.domain, kind: d.kind, label: d.label, addedAt: d.added_at };
      });
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/org/domains/:domain',
    summary: 'Remove a domain',
    tag: 'org',
    access: 'analyst',
    params: z.object({ domain: z.string().min(1).max(253) }),
    async handler({ params, actor }) {
      await ctx.store.transaction(async (trx) => {
        if (!(await removeDomain(trx, params.domain))) throw NotFoundError('org.domain_not_found', `No domain ${params.domain}`);
        await audit(trx, actor, 'org.remove_domain', params.domain);
      });
      return { ok: true };
    },
  });
}
