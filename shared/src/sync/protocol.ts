/**
 * The tablet sync protocol (issue "Councillor tablet client"). The server keeps, per device, the set of objects it
 * has sent with their versions; a pull answers the difference between that set and what the user may read now.
 * So a new object, a changed one, and one the user may no longer read (membership ended, item made non-public,
 * file withdrawn) all arrive the same way: as an upsert or as a delete of exactly that row.
 *
 * Pages: the client sends the number of the last page it applied (`cursor`); rows the server sent in a later page
 * count as not delivered and are sent again. Each page is applied in one local transaction together with its
 * cursor, so a connection cut mid-page never leaves half a page and a replayed page changes nothing.
 */
import { z } from 'zod';
import type { AnnotationKind, AnnotationState, AnnotationValues } from '../annotations/annotation.js';
import type { Anchor } from '../annotations/anchoring.js';
import { uuidSchema } from '../schemas/common.js';

export const syncEntities = [
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
] as const;
export type SyncEntity = (typeof syncEntities)[number];

export interface SyncBody {
  id: string;
  slug: string;
  name: string;
  shortName: string | null;
}

export interface SyncLegislativeTerm {
  id: string;
  bodyId: string;
  name: string;
  startDate: string;
  endDate: string | null;
}

export interface SyncLocation {
  id: string;
  bodyId: string;
  description: string | null;
  streetAddress: string | null;
  room: string | null;
  postalCode: string | null;
  locality: string | null;
}

export interface SyncOrganization {
  id: string;
  bodyId: string;
  kind: string;
  name: string;
  shortName: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface SyncPerson {
  id: string;
  bodyId: string;
  name: string;
  familyName: string | null;
  givenName: string | null;
  formOfAddress: string | null;
  title: string[];
  /** Only when the person made their contact public. */
  email: string | null;
  phone: string | null;
}

export interface SyncMembership {
  id: string;
  bodyId: string;
  personId: string;
  organizationId: string;
  role: string | null;
  deputy: boolean;
  votingRight: boolean;
  startDate: string;
  endDate: string | null;
  onBehalfOf: string | null;
}

export interface SyncMeeting {
  id: string;
  bodyId: string;
  name: string;
  state: 'planned' | 'invited' | 'held' | 'minutes_released';
  cancelled: boolean;
  /** ISO 8601 UTC. */
  start: string;
  end: string | null;
  locationId: string | null;
  invitedAt: string | null;
  /** Holding organizations, lead first. */
  organizationIds: string[];
}

export interface SyncAgendaItem {
  id: string;
  bodyId: string;
  meetingId: string;
  parentId: string | null;
  position: number;
  number: string | null;
  name: string;
  /** Effective publicity (its own flag and its parent's). */
  public: boolean;
  paperId: string | null;
  result: string | null;
  resolutionText: string | null;
  /** Set when the item was added or changed after the invitation (Nachtrag). */
  supplementAt: string | null;
}

export interface SyncPaper {
  id: string;
  bodyId: string;
  name: string;
  reference: string | null;
  date: string | null;
  paperType: string;
  bodyText: string | null;
  public: boolean;
}

export interface SyncConsultation {
  id: string;
  bodyId: string;
  paperId: string;
  meetingId: string | null;
  /** Only when the user may read that agenda item. */
  agendaItemId: string | null;
  organizationId: string | null;
  position: number;
  authoritative: boolean;
  role: string | null;
}

export interface SyncFile {
  id: string;
  bodyId: string;
  name: string;
  role: string;
  meetingId: string | null;
  agendaItemId: string | null;
  paperId: string | null;
  position: number;
  date: string | null;
  /** Effective publicity (its own flag, the office's confirmation and its owner's publicity). */
  public: boolean;
}

export interface SyncFileVersion {
  id: string;
  bodyId: string;
  fileId: string;
  version: number;
  sha256: string;
  size: number;
  mimeType: string;
  fileName: string;
  /** Plain text of the document (pages separated by newlines) for offline search; null until extracted. */
  extractedText: string | null;
}

/** A meeting the user pinned to keep it on their devices (synced across devices through push). */
export interface SyncPin {
  id: string;
  meetingId: string;
  pinnedAt: string;
}

/**
 * An annotation: the user's own (with its mergeable state and history) or one shared with them (read-only, with
 * the author's name). `anchors` places it on later versions of its document.
 */
export interface SyncAnnotation {
  id: string;
  bodyId: string;
  kind: AnnotationKind;
  fileId: string | null;
  agendaItemId: string | null;
  createdAt: string;
  modifiedAt: string;
  own: boolean;
  authorName: string;
  values: AnnotationValues;
  /** Own annotations only: the full mergeable state (history included). */
  state: AnnotationState | null;
  anchors: Record<string, Anchor>;
}

export interface SyncRecordOf {
  body: SyncBody;
  legislativeTerm: SyncLegislativeTerm;
  location: SyncLocation;
  organization: SyncOrganization;
  person: SyncPerson;
  membership: SyncMembership;
  meeting: SyncMeeting;
  agendaItem: SyncAgendaItem;
  paper: SyncPaper;
  consultation: SyncConsultation;
  file: SyncFile;
  fileVersion: SyncFileVersion;
  pin: SyncPin;
  annotation: SyncAnnotation;
}

export type SyncUpsert = {
  [E in SyncEntity]: { op: 'upsert'; entity: E; id: string; data: SyncRecordOf[E] };
}[SyncEntity];
export interface SyncDelete {
  op: 'delete';
  entity: SyncEntity;
  id: string;
}
export type SyncChange = SyncUpsert | SyncDelete;

export interface SyncPullResponse {
  /** Send this back as `cursor` once the page is applied. */
  cursor: string;
  changes: SyncChange[];
  /** More changes wait: pull again at once. */
  hasMore: boolean;
  /** The last mutation of this device the server has applied (see push). */
  lastMutationSeq: number;
  /** Server time (ISO 8601 UTC), the device's last contact for the offline lease. */
  serverTime: string;
  /** Days without contact after which the device deletes non-public content until the user signs in again. */
  offlineLeaseDays: number;
}

/** `cursor` is "0" for a device with an empty local database. */
export const syncPullQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^[0-9]{1,15}$/)
    .default('0'),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

/** The header that names the device on every sync request. */
export const deviceHeader = 'x-ratsmappe-device';

export const registerDeviceSchema = z.object({
  name: z.string().trim().min(1).max(120),
});
export type RegisterDeviceInput = z.infer<typeof registerDeviceSchema>;

export interface SyncDevice {
  id: string;
  accountId: string;
  name: string;
  created: string;
  lastSyncAt: string | null;
  revokedAt: string | null;
  /** True for the device that asks. */
  current: boolean;
}

export const syncMutationNames = ['pin.set', 'pin.remove', 'annotation.write'] as const;
export type SyncMutationName = (typeof syncMutationNames)[number];

export const pinArgsSchema = z.object({ meetingId: uuidSchema });

export const syncMutationSchema = z.object({
  /** Per device, strictly increasing by one. */
  seq: z.number().int().min(1),
  name: z.enum(syncMutationNames),
  args: z.record(z.string(), z.unknown()),
});
export type SyncMutation = z.infer<typeof syncMutationSchema>;

export const syncPushSchema = z.object({
  mutations: z.array(syncMutationSchema).max(500),
});
export type SyncPushInput = z.infer<typeof syncPushSchema>;

export interface SyncPushResponse {
  lastMutationSeq: number;
  /** Mutations the server refused (applied as no-ops, so the queue moves on); show them to the user. */
  rejected: { seq: number; code: string; message: string }[];
}
