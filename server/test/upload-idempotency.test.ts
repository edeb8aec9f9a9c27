import type { ErrorResponse, FileView } from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, makeBody, makeOrganization, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

/** `X-Idempotency-Key` on uploads and new versions: a lost reply can be asked for again without a second file. */
let t: TestApp;
const clock = new ManualClock(new Date('2026-11-02T09:00:00Z'));
const cookies: Record<string, string> = {};
const emails: Record<string, string> = {};
let meetingId: string;
let otherMeetingId: string;
let serial = 0;

async function pdf(text: string) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, font, size: 14 });
  return doc.save();
}

/** A fresh key per test, as the client makes one per file attempt. */
function newKey(): string {
  serial += 1;
  return `upload-${serial}-${crypto.randomUUID()}`;
}

function upload(
  target: string,
  bytes: Uint8Array,
  options: { key?: string; name?: string; cookie?: string; locale?: string } = {},
) {
  return t.request(target, {
    method: 'POST',
    cookie: options.cookie ?? cookies.staff,
    headers: {
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent(options.name ?? 'Stellungnahme.pdf'),
      ...(options.key === undefined ? {} : { 'x-idempotency-key': options.key }),
      ...(options.locale ? { 'accept-language': options.locale } : {}),
    },
    body: new Blob([bytes]),
  });
}

const db = () => t.ctx.database.db;
async function counts() {
  const count = async (table: 'file' | 'file_version' | 'upload_idempotency') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { files: await count('file'), versions: await count('file_version') };
}

async function errorOf(response: Response) {
  return ((await response.json()) as ErrorResponse).error;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const body = await makeBody(db());
  const bau = await makeOrganization(db(), body.id, 'committee', 'Bauausschuss');
  for (const name of ['staff', 'colleague']) {
    const account = await makeAccount(db(), { officeStaffOf: [body.id] });
    emails[name] = account.email;
    cookies[name] = await signIn(t, account.email);
  }
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
});
afterAll(() => t.close());

