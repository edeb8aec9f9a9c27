/**
 * What a user may hold on a device, as (entity, id, version) rows: every object of the user's bodies that their
 * access scope may read now, in the sync protocol's entity names. The version changes whenever the record the
 * device would receive changes, so it also carries the derived fields that do not live on the row itself (an
 * agenda item's effective publicity depends on its parent, a file's on its owner).
 *
 * The rules are the shared visibility module's, in their SQL form (access/readable-sql.ts): the sync test
 * cross-checks the result against `mayRead` for every object and several viewers.
 */
import type { AccessScope, SyncEntity } from '@ratsmappe/shared';
import { sql, type RawBuilder } from 'kysely';
import {
  fileOrganizations,
  fileOwnerJoins,
  fileOwnerPresent,
  fileOwnerPublic,
  meetingOrganization,
  paperOrganization,
  readable,
} from '../access/readable-sql.js';

/** The order in which a page lists upserts, so a device receives containers before what they contain. */
export const entityOrder: readonly SyncEntity[] = [
  'body',
  'legislativeTerm',
  'location',
  'organization',
  'person',
  'membership',
  'meeting',
  'agendaItem',
  'paper',
  'consultation',
  'file',
  'fileVersion',
  'pin',
  'annotation',
];

export interface SyncAudience {
  accountId: string;
  scope: AccessScope;
  /** The bodies whose objects the device receives: those of the account's persons and its office staff grants. */
  bodyIds: readonly string[];
}

const versionOf = (seq: RawBuilder<unknown>, ...derived: RawBuilder<unknown>[]) =>
  derived.length === 0
    ? sql<string>`${seq}::text`
    : sql<string>`${seq}::text || ':' || ${sql.join(
        derived.map((d) => sql`coalesce((${d})::int, 0)::text`),
        sql` || ':' || `,
      )}`;

/** `(entity text, id uuid, version text)` for everything the audience may hold. */
export function visibleSet(audience: SyncAudience): RawBuilder<unknown> {
  const { scope, accountId } = audience;
  const bodies = sql`${[...audience.bodyIds]}::uuid[]`;
  const plain = (entity: SyncEntity, table: string) => sql`
    select ${entity}::text as entity, t.id, ${versionOf(sql`t.change_seq`)} as version
    from ${sql.table(table)} t where t.body_id = any(${bodies}) and not t.deleted`;

  const itemPublic = sql<boolean>`(ai.public and coalesce(parent.public, true))`;
  const itemReadable = readable(scope, itemPublic, sql`ai.body_id`, (test) =>
    meetingOrganization(sql`ai.meeting_id`, sql`ai.body_id`, test),
  );
  const paperReadable = readable(scope, sql<boolean>`pp.public`, sql`pp.body_id`, (test) =>
    paperOrganization(sql`pp.id`, sql`pp.body_id`, test),
  );
  const consultedItemPublic = sql<boolean>`(ci.public and coalesce(cip.public, true))`;
  const consultedItemReadable = sql<boolean>`(ci.id is not null and not ci.deleted and ${readable(
    scope,
    consultedItemPublic,
    sql`ci.body_id`,
    (test) => meetingOrganization(sql`ci.meeting_id`, sql`ci.body_id`, test),
  )})`;
  const filePublic = sql<boolean>`(f.public and ${fileOwnerPublic})`;
  const fileReadable = readable(scope, filePublic, sql`f.body_id`, fileOrganizations);

  return sql`
    with visible_item as (
      select ai.id, ${versionOf(sql`ai.change_seq`, itemPublic)} as version
      from agenda_item ai
        join meeting m on m.id = ai.meeting_id and not m.deleted
        left join agenda_item parent on parent.id = ai.parent_id
      where ai.body_id = any(${bodies}) and not ai.deleted and ${itemReadable}
    ),
    visible_file as (
      select f.id, ${versionOf(sql`f.change_seq`, filePublic)} as version
      from file f ${fileOwnerJoins}
      where f.body_id = any(${bodies}) and not f.deleted and ${fileOwnerPresent} and ${fileReadable}
    )
    select 'body'::text as entity, b.id, ${versionOf(sql`b.change_seq`)} as version
      from body b where b.id = any(${bodies}) and not b.deleted
    union all ${plain('legislativeTerm', 'legislative_term')}
    union all ${plain('location', 'location')}
    union all ${plain('organization', 'organization')}
    union all ${plain('person', 'person')}
    union all ${plain('membership', 'membership')}
    union all ${plain('meeting', 'meeting')}
    union all
      select 'agendaItem', vi.id, vi.version from visible_item vi
    union all
      select 'paper', pp.id, ${versionOf(sql`pp.change_seq`)}
      from paper pp where pp.body_id = any(${bodies}) and not pp.deleted and ${paperReadable}
    union all
      select 'consultation', c.id, ${versionOf(sql`c.change_seq`, consultedItemReadable)}
      from consultation c
        join paper pp on pp.id = c.paper_id and not pp.deleted
        left join agenda_item ci on ci.id = c.agenda_item_id
        left join agenda_item cip on cip.id = ci.parent_id
      where c.body_id = any(${bodies}) and not c.deleted and ${paperReadable}
    union all
      select 'file', vf.id, vf.version from visible_file vf
    union all
      select 'fileVersion', v.id, ${versionOf(
        sql`v.change_seq`,
        sql`v.version = (select max(x.version) from file_version x where x.file_id = v.file_id and not x.deleted)`,
      )}
      from file_version v join visible_file vf on vf.id = v.file_id
      where not v.deleted
    union all
      select 'pin', p.id, '1'
      from meeting_pin p join meeting m on m.id = p.meeting_id and not m.deleted
      where p.account_id = ${accountId} and m.body_id = any(${bodies})
    union all
      -- Own annotations (tombstones too, so every device learns of a delete) and those shared with an
      -- organization the user belongs to now; either only while the user may read what they are on.
      select 'annotation', a.id, a.rev::text
      from annotation a
      where a.body_id = any(${bodies})
        and (a.account_id = ${accountId}
          or (not a.deleted and a.scope <> 'private'
            and a.scope_organization_id = any(${[...scope.memberOrganizationIds]}::uuid[])))
        and (a.file_id in (select id from visible_file) or a.agenda_item_id in (select id from visible_item))`;
}

/** The flags a version string carries after the sequence number, e.g. `"812:1"` → `[true]`. */
export function derivedFlags(version: string): boolean[] {
  return version
    .split(':')
    .slice(1)
    .map((flag) => flag === '1');
}
