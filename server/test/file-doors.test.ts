import type { ErrorResponse, FileView } from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * One body with a Bauausschuss and a Finanzausschuss; a Bauausschuss meeting with a public and a non-public item.
 * Readers of non-public Bauausschuss files: staff and Bauausschuss members. Not: Finanzausschuss members, anonymous.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
let meetingId: string;
let publicItemId: string;
let secretItemId: string;
let publicBytes: Uint8Array;
let publicFile: FileView;
let secretBytes: Uint8Array;
let secretFile: FileView;

const db = () => t.ctx.database.db;

async function pdf(text: string) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let page = 0; page < 3; page++) doc.addPage().drawText(`${text}, Seite ${page + 1}`, { x: 50, y: 700, font });
  return doc.save();
}

async function upload(target: string, bytes: Uint8Array, name: string, query = ''): Promise<Response> {
  return t.request(`${target}${query ? `?${query}` : ''}`, {
    method: 'POST',
    cookie: cookies.staff,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
    body: bytes,
  });
}

async function uploaded(target: string, bytes: Uint8Array, name: string, query = ''): Promise<FileView> {
  const response = await upload(target, bytes, name, query);
  expect(response.status).toBe(201);
  return (await response.json()) as FileView;
}

const get = (path: string, who: string, headers: Record<string, string> = {}) =>
  t.request(path, { cookie: cookies[who], headers });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

async function downloads(fileId: string) {
  return db()
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'file.download')
    .where('object_id', '=', fileId)
    .orderBy('id')
    .execute();
}

async function setMeetingState(state: 'planned' | 'invited') {
  await db().updateTable('meeting').set({ meeting_state: state }).where('id', '=', meetingId).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  const body = await makeBody(db());
  const bau = await makeOrganization(db(), body.id, 'committee', 'Bauausschuss');
  const finanz = await makeOrganization(db(), body.id, 'committee', 'Finanzausschuss');
  const staff = await makeAccount(db(), { officeStaffOf: [body.id] });
  cookies.staff = await signIn(t, staff.email);
  for (const [who, org] of [
    ['bauMember', bau.id],
    ['finanzMember', finanz.id],
  ] as const) {
    const person = await makePerson(db(), body.id);
    await makeMembership(db(), person, org);
    cookies[who] = await signIn(t, (await makeAccount(db(), { personIds: [person.id] })).email);
  }
  cookies.anonymous = '';

  const meeting = await t.request(`/api/bodies/${body.id}/meetings`, {
    method: 'POST',
    cookie: cookies.staff,
    body: JSON.stringify({ name: 'Bauausschuss', start: '2026-12-03T18:00:00+01:00', organizationIds: [bau.id] }),
  });
  meetingId = ((await meeting.json()) as { id: string }).id;
  for (const isPublic of [true, false]) {
    const response = await t.request(`/api/meetings/${meetingId}/agenda-items`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ name: isPublic ? 'Radweg Mühlweg' : 'Grundstücksangelegenheit', public: isPublic }),
    });
    const id = ((await response.json()) as { id: string }).id;
    if (isPublic) publicItemId = id;
    else secretItemId = id;
  }
  publicBytes = await pdf('Radweg Mühlweg: Lageplan');
  publicFile = await uploaded(
    `/api/agenda-items/${publicItemId}/files`,
    publicBytes,
    'Lageplan Mühlweg.pdf',
    'public=true',
  );
  secretBytes = await pdf('Grundstücksangelegenheit: Kaufvertragsentwurf');
  secretFile = await uploaded(`/api/agenda-items/${secretItemId}/files`, secretBytes, 'Kaufvertrag.pdf');
});
afterAll(() => t.close());

