/**
 * Worlds for the leak probe: a fast-check generator of municipalities with their committees, factions, persons,
 * memberships (running, ended, future, ending or starting today), meetings with public and non-public agenda items,
 * papers with consultations, PDF files (early, late, confirmed or not, several versions) and annotations of every
 * scope; plus a hand-made world that holds every kind at least once. `buildWorld` writes a world the way the office
 * and the councillors would: master data through the factories, everything else over HTTP, annotations through
 * sync push from a registered device, text extraction through the job queue.
 *
 * Every text that belongs to an agenda item, paper, file or annotation carries its own token: `CANARY` + 10 hex
 * characters where the text ends up non-public, `OFFEN` + 10 hex where it ends up public. Meeting names carry an
 * `OFFEN` token. The token registry says which object each token belongs to; the oracle says who may read it.
 */
import { createHash } from 'node:crypto';
import type { AnnotationWriteArgs } from '@ratsmappe/shared';
import fc from 'fast-check';
import { makeAccount, makeBody, makeMembership, makeOrganization, makePerson, signIn } from './factories.js';
import type { TestApp } from './harness.js';
import {
  itemIsPublic,
  mayRead,
  type OracleMembership,
  type OracleUser,
  type OracleWorld,
  type Owner,
} from './leak-oracle.js';
import { mapLimit } from './oparl-crawler.js';
import { makePdf } from './search-fixtures.js';

export const today = '2026-11-21';
export const probeInstant = new Date('2026-11-21T10:00:00Z');

export const periods = ['current', 'ended', 'endedYesterday', 'future', 'endsToday', 'startsToday'] as const;
export type Period = (typeof periods)[number];
const periodDates: Record<Period, { start: string; end: string | null }> = {
  current: { start: '2024-06-01', end: null },
  ended: { start: '2024-06-01', end: '2026-10-31' },
  endedYesterday: { start: '2024-06-01', end: '2026-11-20' },
  future: { start: '2026-11-22', end: null },
  endsToday: { start: '2024-06-01', end: today },
  startsToday: { start: today, end: '2029-05-31' },
};

export const annotationScopes = ['private', 'faction', 'committee'] as const;
export type AnnotationScope = (typeof annotationScopes)[number];

/** Numbers called `pick` are resolved modulo what exists when they are used, so every generated world is valid. */
export interface BodySpec {
  councilSeesNonPublic: boolean;
  committees: number;
  factions: number;
  persons: number;
  /** `org` picks among council, committees and factions. */
  memberships: { person: number; org: number; period: Period }[];
  papers: { public: boolean; consult: number[]; laterNonPublic: boolean }[];
  meetings: {
    /** Picks among council and committees; the first is the lead. */
    organizations: number[];
    invite: boolean;
    items: { public: boolean; parent: number | null; paper: number | null; reclassify: boolean; resolution: boolean }[];
  }[];
  files: {
    owner: 'meeting' | 'item' | 'paper';
    pick: number;
    pick2: number;
    public: boolean;
    /** Uploaded after the invitation of a meeting it belongs to (so it waits for the office's confirmation). */
    late: boolean;
    confirm: 'none' | 'public' | 'nonPublic';
    versions: 1 | 2;
  }[];
  annotations: { target: 'file' | 'item'; pick: number; author: number; scope: AnnotationScope; scopeOrg: number }[];
}

export type UserSpec =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  | { kind: 'staff'; body: number }
  | { kind: 'councillor'; persons: { body: number; person: number }[] }
  | {
      kind: 'deactivated';
      how: 'api' | 'database';
      staffOf: number | null;
      persons: { body: number; person: number }[];
    };

export interface WorldSpec {
  name: string;
  salt: number;
  bodies: BodySpec[];
  users: UserSpec[];
}

// ---------------------------------------------------------------------------------------------------------------
// Generator

const pick = fc.nat({ max: 1000 });

