import { isAgendaItemPublic, isFilePublic, mayRead, publicScope } from '@ratsmappe/shared';
import type { AgendaItemRow, ConsultationRow, FileRow, LocationRow, PaperRow, RowOf } from './oparl.repository.js';
import type { ObjectType } from './urls.js';

/**
 * What OParl shows of a row, decided by the shared rules with the anonymous scope (OParl is public data only):
 * `full` the object, `tombstone` only `{id, type, created, modified, deleted: true}` (it was public and is gone),
 * `hidden` nothing at all (404 by id; a tombstone only in `modified_since` lists, which is how depublication
 * reaches mirrors without telling them what the object was).
 */
export type Presence = 'full' | 'tombstone' | 'hidden';

export function agendaItemPublic(row: Pick<AgendaItemRow, 'public' | 'parent_public'>): boolean {
  return isAgendaItemPublic({ public: row.public, parentPublic: row.parent_public ?? undefined });
}

/** Effective publicity of what the file is attached to. Meetings themselves (date, place, bodies) are public. */
function fileOwnerPublic(row: FileRow): boolean {
  if (row.meeting_id !== null) return true;
  if (row.agenda_item_id !== null) {
    return isAgendaItemPublic({
      public: row.agenda_item_public ?? false,
      parentPublic: row.agenda_item_parent_public ?? undefined,
    });
  }
  return row.paper_public ?? false;
}

export function filePublic(row: FileRow): boolean {
  return isFilePublic({ public: row.public, ownerPublic: fileOwnerPublic(row) });
}

/** Whether the row counts as public content, before asking whether it still exists. */
const publicOf: { [T in ObjectType]: (row: RowOf[T]) => boolean } = {
  Body: () => true,
  LegislativeTerm: () => true,
  Organization: () => true,
  Person: () => true,
  Membership: () => true,
  Meeting: () => true,
  AgendaItem: agendaItemPublic,
  Paper: (row: PaperRow) => row.public,
  Consultation: (row: ConsultationRow) => row.paper_public,
  File: filePublic,
  // A deleted location is no longer referenced; only someone's private address stays unseen for good.
  Location: (row: LocationRow) => (row.deleted ? !row.private_address : row.publicly_referenced),
};

/** Beyond its own `deleted`: a file needs a live owner and content, a consultation a live paper. */
const liveOf: { [T in ObjectType]?: (row: RowOf[T]) => boolean } = {
  Consultation: (row: ConsultationRow) => !row.paper_deleted,
  File: (row: FileRow) =>
    row.version !== null && row.meeting_deleted !== true && row.agenda_item_deleted !== true && !row.paper_deleted,
};

export function presenceOf<T extends ObjectType>(type: T, row: RowOf[T]): Presence {
  const bodyId = (row as { body_id?: string }).body_id ?? row.id;
  const readable = mayRead(publicScope, { bodyId, public: publicOf[type](row), organizationIds: [] });
  if (!readable) return 'hidden';
  const live = liveOf[type];
  return row.deleted || (live && !live(row)) ? 'tombstone' : 'full';
}

/** Whether an agenda item belongs to Meeting.agendaItem: the one rule for the array and every `order`. */
export function onPublicAgenda(
  row: Pick<AgendaItemRow, 'body_id' | 'public' | 'parent_public' | 'deleted' | 'visible'>,
) {
  const readable = mayRead(publicScope, { bodyId: row.body_id, public: agendaItemPublic(row), organizationIds: [] });
  return readable && row.visible && !row.deleted;
}

/** For references to other objects: link only what is public (a deleted one still resolves, to its tombstone). */
export function mayLink(bodyId: string, isPublic: boolean): boolean {
  return mayRead(publicScope, { bodyId, public: isPublic, organizationIds: [] });
}
