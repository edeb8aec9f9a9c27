import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema/tables.js';
import type { DemoAccount } from './profiles.js';
import type { SeedCounts } from './write-plan.js';

export interface AccountToCreate {
  email: string;
  displayName: string;
  systemAdmin?: boolean;
  officeStaffBodyIds?: readonly string[];
  personIds?: readonly string[];
}

/**
 * Creates accounts with one shared password hash (hashing is deliberately slow). An account whose e-mail exists
 * already keeps its password; it only gains the listed grants and persons.
 */
export async function createAccounts(
  db: Kysely<Database>,
  accounts: readonly AccountToCreate[],
  passwordHash: string,
): Promise<Partial<SeedCounts>> {
  const counts = { account: 0, account_person: 0, role_grant: 0 };
  for (const account of accounts) {
    const email = account.email.toLowerCase();
    const existing = await db
      .selectFrom('account')
      .select('id')
      .where(sql`lower(email)`, '=', email)
      .executeTakeFirst();
    const id =
      existing?.id ??
      (
        await db
          .insertInto('account')
          .values({ email, display_name: account.displayName, password_hash: passwordHash, locale: 'de' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    if (!existing) counts.account++;

    const grants = [
      ...(account.systemAdmin ? [{ account_id: id, role: 'system_admin' as const, body_id: null }] : []),
      ...(account.officeStaffBodyIds ?? []).map((bodyId) => ({
        account_id: id,
        role: 'office_staff' as const,
        body_id: bodyId,
      })),
    ];
    if (grants.length > 0) {
      const inserted = await db
        .insertInto('role_grant')
        .values(grants)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .execute();
      counts.role_grant += inserted.length;
    }
    const persons = (account.personIds ?? []).map((personId) => ({ account_id: id, person_id: personId }));
    if (persons.length > 0) {
      const inserted = await db
        .insertInto('account_person')
        .values(persons)
        .onConflict((oc) => oc.doNothing())
        .returning('person_id')
        .execute();
      counts.account_person += inserted.length;
    }
  }
  return counts;
}

/** Resolves the demo account list against seeded bodies and persona persons. */
export function demoAccountsToCreate(
  accounts: readonly DemoAccount[],
  bodyIds: ReadonlyMap<string, string>,
  personaPersons: ReadonlyMap<string, ReadonlyMap<string, string>>,
): AccountToCreate[] {
  return accounts.map((account) => ({
    email: account.email,
    displayName: account.displayName,
    systemAdmin: account.role === 'system_admin',
    officeStaffBodyIds: account.role === 'office_staff' ? account.bodies.map((slug) => bodyIds.get(slug)!) : [],
    personIds:
      account.role === 'councillor'
        ? account.bodies.map((slug) => {
            const personId = personaPersons.get(slug)?.get(account.personaKey!);
            if (!personId) throw new Error(`no person for ${account.personaKey} in ${slug}`);
            return personId;
          })
        : [],
  }));
}
