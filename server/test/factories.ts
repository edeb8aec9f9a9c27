import type { Kysely } from 'kysely';
import type { Database, OrganizationKind } from '../src/db/schema/tables.js';
import { hashPassword } from '../src/modules/session/password.js';
import type { TestApp } from './harness.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

export async function makeBody(
  db: Kysely<Database>,
  overrides: { councilMembersSeeNonPublic?: boolean; name?: string } = {},
) {
  const slug = unique('gemeinde');
  return db
    .insertInto('body')
    .values({
      slug,
      name: overrides.name ?? `Gemeinde ${slug}`,
      council_members_see_non_public: overrides.councilMembersSeeNonPublic ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeOrganization(db: Kysely<Database>, bodyId: string, kind: OrganizationKind, name?: string) {
  return db
    .insertInto('organization')
    .values({ body_id: bodyId, kind, name: name ?? unique(kind) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makePerson(db: Kysely<Database>, bodyId: string) {
  const family = unique('Muster');
  return db
    .insertInto('person')
    .values({ body_id: bodyId, name: `Erika ${family}`, given_name: 'Erika', family_name: family })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeMembership(
  db: Kysely<Database>,
  person: { id: string; body_id: string },
  organizationId: string,
  dates: { start?: string; end?: string | null; deputy?: boolean } = {},
) {
  return db
    .insertInto('membership')
    .values({
      body_id: person.body_id,
      person_id: person.id,
      organization_id: organizationId,
      start_date: dates.start ?? '2024-06-01',
      end_date: dates.end ?? null,
      deputy: dates.deputy ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const testPassword = 'richtig-gutes-Passwort-2026';
let passwordHash: Promise<string> | undefined;

export async function makeAccount(
  db: Kysely<Database>,
  options: { officeStaffOf?: string[]; systemAdmin?: boolean; personIds?: string[]; active?: boolean } = {},
) {
  passwordHash ??= hashPassword(testPassword);
  const email = `${unique('konto')}@example.org`;
  const account = await db
    .insertInto('account')
    .values({ email, display_name: email, password_hash: await passwordHash, active: options.active ?? true })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const bodyId of options.officeStaffOf ?? []) {
    await db
      .insertInto('role_grant')
      .values({ account_id: account.id, role: 'office_staff', body_id: bodyId })
      .execute();
  }
  if (options.systemAdmin) {
    await db.insertInto('role_grant').values({ account_id: account.id, role: 'system_admin', body_id: null }).execute();
  }
  for (const personId of options.personIds ?? []) {
    await db.insertInto('account_person').values({ account_id: account.id, person_id: personId }).execute();
  }
  return account;
}

/** Signs in over HTTP and returns the Cookie header value for later requests. */
export async function signIn(t: TestApp, email: string, password = testPassword): Promise<string> {
  const response = await t.request('/api/session', { method: 'POST', body: JSON.stringify({ email, password }) });
  if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0];
  if (!pair) throw new Error('no session cookie set');
  return pair;
}
