import type {
  MeetingDetail,
  SyncAgendaItem,
  SyncChange,
  SyncDevice,
  SyncFile,
  SyncPullResponse,
  SyncPushResponse,
} from '@ratsmappe/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import {
  addItem,
  createMeeting,
  createPaper,
  errorOf,
  invite,
  json,
  setUpOffice,
  type Office,
} from './office-fixtures.js';

/**
 * The tablet sync protocol over HTTP: what a device receives, that a replayed or lost page is harmless, that a
 * change costs a small answer, and that revocation deletes exactly the rows the user may no longer read.
 */
let t: TestApp;
let office: Office;
const clock = new ManualClock(new Date('2026-11-21T09:00:00Z'));
/** Signed-in cookies: a member of the Finanzausschuss, a member of the Bauausschuss only, and one of two bodies. */
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

async function pdf(text: string) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, font, size: 14 });
  return doc.save();
}

async function uploadTo(target: string, text: string, name: string, query = '') {
  const response = await t.request(`${target}${query}`, {
    method: 'POST',
    cookie: office.staff,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
    body: await pdf(text),
    duplex: 'half',
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function registerDevice(cookie: string, name = 'iPad Ratsarbeit'): Promise<string> {
  const response = await t.request('/api/sync/devices', { method: 'POST', cookie, body: json({ name }) });
  expect(response.status).toBe(201);
  return ((await response.json()) as SyncDevice).id;
}

function pullRaw(cookie: string, device: string, cursor: string, limit?: number) {
  const query = `cursor=${cursor}${limit ? `&limit=${limit}` : ''}`;
  return t.request(`/api/sync/pull?${query}`, { cookie, headers: { 'x-ratsmappe-device': device } });
}

async function pull(cookie: string, device: string, cursor: string, limit?: number): Promise<SyncPullResponse> {
  const response = await pullRaw(cookie, device, cursor, limit);
  expect(response.status).toBe(200);
  return (await response.json()) as SyncPullResponse;
}

/** A device's local store, applying pages as the client does. */
class Replica {
  rows = new Map<string, unknown>();
  cursor = '0';
  pages = 0;
  bytes = 0;
  constructor(
    readonly cookie: string,
    readonly device: string,
  ) {}

  apply(changes: SyncChange[]) {
    for (const change of changes) {
      const key = `${change.entity}/${change.id}`;
      if (change.op === 'delete') this.rows.delete(key);
      else this.rows.set(key, change.data);
    }
  }

  async sync(limit?: number): Promise<SyncChange[]> {
    const all: SyncChange[] = [];
    for (;;) {
      const response = await pullRaw(this.cookie, this.device, this.cursor, limit);
      expect(response.status).toBe(200);
      const text = await response.text();
      this.bytes += text.length;
      const page = JSON.parse(text) as SyncPullResponse;
      this.apply(page.changes);
      all.push(...page.changes);
      this.cursor = page.cursor;
      this.pages++;
      if (!page.hasMore) return all;
    }
  }

  has(entity: string, id: string) {
    return this.rows.has(`${entity}/${id}`);
  }

  keys(entity: string) {
    return [...this.rows.keys()].filter((k) => k.startsWith(`${entity}/`)).map((k) => k.slice(entity.length + 1));
  }
}

const keysOf = (changes: SyncChange[]) => changes.map((c) => `${c.op} ${c.entity}/${c.id}`).sort();

beforeAll(async () => {
  t = await createTestApp({ clock });
  office = await setUpOffice(t);
  const db = t.ctx.database.db;
  const bau = await makeOrganization(db, office.bodyId, 'committee', 'Bau- und Umweltausschuss');
  const bauPerson = await makePerson(db, office.bodyId);
  await makeMembership(db, bauPerson, bau.id, { start: '2024-01-01' });
  const finanzPerson = await makePerson(db, office.bodyId);
  const finanzMembership = await makeMembership(db, finanzPerson, office.committeeId, { start: '2024-01-01' });
  const other = await makeBody(db, { name: 'Stadt Nebenan' });
  const otherCommittee = await makeOrganization(db, other.id, 'committee', 'Ausschuss Nebenan');
  const otherPerson = await makePerson(db, other.id);
  await makeMembership(db, otherPerson, otherCommittee.id, { start: '2024-01-01' });
  const [finanz, bauOnly, twoBodies] = await Promise.all([
    makeAccount(db, { personIds: [finanzPerson.id] }),
    makeAccount(db, { personIds: [bauPerson.id] }),
    makeAccount(db, { personIds: [finanzPerson.id, otherPerson.id] }),
  ]);
  cookies.finanz = await signIn(t, finanz.email);
  cookies.bau = await signIn(t, bauOnly.email);
  cookies.twoBodies = await signIn(t, twoBodies.email);
  ids.finanzMembership = finanzMembership.id;
  ids.bau = bau.id;
  ids.otherBody = other.id;

  const meeting = await createMeeting(t, office, { start: '2026-12-03T18:00:00+01:00', end: null });
  ids.meeting = meeting.id;
  const publicPaper = await createPaper(t, office, { name: 'Neubau Kita Am Mühlbach', public: true });
  const secretPaper = await createPaper(t, office, { name: 'Grundstücksankauf Flur 7', public: false });
  ids.publicPaper = publicPaper.id;
  ids.secretPaper = secretPaper.id;
  ids.publicItem = (
    await addItem(t, office, meeting.id, { name: 'Kita Am Mühlbach', public: true, paperId: publicPaper.id })
  ).id;
  ids.secretItem = (
    await addItem(t, office, meeting.id, { name: 'Grundstücksangelegenheiten', public: false, paperId: secretPaper.id })
  ).id;
  ids.publicFile = await uploadTo(
    `/api/agenda-items/${ids.publicItem}/files`,
    'Kita Kostenschätzung',
    'Kosten.pdf',
    '?public=true',
  );
  ids.secretFile = await uploadTo(
    `/api/agenda-items/${ids.secretItem}/files`,
    'Kaufpreis vertraulich',
    'Kaufvertrag.pdf',
  );
  ids.secretPaperFile = await uploadTo(
    `/api/papers/${ids.secretPaper}/files`,
    'Gutachten vertraulich',
    'Gutachten.pdf',
  );
});

afterAll(async () => {
  await t.close();
});

describe('sync pull', () => {
  it('answers 401 without a session and 404 device_unknown without a registered device', async () => {
    expect((await t.request('/api/sync/pull?cursor=0')).status).toBe(401);
    const none = await pullRaw(cookies.finanz!, '7d3f1c9e-0000-4000-8000-000000000000', '0');
    expect(none.status).toBe(404);
    expect((await errorOf(none)).code).toBe('device_unknown');
    // Another account's device is as unknown as a missing one.
    const device = await registerDevice(cookies.bau!);
    expect((await errorOf(await pullRaw(cookies.finanz!, device, '0'))).code).toBe('device_unknown');
  });

  it('sends a member of the holding committee the non-public item, its paper and files; not a member of another', async () => {
    const finanz = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await finanz.sync();
    for (const [entity, id] of [
      ['meeting', ids.meeting],
      ['agendaItem', ids.publicItem],
      ['agendaItem', ids.secretItem],
      ['paper', ids.secretPaper],
      ['file', ids.secretFile],
      ['file', ids.secretPaperFile],
      ['body', office.bodyId],
    ] as const) {
      expect(finanz.has(entity, id!), `${entity} ${id}`).toBe(true);
    }
    const bau = new Replica(cookies.bau!, await registerDevice(cookies.bau!));
    await bau.sync();
    expect(bau.has('meeting', ids.meeting!)).toBe(true);
    expect(bau.has('agendaItem', ids.publicItem!)).toBe(true);
    expect(bau.has('file', ids.publicFile!)).toBe(true);
    expect(bau.has('agendaItem', ids.secretItem!)).toBe(false);
    expect(bau.has('paper', ids.secretPaper!)).toBe(false);
    expect(bau.has('file', ids.secretFile!)).toBe(false);
    expect(bau.has('file', ids.secretPaperFile!)).toBe(false);
    // Nothing of another body, and no text of what the user may not read anywhere in the answers.
    expect(bau.has('body', ids.otherBody!)).toBe(false);
    const everything = JSON.stringify([...bau.rows.values()]);
    expect(everything).not.toContain('Grundstück');
    expect(everything).not.toContain('Kaufvertrag');
  });

  it('agrees with the app API: the agenda items and files synced are exactly those the meeting page shows', async () => {
    for (const cookie of [cookies.bau!, cookies.finanz!]) {
      const replica = new Replica(cookie, await registerDevice(cookie));
      await replica.sync();
      const detail = (await (await t.request(`/api/meetings/${ids.meeting}`, { cookie })).json()) as MeetingDetail;
      const readableItems = detail.agendaItems.filter((i) => i.readable).map((i) => i.id);
      const shownFiles = [...detail.files, ...detail.agendaItems.flatMap((i) => i.files)].map((f) => f.id);
      const items = replica.keys('agendaItem').map((id) => replica.rows.get(`agendaItem/${id}`) as SyncAgendaItem);
      const itemIds = items.filter((i) => i.meetingId === ids.meeting).map((i) => i.id);
      const paperIds = items.flatMap((i) => (i.meetingId === ids.meeting && i.paperId ? [i.paperId] : []));
      const syncedFiles = replica
        .keys('file')
        .map((id) => replica.rows.get(`file/${id}`) as SyncFile)
        .filter(
          (f) =>
            f.meetingId === ids.meeting ||
            (f.agendaItemId !== null && itemIds.includes(f.agendaItemId)) ||
            (f.paperId !== null && paperIds.includes(f.paperId)),
        )
        .map((f) => f.id);
      expect(replica.keys('agendaItem').sort()).toEqual(readableItems.sort());
      expect([...new Set(syncedFiles)].sort()).toEqual([...new Set(shownFiles)].sort());
    }
  });

  it('syncs both bodies for an account with mandates in two, each with its own rights', async () => {
    const replica = new Replica(cookies.twoBodies!, await registerDevice(cookies.twoBodies!));
    await replica.sync();
    expect(replica.has('body', office.bodyId)).toBe(true);
    expect(replica.has('body', ids.otherBody!)).toBe(true);
    expect(replica.has('agendaItem', ids.secretItem!)).toBe(true);
  });

  it('carries file versions with their sha256 and extracted text once extraction ran', async () => {
    await t.ctx.jobs.drain();
    const replica = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await replica.sync();
    const versions = [...replica.rows.entries()]
      .filter(([key]) => key.startsWith('fileVersion/'))
      .map(([, value]) => value as { fileId: string; sha256: string; extractedText: string | null });
    const secret = versions.find((v) => v.fileId === ids.secretFile);
    expect(secret?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(secret?.extractedText).toContain('Kaufpreis vertraulich');
  });

  it('pages a first sync and the pages together equal one big answer', async () => {
    const small = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await small.sync(3);
    const big = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await big.sync();
    expect(small.pages).toBeGreaterThan(3);
    expect([...small.rows.keys()].sort()).toEqual([...big.rows.keys()].sort());
  });

  it('answers an unchanged world with no changes and the same cursor', async () => {
    const replica = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await replica.sync();
    const cursor = replica.cursor;
    const again = await pull(cookies.finanz!, replica.device, cursor);
    expect(again.changes).toEqual([]);
    expect(again.cursor).toBe(cursor);
    expect(again.hasMore).toBe(false);
  });

  it('sends a page again when the device did not apply it, and a replayed page changes nothing', async () => {
    const replica = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    const first = await pull(cookies.finanz!, replica.device, '0');
    // The answer is lost on the way: the device asks again with its old cursor and gets the same rows.
    const again = await pull(cookies.finanz!, replica.device, '0');
    expect(keysOf(again.changes)).toEqual(keysOf(first.changes));
    replica.apply(again.changes);
    replica.apply(again.changes);
    replica.cursor = again.cursor;
    await replica.sync();
    const fresh = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await fresh.sync();
    expect([...replica.rows.keys()].sort()).toEqual([...fresh.rows.keys()].sort());
  });

  it('refuses a cursor it never issued with 409, so the device starts again from an empty database', async () => {
    const device = await registerDevice(cookies.finanz!);
    const response = await pullRaw(cookies.finanz!, device, '99');
    expect(response.status).toBe(409);
    expect((await pullRaw(cookies.finanz!, device, 'abc')).status).toBe(400);
  });

  it('sends one changed agenda item (and its meeting, whose modified moved) as a small answer', async () => {
    const replica = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await replica.sync();
    const before = replica.bytes;
    const patched = await t.request(`/api/agenda-items/${ids.publicItem}`, {
      method: 'PATCH',
      cookie: office.staff,
      body: json({ name: 'Kita Am Mühlbach – Kostenfortschreibung' }),
    });
    expect(patched.status).toBe(200);
    const changes = await replica.sync();
    expect(keysOf(changes)).toEqual([`upsert agendaItem/${ids.publicItem}`, `upsert meeting/${ids.meeting}`].sort());
    expect(replica.bytes - before).toBeLessThan(3000);
    expect((replica.rows.get(`agendaItem/${ids.publicItem}`) as { name: string }).name).toContain(
      'Kostenfortschreibung',
    );
  });
});

describe('revocation', () => {
  it('deletes exactly the non-public rows of a committee when the membership ends', async () => {
    const replica = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await replica.sync();
    expect(replica.has('agendaItem', ids.secretItem!)).toBe(true);
    try {
      const before = new Map(replica.rows);
      const ended = await t.request(`/api/memberships/${ids.finanzMembership}/end`, {
        method: 'POST',
        cookie: office.staff,
        body: json({ endDate: '2026-11-20' }),
      });
      expect(ended.status).toBe(200);
      const changes = await replica.sync();
      const deleted = changes.filter((c) => c.op === 'delete').map((c) => `${c.entity}/${c.id}`);
      const heldBefore = (entity: string, test: (row: Record<string, unknown>) => boolean) =>
        [...before]
          .filter(([k, row]) => k.startsWith(`${entity}/`) && test(row as Record<string, unknown>))
          .map(([k]) => k);
      const secretVersions = heldBefore('fileVersion', (v) =>
        [ids.secretFile, ids.secretPaperFile].includes(v.fileId as string),
      );
      const secretConsultations = heldBefore('consultation', (c) => c.paperId === ids.secretPaper);
      expect(deleted.sort()).toEqual(
        [
          `agendaItem/${ids.secretItem}`,
          `paper/${ids.secretPaper}`,
          `file/${ids.secretFile}`,
          `file/${ids.secretPaperFile}`,
          ...secretVersions,
          ...secretConsultations,
        ].sort(),
      );
      expect(secretVersions).toHaveLength(2);
      expect(secretConsultations).toHaveLength(1);
      // The consultation of the secret paper went with it; the public rest stays.
      expect(replica.has('agendaItem', ids.publicItem!)).toBe(true);
      expect(replica.has('file', ids.publicFile!)).toBe(true);
      const bau = new Replica(cookies.bau!, await registerDevice(cookies.bau!));
      await bau.sync();
      expect(
        [...replica.rows.keys()].filter((k) => !k.startsWith('membership/') && !k.startsWith('person/')).sort(),
      ).toEqual([...bau.rows.keys()].filter((k) => !k.startsWith('membership/') && !k.startsWith('person/')).sort());
    } finally {
      // Give the membership back for the following tests.
      await t.ctx.database.db
        .updateTable('membership')
        .set({ end_date: null })
        .where('id', '=', ids.finanzMembership!)
        .execute();
    }
  });

  it('deletes an item made non-public from the devices of those who may not read it, with its files', async () => {
    const bau = new Replica(cookies.bau!, await registerDevice(cookies.bau!));
    await bau.sync();
    expect(bau.has('file', ids.publicFile!)).toBe(true);
    const patched = await t.request(`/api/agenda-items/${ids.publicItem}`, {
      method: 'PATCH',
      cookie: office.staff,
      body: json({ public: false }),
    });
    expect(patched.status).toBe(200);
    const changes = await bau.sync();
    const deleted = changes.filter((c) => c.op === 'delete').map((c) => `${c.entity}/${c.id}`);
    expect(deleted).toContain(`agendaItem/${ids.publicItem}`);
    expect(deleted).toContain(`file/${ids.publicFile}`);
    expect(bau.has('agendaItem', ids.publicItem!)).toBe(false);
    // The committee member keeps it, now marked non-public.
    const finanz = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await finanz.sync();
    expect((finanz.rows.get(`agendaItem/${ids.publicItem}`) as { public: boolean }).public).toBe(false);
    expect((finanz.rows.get(`file/${ids.publicFile}`) as { public: boolean }).public).toBe(false);
    await t.request(`/api/agenda-items/${ids.publicItem}`, {
      method: 'PATCH',
      cookie: office.staff,
      body: json({ public: true }),
    });
  });

  it('deletes a withdrawn file and its versions', async () => {
    const extra = await uploadTo(`/api/meetings/${ids.meeting}/files`, 'Tischvorlage Parkraum', 'Tischvorlage.pdf');
    const finanz = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await finanz.sync();
    expect(finanz.has('file', extra)).toBe(true);
    const removed = await t.request(`/api/files/${extra}`, { method: 'DELETE', cookie: office.staff });
    expect(removed.status).toBe(204);
    const changes = await finanz.sync();
    expect(changes.filter((c) => c.op === 'delete' && c.entity === 'file').map((c) => c.id)).toEqual([extra]);
    expect(changes.some((c) => c.op === 'delete' && c.entity === 'fileVersion')).toBe(true);
    expect(finanz.has('file', extra)).toBe(false);
  });
});

describe('sync push', () => {
  it('applies each mutation once, answers a replay the same, and refuses a gap', async () => {
    const tablet = await registerDevice(cookies.finanz!, 'Tablet');
    const phone = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!, 'Telefon'));
    await phone.sync();
    const push = (mutations: unknown[]) =>
      t.request('/api/sync/push', {
        method: 'POST',
        cookie: cookies.finanz,
        headers: { 'x-ratsmappe-device': tablet },
        body: json({ mutations }),
      });
    const pin = { seq: 1, name: 'pin.set', args: { meetingId: ids.meeting } };
    const first = await push([pin]);
    expect(first.status).toBe(200);
    expect(((await first.json()) as SyncPushResponse).lastMutationSeq).toBe(1);
    const replay = await push([pin]);
    expect(((await replay.json()) as SyncPushResponse).lastMutationSeq).toBe(1);
    const pins = await t.ctx.database.db
      .selectFrom('meeting_pin')
      .selectAll()
      .where('meeting_id', '=', ids.meeting!)
      .execute();
    expect(pins).toHaveLength(1);
    expect((await push([{ seq: 3, name: 'pin.remove', args: { meetingId: ids.meeting } }])).status).toBe(409);

    // The other device of the same account learns of the pin at its next pull.
    const changes = await phone.sync();
    expect(changes.filter((c) => c.entity === 'pin')).toHaveLength(1);

    // A meeting of a body the user has no mandate in is refused, and the queue moves on.
    const foreignMeeting = await t.ctx.database.db
      .insertInto('meeting')
      .values({ body_id: ids.otherBody!, name: 'Sitzung Nebenan', start: '2026-12-01T17:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const refused = (await (
      await push([
        { seq: 2, name: 'pin.set', args: { meetingId: foreignMeeting.id } },
        { seq: 3, name: 'pin.remove', args: { meetingId: ids.meeting } },
      ])
    ).json()) as SyncPushResponse;
    expect(refused.lastMutationSeq).toBe(3);
    expect(refused.rejected).toEqual([{ seq: 2, code: 'not_found', message: 'Nicht gefunden.' }]);
    const removal = await phone.sync();
    expect(removal.filter((c) => c.entity === 'pin').map((c) => c.op)).toEqual(['delete']);
  });

  it('refuses malformed mutations with 400 and leaves the sequence where it was', async () => {
    const device = await registerDevice(cookies.finanz!);
    const response = await t.request('/api/sync/push', {
      method: 'POST',
      cookie: cookies.finanz,
      headers: { 'x-ratsmappe-device': device },
      body: json({ mutations: [{ seq: 'eins', name: 'drop.table', args: {} }] }),
    });
    expect(response.status).toBe(400);
    const row = await t.ctx.database.db
      .selectFrom('sync_device')
      .select('last_mutation_seq')
      .where('id', '=', device)
      .executeTakeFirstOrThrow();
    expect(Number(row.last_mutation_seq)).toBe(0);
  });
});

describe('devices', () => {
  it('lists the own devices and revokes one: its next contact answers 410 device_revoked', async () => {
    const device = await registerDevice(cookies.bau!, 'Dienst-iPad');
    await pull(cookies.bau!, device, '0');
    const list = (await (
      await t.request('/api/sync/devices', { cookie: cookies.bau, headers: { 'x-ratsmappe-device': device } })
    ).json()) as { data: SyncDevice[] };
    const mine = list.data.find((d) => d.id === device);
    expect(mine?.current).toBe(true);
    expect(mine?.lastSyncAt).not.toBeNull();
    // Another councillor may not touch it.
    expect(
      (await t.request(`/api/sync/devices/${device}/revoke`, { method: 'POST', cookie: cookies.finanz })).status,
    ).toBe(404);
    const revoked = await t.request(`/api/sync/devices/${device}/revoke`, { method: 'POST', cookie: cookies.bau });
    expect(revoked.status).toBe(204);
    const after = await pullRaw(cookies.bau!, device, '1');
    expect(after.status).toBe(410);
    expect((await errorOf(after)).code).toBe('device_revoked');
  });

  it('refuses document downloads to a revoked device with 410, and to a device of another account', async () => {
    const device = await registerDevice(cookies.bau!, 'Sitzungs-iPad');
    const page = await pull(cookies.bau!, device, '0');
    const version = page.changes.find((c) => c.entity === 'fileVersion' && c.op === 'upsert');
    const sha256 = (version!.data as { sha256: string }).sha256;
    const blob = (cookie: string, headers: Record<string, string> = {}) =>
      t.request(`/api/blobs/${sha256}`, { cookie, headers });
    expect((await blob(cookies.bau!, { 'x-ratsmappe-device': device })).status).toBe(200);
    // The header names a device: it must be one of this account's.
    const foreign = await blob(cookies.finanz!, { 'x-ratsmappe-device': device });
    expect((await errorOf(foreign)).code).toBe('device_unknown');
    expect((await errorOf(await blob(cookies.bau!, { 'x-ratsmappe-device': 'kein-geraet' }))).code).toBe(
      'device_unknown',
    );

    expect(
      (await t.request(`/api/sync/devices/${device}/revoke`, { method: 'POST', cookie: cookies.bau })).status,
    ).toBe(204);
    const refused = await blob(cookies.bau!, { 'x-ratsmappe-device': device, range: 'bytes=0-' });
    expect(refused.status).toBe(410);
    expect((await errorOf(refused)).code).toBe('device_revoked');
    // The same session without a device (the public pages, a browser tab) still reads what it may read.
    expect((await blob(cookies.bau!)).status).toBe(200);
  });

  it("lets the body's office revoke a councillor's device, not the office of another body", async () => {
    const device = await registerDevice(cookies.bau!, 'Privat-Tablet');
    const account = await t.ctx.database.db
      .selectFrom('sync_device')
      .select('account_id')
      .where('id', '=', device)
      .executeTakeFirstOrThrow();
    const foreign = await t.request(`/api/sync/devices?accountId=${account.account_id}`, {
      cookie: office.foreignStaff,
    });
    expect(foreign.status).toBe(403);
    expect(
      (await t.request(`/api/sync/devices/${device}/revoke`, { method: 'POST', cookie: office.foreignStaff })).status,
    ).toBe(404);
    const listed = (await (
      await t.request(`/api/sync/devices?accountId=${account.account_id}`, { cookie: office.staff })
    ).json()) as { data: SyncDevice[] };
    expect(listed.data.map((d) => d.id)).toContain(device);
    expect(
      (await t.request(`/api/sync/devices/${device}/revoke`, { method: 'POST', cookie: office.staff })).status,
    ).toBe(204);
    expect((await pullRaw(cookies.bau!, device, '0')).status).toBe(410);
    // The office acted for its body: the revocation is in that body's audit trail.
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['body_id', 'object_id'])
      .where('action', '=', 'device.revoke')
      .where('object_id', '=', device)
      .execute();
    expect(audit).toEqual([{ body_id: office.bodyId, object_id: device }]);
  });

  it('tells the device its offline lease and the server time', async () => {
    const device = await registerDevice(cookies.finanz!);
    const page = await pull(cookies.finanz!, device, '0');
    expect(page.offlineLeaseDays).toBe(30);
    expect(page.serverTime).toBe(clock.now().toISOString());
  });
});

describe('invitation', () => {
  it('sends the non-public invitation to committee members only', async () => {
    await invite(t, office, ids.meeting!);
    const finanz = new Replica(cookies.finanz!, await registerDevice(cookies.finanz!));
    await finanz.sync();
    const bau = new Replica(cookies.bau!, await registerDevice(cookies.bau!));
    await bau.sync();
    const invitations = (replica: Replica) =>
      [...replica.rows.values()].filter((r) => (r as { role?: string }).role === 'invitation') as { public: boolean }[];
    expect(
      invitations(finanz)
        .map((f) => f.public)
        .sort(),
    ).toEqual([false, true]);
    expect(invitations(bau).map((f) => f.public)).toEqual([true]);
  });
});
