import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../db/schema/tables.js';

export interface AuditFilter {
  action?: string | undefined;
  accountId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Which part of the trail: one body's, or the administration's (accounts, bodies, sign-ins). */
export type AuditScope = { bodyId: string } | { administration: true; bodyId?: string | undefined };

type Eb = ExpressionBuilder<Database, 'audit_log'>;

const startsWith = (column: 'audit_log.action', prefix: string) =>
  sql<boolean>`starts_with(${sql.ref(column)}, ${prefix})`;

/** Reads only: the trail has no update or delete path (and its table refuses both). */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(scope: AuditScope, filter: AuditFilter, beforeId: string | null, limit: number) {
    let query = this.db
      .selectFrom('audit_log')
      .leftJoin('account', 'account.id', 'audit_log.account_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.account_id',
        'account.display_name',
        'audit_log.body_id',
        'audit_log.action',
        'audit_log.object_type',
        'audit_log.object_id',
        'audit_log.details',
      ]);
    if ('administration' in scope) {
      query = query.where((eb: Eb) =>
        eb.or([
          eb('audit_log.body_id', 'is', null),
          startsWith('audit_log.action', 'account.'),
          startsWith('audit_log.action', 'body.'),
        ]),
      );
      if (scope.bodyId) query = query.where('audit_log.body_id', '=', scope.bodyId);
    } else {
      query = query.where('audit_log.body_id', '=', scope.bodyId);
    }
    if (filter.action?.endsWith('.*')) {
      query = query.where(startsWith('audit_log.action', filter.action.slice(0, -1)));
    } else if (filter.action) {
      query = query.where('audit_log.action', '=', filter.action);
    }
    if (filter.accountId) query = query.where('audit_log.account_id', '=', filter.accountId);
    if (filter.objectType) query = query.where('audit_log.object_type', '=', filter.objectType);
    if (filter.objectId) query = query.where('audit_log.object_id', '=', filter.objectId);
    if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
    if (filter.to) query = query.where('audit_log.at', '<', filter.to);
    if (beforeId !== null) query = query.where('audit_log.id', '<', beforeId);
    return query
      .orderBy('audit_log.id', 'desc')
      .limit(limit + 1)
      .execute();
  }
}
