import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from 'kysely';

/** Timestamps come back from pg as Date; we accept Date or ISO strings on the way in. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns are parsed as plain `yyyy-mm-dd` strings (see database.ts), never as Date. */
type DateString = ColumnType<string, string, string>;
type NullableDateString = ColumnType<string | null, string | null | undefined, string | null>;
/** Generated `tsvector` columns (migration 0003): read-only, written by PostgreSQL itself. */
type SearchVector = ColumnType<string, never, never>;

/** Columns every OParl-shaped row carries. */
interface DomainColumns {
  id: Generated<string>;
  body_id: string;
  created: Timestamp;
  modified: Timestamp;
  deleted: Generated<boolean>;
  change_seq: Generated<string>;
}

export interface BodyTable extends Omit<DomainColumns, 'body_id'> {
  slug: string;
  name: string;
  short_name: string | null;
  website: string | null;
  ags: string | null;
  rgs: string | null;
  classification: string | null;
  contact_email: string | null;
  contact_name: string | null;
  street_address: string | null;
  postal_code: string | null;
  locality: string | null;
  location_id: string | null;
  council_members_see_non_public: Generated<boolean>;
  require_totp_for_staff: Generated<boolean>;
}

export interface LocationTable extends DomainColumns {
  description: string | null;
  street_address: string | null;
  room: string | null;
  postal_code: string | null;
  sub_locality: string | null;
  locality: string | null;
  geojson: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface LegislativeTermTable extends DomainColumns {
  name: string;
  start_date: DateString;
  end_date: NullableDateString;
}

export const organizationKinds = [
  'council',
  'committee',
  'faction',
  'advisory_board',
  'administration',
  'other',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export interface OrganizationTable extends DomainColumns {
  kind: OrganizationKind;
  name: string;
  short_name: string | null;
  classification: string | null;
  post: ColumnType<string[], string[] | undefined, string[]>;
  sub_organization_of: string | null;
  legislative_term_id: string | null;
  location_id: string | null;
  website: string | null;
  start_date: NullableDateString;
  end_date: NullableDateString;
}

export interface PersonTable extends DomainColumns {
  name: string;
  family_name: string | null;
  given_name: string | null;
  form_of_address: string | null;
  affix: string | null;
  title: ColumnType<string[], string[] | undefined, string[]>;
  gender: string | null;
  email: string | null;
  phone: string | null;
  contact_public: Generated<boolean>;
  status: ColumnType<string[], string[] | undefined, string[]>;
  life: string | null;
  life_source: string | null;
  location_id: string | null;
}

export interface MembershipTable extends DomainColumns {
  person_id: string;
  organization_id: string;
  role: string | null;
  deputy: Generated<boolean>;
  voting_right: Generated<boolean>;
  start_date: DateString;
  end_date: NullableDateString;
  on_behalf_of: string | null;
}

export const meetingStates = ['planned', 'invited', 'held', 'minutes_released'] as const;
export type MeetingState = (typeof meetingStates)[number];

export interface MeetingTable extends DomainColumns {
  name: string;
  meeting_state: ColumnType<MeetingState, MeetingState | undefined, MeetingState>;
  cancelled: Generated<boolean>;
  start: RequiredTimestamp;
  end: NullableTimestamp;
  location_id: string | null;
  invited_at: NullableTimestamp;
  /** Counts the office's writes to the meeting and its agenda: the version an edit is based on (not `modified`). */
  edit_version: Generated<number>;
  search_vector: SearchVector;
}

export interface MeetingOrganizationTable extends DomainColumns {
  meeting_id: string;
  organization_id: string;
  position: Generated<number>;
}

export interface PaperTable extends DomainColumns {
  name: string;
  reference: string | null;
  date: NullableDateString;
  paper_type: string;
  body_text: string | null;
  public: Generated<boolean>;
  under_direction_of: string | null;
  originator_organization_id: string | null;
  originator_person_id: string | null;
  superordinated_paper_id: string | null;
  /** Counts the office's edits of the paper: the version an edit is based on (not `modified`). */
  edit_version: Generated<number>;
  search_vector: SearchVector;
}

export interface AgendaItemTable extends DomainColumns {
  meeting_id: string;
  parent_id: string | null;
  position: number;
  number: string | null;
  name: string;
  public: Generated<boolean>;
  paper_id: string | null;
  result: string | null;
  resolution_text: string | null;
  supplement_at: NullableTimestamp;
  start: NullableTimestamp;
  end: NullableTimestamp;
  search_vector: SearchVector;
}

export interface ConsultationTable extends DomainColumns {
  paper_id: string;
  meeting_id: string | null;
  agenda_item_id: string | null;
  organization_id: string | null;
  position: Generated<number>;
  authoritative: Generated<boolean>;
  role: string | null;
}

export interface BlobTable {
  sha256: string;
  size: ColumnType<string, number | string, never>;
  mime_type: string;
  created: Timestamp;
}

export const fileRoles = [
  'invitation',
  'results_protocol',
  'verbatim_protocol',
  'auxiliary',
  'main',
  'resolution',
] as const;
export type FileRole = (typeof fileRoles)[number];

export interface FileTable extends DomainColumns {
  name: string;
  role: FileRole;
  meeting_id: string | null;
  agenda_item_id: string | null;
  paper_id: string | null;
  position: Generated<number>;
  date: NullableDateString;
  public: Generated<boolean>;
  visibility_confirmed_at: NullableTimestamp;
  search_vector: SearchVector;
}

export interface FileVersionTable extends DomainColumns {
  file_id: string;
  version: number;
  sha256: string;
  size: ColumnType<string, number | string, never>;
  mime_type: string;
  file_name: string;
  extracted_text: string | null;
  text_extracted_at: NullableTimestamp;
  search_vector: SearchVector;
}

export interface ChangeLogTable {
  seq: ColumnType<string, never, never>;
  body_id: string;
  entity: string;
  entity_id: string;
  op: 'upsert' | 'delete';
  at: Date;
}

export interface AccountTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: ColumnType<'de' | 'en', 'de' | 'en' | undefined, 'de' | 'en'>;
  active: Generated<boolean>;
  totp_secret: string | null;
  /** Base32 secret of an enrolment that waits for its first code (migration 0005). */
  totp_pending_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last 30-second step whose code was accepted: a code is never accepted twice. */
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  created: Timestamp;
  modified: Timestamp;
}

export interface AccountPersonTable {
  account_id: string;
  person_id: string;
  created: Timestamp;
}

export const grantRoles = ['system_admin', 'office_staff'] as const;
export type GrantRole = (typeof grantRoles)[number];

export interface RoleGrantTable {
  id: Generated<string>;
  account_id: string;
  role: GrantRole;
  body_id: string | null;
  created: Timestamp;
}

export interface SessionTable {
  id_hash: string;
  account_id: string;
  created: Timestamp;
  last_seen: Timestamp;
  expires: RequiredTimestamp;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: Timestamp;
  account_id: string | null;
  body_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}

export interface AccountSetupLinkTable {
  id: Generated<string>;
  account_id: string;
  token_hash: string;
  created: RequiredTimestamp;
  expires: RequiredTimestamp;
  created_by: string | null;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export const signInOutcomes = ['pending', 'failure', 'success', 'throttled', 'incomplete'] as const;
export type SignInOutcome = (typeof signInOutcomes)[number];

export interface SignInAttemptTable {
  id: ColumnType<string, never, never>;
  at: RequiredTimestamp;
  email_hash: string;
  address_hash: string;
  outcome: SignInOutcome;
}

export interface JobTable {
  id: ColumnType<string, never, never>;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  dedupe_key: string | null;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  locked_by: string | null;
  last_error: string | null;
  finished_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  created: Timestamp;
}

export interface SyncDeviceTable {
  id: Generated<string>;
  account_id: string;
  name: string;
  created: RequiredTimestamp;
  last_sync_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  last_page: ColumnType<string, string | number | undefined, string | number>;
  synced_seq: ColumnType<string, string | number | undefined, string | number>;
  fingerprint: Generated<string>;
  stale: Generated<boolean>;
  last_mutation_seq: ColumnType<string, string | number | undefined, string | number>;
  synced_annotation_rev: ColumnType<string, string | number | undefined, string | number>;
}

/** Migration 0008: what an upload with `X-Idempotency-Key` stored, to answer a repeat of it. */
export interface UploadIdempotencyTable {
  account_id: string;
  key: string;
  /** Endpoint, owner or file, file name and query of the first request. */
  target: string;
  sha256: string;
  file_id: string;
  /** Whether the first request made something new (201) or found it stored already (200). */
  created: boolean;
  at: RequiredTimestamp;
  expires: RequiredTimestamp;
}

export interface AnnotationTable {
  id: string;
  account_id: string;
  body_id: string;
  kind: 'highlight' | 'ink' | 'note' | 'bookmark' | 'itemNote';
  file_id: string | null;
  agenda_item_id: string | null;
  created: RequiredTimestamp;
  modified: RequiredTimestamp;
  /** AnnotationState (shared/annotations), as JSON. */
  state: ColumnType<unknown, string, string>;
  scope: 'private' | 'faction' | 'committee';
  scope_organization_id: string | null;
  deleted: boolean;
  /** sha256 → Anchor of the annotation on that version. */
  anchors: ColumnType<unknown, string | undefined, string>;
  /** Only ever set to `nextval('annotation_rev')`. */
  rev: ColumnType<string, never, RawBuilder<unknown>>;
}

export interface SyncDeviceObjectTable {
  device_id: string;
  entity: string;
  entity_id: string;
  /** null: unknown to the server whether the device holds it; '': a delete waiting for confirmation. */
  version: string | null;
  sent_page: ColumnType<string, string | number, string | number>;
}

export interface MeetingPinTable {
  id: Generated<string>;
  account_id: string;
  meeting_id: string;
  created: RequiredTimestamp;
}

export interface SyncMutationTable {
  device_id: string;
  seq: ColumnType<string, string | number, string | number>;
  name: string;
  applied_at: RequiredTimestamp;
  error_code: string | null;
}

export interface Database {
  annotation: AnnotationTable;
  upload_idempotency: UploadIdempotencyTable;
  sync_device: SyncDeviceTable;
  sync_device_object: SyncDeviceObjectTable;
  meeting_pin: MeetingPinTable;
  sync_mutation: SyncMutationTable;
  job: JobTable;
  body: BodyTable;
  location: LocationTable;
  legislative_term: LegislativeTermTable;
  organization: OrganizationTable;
  person: PersonTable;
  membership: MembershipTable;
  meeting: MeetingTable;
  meeting_organization: MeetingOrganizationTable;
  paper: PaperTable;
  agenda_item: AgendaItemTable;
  consultation: ConsultationTable;
  blob: BlobTable;
  file: FileTable;
  file_version: FileVersionTable;
  change_log: ChangeLogTable;
  account: AccountTable;
  account_person: AccountPersonTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  account_setup_link: AccountSetupLinkTable;
  sign_in_attempt: SignInAttemptTable;
}

export type BodyRow = Selectable<BodyTable>;
export type NewBody = Insertable<BodyTable>;
export type BodyUpdate = Updateable<BodyTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type PersonRow = Selectable<PersonTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type AgendaItemRow = Selectable<AgendaItemTable>;
export type PaperRow = Selectable<PaperTable>;
export type FileRow = Selectable<FileTable>;
export type FileVersionRow = Selectable<FileVersionTable>;
export type ChangeLogRow = Selectable<ChangeLogTable>;
export type LegislativeTermRow = Selectable<LegislativeTermTable>;
export type LocationRow = Selectable<LocationTable>;