describe('who may open which file', () => {
  it('serves a public file to everyone, publicly cacheable, and does not audit it', async () => {
    expect(publicFile.public).toBe(true);
    const response = await get(`/files/${publicFile.id}`, 'anonymous');
    expect(response.status).toBe(200);
    expect((await bytesOf(response)).equals(Buffer.from(publicBytes))).toBe(true);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await downloads(publicFile.id)).toHaveLength(0);
  });

  it.each(['staff', 'bauMember'])('serves a non-public file to %s, privately, and audits the download', async (who) => {
    const before = (await downloads(secretFile.id)).length;
    const response = await get(`/files/${secretFile.id}/download`, who);
    expect(response.status).toBe(200);
    expect((await bytesOf(response)).equals(Buffer.from(secretBytes))).toBe(true);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const entries = await downloads(secretFile.id);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)!.details).toMatchObject({ version: 1, range: false, door: 'file' });
    expect(entries.at(-1)!.account_id).not.toBeNull();
  });

  it.each(['anonymous', 'finanzMember'])(
    'answers %s 404 for a non-public file, its versions, its metadata and its blob, like an unknown id',
    async (who) => {
      const unknown = await get('/files/00000000-0000-4000-8000-000000000000', who);
      for (const path of [
        `/files/${secretFile.id}`,
        `/files/${secretFile.id}/download`,
        `/files/${secretFile.id}/versions/1`,
        `/api/files/${secretFile.id}`,
        `/api/blobs/${secretFile.current!.sha256}`,
      ]) {
        const response = await get(path, who);
        expect(response.status, path).toBe(404);
        expect(await response.text()).not.toContain('Kaufvertrag');
      }
      expect(unknown.status).toBe(404);
      expect((await get(`/api/agenda-items/${secretItemId}/files`, who)).status).toBe(404);
    },
  );

  it('lists only the files a principal may read', async () => {
    const list = async (who: string) =>
      (await (await get(`/api/meetings/${meetingId}/files`, who)).json()) as FileView[];
    expect(await list('anonymous')).toEqual([]);
    const items = (await (await get(`/api/agenda-items/${publicItemId}/files`, 'anonymous')).json()) as FileView[];
    expect(items.map((f) => f.id)).toEqual([publicFile.id]);
    const secret = (await (await get(`/api/agenda-items/${secretItemId}/files`, 'bauMember')).json()) as FileView[];
    expect(secret.map((f) => f.id)).toEqual([secretFile.id]);
  });

  it('never makes a file of a non-public agenda item public', async () => {
    const atUpload = await upload(
      `/api/agenda-items/${secretItemId}/files`,
      await pdf('Anlage'),
      'Anlage.pdf',
      'public=true',
    );
    expect(atUpload.status).toBe(409);
    const confirm = await t.request(`/api/files/${secretFile.id}/confirm-visibility`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ public: true }),
    });
    expect(confirm.status).toBe(409);
    expect(((await confirm.json()) as ErrorResponse).error.issues?.[0]?.message).toContain('nicht öffentlicher');
    expect((await get(`/files/${secretFile.id}`, 'anonymous')).status).toBe(404);
  });

  it('serves a blob by sha256 to those who may read one file with that content, and audits non-public reads', async () => {
    const blob = await get(`/api/blobs/${secretFile.current!.sha256}`, 'bauMember');
    expect(blob.status).toBe(200);
    expect((await bytesOf(blob)).equals(Buffer.from(secretBytes))).toBe(true);
    expect(blob.headers.get('etag')).toBe(`"${secretFile.current!.sha256}"`);
    expect(blob.headers.get('cache-control')).toBe('no-store');
    expect((await downloads(secretFile.id)).at(-1)!.details).toMatchObject({ door: 'blob' });
    expect((await get(`/api/blobs/${publicFile.current!.sha256}`, 'anonymous')).status).toBe(200);
    expect((await get(`/api/blobs/${'0'.repeat(64)}`, 'staff')).status).toBe(404);
    expect((await get('/api/blobs/not-a-sha', 'staff')).status).toBe(404);
  });

  it('opens a blob to anyone once the same content is also attached publicly, and only then', async () => {
    const bytes = await pdf('Gutachten Lärmschutz');
    const hidden = await uploaded(`/api/agenda-items/${secretItemId}/files`, bytes, 'Gutachten.pdf');
    expect((await get(`/api/blobs/${hidden.current!.sha256}`, 'anonymous')).status).toBe(404);
    await uploaded(`/api/agenda-items/${publicItemId}/files`, bytes, 'Gutachten.pdf', 'public=true');
    expect((await get(`/api/blobs/${hidden.current!.sha256}`, 'anonymous')).status).toBe(200);
    expect(await downloads(hidden.id)).toHaveLength(0);
  });
});

