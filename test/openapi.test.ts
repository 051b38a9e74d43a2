// The OpenAPI document at /api/docs describes every /api/v1 route: a route
// added without its schema, tags or error responses fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

interface Operation {
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  openapi: string;
  security?: Record<string, string[]>[];
  components?: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, Operation>>;
}

// The database engine does not change the document: SQLite only.
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const res = await t.app.inject({ url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as Document;
  });
  afterAll(async () => t.close());

  const apiRoutes = () => t.app.hearthRoutes.filter((r) => r.url.startsWith('/api/v1/'));
  const openApiPath = (url: string) => url.replace(/:([A-Za-z_]\w*)/g, '{$1}');

  it('is OpenAPI 3 with the bearer token scheme', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toContainEqual({ bearerAuth: [] });
  });

  it('lists every registered /api/v1 route', () => {
    expect(apiRoutes().length).toBeGreaterThan(10);
    const missing = apiRoutes()
      .filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, 'routes missing from /api/docs (give them a schema with tags)').toEqual([]);
  });

  it('gives each of them tags, a described success response, error responses, security and its path parameters', () => {
    const schemes = Object.keys(doc.components?.securitySchemes ?? {});
    const problems: string[] = [];
    for (const r of apiRoutes()) {
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      if (!op) continue;
      const name = `${r.method} ${r.url}`;
      if (!op.tags?.length) problems.push(`${name}: no tags`);
      const statuses = Object.keys(op.responses ?? {});
      const ok = statuses.find((s) => s.startsWith('2'));
      if (!ok || !op.responses![ok]!.content?.['application/json']?.schema) problems.push(`${name}: no 2xx response schema`);
      if (!statuses.some((s) => s.startsWith('4'))) problems.push(`${name}: no error responses`);
      const security = op.security ?? doc.security ?? [];
      if (security.length === 0) problems.push(`${name}: no security requirement`);
      for (const req of security) for (const s of Object.keys(req)) if (!schemes.includes(s)) problems.push(`${name}: unknown security scheme ${s}`);
      for (const param of [...r.url.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!)) {
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === param)) problems.push(`${name}: path parameter ${param} not described`);
      }
      if (['POST', 'PUT', 'PATCH'].includes(r.method) && op.requestBody && !op.requestBody.content?.['application/json']?.schema) {
        problems.push(`${name}: request body without a schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes request bodies and the error body', () => {
    const create = doc.paths['/api/v1/announcements']!.post!;
    expect(create.requestBody?.content?.['application/json']?.schema).toMatchObject({ required: expect.arrayContaining(['lang', 'title', 'body']) });
    expect(create.responses!['403']!.content!['application/json']!.schema).toMatchObject({ properties: { error: { properties: { code: { type: 'string' } } } } });
    // Public reading: a token is optional there.
    expect(doc.paths['/api/v1/announcements']!.get!.security).toContainEqual({});
  });
});