const bodyArbitrary: fc.Arbitrary<BodySpec> = fc.record({
  councilSeesNonPublic: fc.boolean(),
  committees: fc.integer({ min: 1, max: 3 }),
  factions: fc.integer({ min: 1, max: 2 }),
  persons: fc.integer({ min: 3, max: 6 }),
  memberships: fc.array(fc.record({ person: pick, org: pick, period: fc.constantFrom(...periods) }), {
    minLength: 3,
    maxLength: 10,
  }),
  papers: fc.array(
    fc.record({
      public: fc.boolean(),
      consult: fc.array(pick, { maxLength: 2 }),
      laterNonPublic: fc.constantFrom(false, false, false, true),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  meetings: fc.array(
    fc.record({
      organizations: fc.array(pick, { minLength: 1, maxLength: 2 }),
      invite: fc.boolean(),
      items: fc.array(
        fc.record({
          public: fc.boolean(),
          parent: fc.option(pick, { freq: 3 }),
          paper: fc.option(pick, { freq: 2 }),
          reclassify: fc.boolean(),
          resolution: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  files: fc.array(
    fc.record({
      owner: fc.constantFrom('meeting' as const, 'item' as const, 'paper' as const),
      pick,
      pick2: pick,
      public: fc.boolean(),
      late: fc.boolean(),
      confirm: fc.constantFrom('none' as const, 'public' as const, 'nonPublic' as const),
      versions: fc.constantFrom(1 as const, 2 as const),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  annotations: fc.array(
    fc.record({
      target: fc.constantFrom('file' as const, 'item' as const),
      pick,
      author: pick,
      scope: fc.constantFrom(...annotationScopes),
      scopeOrg: pick,
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

const personRef = fc.record({ body: pick, person: pick });

/** Anonymous, a system admin and the office staff of every body are always there; councillors and deactivated vary. */
export const worldArbitrary: fc.Arbitrary<WorldSpec> = fc
  .record({
    salt: fc.nat(),
    bodies: fc.array(bodyArbitrary, { minLength: 2, maxLength: 3 }),
    councillors: fc.array(fc.array(personRef, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 6 }),
    deactivated: fc.array(
      fc.record({
        how: fc.constantFrom('api' as const, 'database' as const),
        staffOf: fc.option(pick),
        persons: fc.array(personRef, { maxLength: 1 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map(({ salt, bodies, councillors, deactivated }) => ({
    name: 'generated',
    salt,
    bodies,
    users: [
      { kind: 'anonymous' as const },
      { kind: 'admin' as const },
      ...bodies.map((_, body) => ({ kind: 'staff' as const, body })),
      ...councillors.map((persons) => ({ kind: 'councillor' as const, persons })),
      ...deactivated.map((d) => ({ kind: 'deactivated' as const, ...d })),
    ],
  }));

/**
 * The coverage world: every period, scope, owner kind, late and confirmed file, reclassification, sub-item, council
 * setting and user kind at least once, whatever the generator happens to draw. Organizations per body: 0 council,
 * 1..committees committees, then factions.
 */
export function coverageWorld(salt: number): WorldSpec {
  // Lindenau: council (0), Bauausschuss (1), Finanzausschuss (2), Fraktion A (3), Fraktion B (4).
  const lindenau: BodySpec = {
    councilSeesNonPublic: false,
    committees: 2,
    factions: 2,
    persons: 8,
    memberships: [
      { person: 0, org: 1, period: 'current' },
      { person: 0, org: 3, period: 'current' },
      { person: 0, org: 0, period: 'current' },
      { person: 1, org: 1, period: 'endsToday' },
      { person: 1, org: 3, period: 'startsToday' },
      { person: 2, org: 1, period: 'ended' },
      { person: 2, org: 4, period: 'current' },
      { person: 3, org: 1, period: 'future' },
      { person: 3, org: 3, period: 'ended' },
      { person: 4, org: 2, period: 'current' },
      { person: 4, org: 4, period: 'current' },
      { person: 5, org: 3, period: 'current' },
      { person: 6, org: 1, period: 'endedYesterday' },
      { person: 7, org: 1, period: 'current' },
      { person: 7, org: 3, period: 'current' },
    ],
    papers: [
      { public: true, consult: [0], laterNonPublic: false },
      { public: false, consult: [0], laterNonPublic: false },
      { public: false, consult: [1], laterNonPublic: false },
      { public: true, consult: [0], laterNonPublic: true },
      { public: false, consult: [], laterNonPublic: false },
    ],
    meetings: [
      {
        organizations: [1],
        invite: true,
        items: [
          { public: true, parent: null, paper: 0, reclassify: false, resolution: true },
          { public: false, parent: null, paper: 1, reclassify: false, resolution: true },
          // A sub-item marked public under a non-public item is non-public.
          { public: true, parent: 1, paper: null, reclassify: false, resolution: false },
          { public: true, parent: null, paper: 3, reclassify: true, resolution: true },
          // Public at first, non-public once its parent leaves the public part after the invitation.
          { public: true, parent: 2, paper: null, reclassify: false, resolution: true },
          { public: true, parent: null, paper: 4, reclassify: false, resolution: false },
        ],
      },
      {
        organizations: [2, 1],
        invite: false,
        items: [
          { public: false, parent: null, paper: 2, reclassify: false, resolution: false },
          { public: true, parent: null, paper: null, reclassify: false, resolution: false },
        ],
      },
    ],
    files: [
      { owner: 'meeting', pick: 0, pick2: 0, public: true, late: false, confirm: 'none', versions: 1 },
      { owner: 'meeting', pick: 0, pick2: 0, public: false, late: false, confirm: 'none', versions: 1 },
      { owner: 'item', pick: 0, pick2: 0, public: true, late: false, confirm: 'none', versions: 2 },
      { owner: 'item', pick: 0, pick2: 1, public: false, late: false, confirm: 'none', versions: 1 },
      { owner: 'item', pick: 0, pick2: 2, public: true, late: false, confirm: 'none', versions: 1 },
      { owner: 'item', pick: 0, pick2: 3, public: true, late: false, confirm: 'none', versions: 1 },
      { owner: 'item', pick: 0, pick2: 0, public: true, late: true, confirm: 'none', versions: 1 },
      { owner: 'item', pick: 0, pick2: 0, public: true, late: true, confirm: 'public', versions: 1 },
      { owner: 'item', pick: 0, pick2: 1, public: false, late: true, confirm: 'nonPublic', versions: 1 },
      { owner: 'item', pick: 1, pick2: 0, public: false, late: false, confirm: 'none', versions: 1 },
      { owner: 'paper', pick: 0, pick2: 0, public: true, late: false, confirm: 'none', versions: 1 },
      { owner: 'paper', pick: 1, pick2: 0, public: false, late: false, confirm: 'none', versions: 2 },
      { owner: 'paper', pick: 2, pick2: 0, public: false, late: false, confirm: 'none', versions: 1 },
      { owner: 'paper', pick: 3, pick2: 0, public: true, late: false, confirm: 'none', versions: 1 },
      { owner: 'paper', pick: 0, pick2: 0, public: true, late: true, confirm: 'none', versions: 1 },
    ],
    annotations: [
      // On the public item file, every scope (pick 0 = first file of the resolved list: meeting public file).
      { target: 'file', pick: 2, author: 0, scope: 'private', scopeOrg: 0 },
      { target: 'file', pick: 2, author: 0, scope: 'faction', scopeOrg: 0 },
      { target: 'file', pick: 2, author: 0, scope: 'committee', scopeOrg: 0 },
      { target: 'file', pick: 3, author: 0, scope: 'private', scopeOrg: 0 },
      { target: 'file', pick: 3, author: 0, scope: 'faction', scopeOrg: 0 },
      { target: 'file', pick: 3, author: 0, scope: 'committee', scopeOrg: 0 },
      { target: 'file', pick: 11, author: 2, scope: 'committee', scopeOrg: 0 },
      { target: 'item', pick: 1, author: 0, scope: 'private', scopeOrg: 0 },
      { target: 'item', pick: 1, author: 0, scope: 'faction', scopeOrg: 0 },
      { target: 'item', pick: 1, author: 0, scope: 'committee', scopeOrg: 0 },
      { target: 'item', pick: 0, author: 1, scope: 'faction', scopeOrg: 0 },
      { target: 'item', pick: 5, author: 3, scope: 'private', scopeOrg: 0 },
    ],
  };
  // Auenbach: its council reads everything non-public of the body. Council (0), Hauptausschuss (1), Fraktion (2).
  const auenbach: BodySpec = {
    councilSeesNonPublic: true,
    committees: 1,
    factions: 1,
    persons: 4,
    memberships: [
      { person: 0, org: 0, period: 'current' },
      { person: 1, org: 1, period: 'current' },
      { person: 1, org: 2, period: 'current' },
      { person: 2, org: 0, period: 'ended' },
      { person: 3, org: 2, period: 'current' },
    ],
    papers: [
      { public: false, consult: [0], laterNonPublic: false },
      { public: true, consult: [0], laterNonPublic: false },
    ],
    meetings: [
      {
        organizations: [1],
        invite: true,
        items: [
          { public: false, parent: null, paper: 0, reclassify: false, resolution: true },
          { public: true, parent: null, paper: 1, reclassify: false, resolution: true },
        ],
      },
    ],
    files: [
      { owner: 'item', pick: 0, pick2: 0, public: false, late: false, confirm: 'none', versions: 1 },
      { owner: 'paper', pick: 0, pick2: 0, public: false, late: false, confirm: 'none', versions: 1 },
      { owner: 'item', pick: 0, pick2: 1, public: true, late: false, confirm: 'none', versions: 1 },
    ],
    annotations: [
      { target: 'file', pick: 0, author: 0, scope: 'committee', scopeOrg: 0 },
      { target: 'file', pick: 2, author: 0, scope: 'faction', scopeOrg: 0 },
    ],
  };
  return {
    name: 'coverage',
    salt,
    bodies: [lindenau, auenbach],
    users: [
      { kind: 'anonymous' },
      { kind: 'admin' },
      { kind: 'staff', body: 0 },
      { kind: 'staff', body: 1 },
      // One login for mandates in two bodies.
      {
        kind: 'councillor',
        persons: [
          { body: 0, person: 0 },
          { body: 1, person: 1 },
        ],
      },
      ...[1, 2, 3, 4, 5, 6].map((person) => ({ kind: 'councillor' as const, persons: [{ body: 0, person }] })),
      { kind: 'councillor', persons: [{ body: 1, person: 0 }] },
      { kind: 'councillor', persons: [{ body: 1, person: 2 }] },
      { kind: 'councillor', persons: [{ body: 1, person: 3 }] },
      { kind: 'deactivated', how: 'api', staffOf: 0, persons: [] },
      { kind: 'deactivated', how: 'database', staffOf: null, persons: [{ body: 0, person: 7 }] },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Building

export interface TokenInfo {
  owner: Owner;
  /** What the text is, for the report: "item name", "file content v2" … */
  field: string;
}

export interface WorldUser {
  label: string;
  cookie: string;
  oracle: OracleUser;
  /** Body indexes this user is office staff of (to skip write attempts that would succeed). */
  staffOfIds: string[];
}

export interface World {
  spec: WorldSpec;
  oracle: OracleWorld;
  users: WorldUser[];
  tokens: Map<string, TokenInfo>;
  bodyIds: string[];
  bodySlugs: string[];
  organizationIds: string[];
  personIds: string[];
  meetingIds: string[];
  itemIds: string[];
  paperIds: string[];
  consultationIds: string[];
  /** Every file of the world, the generated invitations included. */
  fileIds: string[];
  accountIds: string[];
  /** Every blob a file version points at. */
  sha256s: string[];
  /** Versions per file, for the version doors. */
  versionsOf: Map<string, number>;
  counts: { annotationsStored: number; annotationsSkipped: number; lateFiles: number; invitations: number };
}

export const tokenPattern = /(?:CANARY|OFFEN)[0-9a-f]{10}/g;

class Tokens {
  private counter = 0;
  readonly registry = new Map<string, TokenInfo>();
  constructor(private readonly salt: number) {}
  /** A fresh token for a text of `owner`; `public` only picks the prefix (the oracle decides who may read). */
  make(owner: Owner, field: string, isPublic: boolean): string {
    const hex = createHash('sha256').update(`${this.salt}:${++this.counter}`).digest('hex').slice(0, 10);
    const token = `${isPublic ? 'OFFEN' : 'CANARY'}${hex}`;
    this.registry.set(token, { owner, field });
    return token;
  }
}

const word = (isPublic: boolean) => (isPublic ? 'Offenlage' : 'Geheimsache');

/**
 * One request the world is built with; `json` is sent as the body. Any answer but `status` stops the build with the
 * server's answer, named by `what`: a world half built would make the probe's findings meaningless.
 */
async function send(
  t: TestApp,
  what: string,
  status: number,
  path: string,
  { json, ...init }: RequestInit & { cookie: string; json?: unknown },
): Promise<Response> {
  const response = await t.request(path, json === undefined ? init : { ...init, body: JSON.stringify(json) });
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

async function createdId(response: Response): Promise<string> {
  return ((await response.json()) as { id: string }).id;
}

function uuidFrom(salt: number, n: number): string {
  const h = createHash('sha256').update(`annotation:${salt}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function buildWorld(
  t: TestApp,
  spec: WorldSpec,
  log: (phase: string) => void = () => undefined,
): Promise<World> {
  const db = t.ctx.database.db;
  const tokens = new Tokens(spec.salt);
  const oracle: OracleWorld = {
    today,
    bodies: new Map(),
    organizations: new Map(),
    meetings: new Map(),
    items: new Map(),
    papers: new Map(),
    files: new Map(),
    annotations: new Map(),
  };
  const world: World = {
    spec,
    oracle,
    users: [],
    tokens: tokens.registry,
    bodyIds: [],
    bodySlugs: [],
    organizationIds: [],
    personIds: [],
    meetingIds: [],
    itemIds: [],
    paperIds: [],
    consultationIds: [],
    fileIds: [],
    accountIds: [],
    sha256s: [],
    versionsOf: new Map(),
    counts: { annotationsStored: 0, annotationsSkipped: 0, lateFiles: 0, invitations: 0 },
  };

  // Master data, accounts and sessions.
  interface BuiltBody {
    id: string;
    orgs: { id: string; kind: 'council' | 'committee' | 'faction' }[];
    persons: { id: string; body_id: string; memberships: OracleMembership[] }[];
    staffCookie: string;
  }
  const bodies: BuiltBody[] = [];
  for (const [index, b] of spec.bodies.entries()) {
    const body = await makeBody(db, { councilMembersSeeNonPublic: b.councilSeesNonPublic, name: `Gemeinde ${index}` });
    oracle.bodies.set(body.id, { councilMembersSeeNonPublic: b.councilSeesNonPublic });
    world.bodyIds.push(body.id);
    world.bodySlugs.push(body.slug);
    const kinds = [
      'council' as const,
      ...Array.from({ length: b.committees }, () => 'committee' as const),
      ...Array.from({ length: b.factions }, () => 'faction' as const),
    ];
    const orgs = [];
    for (const [i, kind] of kinds.entries()) {
      const org = await makeOrganization(db, body.id, kind, `${kind} ${index}.${i}`);
      oracle.organizations.set(org.id, { bodyId: body.id, kind });
      world.organizationIds.push(org.id);
      orgs.push({ id: org.id, kind });
    }
    const persons = [];
    for (let i = 0; i < b.persons; i++) {
      const person = await makePerson(db, body.id);
      world.personIds.push(person.id);
      persons.push({ ...person, memberships: [] as OracleMembership[] });
    }
    for (const m of b.memberships) {
      const person = persons[m.person % persons.length]!;
      const org = orgs[m.org % orgs.length]!;
      const dates = periodDates[m.period];
      if (person.memberships.some((x) => x.organizationId === org.id)) continue;
      await makeMembership(db, person, org.id, dates);
      person.memberships.push({ organizationId: org.id, bodyId: body.id, start: dates.start, end: dates.end });
    }
    bodies.push({ id: body.id, orgs, persons, staffCookie: '' });
  }

  const linkedPersons = new Set<string>();
  let admin = undefined as { cookie: string } | undefined;
  const deactivations: (() => Promise<void>)[] = [];
  const signIns: (() => Promise<void>)[] = [];
  for (const [index, u] of spec.users.entries()) {
    const resolve = (refs: { body: number; person: number }[]) =>
      refs
        .map((r) => {
          const body = bodies[r.body % bodies.length]!;
          return body.persons[r.person % body.persons.length]!;
        })
        .filter((p) => !linkedPersons.has(p.id) && (linkedPersons.add(p.id), true));
    if (u.kind === 'anonymous') {
      world.users.push({
        label: `${index}:anonymous`,
        cookie: '',
        oracle: { accountId: null, active: true, officeStaffOf: [], memberships: [] },
        staffOfIds: [],
      });
      continue;
    }
    const persons = u.kind === 'councillor' || u.kind === 'deactivated' ? resolve(u.persons) : [];
    const staffOf =
      u.kind === 'staff'
        ? [bodies[u.body % bodies.length]!.id]
        : u.kind === 'deactivated' && u.staffOf !== null
          ? [bodies[u.staffOf % bodies.length]!.id]
          : [];
    const account = await makeAccount(db, {
      officeStaffOf: staffOf,
      systemAdmin: u.kind === 'admin',
      personIds: persons.map((p) => p.id),
    });
    world.accountIds.push(account.id);
    const memberships = persons.flatMap((p) => p.memberships);
    const describe = persons
      .flatMap((p) =>
        p.memberships.map((m) => {
          const kind = oracle.organizations.get(m.organizationId)!.kind;
          const period = Object.entries(periodDates).find(([, d]) => d.start === m.start && d.end === m.end)?.[0];
          return `${kind}#${world.organizationIds.indexOf(m.organizationId)}:${period}`;
        }),
      )
      .join(',');
    const label =
      u.kind === 'staff'
        ? `${index}:staff of body ${u.body % bodies.length}`
        : u.kind === 'admin'
          ? `${index}:system admin`
          : u.kind === 'deactivated'
            ? `${index}:deactivated (${u.how}) ${staffOf.length ? 'staff' : ''}${describe}`
            : `${index}:councillor ${describe || '(no membership)'}`;
    const user: WorldUser = {
      label,
      cookie: '',
      oracle: { accountId: account.id, active: true, officeStaffOf: staffOf, memberships },
      staffOfIds: staffOf,
    };
    world.users.push(user);
    signIns.push(async () => {
      user.cookie = await signIn(t, account.email);
      if (u.kind === 'staff') {
        const body = bodies[u.body % bodies.length]!;
        if (!body.staffCookie) body.staffCookie = user.cookie;
      }
      if (u.kind === 'admin') admin = { cookie: user.cookie };
    });
    if (u.kind === 'deactivated') {
      deactivations.push(async () => {
        if (u.how === 'api' && admin) {
          await send(t, 'deactivate', 200, `/api/accounts/${account.id}/deactivate`, {
            method: 'POST',
            cookie: admin.cookie,
          });
        } else {
          await db.updateTable('account').set({ active: false }).where('id', '=', account.id).execute();
        }
        user.oracle = { ...user.oracle, active: false };
      });
    }
  }
  // Password checks (scrypt) run in parallel; the database work of a sign-in is small.
  await mapLimit(signIns, 4, (signInOne) => signInOne());
  for (const body of bodies) {
    if (body.staffCookie) continue;
    // Every body needs an office to build it; the world's users may not include one.
    const staff = await makeAccount(db, { officeStaffOf: [body.id] });
    body.staffCookie = await signIn(t, staff.email);
  }

  log('accounts');
  // Papers and their consultations.
  const papersOf: string[][] = [];
  for (const [bi, b] of spec.bodies.entries()) {
    const body = bodies[bi]!;
    const committees = body.orgs.filter((o) => o.kind === 'committee');
    const ids: string[] = [];
    for (const p of b.papers) {
      const finalPublic = p.public && !p.laterNonPublic;
      const placeholder = { kind: 'paper' as const, id: '' };
      const nameToken = tokens.make(placeholder, 'paper name', finalPublic);
      const textToken = tokens.make(placeholder, 'paper text', finalPublic);
      const paperId = await createdId(
        await send(t, 'create paper', 201, `/api/bodies/${body.id}/papers`, {
          method: 'POST',
          cookie: body.staffCookie,
          json: {
            name: `${word(finalPublic)} Vorlage ${nameToken}`,
            date: '2026-11-02',
            paperType: 'Beschlussvorlage',
            bodyText: `Sachverhalt ${word(finalPublic)} ${textToken} Begründung folgt.`,
            public: p.public,
          },
        }),
      );
      placeholder.id = paperId;
      ids.push(paperId);
      world.paperIds.push(paperId);
      const consulting: string[] = [];
      for (const c of p.consult) {
        const org = committees[c % committees.length]!;
        if (consulting.includes(org.id)) continue;
        const created = await send(t, 'add consultation', 201, `/api/papers/${paperId}/consultations`, {
          method: 'POST',
          cookie: body.staffCookie,
          json: { organizationId: org.id },
        });
        world.consultationIds.push(await createdId(created));
        consulting.push(org.id);
      }
      oracle.papers.set(paperId, {
        bodyId: body.id,
        public: p.public,
        consultingOrganizationIds: consulting,
        agendaItemIds: [],
      });
    }
    papersOf.push(ids);
  }

  log('papers');
  // Meetings and agenda items.
  interface BuiltMeeting {
    id: string;
    bodyIndex: number;
    invite: boolean;
    items: { id: string; spec: BodySpec['meetings'][number]['items'][number]; topLevel: boolean }[];
  }
  const meetings: BuiltMeeting[] = [];
  for (const [bi, b] of spec.bodies.entries()) {
    const body = bodies[bi]!;
    const holders = body.orgs.filter((o) => o.kind !== 'faction');
    for (const [mi, m] of b.meetings.entries()) {
      const orgIds = [...new Set(m.organizations.map((o) => holders[o % holders.length]!.id))];
      const placeholder = { kind: 'meeting' as const, id: '' };
      const day = String(10 + ((mi * 7 + bi * 3) % 18)).padStart(2, '0');
      const meetingId = await createdId(
        await send(t, 'create meeting', 201, `/api/bodies/${body.id}/meetings`, {
          method: 'POST',
          cookie: body.staffCookie,
          json: {
            name: `Sitzung ${tokens.make(placeholder, 'meeting name', true)}`,
            start: `2026-12-${day}T18:00:00+01:00`,
            end: `2026-12-${day}T20:00:00+01:00`,
            organizationIds: orgIds,
            locationDescription: 'Rathaus, Sitzungssaal',
          },
        }),
      );
      placeholder.id = meetingId;
      world.meetingIds.push(meetingId);
      oracle.meetings.set(meetingId, { bodyId: body.id, organizationIds: orgIds });
      const built: BuiltMeeting = { id: meetingId, bodyIndex: bi, invite: m.invite, items: [] };
      for (const item of m.items) {
        const tops = built.items.filter((i) => i.topLevel);
        const parent = item.parent !== null && tops.length > 0 ? tops[item.parent % tops.length]! : null;
        const papers = papersOf[bi]!;
        const paperId = item.paper !== null && papers.length > 0 ? papers[item.paper % papers.length]! : null;
        // A sub-item sits in its parent's part (Ö or N); it leaves the public part when its parent does.
        const flag = parent ? parent.spec.public : item.public;
        const reclassify = item.reclassify && m.invite && parent === null && flag;
        const finalPublic = flag && !reclassify && (parent === null || !parent.spec.reclassify);
        const ownerRef = { kind: 'item' as const, id: '' };
        const id = await createdId(
          await send(t, 'add agenda item', 201, `/api/meetings/${meetingId}/agenda-items`, {
            method: 'POST',
            cookie: body.staffCookie,
            json: {
              name: `${word(finalPublic)} TOP ${tokens.make(ownerRef, 'agenda item name', finalPublic)}`,
              public: flag,
              parentId: parent?.id ?? null,
              paperId,
            },
          }),
        );
        ownerRef.id = id;
        world.itemIds.push(id);
        oracle.items.set(id, { bodyId: body.id, meetingId, parentId: parent?.id ?? null, public: flag });
        if (paperId) (oracle.papers.get(paperId)!.agendaItemIds as string[]).push(id);
        built.items.push({ id, spec: { ...item, public: flag, reclassify }, topLevel: parent === null });
      }
      meetings.push(built);
    }
  }

  log('meetings');
  // Files: early ones now, late ones after the invitations.
  interface PendingFile {
    bodyIndex: number;
    owner: { kind: 'meeting' | 'item' | 'paper'; id: string };
    spec: BodySpec['files'][number];
    late: boolean;
  }
  const pending: PendingFile[] = [];
  for (const [bi, b] of spec.bodies.entries()) {
    const bodyMeetings = meetings.filter((m) => m.bodyIndex === bi);
    const items = bodyMeetings.flatMap((m) => m.items.map((i) => ({ ...i, meeting: m })));
    for (const f of b.files) {
      let owner: PendingFile['owner'];
      let invited: boolean;
      if (f.owner === 'item' && items.length > 0) {
        const meeting = bodyMeetings[f.pick % bodyMeetings.length]!;
        const item = meeting.items[f.pick2 % meeting.items.length]!;
        owner = { kind: 'item', id: item.id };
        invited = meeting.invite;
      } else if (f.owner === 'paper' && papersOf[bi]!.length > 0) {
        const id = papersOf[bi]![f.pick % papersOf[bi]!.length]!;
        owner = { kind: 'paper', id };
        const linked = oracle.papers.get(id)!.agendaItemIds;
        invited = meetings.some((m) => m.invite && m.items.some((i) => linked.includes(i.id)));
      } else {
        const meeting = bodyMeetings[f.pick % bodyMeetings.length]!;
        owner = { kind: 'meeting', id: meeting.id };
        invited = meeting.invite;
      }
      pending.push({ bodyIndex: bi, owner, spec: f, late: f.late && invited });
    }
  }

  const finalOwnerPublic = (owner: PendingFile['owner']) => {
    if (owner.kind === 'meeting') return true;
    if (owner.kind === 'paper') {
      const p = spec.bodies.flatMap((b) => b.papers)[world.paperIds.indexOf(owner.id)]!;
      return p.public && !p.laterNonPublic;
    }
    const built = meetings.flatMap((m) => m.items).find((i) => i.id === owner.id)!;
    const item = oracle.items.get(owner.id)!;
    const parent = item.parentId ? meetings.flatMap((m) => m.items).find((i) => i.id === item.parentId)! : null;
    return (
      built.spec.public &&
      !built.spec.reclassify &&
      (parent === null || (parent.spec.public && !parent.spec.reclassify))
    );
  };

  const upload = async (file: PendingFile) => {
    const body = bodies[file.bodyIndex]!;
    const ownerNow =
      file.owner.kind === 'meeting'
        ? true
        : file.owner.kind === 'item'
          ? itemIsPublic(oracle, file.owner.id)
          : oracle.papers.get(file.owner.id)!.public;
    const uploadPublic = file.spec.public && ownerNow;
    const confirmed = !file.late;
    const finalPublic =
      file.spec.public && finalOwnerPublic(file.owner) && (!file.late || file.spec.confirm === 'public');
    const ownerRef = { kind: 'file' as const, id: '' };
    const nameToken = tokens.make(ownerRef, 'file name', finalPublic);
    const fileNameToken = tokens.make(ownerRef, 'file name (version 1)', finalPublic);
    const path = { meeting: 'meetings', item: 'agenda-items', paper: 'papers' }[file.owner.kind];
    const contentToken = tokens.make(ownerRef, 'file content (version 1)', finalPublic);
    const content = await makePdf([
      `${word(finalPublic)} Anlage ${contentToken}\nDie Verwaltung berichtet.`,
      `Seite zwei ${word(finalPublic)}`,
    ]);
    const id = await createdId(
      await send(
        t,
        'upload file',
        201,
        `/api/${path}/${file.owner.id}/files?public=${uploadPublic}&name=${encodeURIComponent(`Anlage ${nameToken}`)}`,
        {
          method: 'POST',
          cookie: body.staffCookie,
          headers: {
            'content-type': 'application/pdf',
            'x-file-name': encodeURIComponent(`Anlage ${fileNameToken}.pdf`),
          },
          body: content,
        },
      ),
    );
    ownerRef.id = id;
    world.fileIds.push(id);
    world.versionsOf.set(id, 1);
    oracle.files.set(id, { bodyId: body.id, owner: file.owner, public: uploadPublic, confirmed });
    for (let v = 2; v <= file.spec.versions; v++) {
      const token = tokens.make(ownerRef, `file content (version ${v})`, finalPublic);
      const nameV = tokens.make(ownerRef, `file name (version ${v})`, finalPublic);
      await send(t, 'add version', 201, `/api/files/${id}/versions`, {
        method: 'POST',
        cookie: body.staffCookie,
        headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(`Anlage ${nameV}.pdf`) },
        body: await makePdf([`${word(finalPublic)} Neufassung ${token}`]),
      });
      world.versionsOf.set(id, v);
    }
    if (file.late) {
      world.counts.lateFiles++;
      if (file.spec.confirm !== 'none') {
        const makePublic = file.spec.confirm === 'public' && uploadPublic;
        await send(t, 'confirm visibility', 200, `/api/files/${id}/confirm-visibility`, {
          method: 'POST',
          cookie: body.staffCookie,
          json: { public: makePublic },
        });
        oracle.files.set(id, { bodyId: body.id, owner: file.owner, public: makePublic, confirmed: true });
      }
    }
  };

  for (const file of pending.filter((f) => !f.late)) await upload(file);

  log('early files');
  // Invitations, then what happens after them: reclassification, results, late files.
  for (const meeting of meetings.filter((m) => m.invite)) {
    const body = bodies[meeting.bodyIndex]!;
    await send(t, 'invite', 200, `/api/meetings/${meeting.id}/state`, {
      method: 'POST',
      cookie: body.staffCookie,
      json: { state: 'invited' },
    });
  }
  for (const meeting of meetings.filter((m) => m.invite)) {
    const body = bodies[meeting.bodyIndex]!;
    for (const item of meeting.items) {
      const finalPublic = itemIsPublic(oracle, item.id) && !item.spec.reclassify && !parentReclassified(item.id);
      const patch: Record<string, unknown> = {};
      if (item.spec.reclassify) patch.public = false;
      if (item.spec.resolution) {
        patch.result = 'Beschlossen';
        patch.resolutionText = `${word(finalPublic)} Beschluss ${tokens.make({ kind: 'item', id: item.id }, 'resolution text', finalPublic)}`;
      }
      if (Object.keys(patch).length === 0) continue;
      await send(t, 'update agenda item', 200, `/api/agenda-items/${item.id}`, {
        method: 'PATCH',
        cookie: body.staffCookie,
        json: patch,
      });
      if (item.spec.reclassify) oracle.items.get(item.id)!.public = false;
    }
  }
  function parentReclassified(itemId: string) {
    const parentId = oracle.items.get(itemId)!.parentId;
    return parentId !== null && meetings.some((m) => m.items.some((i) => i.id === parentId && i.spec.reclassify));
  }
  for (const [bi, b] of spec.bodies.entries()) {
    for (const [pi, p] of b.papers.entries()) {
      if (!p.laterNonPublic || !p.public) continue;
      const id = papersOf[bi]![pi]!;
      await send(t, 'make paper non-public', 200, `/api/papers/${id}`, {
        method: 'PATCH',
        cookie: bodies[bi]!.staffCookie,
        json: { public: false },
      });
      oracle.papers.get(id)!.public = false;
      for (const file of oracle.files.values()) if (file.owner.id === id) file.public = false;
    }
  }
  for (const file of pending.filter((f) => f.late)) await upload(file);

  log('invitations and late files');
  // Annotations, through sync push from a device of their author.
  const councillors = world.users.filter((u) => u.oracle.accountId !== null && u.oracle.memberships.length > 0);
  let annotationNumber = 0;
  for (const [bi, b] of spec.bodies.entries()) {
    const bodyId = bodies[bi]!.id;
    const bodyFiles = [...oracle.files.entries()].filter(([, f]) => f.bodyId === bodyId).map(([id]) => id);
    const bodyItems = [...oracle.items.entries()].filter(([, i]) => i.bodyId === bodyId).map(([id]) => id);
    for (const a of b.annotations) {
      const targets = a.target === 'file' ? bodyFiles : bodyItems;
      if (targets.length === 0) {
        world.counts.annotationsSkipped++;
        continue;
      }
      const target: { kind: 'file' | 'item'; id: string } = { kind: a.target, id: targets[a.pick % targets.length]! };
      const authors = councillors.filter((u) => mayRead(oracle, u.oracle, target));
      const author = authors[a.author % Math.max(authors.length, 1)];
      const scopeOrgs = author
        ? author.oracle.memberships.filter(
            (m) =>
              m.bodyId === bodyId &&
              m.start <= today &&
              (m.end === null || today <= m.end) &&
              (a.scope === 'faction') === (oracle.organizations.get(m.organizationId)!.kind === 'faction'),
          )
        : [];
      if (!author || (a.scope !== 'private' && scopeOrgs.length === 0)) {
        world.counts.annotationsSkipped++;
        continue;
      }
      const scopeOrg = a.scope === 'private' ? null : scopeOrgs[a.scopeOrg % scopeOrgs.length]!.organizationId;
      const id = uuidFrom(spec.salt, ++annotationNumber);
      const owner = { kind: 'annotation' as const, id };
      const text = `Notiz ${tokens.make(owner, `annotation text (${a.scope})`, false)}`;
      const stamp = `${String(1_790_000_000_000 + annotationNumber).padStart(13, '0')}-0000-probe`;
      const args: AnnotationWriteArgs = {
        id,
        kind: target.kind === 'file' ? 'note' : 'itemNote',
        fileId: target.kind === 'file' ? target.id : null,
        agendaItemId: target.kind === 'item' ? target.id : null,
        createdAt: '2026-11-21T08:00:00.000Z',
        writes: {
          text: { value: text, hlc: stamp, supersedes: [] },
          scope: {
            value:
              scopeOrg === null
                ? { kind: 'private', organizationId: null }
                : { kind: a.scope, organizationId: scopeOrg },
            hlc: stamp,
            supersedes: [],
          },
        },
      };
      const deviceId = await createdId(
        await send(t, 'register device', 201, '/api/sync/devices', {
          method: 'POST',
          cookie: author.cookie,
          json: { name: 'Probe' },
        }),
      );
      const pushed = await send(t, 'push annotation', 200, '/api/sync/push', {
        method: 'POST',
        cookie: author.cookie,
        headers: { 'x-ratsmappe-device': deviceId },
        json: { mutations: [{ seq: 1, name: 'annotation.write', args }] },
      });
      const result = (await pushed.json()) as { rejected: { code: string; message: string }[] };
      if (result.rejected.length > 0) {
        throw new Error(`annotation refused: ${JSON.stringify(result.rejected)} for ${author.label} on ${target.kind}`);
      }
      oracle.annotations.set(id, {
        bodyId,
        authorAccountId: author.oracle.accountId!,
        target,
        scope: a.scope,
        scopeOrganizationId: scopeOrg,
      });
      world.counts.annotationsStored++;
    }
  }

  log('annotations');
  for (const deactivate of deactivations) await deactivate();
  await t.ctx.jobs.drain();
  log('text extraction');

  // The generated invitations are files too: the full one for members, the public one for everyone.
  const generated = await db
    .selectFrom('file')
    .select(['id', 'meeting_id', 'public', 'visibility_confirmed_at', 'body_id'])
    .where('role', '=', 'invitation')
    .execute();
  for (const file of generated) {
    if (oracle.files.has(file.id)) continue;
    world.fileIds.push(file.id);
    world.counts.invitations++;
    oracle.files.set(file.id, {
      bodyId: file.body_id,
      owner: { kind: 'meeting', id: file.meeting_id! },
      public: file.public,
      confirmed: file.visibility_confirmed_at !== null,
    });
  }
  const versions = await db.selectFrom('file_version').select(['file_id', 'version', 'sha256']).execute();
  for (const v of versions) {
    if (!world.sha256s.includes(v.sha256)) world.sha256s.push(v.sha256);
    world.versionsOf.set(v.file_id, Math.max(world.versionsOf.get(v.file_id) ?? 0, v.version));
  }
  return world;
}
