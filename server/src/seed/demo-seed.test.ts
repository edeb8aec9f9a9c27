import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { verifyPassword } from '../modules/session/password.js';
import { DiskBlobStore } from '../storage/disk-blob-store.js';
import { addDays } from './calendar.js';
import {
  demoAccounts,
  demoPassword,
  isDatabaseEmpty,
  nonPublicCanaryWord,
  pdfOnlySearchWord,
  SeedConflictError,
  seedDemo,
  type SeedSummary,
} from './demo-seed.js';
import { pdfText } from './pdf/pdf-text.js';

// A Thursday in the past, so every generated timestamp is historical and the test never depends on the clock.
const today = '2026-03-12';

let handle: DatabaseHandle;
let blobDir: string;
let blobs: DiskBlobStore;
let summary: SeedSummary;
/** Extracted text of every stored PDF, by sha256. */
const texts = new Map<string, string>();
let pageCounts = new Map<string, number>();

beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db, handle.schema);
  blobDir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-seed-'));
  blobs = new DiskBlobStore(blobDir);
  await blobs.init();
  expect(await isDatabaseEmpty(handle.db)).toBe(true);
  summary = await seedDemo({ db: handle.db, blobs, today });

  const versions = await handle.db.selectFrom('file_version').select('sha256').distinct().execute();
  pageCounts = new Map();
  for (const { sha256 } of versions) {
    const { text, pages } = await pdfText(await readFile(blobs.pathOf(sha256)));
    texts.set(sha256, text);
    pageCounts.set(sha256, pages);
  }
});

afterAll(async () => {
  await handle?.close();
  if (blobDir) await rm(blobDir, { recursive: true, force: true });
});

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const bodies = () =>
  handle.db.selectFrom('body').select(['id', 'slug', 'council_members_see_non_public']).orderBy('slug').execute();

function filesWithOwners() {
  return handle.db
    .selectFrom('file')
    .innerJoin('file_version', 'file_version.file_id', 'file.id')
    .leftJoin('agenda_item', 'agenda_item.id', 'file.agenda_item_id')
    .leftJoin('paper', 'paper.id', 'file.paper_id')
    .select([
      'file.id',
      'file.role',
      'file.name',
      'file.public',
      'file.visibility_confirmed_at',
      'file.meeting_id',
      'file.agenda_item_id',
      'file.paper_id',
      'file_version.version',
      'file_version.sha256',
      'file_version.size',
      'file_version.mime_type',
      'file_version.file_name',
      'file_version.extracted_text',
      'agenda_item.public as item_public',
      'paper.public as paper_public',
    ])
    .execute();
}

