import { z } from 'zod';
import type { OpenApiEntry } from './http.ts';

function schemaOf(s: z.ZodType | undefined, io: 'input' | 'output' = 'input'): Record<string, unknown> | undefined {
  if (!s) return undefined;
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return rest;
  } catch {
    return { type: 'object' };
  }
}

/** Builds the OpenAPI 3.1 document from the routes as declared, so it cannot drift from the code. */
export function buildOpenApi(entries: OpenApiEntry[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of entries) {
    const path = e.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, s] of [['path', e.params], ['query', e.query]] as const) {
      const js = schemaOf(s);
      const props = (js?.properties ?? {}) as Record<string, unknown>;
      const required = new Set((js?.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema });
    }
    (paths[path] ??= {})[e.method.toLowerCase()] = {
      summary: e.summary,
      tags: [e.tag],
      security: e.access === 'public' ? [] : [{ session: [] }, { token: [] }],
      'x-rempart-role': e.access,
      parameters: parameters.length ? parameters : undefined,
      requestBody: e.body ? { required: true, content: { 'application/json': { schema: schemaOf(e.body) } } } : undefined,
      responses: {
        '200': { description: 'OK' },
        '400': { $ref: '#/components/responses/Error' },
        ...(e.access === 'public' ? {} : { '401': { $ref: '#/components/responses/Error' }, '403': { $ref: '#/components/responses/Error' } }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rempart API', version, description: 'JSON API of Rempart. Errors are {"error":{"id","message"}} with stable ids.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'rempart_session', description: 'Dashboard session; state changes also need the x-csrf-token header.' },
        token: { type: 'http', scheme: 'bearer', description: 'API token (rmp_…), created in the dashboard or with the CLI.' },
      },
      responses: {
        Error: {
          description: 'Error',
          content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { id: { type: 'string' }, message: { type: 'string' } }, required: ['id', 'message'] } } } } },
        },
      },
    },
  };
}
