import type { Insertable } from 'kysely';
import type {
  AgendaItemTable,
  BodyTable,
  ConsultationTable,
  FileTable,
  FileVersionTable,
  LegislativeTermTable,
  LocationTable,
  MeetingOrganizationTable,
  MeetingTable,
  MembershipTable,
  OrganizationKind,
  OrganizationTable,
  PaperTable,
  PersonTable,
} from '../../db/schema/tables.js';
import type { BodyProfile } from '../profiles.js';
import type { Random } from '../random.js';
import type { Votes } from '../text.js';
import type { AttachmentKind, TopicTemplate } from '../vocabulary.js';

/**
 * A body's seed data as plain objects, built before anything touches the database. Ids are assigned up front
 * (random uuids: only content must be deterministic) so rows can reference each other and be written in a few
 * multi-row inserts. `created`/`modified` are historical and set so that no child is newer than its parent:
 * then the triggers that bump a parent's `modified` never fire during the seed.
 */

type Stamped<T> = Insertable<T> & { id: string; body_id: string; created: Date; modified: Date };

export type BodyInsert = Insertable<BodyTable> & { id: string; created: Date; modified: Date };
export type LocationInsert = Stamped<LocationTable>;
export type TermInsert = Stamped<LegislativeTermTable>;
export type OrganizationInsert = Stamped<OrganizationTable>;
export type PersonInsert = Stamped<PersonTable>;
export type MembershipInsert = Stamped<MembershipTable> & { start_date: string; end_date: string | null };
export type MeetingInsert = Stamped<MeetingTable>;
export type MeetingOrganizationInsert = Stamped<MeetingOrganizationTable>;
export type PaperInsert = Stamped<PaperTable>;
export type AgendaItemInsert = Stamped<AgendaItemTable>;
export type ConsultationInsert = Stamped<ConsultationTable>;
export type FileInsert = Stamped<FileTable>;
export type FileVersionInsert = Omit<Stamped<FileVersionTable>, 'sha256' | 'size'>;

export interface OrgPlan {
  row: OrganizationInsert;
  kind: OrganizationKind;
  /** Profile key (`bua`, `hfa`, faction keys); `council` for the council. */
  key: string;
  genitive: string;
  nominative: string;
  /** Voting members when complete (council seats plus the mayor; committee seats). */
  seats: number;
  chairedByMayor: boolean;
}

export interface PersonPlan {
  row: PersonInsert;
  female: boolean;
  fullName: string;
  personaKey: string | null;
}

export interface MembershipPlan {
  row: MembershipInsert;
  person: PersonPlan;
  org: OrgPlan;
  faction: OrgPlan | null;
}

export type ConsultationStep = 'Vorberatung' | 'Entscheidung' | 'Kenntnisnahme';

export interface Attendance {
  present: PersonPlan[];
  excused: PersonPlan[];
  /** Deputies standing in for excused members. */
  standIns: PersonPlan[];
  chair: PersonPlan | null;
  /** People who may vote (the mayor chairing a committee may not). */
  voters: number;
}

export interface MeetingPlan {
  row: MeetingInsert;
  date: string;
  time: string;
  orgs: OrgPlan[];
  location: LocationInsert;
  /** Running number of the lead organization's meetings in the term ("12. Sitzung"). */
  number: number;
  items: ItemPlan[];
  consultations: ConsultationPlan[];
  minutesReleasedAt: Date | null;
  attendance: Attendance | null;
  /** The previous meeting of the lead organization, for "Genehmigung der Niederschrift". */
  previous: MeetingPlan | null;
}

export interface ItemPlan {
  row: AgendaItemInsert;
  paper: PaperPlan | null;
  consultation: ConsultationPlan | null;
  children: ItemPlan[];
  parent: ItemPlan | null;
}

export interface CostRow {
  label: string;
  amount: number;
}

export interface PaperPlan {
  row: PaperInsert;
  topic: TopicTemplate;
  /** Topic facts with placeholders filled, then procedure paragraphs. */
  paragraphs: string[];
  proposal: string;
  costs: CostRow[];
  group: string | null;
  department: OrgPlan | null;
  originator: OrgPlan | null;
  consultations: ConsultationPlan[];
  /** Sequence within the body, for reference numbers in date order. */
  order: number;
  /** A revised main file (version 2) exists. */
  revised: boolean;
}

export type Outcome =
  | { kind: 'unanimous' }
  | { kind: 'majority'; votes: Votes }
  | { kind: 'rejected'; votes: Votes }
  | { kind: 'deferred' }
  | { kind: 'noted' };

export interface ConsultationPlan {
  row: ConsultationInsert;
  paper: PaperPlan;
  meeting: MeetingPlan;
  org: OrgPlan;
  step: ConsultationStep;
  /** Decided in advance where the path depends on it (deferral adds a later consultation). */
  deferred: boolean;
  item: ItemPlan | null;
}

export type DocumentSource =
  | { kind: 'paper'; paper: PaperPlan; revision: number }
  | {
      kind: 'attachment';
      attachment: AttachmentKind;
      number: number;
      paper: PaperPlan | null;
      item: ItemPlan | null;
      meeting: MeetingPlan | null;
      public: boolean;
      carriesPdfOnlyWord: boolean;
      variant: number;
    }
  | { kind: 'invitation'; meeting: MeetingPlan }
  | { kind: 'minutes'; meeting: MeetingPlan };

export interface VersionPlan {
  row: FileVersionInsert;
  document: DocumentSource;
}

export interface FilePlan {
  row: FileInsert;
  versions: VersionPlan[];
}

export interface BodyPlan {
  profile: BodyProfile;
  body: BodyInsert;
  locations: LocationInsert[];
  terms: TermInsert[];
  orgs: OrgPlan[];
  council: OrgPlan;
  committees: OrgPlan[];
  factions: OrgPlan[];
  administration: OrgPlan[];
  persons: PersonPlan[];
  memberships: MembershipPlan[];
  mayor: PersonPlan;
  meetings: MeetingPlan[];
  meetingOrganizations: MeetingOrganizationInsert[];
  papers: PaperPlan[];
  files: FilePlan[];
  /** Person id per persona key, for linking accounts. */
  personaPersons: Map<string, string>;
}

/** What every planning step needs. */
export interface PlanContext {
  rng: Random;
  profile: BodyProfile;
  today: string;
  windowStart: string;
  windowEnd: string;
  /** Latest instant any record may carry: the evening before `today`, or now if that is earlier. */
  cap: Date;
  /** Records set up before the window starts (body, organizations, persons). */
  setupDate: string;
}
