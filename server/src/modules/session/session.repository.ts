import { sql, type Kysely } from 'kysely';
import type { Database, SignInOutcome } from '../../db/schema/tables.js';

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findAccountByEmail(email: string) {
    return this.db
      .selectFrom('account')
      .select(['id', 'password_hash', 'active', 'totp_secret', 'totp_last_step'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  async create(row: { idHash: string; accountId: string; expires: Date; userAgent: string | null; now: Date }) {
    await this.db
      .insertInto('session')
      .values({
        id_hash: row.idHash,
        account_id: row.accountId,
        expires: row.expires,
        user_agent: row.userAgent,
        created: row.now,
        last_seen: row.now,
      })
      .execute();
  }

  find(idHash: string) {
    return this.db
      .selectFrom('session')
      .innerJoin('account', 'account.id', 'session.account_id')
      .select(['session.account_id', 'session.expires', 'session.last_seen', 'account.active'])
      .where('session.id_hash', '=', idHash)
      .executeTakeFirst();
  }

  async touch(idHash: string, now: Date) {
    await this.db.updateTable('session').set({ last_seen: now }).where('id_hash', '=', idHash).execute();
  }

  async delete(idHash: string) {
    await this.db.deleteFrom('session').where('id_hash', '=', idHash).execute();
  }

  async deleteAllOf(accountId: string, db: Kysely<Database> = this.db) {
    await db.deleteFrom('session').where('account_id', '=', accountId).execute();
  }

  async deleteOthersOf(accountId: string, keepIdHash: string, db: Kysely<Database> = this.db) {
    await db.deleteFrom('session').where('account_id', '=', accountId).where('id_hash', '<>', keepIdHash).execute();
  }

  sessionInfo(accountId: string) {
    return this.db
      .selectFrom('account')
      .select(['id', 'email', 'display_name', 'locale'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
  }

  async personIds(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('account_person')
      .select('person_id')
      .where('account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.person_id);
  }

  // --- second factor ---

  totpState(accountId: string, db: Kysely<Database> = this.db) {
    return db
      .selectFrom('account')
      .select(['id', 'email', 'totp_secret', 'totp_pending_secret', 'totp_last_step'])
      .where('id', '=', accountId)
      .executeTakeFirst();
  }

  /**
   * Records `step` as used, unless a step at or after it was used already. The condition sits in the UPDATE, so two
   * concurrent requests with the same code cannot both win.
   */
  async claimTotpStep(accountId: string, step: number, db: Kysely<Database> = this.db): Promise<boolean> {
    const row = await db
      .updateTable('account')
      .set({ totp_last_step: step })
      .where('id', '=', accountId)
      .where('totp_secret', 'is not', null)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async setPendingTotp(accountId: string, secret: string, now: Date, db: Kysely<Database> = this.db) {
    await db
      .updateTable('account')
      .set({ totp_pending_secret: secret, modified: now })
      .where('id', '=', accountId)
      .execute();
  }

  /** Turns the pending secret into the active one, if it is still the one the code was checked against. */
  async activatePendingTotp(accountId: string, secret: string, step: number, now: Date, db: Kysely<Database>) {
    const row = await db
      .updateTable('account')
      .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step, modified: now })
      .where('id', '=', accountId)
      .where('totp_pending_secret', '=', secret)
      .where('totp_secret', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async clearTotp(accountId: string, now: Date, db: Kysely<Database> = this.db) {
    await db
      .updateTable('account')
      .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, modified: now })
      .where('id', '=', accountId)
      .execute();
  }

  /** Bodies among `staffBodyIds` that require a second factor, when the account has none; else nothing. */
  async bodiesAwaitingTotp(accountId: string, staffBodyIds: readonly string[]): Promise<string[]> {
    if (staffBodyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('body')
      .select('id')
      .where('id', 'in', staffBodyIds)
      .where('require_totp_for_staff', '=', true)
      .where('deleted', '=', false)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('account').select('id').where('id', '=', accountId).where('totp_secret', 'is not', null),
          ),
        ),
      )
      .execute();
    return rows.map((r) => r.id);
  }

  /** Bodies where the account holds an office-staff grant and a second factor is required (grants as stored). */
  async staffBodiesRequiringTotp(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('role_grant')
      .innerJoin('body', 'body.id', 'role_grant.body_id')
      .select('body.id')
      .where('role_grant.account_id', '=', accountId)
      .where('role_grant.role', '=', 'office_staff')
      .where('body.require_totp_for_staff', '=', true)
      .where('body.deleted', '=', false)
      .orderBy('body.id')
      .execute();
    return rows.map((r) => r.id);
  }

  async councilSettings(bodyIds: readonly string[]) {
    if (bodyIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('body')
      .select(['id', 'council_members_see_non_public'])
      .where('id', 'in', bodyIds)
      .execute();
    return rows.map((r) => ({ bodyId: r.id, councilMembersSeeNonPublic: r.council_members_see_non_public }));
  }

  // --- sign-in attempts (throttling) ---

  async insertAttempt(row: { at: Date; emailHash: string; addressHash: string }): Promise<string> {
    const inserted = await this.db
      .insertInto('sign_in_attempt')
      .values({ at: row.at, email_hash: row.emailHash, address_hash: row.addressHash, outcome: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  async settleAttempt(id: string, outcome: SignInOutcome) {
    await this.db.updateTable('sign_in_attempt').set({ outcome }).where('id', '=', id).execute();
  }

  async pruneAttempts(before: Date) {
    await this.db.deleteFrom('sign_in_attempt').where('at', '<', before).execute();
  }

  /**
   * The newest failures (pending counts as failure: a request that died mid-way fails closed) of an e-mail address
   * since its last successful sign-in, within the window.
   */
  async recentEmailFailures(emailHash: string, since: Date, exceptId: string, limit: number): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('sign_in_attempt')
      .select('at')
      .where('email_hash', '=', emailHash)
      .where('outcome', 'in', ['pending', 'failure'])
      .where('at', '>', since)
      .where('id', '<>', exceptId)
      .where(
        'id',
        '>',
        sql<string>`coalesce((select max(s.id) from sign_in_attempt s where s.email_hash = ${emailHash} and s.outcome = 'success'), 0)`,
      )
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.at);
  }

  /** The newest failures from an address within the window; successes do not reset it. */
  async recentAddressFailures(addressHash: string, since: Date, exceptId: string, limit: number): Promise<Date[]> {
    const rows = await this.db
      .selectFrom('sign_in_attempt')
      .select('at')
      .where('address_hash', '=', addressHash)
      .where('outcome', 'in', ['pending', 'failure'])
      .where('at', '>', since)
      .where('id', '<>', exceptId)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.at);
  }
}
