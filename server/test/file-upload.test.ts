import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorResponse, FileView } from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, testOrigin, testPublicUrl, type TestApp } from './harness.js';

/** MAX_UPLOAD_MB=1 so that the size limit is cheap to cross. */
let t: TestApp;
const cookies: Record<string, string> = {};
let bodyId: string;
let meetingId: string;
let otherMeetingId: string;
let paperId: string;
const limit = 1024 * 1024;

async function pdf(text: string, options: { javascript?: boolean; objectStreams?: boolean } = {}) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, font, size: 14 });
  if (options.javascript) doc.addJavaScript('greeting', 'app.alert("Guten Tag")');
  return doc.save({ useObjectStreams: options.objectStreams ?? true });
}

function upload(
  target: string,
  body: RequestInit['body'],
  options: { name?: string; cookie?: string; query?: string; headers?: Record<string, string> } = {},
) {
  return t.request(`${target}${options.query ? `?${options.query}` : ''}`, {
    method: 'POST',
    cookie: options.cookie ?? cookies.staff,
    headers: {
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent(options.name ?? 'Beschlussvorlage.pdf'),
      ...options.headers,
    },
    body,
    duplex: 'half',
  });
}

const db = () => t.ctx.database.db;
const blobDir = () => path.join(t.ctx.config.dataDir, 'blobs');
const tmpFiles = () => readdir(path.join(blobDir(), 'tmp'));
const countFiles = async () =>
  Number(
    (
      await db()
        .selectFrom('file')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const countVersions = async () =>
  Number(
    (
      await db()
        .selectFrom('file_version')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditActions = async (action: string) =>
  db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

async function errorOf(response: Response) {
  return ((await response.json()) as ErrorResponse).error;
}

/** A request body that counts what the server pulled from it, and can fail in the middle. */
function countingBody(chunks: number, chunkSize: number, failAt?: number) {
  const state = { pulled: 0, cancelled: false };
  const first = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAt !== undefined && state.pulled === failAt) {
        controller.error(new Error('connection reset by peer'));
        return;
      }
      state.pulled++;
      controller.enqueue(
        state.pulled === 1
          ? Buffer.concat([first, Buffer.alloc(chunkSize - first.length, 0x20)])
          : Buffer.alloc(chunkSize, 0x20),
      );
      if (state.pulled === chunks) controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

beforeAll(async () => {
  t = await createTestApp({ env: { MAX_UPLOAD_MB: '1' } });
  const body = await makeBody(db());
  bodyId = body.id;
  const otherBody = await makeBody(db());
  const bau = await makeOrganization(db(), body.id, 'committee', 'Bauausschuss');
  const staff = await makeAccount(db(), { officeStaffOf: [body.id] });
  cookies.staff = await signIn(t, staff.email);
  const foreignStaff = await makeAccount(db(), { officeStaffOf: [otherBody.id] });
  cookies.foreignStaff = await signIn(t, foreignStaff.email);
  const person = await makePerson(db(), body.id);
  await makeMembership(db(), person, bau.id);
  const member = await makeAccount(db(), { personIds: [person.id] });
  cookies.member = await signIn(t, member.email);

  const meeting = async (name: string) => {
    const response = await t.request(`/api/bodies/${body.id}/meetings`, {
      method: 'POST',
      cookie: cookies.staff,
      body: JSON.stringify({ name, start: '2026-12-03T18:00:00+01:00', organizationIds: [bau.id] }),
    });
    return ((await response.json()) as { id: string }).id;
  };
  meetingId = await meeting('Sitzung des Bauausschusses');
  otherMeetingId = await meeting('Sondersitzung des Bauausschusses');
  const paper = await t.request(`/api/bodies/${body.id}/papers`, {
    method: 'POST',
    cookie: cookies.staff,
    body: JSON.stringify({
      name: 'Bebauungsplan Mühlweg',
      date: '2026-11-10',
      paperType: 'Beschlussvorlage',
      public: true,
    }),
  });
  paperId = ((await paper.json()) as { id: string }).id;
});
afterAll(() => t.close());

describe('uploading a document', () => {
  it('stores a real PDF, answers 201 with the file and its first version, and audits the upload', async () => {
    const bytes = await pdf('Einladung zur Sitzung des Bauausschusses');
    const response = await upload(`/api/meetings/${meetingId}/files`, bytes, {
      name: 'Einladung – Bauausschuss.pdf',
      query: 'role=invitation',
    });
    expect(response.status).toBe(201);
    const file = (await response.json()) as FileView;
    expect(response.headers.get('location')).toBe(`/api/files/${file.id}`);
    expect(file).toMatchObject({
      name: 'Einladung – Bauausschuss',
      role: 'invitation',
      owner: { type: 'meeting', id: meetingId },
      public: false,
      visibilityConfirmed: true,
      current: {
        version: 1,
        size: bytes.length,
        mimeType: 'application/pdf',
        fileName: 'Einladung – Bauausschuss.pdf',
      },
    });
    const stored = await t.ctx.blobs.read(file.current!.sha256).toArray();
    expect(Buffer.concat(stored as Buffer[]).equals(Buffer.from(bytes))).toBe(true);
    const [entry] = (await auditActions('file.create')).filter((a) => a.object_id === file.id);
    expect(entry).toMatchObject({ body_id: bodyId, object_type: 'file' });
    expect(entry!.details).toMatchObject({ sha256: file.current!.sha256, version: 1 });
  });

  it('stores identical content once: two files, one blob', async () => {
    const bytes = await pdf('Lageplan Mühlweg');
    const a = (await (
      await upload(`/api/meetings/${meetingId}/files`, bytes, { name: 'Lageplan.pdf' })
    ).json()) as FileView;
    const b = (await (
      await upload(`/api/papers/${paperId}/files`, bytes, { name: 'Anlage 1.pdf' })
    ).json()) as FileView;
    expect(a.id).not.toBe(b.id);
    expect(a.current!.sha256).toBe(b.current!.sha256);
    const sha = a.current!.sha256;
    const blobs = await db().selectFrom('blob').selectAll().where('sha256', '=', sha).execute();
    expect(blobs).toHaveLength(1);
    expect(await readdir(path.join(blobDir(), sha.slice(0, 2)))).toEqual([sha.slice(2)]);
  });

  it('treats a retried upload (same owner, content and name) as the same file: 200, no second row', async () => {
    const bytes = await pdf('Stellungnahme der Ortsgemeinde');
    const first = await upload(`/api/meetings/${otherMeetingId}/files`, bytes, { name: 'Stellungnahme.pdf' });
    expect(first.status).toBe(201);
    const before = [await countFiles(), await countVersions()];
    const retried = await upload(`/api/meetings/${otherMeetingId}/files`, bytes, { name: 'Stellungnahme.pdf' });
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as FileView).id).toBe(((await first.json()) as FileView).id);
    expect([await countFiles(), await countVersions()]).toEqual(before);
    // Another name is another document, even with the same bytes.
    const renamed = await upload(`/api/meetings/${otherMeetingId}/files`, bytes, { name: 'Stellungnahme (Kopie).pdf' });
    expect(renamed.status).toBe(201);
  });

  it('does not duplicate when the same upload arrives twice at once', async () => {
    const bytes = await pdf('Kostenschätzung Feuerwehrgerätehaus');
    const responses = await Promise.all(
      [1, 2].map(() => upload(`/api/papers/${paperId}/files`, bytes, { name: 'Kostenschätzung.pdf' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as FileView).id));
    expect(ids[0]).toBe(ids[1]);
  });

  it('replaces content as version 2 and keeps version 1 downloadable; a retried replacement adds nothing', async () => {
    const v1 = await pdf('Beschlussvorlage, Fassung 1');
    const v2 = await pdf('Beschlussvorlage, Fassung 2 (korrigiert)');
    const file = (await (await upload(`/api/papers/${paperId}/files`, v1, { name: 'Vorlage.pdf' })).json()) as FileView;
    const replaced = await upload(`/api/files/${file.id}/versions`, v2, { name: 'Vorlage korrigiert.pdf' });
    expect(replaced.status).toBe(201);
    const view = (await replaced.json()) as FileView;
    expect(view.current).toMatchObject({ version: 2, fileName: 'Vorlage korrigiert.pdf', size: v2.length });
    expect(view.versions.map((v) => v.version)).toEqual([2, 1]);

    const current = await t.request(`/files/${file.id}`, { cookie: cookies.staff });
    expect(Buffer.from(await current.arrayBuffer()).equals(Buffer.from(v2))).toBe(true);
    const old = await t.request(`/files/${file.id}/versions/1`, { cookie: cookies.staff });
    expect(old.status).toBe(200);
    expect(Buffer.from(await old.arrayBuffer()).equals(Buffer.from(v1))).toBe(true);

    const retried = await upload(`/api/files/${file.id}/versions`, v2, { name: 'Vorlage korrigiert.pdf' });
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as FileView).versions).toHaveLength(2);
    const history = (await (await t.request(`/api/files/${file.id}`, { cookie: cookies.staff })).json()) as FileView;
    expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await auditActions('file.version_create')).toHaveLength(1);
  });
});

