import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../core/errors.ts';
import type { Actor } from '../access/audit.ts';
import { roleAllows, type PublicUser, type Role } from '../access/index.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, or users with at least this role. */
export type Access = 'public' | Role;

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** Larger body limit for uploads, in bytes. */
  bodyLimit?: number;
  /** Per-IP limit, requests per minute, for sensitive routes such as login. */
  perMinute?: number;
  handler: (input: {
    body: z.infer<B>;
    query: z.infer<Q>;
    params: z.infer<P>;
    user: PublicUser | undefined;
    actor: Actor;
    req: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<unknown>;
}

export interface OpenApiEntry {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

declare module 'fastify' {
  interface FastifyInstance {
    openapiEntries: OpenApiEntry[];
  }
  interface FastifyRequest {
    user?: PublicUser;
    /** Set when the request is authenticated by a session cookie (CSRF applies). */
    sessionCsrf?: string;
  }
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!r.success) {
    const i = r.error.issues[0];
    const path = i.path.join('.');
    throw ValidationError('request.invalid', `Invalid ${where}${path ? ` field "${path}"` : ''}: ${i.message}`, { where, path });
  }
  return r.data;
}

export function actorOf(req: FastifyRequest): Actor {
  return req.user ? { id: req.user.id, label: req.user.username, ip: req.ip } : { id: null, label: 'anonymous', ip: req.ip };
}

/**
 * Declares an API route: access check, validation of params, query and body with Zod, and an
 * entry in the OpenAPI document. The handler returns the JSON body.
 */
export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
): void {
  app.openapiEntries.push({ method: spec.method, url: spec.url, summary: spec.summary, tag: spec.tag, access: spec.access, body: spec.body, query: spec.query, params: spec.params });
  app.route({
    method: spec.method,
    url: spec.url,
    bodyLimit: spec.bodyLimit,
    config: spec.perMinute ? { rateLimit: { max: spec.perMinute, timeWindow: 60_000 } } : undefined,
    handler: async (req, reply) => {
      if (spec.access !== 'public') {
        if (!req.user) throw UnauthorizedError();
        if (!roleAllows(req.user.role, spec.access)) throw ForbiddenError();
      }
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body, 'body');
      const result = await spec.handler({ body, query, params, user: req.user, actor: actorOf(req), req, reply });
      if (reply.sent) return reply;
      return result ?? { ok: true };
    },
  });
}

/** Query-string helpers: numbers and lists arrive as strings. */
export const q = {
  limit: (max = 1000, dflt = 100) => z.coerce.number().int().min(1).max(max).default(dflt),
  list: <T extends z.ZodType>(item: T) =>
    z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item)).optional(),
};

export const idParams = z.object({ id: z.string().min(1).max(100) });
