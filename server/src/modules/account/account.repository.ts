import type { Kysely } from 'kysely';
import type { Database, GrantRole } from '../../db/schema/tables.js';

export interface AccountListFilter {
  /** Accounts related to these bodies (a person of the body, or office staff of it); null means all accounts. */
  bodyIds: readonly string[] | null;
  after: { email: string; id: string } | null;
  limit: number;
}

const accountColumns = [
  'account.id',
  'account.email',
  'account.display_name',
  'account.locale',
  'account.active',
  'account.created',
  'account.modified',
] as const;

export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Never selects the hashes or secrets themselves, only whether they are set. */
  private selectAccounts(db: Kysely<Database>) {
    return db
      .selectFrom('account')
      .select(accountColumns)
      .select((eb) => [
        eb('account.password_hash', 'is not', null).$castTo<boolean>().as('password_set'),
        eb('account.totp_secret', 'is not', null).$castTo<boolean>().as('totp_enabled'),
      ]);
  }

  find(id: string, db: Kysely<Database> = this.db) {
    return this.selectAccounts(db).where('account.id', '=', id).executeTakeFirst();
  }

  list(filter: AccountListFilter) {
    let query = this.selectAccounts(this.db);
    const bodyIds = filter.bodyIds;
    if (bodyIds !== null) {
      if (bodyIds.length === 0) return Promise.resolve([]);
      query = query.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('account_person')
              .innerJoin('person', 'person.id', 'account_person.person_id')
              .select('person.id')
              .whereRef('account_person.account_id', '=', 'account.id')
              .where('person.body_id', 'in', bodyIds),
          ),
          eb.exists(
            eb
              .selectFrom('role_grant')
              .select('role_grant.id')
              .whereRef('role_grant.account_id', '=', 'account.id')
              .where('role_grant.role', '=', 'office_staff')
              .where('role_grant.body_id', 'in', bodyIds),
          ),
        ]),
      );
    }
    if (filter.after) {
      const { email, id } = filter.after;
      query = query.where((eb) => eb(eb.refTuple('account.email', 'account.id'), '>', eb.tuple(email, id)));
    }
    return query
      .orderBy('account.email')
      .orderBy('account.id')
      .limit(filter.limit + 1)
      .execute();
  }

  grantsOf(accountIds: readonly string[], db: Kysely<Database> = this.db) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('role_grant')
      .select(['id', 'account_id', 'role', 'body_id'])
      .where('account_id', 'in', accountIds)
      .orderBy('created')
      .orderBy('id')
      .execute();
  }

  personsOf(accountIds: readonly string[], db: Kysely<Database> = this.db) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('account_person')
      .innerJoin('person', 'person.id', 'account_person.person_id')
      .select(['account_person.account_id', 'person.id', 'person.body_id', 'person.name'])
      .where('account_person.account_id', 'in', accountIds)
      .orderBy('person.name')
      .orderBy('person.id')
      .execute();
  }

  async withOpenSetupLink(accountIds: readonly string[], now: Date): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('account_setup_link')
      .select('account_id')
      .distinct()
      .where('account_id', 'in', accountIds)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires', '>', now)
      .execute();
    return new Set(rows.map((r) => r.account_id));
  }

  emailTaken(email: string, db: Kysely<Database> = this.db) {
    return db
      .selectFrom('account')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  personsByIds(ids: readonly string[], db: Kysely<Database> = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('person').select(['id', 'body_id', 'deleted']).where('id', 'in', ids).execute();
  }

  async personsWithAccount(personIds: readonly string[], db: Kysely<Database> = this.db): Promise<string[]> {
    if (personIds.length === 0) return [];
    const rows = await db
      .selectFrom('account_person')
      .select('person_id')
      .where('person_id', 'in', personIds)
      .execute();
    return rows.map((r) => r.person_id);
  }

  async liveBodyIds(ids: readonly string[], db: Kysely<Database> = this.db): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('body').select('id').where('id', 'in', ids).where('deleted', '=', false).execute();
    return rows.map((r) => r.id);
  }

  async insert(
    db: Kysely<Database>,
    row: { email: string; displayName: string; locale: 'de' | 'en'; now: Date },
  ): Promise<string> {
    const inserted = await db
      .insertInto('account')
      .values({
        email: row.email,
        display_name: row.displayName,
        locale: row.locale,
        password_hash: null,
        created: row.now,
        modified: row.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  async insertGrant(db: Kysely<Database>, accountId: string, role: GrantRole, bodyId: string | null) {
    return db
      .insertInto('role_grant')
      .values({ account_id: accountId, role, body_id: bodyId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
  }

  async deleteGrant(db: Kysely<Database>, accountId: string, grantId: string) {
    const row = await db
      .deleteFrom('role_grant')
      .where('id', '=', grantId)
      .where('account_id', '=', accountId)
      .returning(['id', 'role', 'body_id'])
      .executeTakeFirst();
    return row;
  }

  async linkPerson(db: Kysely<Database>, accountId: string, personId: string) {
    await db
      .insertInto('account_person')
      .values({ account_id: accountId, person_id: personId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async unlinkPerson(db: Kysely<Database>, accountId: string, personId: string): Promise<boolean> {
    const row = await db
      .deleteFrom('account_person')
      .where('account_id', '=', accountId)
      .where('person_id', '=', personId)
      .returning('person_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async setActive(db: Kysely<Database>, accountId: string, active: boolean, now: Date) {
    await db.updateTable('account').set({ active, modified: now }).where('id', '=', accountId).execute();
  }

  async setPassword(db: Kysely<Database>, accountId: string, passwordHash: string, now: Date) {
    await db
      .updateTable('account')
      .set({ password_hash: passwordHash, modified: now })
      .where('id', '=', accountId)
      .execute();
  }

  async clearTotp(db: Kysely<Database>, accountId: string, now: Date) {
    await db
      .updateTable('account')
      .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, modified: now })
      .where('id', '=', accountId)
      .execute();
  }

  async deleteSessions(db: Kysely<Database>, accountId: string) {
    await db.deleteFrom('session').where('account_id', '=', accountId).execute();
  }

  staffTotpRequirement(bodyId: string) {
    return this.db
      .selectFrom('body')
      .select('require_totp_for_staff')
      .where('id', '=', bodyId)
      .executeTakeFirstOrThrow();
  }

  async setStaffTotpRequirement(db: Kysely<Database>, bodyId: string, required: boolean) {
    await db.updateTable('body').set({ require_totp_for_staff: required }).where('id', '=', bodyId).execute();
  }

  // --- set-up links ---

  async revokeOpenLinks(db: Kysely<Database>, accountId: string, now: Date) {
    await db
      .updateTable('account_setup_link')
      .set({ revoked_at: now })
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async insertLink(
    db: Kysely<Database>,
    row: { accountId: string; tokenHash: string; now: Date; expires: Date; createdBy: string | null },
  ) {
    await db
      .insertInto('account_setup_link')
      .values({
        account_id: row.accountId,
        token_hash: row.tokenHash,
        created: row.now,
        expires: row.expires,
        created_by: row.createdBy,
      })
      .execute();
  }

  findLink(tokenHash: string) {
    return this.db
      .selectFrom('account_setup_link')
      .innerJoin('account', 'account.id', 'account_setup_link.account_id')
      .select([
        'account_setup_link.id',
        'account_setup_link.account_id',
        'account_setup_link.expires',
        'account_setup_link.used_at',
        'account_setup_link.revoked_at',
        'account.email',
        'account.active',
      ])
      .where('account_setup_link.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Marks the link used if it still is open and unexpired; false when another request got there first. */
  async consumeLink(db: Kysely<Database>, linkId: string, now: Date): Promise<boolean> {
    const row = await db
      .updateTable('account_setup_link')
      .set({ used_at: now })
      .where('id', '=', linkId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires', '>', now)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }
}

/** PostgreSQL's unique_violation: a concurrent insert won the race for the same e-mail address. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
