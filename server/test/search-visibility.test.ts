import {
  anonymousViewer,
  isAgendaItemPublic,
  isFilePublic,
  mayRead,
  publicScope,
  type AccessScope,
  type SearchResultType,
} from '@ratsmappe/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/modules/access/access.service.js';
import { Random } from '../src/seed/random.js';
import { makeBody, makeOrganization } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Cross-checks the SQL visibility filter of search against the shared rule: in a randomly generated world where
 * every object contains the search term, the hits for any scope must be exactly the objects `mayRead` allows
 * (with effective publicity from `isAgendaItemPublic`/`isFilePublic`), minus deleted ones.
 */

interface World {
  term: string;
  bodyIds: string[];
  organizationIds: string[];
  /** Every object search can return: key `type:id`, whether it is present (not deleted) and who may read it. */
  objects: { key: string; type: SearchResultType; present: boolean; bodyId: string; public: boolean; orgs: string[] }[];
  /** How often the traps of effective publicity occur, so that the worlds are known to test them. */
  coverage: Record<string, number>;
}

let t: TestApp;
const worlds: World[] = [];
const terms = ['Quellwasser', 'Lindenallee', 'Mühlenteich', 'Kiesgrube'];

beforeAll(async () => {
  t = await createTestApp();
  for (const [index, term] of terms.entries()) worlds.push(await buildWorld(new Random(1000 + index), term));
}, 120_000);
afterAll(() => t.close());