describe('X-Idempotency-Key on uploads', () => {
  it('answers a repeat with the first result and stores nothing new, even after the file changed', async () => {
    const key = newKey();
    const bytes = await pdf('Stellungnahme der Ortsgemeinde');
    const first = await upload(`/api/meetings/${meetingId}/files`, bytes, { key });
    expect(first.status).toBe(201);
    const file = (await first.json()) as FileView;
    // A new version in between: the same bytes would now count as a new document, were it not for the key.
    const v2 = await upload(`/api/files/${file.id}/versions`, await pdf('Stellungnahme, Fassung 2'), {
      name: 'Stellungnahme v2.pdf',
    });
    expect(v2.status).toBe(201);
    const before = await counts();

    const repeated = await upload(`/api/meetings/${meetingId}/files`, bytes, { key });
    expect(repeated.status).toBe(201);
    expect(repeated.headers.get('idempotency-replayed')).toBe('true');
    expect(((await repeated.json()) as FileView).id).toBe(file.id);
    expect(await counts()).toEqual(before);

    // Without the key the same request is a new document (the current version of the first differs).
    const unkeyed = await upload(`/api/meetings/${meetingId}/files`, bytes);
    expect(unkeyed.status).toBe(201);
    expect(((await unkeyed.json()) as FileView).id).not.toBe(file.id);
  });

  it('refuses the same key with another body: 409 with the reason in the reader’s language, nothing stored', async () => {
    const key = newKey();
    expect(
      (await upload(`/api/meetings/${meetingId}/files`, await pdf('Lageplan'), { key, name: 'Lageplan.pdf' })).status,
    ).toBe(201);
    const before = await counts();
    const other = await pdf('Lageplan, ganz anders');
    const refused = await upload(`/api/meetings/${meetingId}/files`, other, { key, name: 'Lageplan.pdf' });
    expect(refused.status).toBe(409);
    const error = await errorOf(refused);
    expect(error.code).toBe('conflict');
    expect(error.issues).toEqual([
      {
        path: 'X-Idempotency-Key',
        message: expect.stringContaining(
          'wurde bereits für eine andere Datei oder ein anderes Ziel verwendet',
        ) as string,
      },
    ]);
    const english = await upload(`/api/meetings/${meetingId}/files`, other, {
      key,
      name: 'Lageplan.pdf',
      locale: 'en',
    });
    expect(english.status).toBe(409);
    expect((await errorOf(english)).issues?.[0]?.message).toContain('was already used for another file or target');
    expect(await counts()).toEqual(before);
  });

  it('refuses the same key for another meeting or file name, and another query', async () => {
    const key = newKey();
    const bytes = await pdf('Kostenschätzung');
    expect((await upload(`/api/meetings/${meetingId}/files`, bytes, { key, name: 'Kosten.pdf' })).status).toBe(201);
    const before = await counts();
    expect((await upload(`/api/meetings/${otherMeetingId}/files`, bytes, { key, name: 'Kosten.pdf' })).status).toBe(
      409,
    );
    expect((await upload(`/api/meetings/${meetingId}/files`, bytes, { key, name: 'Kosten 2.pdf' })).status).toBe(409);
    expect(
      (await upload(`/api/meetings/${meetingId}/files?role=main`, bytes, { key, name: 'Kosten.pdf' })).status,
    ).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('keeps keys apart per account', async () => {
    const key = newKey();
    const bytes = await pdf('Anlage Verkehrszählung');
    const mine = await upload(`/api/meetings/${meetingId}/files`, bytes, { key, name: 'Zählung.pdf' });
    const theirs = await upload(`/api/meetings/${otherMeetingId}/files`, bytes, {
      key,
      name: 'Zählung.pdf',
      cookie: cookies.colleague,
    });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
  });

  it('stores one file when the same keyed request arrives twice at once', async () => {
    const key = newKey();
    const bytes = await pdf('Tischvorlage');
    const before = await counts();
    const responses = await Promise.all(
      [1, 2].map(() => upload(`/api/meetings/${otherMeetingId}/files`, bytes, { key, name: 'Tischvorlage.pdf' })),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201]);
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as FileView).id));
    expect(ids[0]).toBe(ids[1]);
    expect(await counts()).toEqual({ files: before.files + 1, versions: before.versions + 1 });
  });

  it('answers a repeated new version with the first result and adds no third version', async () => {
    const file = (await (
      await upload(`/api/meetings/${meetingId}/files`, await pdf('Satzung, Entwurf 1'), { name: 'Satzung.pdf' })
    ).json()) as FileView;
    const key = newKey();
    const v2 = await pdf('Satzung, Entwurf 2');
    const first = await upload(`/api/files/${file.id}/versions`, v2, { key, name: 'Satzung 2.pdf' });
    expect(first.status).toBe(201);
    // Someone restores the first text as version 3; a lost reply for version 2 must not become version 4.
    await upload(`/api/files/${file.id}/versions`, await pdf('Satzung, Entwurf 1'), { name: 'Satzung.pdf' });
    const before = await counts();
    const repeated = await upload(`/api/files/${file.id}/versions`, v2, { key, name: 'Satzung 2.pdf' });
    expect(repeated.status).toBe(201);
    expect(((await repeated.json()) as FileView).versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await counts()).toEqual(before);
    // The key named a version of this file: it is not a key for an upload elsewhere.
    expect((await upload(`/api/meetings/${meetingId}/files`, v2, { key, name: 'Satzung 2.pdf' })).status).toBe(409);
  });

  it('refuses a malformed key with 400 before storing anything', async () => {
    const before = await counts();
    const response = await upload(`/api/meetings/${meetingId}/files`, await pdf('Kurz'), { key: 'kurz' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).issues?.[0]?.path).toBe('X-Idempotency-Key');
    expect(await counts()).toEqual(before);
  });

  it('forgets a key after 24 hours: the same key then starts a new upload', async () => {
    const key = newKey();
    const bytes = await pdf('Haushaltsplan');
    const first = (await (
      await upload(`/api/meetings/${meetingId}/files`, bytes, { key, name: 'Haushalt.pdf' })
    ).json()) as FileView;
    clock.advance(23 * 3600 * 1000);
    cookies.staff = await signIn(t, emails.staff!);
    expect((await upload(`/api/meetings/${otherMeetingId}/files`, bytes, { key, name: 'Haushalt.pdf' })).status).toBe(
      409,
    );
    clock.advance(2 * 3600 * 1000);
    cookies.staff = await signIn(t, emails.staff!);
    const later = await upload(`/api/meetings/${otherMeetingId}/files`, bytes, { key, name: 'Haushalt.pdf' });
    expect(later.status).toBe(201);
    expect(((await later.json()) as FileView).id).not.toBe(first.id);
    const rows = await db().selectFrom('upload_idempotency').select('file_id').where('key', '=', key).execute();
    expect(rows).toHaveLength(1);
  });
});
