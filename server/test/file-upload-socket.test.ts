import { readdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeAccount, makeBody, makeOrganization, signIn } from './factories.js';
import { createTestApp, testOrigin, type TestApp } from './harness.js';

/**
 * The same upload rules over a real socket (@hono/node-server, as in production): the client must get the early
 * answer while it is still sending, and a client that disconnects must leave nothing behind.
 */
let t: TestApp;
let server: ServerType;
let port: number;
let cookie: string;
let meetingId: string;
const chunk = 64 * 1024;

interface Sent {
  status: number | null;
  body: string;
  chunksWritten: number;
}

/** Streams `chunks` chunks of `chunk` bytes, starting with a PDF header. */
function send(headers: Record<string, string>, chunks: number): Promise<Sent> {
  return new Promise((resolve) => {
    let written = 0;
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/meetings/${meetingId}/files`,
        method: 'POST',
        agent: false,
        headers: {
          cookie,
          origin: testOrigin,
          'content-type': 'application/pdf',
          'x-file-name': 'Vorlage.pdf',
          ...headers,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => (body += text));
        response.on('end', () => resolve({ status: response.statusCode ?? null, body, chunksWritten: written }));
      },
    );
    request.on('error', () => resolve({ status: null, body: '', chunksWritten: written }));
    const pump = () => {
      while (written < chunks) {
        const bytes = Buffer.alloc(chunk, 0x20);
        if (written === 0) bytes.write('%PDF-1.7\n', 'latin1');
        written++;
        if (!request.write(bytes)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

const tmpFiles = () => readdir(path.join(t.ctx.config.dataDir, 'blobs', 'tmp'));
const fileRows = async () => (await t.ctx.database.db.selectFrom('file').select('id').execute()).length;

beforeAll(async () => {
  t = await createTestApp({ env: { MAX_UPLOAD_MB: '1' } });
  const db = t.ctx.database.db;
  const body = await makeBody(db);
  const committee = await makeOrganization(db, body.id, 'committee');
  cookie = await signIn(t, (await makeAccount(db, { officeStaffOf: [body.id] })).email);
  const meeting = await t.request(`/api/bodies/${body.id}/meetings`, {
    method: 'POST',
    cookie,
    body: JSON.stringify({ name: 'Bauausschuss', start: '2026-12-03T18:00:00+01:00', organizationIds: [committee.id] }),
  });
  meetingId = ((await meeting.json()) as { id: string }).id;
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('uploads over a real socket', () => {
  it('answers 413 for an announced 50 MB body while the client is still sending it', async () => {
    const sent = await send({ 'content-length': String(50 * 1024 * 1024) }, 800);
    expect(sent.status).toBe(413);
    expect(sent.body).toContain('payload_too_large');
    expect(sent.chunksWritten).toBeLessThan(800);
  });

  it('answers 413 for a chunked body once it crosses the limit, before the client has sent it all', async () => {
    const sent = await send({ 'transfer-encoding': 'chunked' }, 800);
    expect(sent.status).toBe(413);
    expect(sent.chunksWritten).toBeLessThan(800);
    await vi.waitFor(async () => expect(await tmpFiles()).toEqual([]));
  });

  it('leaves no temp file and no row when the client disconnects mid-upload', async () => {
    const before = await fileRows();
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: `/api/meetings/${meetingId}/files`,
      method: 'POST',
      agent: false,
      headers: { cookie, origin: testOrigin, 'content-type': 'application/pdf', 'x-file-name': 'Vorlage.pdf' },
    });
    request.on('error', () => undefined);
    request.write(Buffer.from('%PDF-1.7\n'));
    request.write(Buffer.alloc(chunk, 0x20));
    // The server is receiving: its temp file exists.
    await vi.waitFor(async () => expect(await tmpFiles()).toHaveLength(1), { timeout: 5_000 });
    request.destroy();
    await vi.waitFor(async () => expect(await tmpFiles()).toEqual([]), { timeout: 5_000 });
    expect(await fileRows()).toBe(before);
  });
});