async function buildWorld(random: Random, term: string): Promise<World> {
  const db = t.ctx.database.db;
  const home = await makeBody(db);
  const other = await makeBody(db);
  const homeOrgs: string[] = [];
  for (let i = 0; i < 4; i++) homeOrgs.push((await makeOrganization(db, home.id, 'committee')).id);
  const foreignOrgs = [(await makeOrganization(db, other.id, 'committee')).id];
  const orgBody = new Map<string, string>([
    ...homeOrgs.map((id) => [id, home.id] as const),
    ...foreignOrgs.map((id) => [id, other.id] as const),
  ]);
  // Now and then a foreign organization shows up on a home object: a data error that must open nothing.
  const someOrg = () => (random.chance(0.1) ? foreignOrgs[0]! : random.pick(homeOrgs));
  const sameBody = (bodyId: string, ids: Iterable<string>) =>
    [...new Set(ids)].filter((id) => orgBody.get(id) === bodyId);

  const meetings: { id: string; deleted: boolean; orgs: string[] }[] = [];
  for (let i = 0; i < 6; i++) {
    const row = await db
      .insertInto('meeting')
      .values({ body_id: home.id, name: `Sitzung ${term} ${i}`, start: new Date(Date.UTC(2026, 2, 1 + i, 17)) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const holding: { org: string; deleted: boolean }[] = [];
    for (const org of new Set(Array.from({ length: random.int(0, 2) }, someOrg))) {
      const deleted = random.chance(0.2);
      await db
        .insertInto('meeting_organization')
        .values({ body_id: home.id, meeting_id: row.id, organization_id: org, deleted })
        .execute();
      holding.push({ org, deleted });
    }
    const deleted = random.chance(0.15);
    if (deleted) await db.updateTable('meeting').set({ deleted: true }).where('id', '=', row.id).execute();
    meetings.push({ id: row.id, deleted, orgs: holding.filter((h) => !h.deleted).map((h) => h.org) });
  }

  const papers: { id: string; public: boolean; deleted: boolean; consulting: string[] }[] = [];
  for (let i = 0; i < 7; i++) {
    const row = await db
      .insertInto('paper')
      .values({
        body_id: home.id,
        name: `Vorlage ${i}`,
        body_text: `Es geht um ${term}.`,
        paper_type: 'Antrag',
        date: `2026-04-0${i + 1}`,
        public: random.chance(0.5),
        deleted: random.chance(0.15),
      })
      .returning(['id', 'public', 'deleted'])
      .executeTakeFirstOrThrow();
    const consulting: string[] = [];
    for (let c = random.int(0, 2); c > 0; c--) {
      const org = random.chance(0.15) ? null : someOrg();
      const deleted = random.chance(0.2);
      await db
        .insertInto('consultation')
        .values({ body_id: home.id, paper_id: row.id, organization_id: org, deleted })
        .execute();
      if (org && !deleted) consulting.push(org);
    }
    papers.push({ ...row, consulting });
  }

  const items: {
    id: string;
    meeting: (typeof meetings)[number];
    public: boolean;
    deleted: boolean;
    paperId: string | null;
    parentPublic: boolean | undefined;
  }[] = [];
  for (const meeting of meetings) {
    const topLevel: { id: string; public: boolean }[] = [];
    for (let i = random.int(1, 5); i > 0; i--) {
      const parent = topLevel.length > 0 && random.chance(0.5) ? random.pick(topLevel) : undefined;
      const paper = random.chance(0.5) ? random.pick(papers) : undefined;
      const row = await db
        .insertInto('agenda_item')
        .values({
          body_id: home.id,
          meeting_id: meeting.id,
          parent_id: parent?.id ?? null,
          position: items.length,
          number: String(items.length + 1),
          name: `Punkt ${term}`,
          public: random.chance(0.6),
          paper_id: paper?.id ?? null,
          deleted: random.chance(0.15),
        })
        .returning(['id', 'public', 'deleted', 'paper_id'])
        .executeTakeFirstOrThrow();
      if (!parent) topLevel.push(row);
      items.push({ ...row, paperId: row.paper_id, meeting, parentPublic: parent?.public });
    }
  }

  const paperOrgs = (paper: (typeof papers)[number]) =>
    sameBody(home.id, [
      ...paper.consulting,
      ...items.filter((i) => i.paperId === paper.id && !i.deleted).flatMap((i) => i.meeting.orgs),
    ]);
  const itemPublic = (item: (typeof items)[number]) =>
    isAgendaItemPublic({ public: item.public, parentPublic: item.parentPublic });

  const objects: World['objects'] = [];
  for (const m of meetings) {
    objects.push({
      key: `meeting:${m.id}`,
      type: 'meeting',
      present: !m.deleted,
      bodyId: home.id,
      public: true,
      orgs: sameBody(home.id, m.orgs),
    });
  }
  for (const p of papers) {
    objects.push({
      key: `paper:${p.id}`,
      type: 'paper',
      present: !p.deleted,
      bodyId: home.id,
      public: p.public,
      orgs: paperOrgs(p),
    });
  }
  for (const i of items) {
    objects.push({
      key: `agenda_item:${i.id}`,
      type: 'agenda_item',
      present: !i.deleted && !i.meeting.deleted,
      bodyId: home.id,
      public: itemPublic(i),
      orgs: sameBody(home.id, i.meeting.orgs),
    });
  }

  const blob = await t.ctx.blobs.put(new TextEncoder().encode(term));
  await db
    .insertInto('blob')
    .values({ sha256: blob.sha256, size: blob.size, mime_type: 'text/plain' })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  const coverage = { publicChildOfNonPublicParent: 0, publicFileOfHiddenSubItem: 0, termOnlyInOlderVersion: 0 };
  for (let i = 0; i < 20; i++) {
    const kind = random.weighted([
      ['meeting', 1],
      ['agenda_item', 2],
      ['paper', 1],
    ] as const);
    const meeting = kind === 'meeting' ? random.pick(meetings) : undefined;
    const item = kind === 'agenda_item' && items.length > 0 ? random.pick(items) : undefined;
    const paper = !meeting && !item ? random.pick(papers) : undefined;
    const nameHasTerm = random.chance(0.2);
    const file = await db
      .insertInto('file')
      .values({
        body_id: home.id,
        name: nameHasTerm ? `Anlage ${i} zu ${term}` : `Anlage ${i}`,
        role: 'auxiliary',
        meeting_id: meeting?.id ?? null,
        agenda_item_id: item?.id ?? null,
        paper_id: paper?.id ?? null,
        public: random.chance(0.7),
        deleted: random.chance(0.1),
      })
      .returning(['id', 'public', 'deleted'])
      .executeTakeFirstOrThrow();
    // Only the newest version that is not deleted counts; older versions may say something else.
    let current: { hasTerm: boolean } | undefined;
    let olderHasTerm = false;
    for (let v = 1, versions = random.int(1, 3); v <= versions; v++) {
      const deleted = random.chance(0.2);
      const hasTerm = random.chance(0.75);
      await db
        .insertInto('file_version')
        .values({
          body_id: home.id,
          file_id: file.id,
          version: v,
          sha256: blob.sha256,
          size: blob.size,
          mime_type: 'text/plain',
          file_name: `anlage-${i}.txt`,
          extracted_text: hasTerm ? `Text mit ${term}` : 'Text ohne das Wort',
          text_extracted_at: new Date(),
          deleted,
        })
        .execute();
      if (!deleted) {
        if (current?.hasTerm) olderHasTerm = true;
        current = { hasTerm };
      }
    }
    const ownerPresent = meeting ? !meeting.deleted : item ? !item.deleted && !item.meeting.deleted : !paper!.deleted;
    const ownerPublic = meeting ? true : item ? itemPublic(item) : paper!.public;
    const orgs = meeting ? meeting.orgs : item ? item.meeting.orgs : paperOrgs(paper!);
    const present = !file.deleted && ownerPresent && current !== undefined && (current.hasTerm || nameHasTerm);
    if (present && file.public && item && item.public && item.parentPublic === false)
      coverage.publicFileOfHiddenSubItem++;
    if (!file.deleted && ownerPresent && olderHasTerm && current && !current.hasTerm && !nameHasTerm) {
      coverage.termOnlyInOlderVersion++;
    }
    objects.push({
      key: `file:${file.id}`,
      type: 'file',
      present,
      bodyId: home.id,
      public: isFilePublic({ public: file.public, ownerPublic }),
      orgs: sameBody(home.id, orgs),
    });
  }
  coverage.publicChildOfNonPublicParent = items.filter(
    (i) => !i.deleted && !i.meeting.deleted && i.public && i.parentPublic === false,
  ).length;
  return { term, bodyIds: [home.id, other.id], organizationIds: [...homeOrgs, ...foreignOrgs], objects, coverage };
}

function scopesFor(world: World, random: Random): AccessScope[] {
  const scopes: AccessScope[] = [
    publicScope,
    { publicOnly: false, fullBodyIds: [world.bodyIds[0]!], memberOrganizationIds: [] },
    { publicOnly: false, fullBodyIds: [world.bodyIds[1]!], memberOrganizationIds: [] },
  ];
  for (const org of world.organizationIds)
    scopes.push({ publicOnly: false, fullBodyIds: [], memberOrganizationIds: [org] });
  for (let i = 0; i < 12; i++) {
    scopes.push({
      publicOnly: false,
      fullBodyIds: random.chance(0.2) ? [random.pick(world.bodyIds)] : [],
      memberOrganizationIds: random.sample(world.organizationIds, random.int(1, 3)),
    });
  }
  return scopes;
}

async function searchAll(scope: AccessScope, q: string, organization?: string) {
  const principal: Principal = { viewer: anonymousViewer, scope };
  const keys: string[] = [];
  let total = -1;
  for (let page = 1; page <= 20; page++) {
    const response = await t.ctx.services.search.search(
      principal,
      { q, page, limit: 50, ...(organization ? { organization } : {}) },
      undefined,
    );
    total = response.total;
    keys.push(...response.results.map((r) => `${r.type}:${r.id}`));
    if (response.results.length < 50) break;
  }
  return { keys: keys.sort(), total };
}

describe('search visibility matches mayRead', () => {
  it.each(terms.map((term, index) => [term, index] as const))(
    'returns exactly the readable objects for every scope (world "%s")',
    async (_, index) => {
      const world = worlds[index]!;
      const random = new Random(5000 + index);
      const present = world.objects.filter((o) => o.present);
      // The world must exercise both outcomes, or the comparison proves little.
      expect(present.filter((o) => !o.public).length).toBeGreaterThanOrEqual(4);
      expect(present.filter((o) => o.public && o.type !== 'meeting').length).toBeGreaterThanOrEqual(4);

      for (const scope of scopesFor(world, random)) {
        const allowed = present.filter((o) =>
          mayRead(scope, { bodyId: o.bodyId, public: o.public, organizationIds: o.orgs }),
        );
        const expected = allowed.map((o) => o.key).sort();
        const found = await searchAll(scope, world.term);
        expect({ scope, keys: found.keys }).toEqual({ scope, keys: expected });
        expect(found.total).toBe(expected.length);

        const organization = random.pick(world.organizationIds);
        const filtered = allowed
          .filter((o) => o.orgs.includes(organization))
          .map((o) => o.key)
          .sort();
        expect((await searchAll(scope, world.term, organization)).keys).toEqual(filtered);
      }
    },
    120_000,
  );

  it('generates worlds that contain the traps of effective publicity', () => {
    for (const trap of Object.keys(worlds[0]!.coverage)) {
      expect(
        worlds.reduce((sum, w) => sum + w.coverage[trap]!, 0),
        trap,
      ).toBeGreaterThan(0);
    }
  });
});