describe('refusing uploads', () => {
  it('answers 413 from Content-Length alone, without reading the body to its end', async () => {
    const before = await countFiles();
    const { stream, state } = countingBody(32, 64 * 1024);
    const response = await upload(`/api/meetings/${meetingId}/files`, stream, {
      headers: { 'content-length': String(2 * limit) },
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
    expect(state.pulled).toBeLessThan(4);
    expect(await countFiles()).toBe(before);
  });

  it('answers 413 for a chunked body that crosses the limit, stops reading, and leaves no row and no temp file', async () => {
    const before = await countFiles();
    const { stream, state } = countingBody(64, 64 * 1024);
    const response = await upload(`/api/meetings/${meetingId}/files`, stream);
    expect(response.status).toBe(413);
    expect(state.pulled).toBeLessThan(64);
    expect(state.pulled).toBeGreaterThanOrEqual(limit / (64 * 1024));
    expect(await countFiles()).toBe(before);
    expect(await tmpFiles()).toEqual([]);
  });

  it('leaves no rows and no temp file when the request body breaks off mid-way', async () => {
    const before = [await countFiles(), await countVersions()];
    const { stream } = countingBody(10, 64 * 1024, 5);
    const response = await upload(`/api/meetings/${meetingId}/files`, stream);
    expect(response.status).toBe(400);
    expect([await countFiles(), await countVersions()]).toEqual(before);
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses HTML renamed to .pdf with 415 and a German reason, storing nothing', async () => {
    const blobsBefore = (await db().selectFrom('blob').select('sha256').execute()).length;
    const html = '<!DOCTYPE html><html><body><script>fetch("/api/session")</script></body></html>';
    const response = await upload(`/api/meetings/${meetingId}/files`, html, { name: 'Vorlage.pdf' });
    expect(response.status).toBe(415);
    const error = await errorOf(response);
    expect(error.code).toBe('unsupported_media_type');
    expect(error.issues?.[0]?.message).toContain('kein PDF-Dokument');
    expect(error.issues?.[0]?.message).toContain('Erkannt: HTML');
    expect((await db().selectFrom('blob').select('sha256').execute()).length).toBe(blobsBefore);
    expect(await tmpFiles()).toEqual([]);
  });

  it.each([true, false])('refuses a PDF with JavaScript (object streams %s) and says why', async (objectStreams) => {
    const before = await countFiles();
    const bytes = await pdf('Formular', { javascript: true, objectStreams });
    const response = await upload(`/api/meetings/${meetingId}/files`, bytes, {
      headers: { 'accept-language': 'en' },
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).issues?.[0]?.message).toContain('contains JavaScript');
    expect(await countFiles()).toBe(before);
    const rejected = await auditActions('file.upload_rejected');
    expect(rejected.at(-1)!.details).toMatchObject({ reason: 'javascript' });
  });

  it('refuses other types by name or declared type before reading the body', async () => {
    const docx = await upload(`/api/meetings/${meetingId}/files`, 'PK\x03\x04', { name: 'Vorlage.docx' });
    expect(docx.status).toBe(415);
    expect((await errorOf(docx)).issues?.[0]?.message).toContain('„.pdf“');
    const declared = await upload(`/api/meetings/${meetingId}/files`, await pdf('x'), {
      headers: { 'content-type': 'text/html' },
    });
    expect(declared.status).toBe(415);
    const nameless = await upload(`/api/meetings/${meetingId}/files`, await pdf('x'), {
      headers: { 'x-file-name': '' },
    });
    expect(nameless.status).toBe(400);
  });

  it('lets only office staff of the body upload', async () => {
    const bytes = await pdf('Antrag');
    expect((await upload(`/api/meetings/${meetingId}/files`, bytes, { cookie: '' })).status).toBe(401);
    expect((await upload(`/api/meetings/${meetingId}/files`, bytes, { cookie: cookies.member })).status).toBe(403);
    expect((await upload(`/api/meetings/${meetingId}/files`, bytes, { cookie: cookies.foreignStaff })).status).toBe(
      403,
    );
    expect((await upload(`/api/meetings/00000000-0000-4000-8000-000000000000/files`, bytes)).status).toBe(404);
  });

  it('refuses an upload without our Origin (CSRF) before looking at it', async () => {
    const before = await countFiles();
    for (const origin of [undefined, 'https://evil.example']) {
      const headers = new Headers({
        'content-type': 'application/pdf',
        'x-file-name': 'Vorlage.pdf',
        cookie: cookies.staff!,
      });
      if (origin) headers.set('origin', origin);
      const response = await t.app.request(`${testPublicUrl}/api/meetings/${meetingId}/files`, {
        method: 'POST',
        headers,
        body: await pdf('CSRF'),
      });
      expect(response.status).toBe(403);
    }
    expect(testOrigin).toBe(testPublicUrl);
    expect(await countFiles()).toBe(before);
  });
});
