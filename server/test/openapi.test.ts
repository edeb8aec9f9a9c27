import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every /api route the app has, and nothing it lacks', async () => {
    const response = await t.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApiDocument;
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const actual = [
      ...new Set(
        t.app.routes
          .filter((r) => r.path.startsWith('/api/') && !r.path.endsWith('*') && r.method !== 'ALL')
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
      ),
    ].sort();
    expect(documented).toEqual(actual);
  });

  it('describes request bodies with the shared schemas', async () => {
    const document = (await (await t.request('/api/openapi.json')).json()) as OpenApiDocument;
    const createMeeting = document.paths['/api/bodies/{bodyRef}/meetings']!.post!;
    expect(JSON.stringify(createMeeting.requestBody)).toContain('organizationIds');
    expect(createMeeting.responses['201']).toBeDefined();
  });
});
