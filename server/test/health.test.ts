import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testBackend, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health endpoints', () => {
  it('reports the process as up', async () => {
    const response = await t.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports ready once the database answers and all migrations are applied', async () => {
    const response = await t.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: testBackend() });
  });

  it('answers unknown API paths with a German 404 error object by default and English on request', async () => {
    const german = await t.request('/api/does-not-exist');
    expect(german.status).toBe(404);
    expect(await german.json()).toEqual({ error: { code: 'not_found', message: 'Nicht gefunden.' } });
    const english = await t.request('/api/does-not-exist', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe('Not found.');
  });

  it('sends security headers and no-store on API answers', async () => {
    const response = await t.request('/api/bodies');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // JavaScript eval stays forbidden; only WebAssembly compilation is allowed (pdf.js image decoders).
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  });
});