describe('seedDemo', () => {
  it('creates two bodies, one letting council members read non-public content', async () => {
    const rows = await bodies();
    expect(rows.map((b) => b.slug)).toEqual(['stadt-auenbach', 'vg-lindenau']);
    expect(rows.map((b) => b.council_members_see_non_public).sort()).toEqual([false, true]);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
    expect(summary.counts.body).toBe(2);
    expect(summary.durationMs).toBeGreaterThan(0);
  });

  it('gives each body a council, 3–5 committees, 3–4 factions and 25–40 persons', async () => {
    for (const body of await bodies()) {
      const kinds = await handle.db
        .selectFrom('organization')
        .select(['kind', sql<number>`count(*)::int`.as('n')])
        .where('body_id', '=', body.id)
        .groupBy('kind')
        .execute();
      const count = (kind: string) => kinds.find((k) => k.kind === kind)?.n ?? 0;
      expect(count('council')).toBe(1);
      expect(count('committee')).toBeGreaterThanOrEqual(3);
      expect(count('committee')).toBeLessThanOrEqual(5);
      expect(count('faction')).toBeGreaterThanOrEqual(3);
      expect(count('faction')).toBeLessThanOrEqual(4);
      const persons = await handle.db.selectFrom('person').select('id').where('body_id', '=', body.id).execute();
      expect(persons.length).toBeGreaterThanOrEqual(25);
      expect(persons.length).toBeLessThanOrEqual(40);
    }
  });

  it('seats every councillor in the council and one faction, with deputies, ended seats and successors', async () => {
    const memberships = await handle.db
      .selectFrom('membership')
      .innerJoin('organization', 'organization.id', 'membership.organization_id')
      .select([
        'membership.body_id',
        'membership.person_id',
        'membership.role',
        'membership.deputy',
        'membership.start_date',
        'membership.end_date',
        'membership.on_behalf_of',
        'organization.kind',
      ])
      .execute();
    const councillors = memberships.filter((m) => m.kind === 'council' && m.on_behalf_of !== null);
    expect(councillors.length).toBeGreaterThan(40);
    for (const c of councillors) {
      const factions = memberships.filter((m) => m.person_id === c.person_id && m.kind === 'faction');
      expect(factions).toHaveLength(1);
      expect(factions[0]!.end_date).toBe(c.end_date);
    }
    const committeeSeats = memberships.filter((m) => m.kind === 'committee' && !m.deputy);
    expect(committeeSeats.filter((m) => m.role?.startsWith('Vorsitz')).length).toBeGreaterThan(0);
    expect(committeeSeats.some((m) => m.role?.startsWith('stellv. Vorsitz'))).toBe(true);
    expect(committeeSeats.every((m) => m.on_behalf_of !== null || m.role?.startsWith('Vorsitz'))).toBe(true);
    expect(memberships.some((m) => m.kind === 'committee' && m.deputy)).toBe(true);

    const ended = councillors.filter((m) => m.end_date !== null);
    expect(ended.length).toBeGreaterThanOrEqual(2);
    for (const m of ended) {
      expect(m.end_date! < today).toBe(true);
      const successor = councillors.find(
        (s) => s.body_id === m.body_id && s.on_behalf_of === m.on_behalf_of && s.start_date === addDays(m.end_date!, 1),
      );
      expect(successor).toBeDefined();
    }
  });

  it('schedules two years back and about three months ahead, with committee meetings 1–7 and 8–14 days out', async () => {
    for (const body of await bodies()) {
      const meetings = await handle.db
        .selectFrom('meeting')
        .innerJoin('meeting_organization', 'meeting_organization.meeting_id', 'meeting.id')
        .innerJoin('organization', 'organization.id', 'meeting_organization.organization_id')
        .select(['meeting.start', 'meeting.cancelled', 'meeting.meeting_state', 'organization.kind'])
        .where('meeting.body_id', '=', body.id)
        .where('meeting_organization.position', '=', 0)
        .execute();
      const dates = meetings.map((m) => m.start.toISOString().slice(0, 10)).sort();
      expect(dates[0]! < addDays(today, -600)).toBe(true);
      expect(dates.at(-1)! > addDays(today, 60)).toBe(true);
      const committeeWithin = (from: number, to: number) =>
        meetings.some((m) => {
          const date = m.start.toISOString().slice(0, 10);
          return m.kind === 'committee' && !m.cancelled && date >= addDays(today, from) && date <= addDays(today, to);
        });
      expect(committeeWithin(1, 7)).toBe(true);
      expect(committeeWithin(8, 14)).toBe(true);
      expect(meetings.filter((m) => m.cancelled).length).toBeGreaterThanOrEqual(1);
    }
  });

  it('derives meeting states from the date: minutes released, held, invited, planned', async () => {
    const meetings = await handle.db
      .selectFrom('meeting')
      .select(['start', 'meeting_state', 'cancelled', 'invited_at'])
      .execute();
    const byState = (state: string) => meetings.filter((m) => m.meeting_state === state && !m.cancelled);
    expect(byState('minutes_released').length).toBeGreaterThan(40);
    expect(byState('held').length).toBeGreaterThan(0);
    expect(byState('invited').length).toBeGreaterThan(0);
    expect(byState('planned').length).toBeGreaterThan(0);
    const cutoff = new Date(`${today}T00:00:00Z`).getTime();
    for (const m of byState('minutes_released')) expect(m.start.getTime()).toBeLessThan(cutoff);
    for (const m of [...byState('planned'), ...byState('invited')]) expect(m.start.getTime()).toBeGreaterThan(cutoff);
    for (const m of byState('invited')) expect(m.invited_at!.getTime()).toBeLessThan(cutoff);
    for (const m of byState('planned')) expect(m.invited_at).toBeNull();
  });

  it('orders each agenda Ö before N, numbers sub-items under parents of the same publicity', async () => {
    const items = await handle.db
      .selectFrom('agenda_item')
      .innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
      .select([
        'agenda_item.id',
        'agenda_item.meeting_id',
        'agenda_item.parent_id',
        'agenda_item.position',
        'agenda_item.number',
        'agenda_item.public',
        'agenda_item.result',
        'agenda_item.paper_id',
        'meeting.meeting_state',
        'meeting.cancelled',
      ])
      .orderBy('agenda_item.meeting_id')
      .orderBy('agenda_item.position')
      .execute();
    const byId = new Map(items.map((i) => [i.id, i]));
    const meetings = groupBy(items, (i) => i.meeting_id);
    for (const agenda of meetings.values()) {
      expect(agenda.map((i) => i.position)).toEqual(agenda.map((_, i) => i));
      const firstSecret = agenda.findIndex((i) => !i.public);
      expect(firstSecret).toBeGreaterThan(0);
      expect(agenda.slice(firstSecret).every((i) => !i.public)).toBe(true);
      for (const item of agenda) {
        expect(item.number).toMatch(item.public ? /^Ö \d+(\.\d+)?$/ : /^N \d+(\.\d+)?$/);
        if (item.parent_id) {
          const parent = byId.get(item.parent_id)!;
          expect(parent.public).toBe(item.public);
          expect(item.number!.startsWith(`${parent.number}.`)).toBe(true);
          expect(parent.position).toBeLessThan(item.position);
        }
      }
    }
    expect(items.some((i) => i.parent_id && i.public)).toBe(true);
    expect(items.some((i) => i.parent_id && !i.public)).toBe(true);
    const decided = items.filter((i) => i.paper_id && i.meeting_state === 'minutes_released' && !i.cancelled);
    expect(decided.length).toBeGreaterThan(100);
    expect(decided.every((i) => i.result !== null)).toBe(true);
    const upcoming = items.filter((i) => i.meeting_state === 'planned' || i.meeting_state === 'invited');
    expect(upcoming.every((i) => i.result === null)).toBe(true);
  });

  it('routes papers through consultations, each on an agenda item of its meeting', async () => {
    const consultations = await handle.db
      .selectFrom('consultation')
      .innerJoin('paper', 'paper.id', 'consultation.paper_id')
      .innerJoin('agenda_item', 'agenda_item.id', 'consultation.agenda_item_id')
      .innerJoin('organization', 'organization.id', 'consultation.organization_id')
      .select([
        'consultation.paper_id',
        'consultation.meeting_id',
        'consultation.position',
        'consultation.authoritative',
        'consultation.role',
        'agenda_item.meeting_id as item_meeting_id',
        'agenda_item.paper_id as item_paper_id',
        'agenda_item.public as item_public',
        'paper.public as paper_public',
        'organization.kind',
      ])
      .execute();
    const total = await handle.db
      .selectFrom('consultation')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(consultations).toHaveLength(total.n);
    for (const c of consultations) {
      expect(c.item_meeting_id).toBe(c.meeting_id);
      expect(c.item_paper_id).toBe(c.paper_id);
      expect(c.item_public).toBe(c.paper_public);
    }
    const paths = groupBy(consultations, (c) => c.paper_id);
    let committeeThenCouncil = 0;
    for (const path of paths.values()) {
      const sorted = path.sort((a, b) => a.position - b.position);
      expect(sorted.map((c) => c.position)).toEqual(sorted.map((_, i) => i));
      if (sorted.length >= 2 && sorted[0]!.role === 'Vorberatung' && sorted.at(-1)!.kind === 'council') {
        expect(sorted[0]!.authoritative).toBe(false);
        expect(sorted.at(-1)!.authoritative).toBe(true);
        committeeThenCouncil++;
      }
    }
    expect(committeeThenCouncil).toBeGreaterThan(20);
  });

  it('numbers papers uniquely per body and year, of all four types, motions from factions', async () => {
    const papers = await handle.db
      .selectFrom('paper')
      .innerJoin('body', 'body.id', 'paper.body_id')
      .leftJoin('organization as originator', 'originator.id', 'paper.originator_organization_id')
      .select([
        'body.slug',
        'paper.reference',
        'paper.paper_type',
        'paper.public',
        'paper.body_text',
        'originator.kind',
      ])
      .execute();
    expect(new Set(papers.map((p) => p.paper_type))).toEqual(
      new Set(['Beschlussvorlage', 'Antrag', 'Anfrage', 'Mitteilung']),
    );
    for (const slug of ['vg-lindenau', 'stadt-auenbach']) {
      const refs = papers.filter((p) => p.slug === slug).map((p) => p.reference!);
      expect(new Set(refs).size).toBe(refs.length);
      for (const ref of refs)
        expect(ref).toMatch(slug === 'vg-lindenau' ? /^(BV|AN|AF|MI)\/\d{4}\/\d{4}$/ : /^\d{4}\/\d{4}$/);
    }
    for (const motion of papers.filter((p) => p.paper_type === 'Antrag')) expect(motion.kind).toBe('faction');
    expect(papers.filter((p) => !p.public).length).toBeGreaterThan(10);
    expect(papers.some((p) => p.body_text?.includes('€'))).toBe(true);
  });

  it('stores every file version as a PDF blob on disk under its sha256', async () => {
    const files = await filesWithOwners();
    expect(files.length).toBe(summary.counts.file_version);
    for (const f of files) {
      const bytes = await readFile(blobs.pathOf(f.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      expect(Number(f.size)).toBe(bytes.byteLength);
      expect(f.mime_type).toBe('application/pdf');
      expect(f.file_name).toMatch(/^[a-z0-9-]+\.pdf$/);
      expect(f.extracted_text).toBeNull();
    }
    const blobRows = await handle.db.selectFrom('blob').select('sha256').execute();
    expect(new Set(blobRows.map((b) => b.sha256))).toEqual(new Set(files.map((f) => f.sha256)));
  });

  it('attaches files to one owner each, public only where the owner is, in all four roles', async () => {
    const files = await filesWithOwners();
    expect(new Set(files.map((f) => f.role))).toEqual(new Set(['main', 'auxiliary', 'invitation', 'results_protocol']));
    for (const f of files) {
      expect([f.meeting_id, f.agenda_item_id, f.paper_id].filter(Boolean)).toHaveLength(1);
      if (f.paper_id) expect(f.public).toBe(f.paper_public);
      if (f.agenda_item_id) expect(f.public).toBe(f.item_public);
      if (f.meeting_id) expect(f.public).toBe(true);
      expect(f.visibility_confirmed_at === null).toBe(!f.public);
    }
  });

  it('revises a few main files with a second version of different content', async () => {
    const files = await filesWithOwners();
    const second = files.filter((f) => f.version === 2);
    expect(second.length).toBeGreaterThanOrEqual(2);
    for (const v2 of second) {
      expect(v2.role).toBe('main');
      const v1 = files.find((f) => f.id === v2.id && f.version === 1)!;
      expect(v1.sha256).not.toBe(v2.sha256);
      expect(texts.get(v2.sha256)).toContain('geänderte Fassung');
    }
  });

  it('renders real multi-page PDFs with umlauts, ß, € and page numbers', async () => {
    const files = await filesWithOwners();
    for (const main of files.filter((f) => f.role === 'main')) {
      const pages = pageCounts.get(main.sha256)!;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
      expect(texts.get(main.sha256)).toContain(`Seite ${pages} von ${pages}`);
    }
    const all = [...texts.values()].join('\n');
    for (const expected of [
      'ä',
      'ö',
      'ü',
      'Ö',
      'ß',
      '€',
      '„',
      '“',
      'Beratungsfolge',
      'Tagesordnung',
      'Niederschrift',
    ]) {
      expect(all).toContain(expected);
    }
    const invitation = files.find((f) => f.role === 'invitation')!;
    expect(texts.get(invitation.sha256)).toMatch(/Einladung[\s\S]*Ö 1/);
  });

  it('puts the PDF-only search word into exactly one public PDF and into no text column', async () => {
    const word = `%${pdfOnlySearchWord}%`;
    const hits = await sql<{ n: number }>`
      select (select count(*) from paper where name ilike ${word} or body_text ilike ${word} or reference ilike ${word})
           + (select count(*) from agenda_item where name ilike ${word} or result ilike ${word} or resolution_text ilike ${word})
           + (select count(*) from meeting where name ilike ${word})
           + (select count(*) from file where name ilike ${word})
           + (select count(*) from file_version where file_name ilike ${word} or extracted_text ilike ${word})
           + (select count(*) from organization where name ilike ${word})
           + (select count(*) from person where name ilike ${word}) as n`.execute(handle.db);
    expect(Number(hits.rows[0]!.n)).toBe(0);
    const files = await filesWithOwners();
    const carriers = [
      ...new Set(files.filter((f) => texts.get(f.sha256)!.includes(pdfOnlySearchWord)).map((f) => f.id)),
    ];
    expect(carriers).toHaveLength(1);
    const carrier = files.find((f) => f.id === carriers[0])!;
    expect(carrier.public).toBe(true);
    expect(carrier.paper_public).toBe(true);
  });

  it('keeps the non-public canary word out of every public row and public PDF', async () => {
    const word = `%${nonPublicCanaryWord}%`;
    const publicHits = await sql<{ n: number }>`
      select (select count(*) from paper where public and (name ilike ${word} or body_text ilike ${word}))
           + (select count(*) from agenda_item where public and (name ilike ${word} or result ilike ${word} or resolution_text ilike ${word}))
           + (select count(*) from meeting where name ilike ${word})
           + (select count(*) from file where public and name ilike ${word}) as n`.execute(handle.db);
    expect(Number(publicHits.rows[0]!.n)).toBe(0);
    const files = await filesWithOwners();
    const publicPdfs = files.filter((f) => f.public);
    expect(publicPdfs.length).toBeGreaterThan(300);
    for (const f of publicPdfs) expect(texts.get(f.sha256)).not.toContain(nonPublicCanaryWord);

    // The canary must really be there in non-public content, or this test could not fail.
    const secret = await sql<{ items: number; papers: number }>`
      select (select count(*) from agenda_item where not public and name ilike ${word})::int as items,
             (select count(*) from paper where not public and body_text ilike ${word})::int as papers`.execute(
      handle.db,
    );
    expect(secret.rows[0]!.items).toBeGreaterThan(5);
    expect(secret.rows[0]!.papers).toBeGreaterThan(5);
    expect(files.some((f) => !f.public && texts.get(f.sha256)!.includes(nonPublicCanaryWord))).toBe(true);
  });

  it('creates the demo accounts with the demo password, grants and mandates as listed', async () => {
    const accounts = await handle.db.selectFrom('account').selectAll().execute();
    expect(accounts.map((a) => a.email).sort()).toEqual(demoAccounts.map((a) => a.email).sort());
    expect(await verifyPassword(demoPassword, accounts[0]!.password_hash!)).toBe(true);
    expect(new Set(accounts.map((a) => a.password_hash)).size).toBe(1);

    const grants = await handle.db
      .selectFrom('role_grant')
      .innerJoin('account', 'account.id', 'role_grant.account_id')
      .leftJoin('body', 'body.id', 'role_grant.body_id')
      .select(['account.email', 'role_grant.role', 'body.slug'])
      .execute();
    expect(grants).toContainEqual({ email: 'admin@ratsmappe.example', role: 'system_admin', slug: null });
    expect(grants).toContainEqual({
      email: 'sitzungsdienst@vg-lindenau.example',
      role: 'office_staff',
      slug: 'vg-lindenau',
    });

    const mandates = await handle.db
      .selectFrom('account_person')
      .innerJoin('account', 'account.id', 'account_person.account_id')
      .innerJoin('membership', 'membership.person_id', 'account_person.person_id')
      .innerJoin('organization', 'organization.id', 'membership.organization_id')
      .innerJoin('body', 'body.id', 'membership.body_id')
      .select(['account.email', 'body.slug', 'organization.kind', 'organization.name', 'membership.deputy'])
      .where('membership.end_date', 'is', null)
      .execute();
    for (const account of demoAccounts.filter((a) => a.role === 'councillor')) {
      const own = mandates.filter((m) => m.email === account.email);
      expect(new Set(own.map((m) => m.slug))).toEqual(new Set(account.bodies));
      for (const mandate of account.mandates) {
        const inBody = own.filter((m) => m.slug === mandate.body);
        expect(inBody.some((m) => m.kind === 'council')).toBe(true);
        expect(inBody.filter((m) => m.kind === 'faction').map((m) => m.name)).toEqual([mandate.faction]);
        const seats = inBody.filter((m) => m.kind === 'committee' && !m.deputy).map((m) => m.name);
        const deputy = inBody.filter((m) => m.kind === 'committee' && m.deputy).map((m) => m.name);
        expect(seats.sort()).toEqual([...mandate.committees].sort());
        expect(deputy.sort()).toEqual([...mandate.deputyIn].sort());
      }
    }
    expect(demoAccounts.some((a) => a.role === 'councillor' && a.bodies.length === 2)).toBe(true);
  });

  it('keeps every timestamp historical and writes exactly one change-log row per seeded row', async () => {
    const tables = [
      'body',
      'location',
      'legislative_term',
      'organization',
      'person',
      'membership',
      'meeting',
      'meeting_organization',
      'paper',
      'agenda_item',
      'consultation',
      'file',
      'file_version',
    ] as const;
    let rows = 0;
    for (const table of tables) {
      const stats = await sql<{ n: number; latest: Date; inverted: number }>`
        select count(*)::int as n, max(modified) as latest, count(*) filter (where created > modified)::int as inverted
        from ${sql.table(table)}`.execute(handle.db);
      const { n, latest, inverted } = stats.rows[0]!;
      rows += n;
      expect(new Date(latest).getTime(), table).toBeLessThan(new Date(`${today}T00:00:00Z`).getTime());
      expect(inverted, table).toBe(0);
    }
    const log = await sql<{ n: number }>`select count(*)::int as n from change_log`.execute(handle.db);
    expect(log.rows[0]!.n).toBe(rows);
  });

  it('refuses to seed the demo bodies a second time', async () => {
    await expect(seedDemo({ db: handle.db, blobs, today })).rejects.toBeInstanceOf(SeedConflictError);
  });
});
