/**
 * Invariant: one definition of "the documents of a meeting" (its own files, its agenda items' files and their
 * papers' files, each in its current version) and of "the meetings to keep on this device" serves the downloader,
 * readiness, storage and eviction alike, so what is counted is what is fetched.
 */
import type { SyncAgendaItem, SyncFile, SyncFileVersion, SyncMeeting } from '@ratsmappe/shared';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import type { UserDatabase } from './db';
import { effectivePins } from './outbox';

export interface MeetingDocument {
  file: SyncFile;
  /** The file's current (highest) version. */
  version: SyncFileVersion;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Agenda items in reading order: depth first by position, children after their parent. */
export function orderAgenda(items: readonly SyncAgendaItem[]): SyncAgendaItem[] {
  const children = new Map<string | null, SyncAgendaItem[]>();
  const ids = new Set(items.map((item) => item.id));
  for (const item of items) {
    // An item whose parent this device may not read is shown at the top level.
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  const ordered: SyncAgendaItem[] = [];
  const visit = (parent: string | null) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.position - b.position);
    for (const item of list) {
      ordered.push(item);
      visit(item.id);
    }
  };
  visit(null);
  return ordered;
}

/** The highest version of each file. */
export async function currentVersions(
  db: UserDatabase,
  fileIds: readonly string[],
): Promise<Map<string, SyncFileVersion>> {
  const result = new Map<string, SyncFileVersion>();
  if (fileIds.length === 0) return result;
  for (const version of await db.fileVersion
    .where('fileId')
    .anyOf([...fileIds])
    .toArray()) {
    const known = result.get(version.fileId);
    if (!known || known.version < version.version) result.set(version.fileId, version);
  }
  return result;
}

export interface MeetingContent {
  items: SyncAgendaItem[];
  /** Files by owner: `meeting`, an agenda item id or a paper id; each list by position. */
  filesByOwner: Map<string, SyncFile[]>;
  versions: Map<string, SyncFileVersion>;
  /** Every document, meeting files first, then in agenda order; each file once. */
  documents: MeetingDocument[];
}

export async function meetingContent(db: UserDatabase, meetingId: string): Promise<MeetingContent> {
  const items = orderAgenda(await db.agendaItem.where('meetingId').equals(meetingId).toArray());
  const itemIds = items.map((item) => item.id);
  const paperIds = [...new Set(items.flatMap((item) => (item.paperId ? [item.paperId] : [])))];
  const [meetingFiles, itemFiles, paperFiles] = await Promise.all([
    db.file.where('meetingId').equals(meetingId).toArray(),
    itemIds.length ? db.file.where('agendaItemId').anyOf(itemIds).toArray() : Promise.resolve([]),
    paperIds.length ? db.file.where('paperId').anyOf(paperIds).toArray() : Promise.resolve([]),
  ]);
  const filesByOwner = new Map<string, SyncFile[]>();
  const add = (owner: string, file: SyncFile) => {
    const list = filesByOwner.get(owner) ?? [];
    if (!list.some((known) => known.id === file.id)) list.push(file);
    filesByOwner.set(owner, list);
  };
  for (const file of meetingFiles) add('meeting', file);
  for (const file of itemFiles) if (file.agendaItemId) add(file.agendaItemId, file);
  for (const file of paperFiles) if (file.paperId && !file.agendaItemId) add(file.paperId, file);
  for (const list of filesByOwner.values()) list.sort((a, b) => a.position - b.position);

  const allFiles = [...meetingFiles, ...itemFiles, ...paperFiles];
  const versions = await currentVersions(db, [...new Set(allFiles.map((file) => file.id))]);
  const seen = new Set<string>();
  const documents: MeetingDocument[] = [];
  const take = (files: SyncFile[] | undefined) => {
    for (const file of files ?? []) {
      const version = versions.get(file.id);
      if (seen.has(file.id) || !version) continue;
      seen.add(file.id);
      documents.push({ file, version });
    }
  };
  take(filesByOwner.get('meeting'));
  for (const item of items) {
    take(filesByOwner.get(item.id));
    if (item.paperId) take(filesByOwner.get(item.paperId));
  }
  return { items, filesByOwner, versions, documents };
}

export async function meetingDocuments(db: UserDatabase, meetingId: string): Promise<MeetingDocument[]> {
  return (await meetingContent(db, meetingId)).documents;
}

function isCurrent(start: string, end: string | null, today: string): boolean {
  return start.slice(0, 10) <= today && (end === null || end.slice(0, 10) >= today);
}

/**
 * The committees whose meetings the user prepares: current memberships of the persons linked to the account.
 * Without such a link in the synced data, every committee with memberships the user can see.
 */
export async function myOrganizationIds(
  db: UserDatabase,
  personIds: readonly string[],
  now: Date,
): Promise<Set<string>> {
  const today = berlinDate(now);
  const mine =
    personIds.length > 0
      ? await db.membership
          .where('personId')
          .anyOf([...personIds])
          .toArray()
      : [];
  const current = mine.filter((m) => isCurrent(m.startDate, m.endDate, today));
  if (current.length > 0) return new Set(current.map((m) => m.organizationId));
  const all = await db.membership.toArray();
  return new Set(all.filter((m) => isCurrent(m.startDate, m.endDate, today)).map((m) => m.organizationId));
}

export interface KeptMeeting {
  meeting: SyncMeeting;
  pinned: boolean;
}

/**
 * Meetings whose documents belong on this device, soonest first: those of my committees from yesterday to the end
 * of the window (a meeting running late tonight stays), plus pinned ones, less those whose documents the user
 * removed here.
 */
export async function keptMeetings(db: UserDatabase, now: Date): Promise<KeptMeeting[]> {
  const meta = await db.meta.get('local');
  const weeks = meta?.windowWeeks ?? 6;
  const organizations = await myOrganizationIds(db, meta?.personIds ?? [], now);
  const from = new Date(now.getTime() - dayMs).toISOString();
  const to = new Date(now.getTime() + weeks * 7 * dayMs).toISOString();
  const [inWindow, pins, excluded] = await Promise.all([
    db.meeting.where('start').between(from, to, true, true).toArray(),
    effectivePins(db),
    db.excluded.toCollection().primaryKeys(),
  ]);
  const removed = new Set(excluded);
  const result = new Map<string, KeptMeeting>();
  for (const meeting of inWindow) {
    if (meeting.cancelled || removed.has(meeting.id)) continue;
    if (!meeting.organizationIds.some((id) => organizations.has(id))) continue;
    result.set(meeting.id, { meeting, pinned: pins.has(meeting.id) });
  }
  const pinnedMeetings = await db.meeting.bulkGet([...pins]);
  for (const meeting of pinnedMeetings) if (meeting) result.set(meeting.id, { meeting, pinned: true });
  return [...result.values()].sort((a, b) => a.meeting.start.localeCompare(b.meeting.start));
}
