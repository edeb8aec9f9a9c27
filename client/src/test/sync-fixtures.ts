import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  SyncAgendaItem,
  SyncChange,
  SyncFile,
  SyncFileVersion,
  SyncMeeting,
  SyncMembership,
  SyncOrganization,
  SyncPaper,
  SyncPullResponse,
} from '@ratsmappe/shared';

/** Protocol-shaped rows and pages for the offline tests; ids are readable strings, as the client never parses them. */

export const bodyId = 'body-1';
export const organizationId = 'org-rat';

export function organization(overrides: Partial<SyncOrganization> = {}): SyncOrganization {
  return {
    id: organizationId,
    bodyId,
    kind: 'committee',
    name: 'Gemeinderat',
    shortName: null,
    startDate: null,
    endDate: null,
    ...overrides,
  };
}

export function membership(overrides: Partial<SyncMembership> = {}): SyncMembership {
  return {
    id: 'membership-1',
    bodyId,
    personId: 'person-1',
    organizationId,
    role: null,
    deputy: false,
    votingRight: true,
    startDate: '2024-01-01',
    endDate: null,
    onBehalfOf: null,
    ...overrides,
  };
}

export function meeting(id: string, start: string, overrides: Partial<SyncMeeting> = {}): SyncMeeting {
  return {
    id,
    bodyId,
    name: `Sitzung ${id}`,
    state: 'invited',
    cancelled: false,
    start,
    end: null,
    locationId: null,
    invitedAt: null,
    organizationIds: [organizationId],
    ...overrides,
  };
}

export function agendaItem(id: string, meetingId: string, overrides: Partial<SyncAgendaItem> = {}): SyncAgendaItem {
  return {
    id,
    bodyId,
    meetingId,
    parentId: null,
    position: 1,
    number: '1',
    name: `TOP ${id}`,
    public: true,
    paperId: null,
    result: null,
    resolutionText: null,
    supplementAt: null,
    ...overrides,
  };
}

export function paper(id: string, overrides: Partial<SyncPaper> = {}): SyncPaper {
  return {
    id,
    bodyId,
    name: `Vorlage ${id}`,
    reference: null,
    date: null,
    paperType: 'Beschlussvorlage',
    bodyText: null,
    public: true,
    ...overrides,
  };
}

export function file(id: string, overrides: Partial<SyncFile> = {}): SyncFile {
  return {
    id,
    bodyId,
    name: `Datei ${id}`,
    role: 'attachment',
    meetingId: null,
    agendaItemId: null,
    paperId: null,
    position: 1,
    date: null,
    public: true,
    ...overrides,
  };
}

export function content(seed: string, size: number): { bytes: Uint8Array; sha256: string } {
  const bytes = new Uint8Array(size);
  let x = 0;
  for (let i = 0; i < seed.length; i++) x = (x * 31 + seed.charCodeAt(i)) >>> 0;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return { bytes, sha256: bytesToHex(sha256(bytes)) };
}

export function fileVersion(
  id: string,
  fileId: string,
  blob: { sha256: string; bytes: Uint8Array },
  overrides: Partial<SyncFileVersion> = {},
): SyncFileVersion {
  return {
    id,
    bodyId,
    fileId,
    version: 1,
    sha256: blob.sha256,
    size: blob.bytes.byteLength,
    mimeType: 'application/pdf',
    fileName: `${fileId}.pdf`,
    extractedText: null,
    ...overrides,
  };
}

type Row = { id: string };
export function upsert<E extends SyncChange['entity']>(entity: E, data: Row): SyncChange {
  return { op: 'upsert', entity, id: data.id, data } as SyncChange;
}

export function remove(entity: SyncChange['entity'], id: string): SyncChange {
  return { op: 'delete', entity, id };
}

export function page(
  cursor: string,
  changes: SyncChange[],
  overrides: Partial<Omit<SyncPullResponse, 'cursor' | 'changes'>> = {},
): SyncPullResponse {
  return {
    cursor,
    changes,
    hasMore: false,
    lastMutationSeq: 0,
    serverTime: '2026-03-02T09:00:00.000Z',
    offlineLeaseDays: 30,
    ...overrides,
  };
}

let counter = 0;
/** A fresh account id per test: each gets its own database in the shared fake IndexedDB. */
export function freshAccountId(): string {
  counter++;
  return `account-${Date.now()}-${counter}`;
}
