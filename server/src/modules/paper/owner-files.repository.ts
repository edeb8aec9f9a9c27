import type { FileRef } from '@ratsmappe/shared';
import type { Kysely } from 'kysely';
import type { Database, FileRole } from '../../db/schema/tables.js';

/** A live file with its current version: the highest version that is not deleted. */
export interface OwnerFileRow {
  id: string;
  body_id: string;
  name: string;
  role: FileRole;
  date: string | null;
  public: boolean;
  meeting_id: string | null;
  agenda_item_id: string | null;
  paper_id: string | null;
  version: number;
  file_name: string;
  mime_type: string;
  size: string;
}

export interface FileOwners {
  meetingIds?: readonly string[];
  agendaItemIds?: readonly string[];
  paperIds?: readonly string[];
}

/**
 * Files of the given owners, without any visibility decision: callers decide per file with `isFilePublic` and
 * `mayRead`. A file without a live version has nothing to show and is left out.
 */
export async function listOwnerFiles(db: Kysely<Database>, owners: FileOwners): Promise<OwnerFileRow[]> {
  const meetingIds = [...(owners.meetingIds ?? [])];
  const agendaItemIds = [...(owners.agendaItemIds ?? [])];
  const paperIds = [...(owners.paperIds ?? [])];
  if (meetingIds.length + agendaItemIds.length + paperIds.length === 0) return [];
  return db
    .selectFrom('file as f')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('file_version as v')
          .select(['v.version', 'v.file_name', 'v.mime_type', 'v.size'])
          .whereRef('v.file_id', '=', 'f.id')
          .where('v.deleted', '=', false)
          .orderBy('v.version', 'desc')
          .limit(1)
          .as('cv'),
      (join) => join.onTrue(),
    )
    .select([
      'f.id',
      'f.body_id',
      'f.name',
      'f.role',
      'f.date',
      'f.public',
      'f.meeting_id',
      'f.agenda_item_id',
      'f.paper_id',
      'cv.version',
      'cv.file_name',
      'cv.mime_type',
      'cv.size',
    ])
    .where('f.deleted', '=', false)
    .where((eb) =>
      eb.or([
        ...(meetingIds.length > 0 ? [eb('f.meeting_id', 'in', meetingIds)] : []),
        ...(agendaItemIds.length > 0 ? [eb('f.agenda_item_id', 'in', agendaItemIds)] : []),
        ...(paperIds.length > 0 ? [eb('f.paper_id', 'in', paperIds)] : []),
      ]),
    )
    .orderBy('f.position')
    .orderBy('f.name')
    .orderBy('f.id')
    .execute();
}

/** `effectivePublic` is the file's publicity after its owner's (`isFilePublic`), as decided by the caller. */
export function toFileRef(row: OwnerFileRow, effectivePublic: boolean): FileRef {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    date: row.date,
    fileName: row.file_name,
    mimeType: row.mime_type,
    size: Number(row.size),
    version: row.version,
    public: effectivePublic,
  };
}

/**
 * Organizations through which members may read each non-public paper: those consulting it and those holding a
 * meeting whose agenda lists it (the same rule as `PaperRepository.accessOrganizationIds`, for many papers).
 */
export async function paperAccessOrganizations(
  db: Kysely<Database>,
  paperIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(paperIds.map((id) => [id, []]));
  if (paperIds.length === 0) return result;
  const ids = [...paperIds];
  const consulting = await db
    .selectFrom('consultation')
    .select(['paper_id', 'organization_id'])
    .where('paper_id', 'in', ids)
    .where('deleted', '=', false)
    .execute();
  const holding = await db
    .selectFrom('agenda_item as ai')
    .innerJoin('meeting_organization as mo', 'mo.meeting_id', 'ai.meeting_id')
    .select(['ai.paper_id', 'mo.organization_id'])
    .where('ai.paper_id', 'in', ids)
    .where('ai.deleted', '=', false)
    .where('mo.deleted', '=', false)
    .execute();
  for (const row of [...consulting, ...holding]) {
    if (row.paper_id === null || row.organization_id === null) continue;
    const list = result.get(row.paper_id);
    if (list && !list.includes(row.organization_id)) list.push(row.organization_id);
  }
  return result;
}