describe('late additions after the invitation', () => {
  it('keeps a file added to an invited meeting non-public until the office confirms it, and audits that', async () => {
    await setMeetingState('invited');
    try {
      const bytes = await pdf('Tischvorlage: Ergänzung zum Radweg');
      const file = await uploaded(`/api/agenda-items/${publicItemId}/files`, bytes, 'Tischvorlage.pdf', 'public=true');
      expect(file).toMatchObject({ public: false, visibilityConfirmed: false });
      expect((await get(`/files/${file.id}`, 'anonymous')).status).toBe(404);
      expect((await get(`/files/${file.id}`, 'bauMember')).status).toBe(200);

      const denied = await t.request(`/api/files/${file.id}/confirm-visibility`, {
        method: 'POST',
        cookie: cookies.bauMember,
        body: JSON.stringify({ public: true }),
      });
      expect(denied.status).toBe(403);
      const confirmed = await t.request(`/api/files/${file.id}/confirm-visibility`, {
        method: 'POST',
        cookie: cookies.staff,
        body: JSON.stringify({ public: true }),
      });
      expect(confirmed.status).toBe(200);
      expect((await confirmed.json()) as FileView).toMatchObject({ public: true, visibilityConfirmed: true });
      expect((await get(`/files/${file.id}`, 'anonymous')).status).toBe(200);
      const audit = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'file.confirm_visibility')
        .where('object_id', '=', file.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).toMatchObject({ public: true, previousPublic: false, previouslyConfirmed: false });

      // New content for a public file after the invitation: back to awaiting confirmation.
      const replaced = await upload(
        `/api/files/${file.id}/versions`,
        await pdf('Tischvorlage, Fassung 2'),
        'Tischvorlage.pdf',
      );
      expect(replaced.status).toBe(201);
      expect((await replaced.json()) as FileView).toMatchObject({ public: false, visibilityConfirmed: false });
      expect((await get(`/files/${file.id}/versions/1`, 'anonymous')).status).toBe(404);
    } finally {
      await setMeetingState('planned');
    }
  });
});

describe('late additions to papers', () => {
  it('keeps a file added to a paper consulted at an invited meeting non-public until confirmed', async () => {
    const { body_id: bodyId } = await db()
      .selectFrom('meeting')
      .select('body_id')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    const created = await t.request(`/api/bodies/${bodyId}/papers`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ name: 'Radwegekonzept', date: '2026-11-10', paperType: 'Beschlussvorlage', public: true }),
    });
    const paperId = ((await created.json()) as { id: string }).id;
    const early = await uploaded(
      `/api/papers/${paperId}/files`,
      await pdf('Radwegekonzept'),
      'Konzept.pdf',
      'public=true',
    );
    expect(early).toMatchObject({ public: true, visibilityConfirmed: true });
    const item = await t.request(`/api/meetings/${meetingId}/agenda-items`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ name: 'Radwegekonzept', public: true, paperId }),
    });
    expect(item.status).toBe(201);
    await setMeetingState('invited');
    try {
      const late = await uploaded(
        `/api/papers/${paperId}/files`,
        await pdf('Radwegekonzept, Anlage'),
        'Anlage.pdf',
        'public=true',
      );
      expect(late).toMatchObject({ public: false, visibilityConfirmed: false });
      expect((await get(`/files/${late.id}`, 'anonymous')).status).toBe(404);
      expect((await get(`/files/${early.id}`, 'anonymous')).status).toBe(200);
    } finally {
      await setMeetingState('planned');
    }
  });
});

describe('withdrawn files', () => {
  it('answers 410 for a withdrawn public file, and 404 for a withdrawn non-public one to non-readers', async () => {
    const shown = await uploaded(
      `/api/meetings/${meetingId}/files`,
      await pdf('Einladung'),
      'Einladung.pdf',
      'public=true',
    );
    const hidden = await uploaded(`/api/meetings/${meetingId}/files`, await pdf('Vermerk'), 'Vermerk.pdf');
    for (const file of [shown, hidden]) {
      const response = await t.request(`/api/files/${file.id}`, { method: 'DELETE', cookie: cookies.staff });
      expect(response.status).toBe(204);
    }
    expect((await get(`/files/${shown.id}`, 'anonymous')).status).toBe(410);
    expect((await get(`/files/${shown.id}/versions/1/download`, 'anonymous')).status).toBe(410);
    expect((await get(`/files/${hidden.id}`, 'anonymous')).status).toBe(404);
    expect((await get(`/files/${hidden.id}`, 'bauMember')).status).toBe(410);
    expect((await get(`/api/blobs/${shown.current!.sha256}`, 'anonymous')).status).toBe(404);
    const audit = await db().selectFrom('audit_log').select('object_id').where('action', '=', 'file.delete').execute();
    expect(audit.map((a) => a.object_id)).toEqual(expect.arrayContaining([shown.id, hidden.id]));
  });
});

