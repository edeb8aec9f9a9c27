import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema/tables.js';

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findAccountByEmail(email: string) {
    return this.db
      .selectFrom('account')
      .select(['id', 'password_hash', 'active'])
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

  async deleteAllOf(accountId: string) {
    await this.db.deleteFrom('session').where('account_id', '=', accountId).execute();
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
}
