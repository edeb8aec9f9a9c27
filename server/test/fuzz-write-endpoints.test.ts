import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedOperations } from '../src/http/openapi.js';
import { makeAccount, makeMembership, makePerson, signIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';
import { addItem, createMeeting, createPaper, json, setUpOffice, type Office } from './office-fixtures.js';

/**
 * Every documented write endpoint gets generated hostile input as the most privileged caller of its body (office
 * staff, or a system admin): wrong types, huge and odd strings, SQL and HTML fragments, path traversal, malformed
 * JSON and wrong content types. Required: never a 5xx, every refusal a 4xx with a message in the caller's
 * language, and a refused request changes nothing (the change log, the audit trail and the blob store stay put).
 * FUZZ_RUNS raises the number of inputs per endpoint (default kept small so CI stays fast).
 */
let t: TestApp;
let office: Office;
let admin: string;
const ids: Record<string, string> = {};
const runs = Number(process.env.FUZZ_RUNS ?? 12);

const hostileString = fc.oneof(
  fc.constantFrom(
    "'; drop table paper; --",
    '" or 1=1 --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '../../../../etc/passwd',
    '..\\..\\windows\\win.ini',
    '%00',
    '\u0000',
    '\uFEFF\u202E\u200B',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏛️ Ä Ö Ü ß',
    '\uD800',
    '${jndi:ldap://x}',
    '{{7*7}}',
    ' ',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1, max: 6 }).map((n) => 'x'.repeat(10 ** n)),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, -1, 1e308, Number.MAX_SAFE_INTEGER),
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Field names the app's schemas use, so generated objects reach the validators' interesting branches. */
const knownFields = [
  'name',
  'start',
  'end',
  'organizationIds',
  'public',
  'paperId',
  'parentId',
  'result',
  'resolutionText',
  'state',
  'reference',
  'date',
  'paperType',
  'bodyText',
  'email',
  'password',
  'displayName',
  'role',
  'personId',
  'organizationId',
  'startDate',
  'endDate',
  'kind',
  'items',
  'version',
  'totp',
  'code',
  'token',
  'mutations',
  'slug',
  'locale',
  'deputy',
  'votingRight',
  'meetingId',
  'agendaItemId',
  'position',
  'required',
  'bodyId',
];

const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...knownFields), hostileValue, { maxKeys: 6 }).map((o) => json(o)),
  hostileValue.map((v) => json(v)),
  fc.constantFrom('{', '{"name": }', 'null', '[]', '\u0000', 'name=Rathaus&public=true', '{"a":' + '['.repeat(5000)),
);

async function snapshot() {
  const db = t.ctx.database.db;
  const row = await sql<{ seq: string; audit: string; annotations: string }>`
    select (select coalesce(max(seq), 0)::text from change_log) as seq,
           (select count(*)::text from audit_log) as audit,
           (select count(*)::text from annotation) as annotations`.execute(db);
  return row.rows[0];
}

function concretePath(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'bodyRef') return office.bodyId;
    const section = template.split('/')[2] ?? '';
    return ids[section] ?? ids[name] ?? '00000000-0000-4000-8000-000000000000';
  });
}

beforeAll(async () => {
  t = await createTestApp();
  office = await setUpOffice(t);
  const db = t.ctx.database.db;
  const meeting = await createMeeting(t, office);
  const paper = await createPaper(t, office, { name: 'Haushaltssatzung 2027' });
  const item = await addItem(t, office, meeting.id, { name: 'Haushalt', public: true });
  const person = await makePerson(db, office.bodyId);
  const membership = await makeMembership(db, person, office.committeeId);
  const account = await makeAccount(db, { personIds: [person.id] });
  const adminAccount = await makeAccount(db, { systemAdmin: true });
  admin = await signIn(t, adminAccount.email);
  ids.meetings = meeting.id;
  ids.papers = paper.id;
  ids['agenda-items'] = item.id;
  ids.persons = person.id;
  ids.memberships = membership.id;
  ids.organizations = office.committeeId;
  ids.accounts = account.id;
  ids.personId = person.id;
});

afterAll(async () => {
  await t.close();
});

/** Signing out would end the session the rest of the run uses; those two are tested in session.test.ts. */
const signOuts = new Set(['delete /api/session', 'post /api/session/all']);
const writes = () =>
  documentedOperations().filter(
    (op) =>
      op.method !== 'get' &&
      op.method !== 'head' &&
      op.path.startsWith('/api/') &&
      !signOuts.has(`${op.method} ${op.path}`),
  );

describe('hostile input on every write endpoint', () => {
  it('covers the write endpoints of the API', () => {
    expect(writes().length).toBeGreaterThan(30);
  });

  it('never answers 5xx, refuses with a localized 4xx and leaves the data as it was', async () => {
    let requests = 0;
    let refused = 0;
    for (const op of writes()) {
      const cookie = op.access === 'system-admin' ? admin : office.staff;
      await fc.assert(
        fc.asyncProperty(
          hostileBody,
          fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/pdf'),
          fc.constantFrom('de', 'en'),
          async (body, contentType, language) => {
            const before = await snapshot();
            const response = await t.request(concretePath(op.path), {
              method: op.method.toUpperCase(),
              cookie,
              headers: { 'content-type': contentType, 'accept-language': language, 'x-file-name': '../../etc/passwd' },
              body,
            });
            requests++;
            expect(response.status, `${op.method} ${op.path}`).toBeLessThan(500);
            if (response.status >= 400) {
              refused++;
              const error = ((await response.json()) as { error: { message: string } }).error;
              expect(error.message.length).toBeGreaterThan(0);
              if (language === 'de') expect(error.message).not.toMatch(/^(The|Please|Some|Not found)/);
              expect(await snapshot(), `${op.method} ${op.path} changed data on a refusal`).toEqual(before);
            }
          },
        ),
        { numRuns: runs },
      );
    }
    console.log(`fuzz: ${writes().length} endpoints, ${requests} requests, ${refused} refused with 4xx, 0 × 5xx`);
  }, 300_000);
});