describe('HTTP semantics of the file doors', () => {
  const doors = () => [`/files/${publicFile.id}`, `/api/blobs/${publicFile.current!.sha256}`];

  it('sends validators, range support and a sandboxing policy', async () => {
    const response = await get(`/files/${publicFile.id}`, 'anonymous');
    expect(response.headers.get('etag')).toBe(`"${publicFile.current!.sha256}"`);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(publicBytes.length));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(new Date(response.headers.get('last-modified')!).getTime()).toBeLessThanOrEqual(Date.now());
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="Lageplan Muehlweg.pdf"; filename*=UTF-8''Lageplan%20M%C3%BChlweg.pdf`,
    );
    const attachment = await get(`/files/${publicFile.id}/download`, 'anonymous');
    expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; filename="Lageplan Muehlweg.pdf"/);
  });

  it.each([0, 1])('answers a single range with 206 and the exact bytes (door %i)', async (door) => {
    const path = doors()[door]!;
    const size = publicBytes.length;
    for (const [header, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-50', size - 50, size - 1],
      [`bytes=10-${size + 1000}`, 10, size - 1],
    ] as const) {
      const response = await get(path, 'anonymous', { range: header });
      expect(response.status, header).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect((await bytesOf(response)).equals(Buffer.from(publicBytes.subarray(start, end + 1)))).toBe(true);
    }
  });

  it.each([0, 1])('answers an unsatisfiable range with 416 and the size (door %i)', async (door) => {
    const response = await get(doors()[door]!, 'anonymous', { range: `bytes=${publicBytes.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${publicBytes.length}`);
  });

  it.each([0, 1])('ignores multiple and malformed ranges and sends the whole file (door %i)', async (door) => {
    for (const header of ['bytes=0-1,5-6', 'lines=1-2', 'bytes=9-3']) {
      const response = await get(doors()[door]!, 'anonymous', { range: header });
      expect(response.status, header).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(publicBytes.length));
    }
  });

  it.each([0, 1])('answers 304 to a matching If-None-Match, weak or strong (door %i)', async (door) => {
    const etag = `"${publicFile.current!.sha256}"`;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await get(doors()[door]!, 'anonymous', { 'if-none-match': header });
      expect(response.status, header).toBe(304);
      expect(await response.text()).toBe('');
    }
    expect((await get(doors()[door]!, 'anonymous', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified', async () => {
    const first = await get(`/files/${publicFile.id}`, 'anonymous');
    const lastModified = first.headers.get('last-modified')!;
    expect((await get(`/files/${publicFile.id}`, 'anonymous', { 'if-modified-since': lastModified })).status).toBe(304);
    const before = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get(`/files/${publicFile.id}`, 'anonymous', { 'if-modified-since': before })).status).toBe(200);
  });

  it.each([0, 1])('honours Range only while If-Range still matches (door %i)', async (door) => {
    const etag = `"${publicFile.current!.sha256}"`;
    const resumed = await get(doors()[door]!, 'anonymous', { range: 'bytes=100-', 'if-range': etag });
    expect(resumed.status).toBe(206);
    const stale = await get(doors()[door]!, 'anonymous', { range: 'bytes=100-', 'if-range': `"${'1'.repeat(64)}"` });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).equals(Buffer.from(publicBytes))).toBe(true);
    const weak = await get(doors()[door]!, 'anonymous', { range: 'bytes=100-', 'if-range': `W/${etag}` });
    expect(weak.status).toBe(200);
  });

  it('resumes an interrupted download with Range + If-Range to the same bytes', async () => {
    const path = `/files/${publicFile.id}`;
    const head = await get(path, 'anonymous', { range: 'bytes=0-999' });
    const etag = head.headers.get('etag')!;
    const rest = await get(path, 'anonymous', { range: 'bytes=1000-', 'if-range': etag });
    expect(Buffer.concat([await bytesOf(head), await bytesOf(rest)]).equals(Buffer.from(publicBytes))).toBe(true);
  });

  it.each([0, 1])('answers HEAD with the headers of GET and no body (door %i)', async (door) => {
    const response = await t.request(doors()[door]!, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(publicBytes.length));
    expect(response.headers.get('etag')).toBe(`"${publicFile.current!.sha256}"`);
    expect(await response.text()).toBe('');
    const ranged = await t.request(doors()[door]!, { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${publicBytes.length}`);
  });

  it('audits a ranged read of a non-public file as such, and neither HEAD nor 304', async () => {
    const before = (await downloads(secretFile.id)).length;
    const etag = `"${secretFile.current!.sha256}"`;
    expect((await t.request(`/files/${secretFile.id}`, { method: 'HEAD', cookie: cookies.staff })).status).toBe(200);
    expect((await get(`/files/${secretFile.id}`, 'staff', { 'if-none-match': etag })).status).toBe(304);
    expect(await downloads(secretFile.id)).toHaveLength(before);
    expect((await get(`/files/${secretFile.id}`, 'staff', { range: 'bytes=0-9' })).status).toBe(206);
    const entries = await downloads(secretFile.id);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)!.details).toMatchObject({ range: true });
  });

  it('answers 404 for malformed ids, versions and unknown sub-paths under /files', async () => {
    for (const path of [
      '/files/not-a-uuid',
      `/files/${publicFile.id}/versions/0`,
      `/files/${publicFile.id}/versions/2`,
      `/files/${publicFile.id}/versions/abc`,
      `/files/${publicFile.id}/something`,
      '/files',
    ]) {
      const response = await get(path, 'anonymous');
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/json');
    }
  });
});
