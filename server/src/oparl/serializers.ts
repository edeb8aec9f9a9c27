import { berlinDateTime } from '@ratsmappe/shared';
import type { MeetingState, OrganizationKind } from '../db/schema/tables.js';
import type {
  AgendaItemRow,
  BodyRow,
  ConsultationRow,
  EmbeddedLocationRow,
  FileRow,
  LegislativeTermRow,
  LocationRow,
  MeetingRow,
  MembershipRow,
  OrganizationRow,
  PaperRow,
  PersonRow,
} from './oparl.repository.js';
import { oparlVersion, typeUri, type ObjectType, type OparlUrls } from './urls.js';

/**
 * Rows to OParl 1.1 JSON. Pure functions: what to show was decided before (publicity.ts), and related rows were
 * loaded in batches by the service. Rules from DIGEST §1.2/§1.3/§6: optional properties that are null, "" or []
 * are left out, mandatory arrays are sent as []; embedded objects leave out their back-references, standalone ones
 * carry them; dates are `yyyy-mm-dd` and date-times `yyyy-mm-ddThh:mm:ss±hh:mm` (never toISOString()).
 */

export type OparlObject = { id: string; type: string } & Record<string, unknown>;

export const vendorIcal = 'ratsmappe:ical';
export const vendorFeed = 'ratsmappe:feed';

/** Drops undefined, null, "" and [] except for the properties named in `mandatory`. */
function prune(object: Record<string, unknown>, mandatory: readonly string[] = []): OparlObject {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!mandatory.includes(key)) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value) && value.length === 0) continue;
    }
    out[key] = value;
  }
  return out as OparlObject;
}

/**
 * `berlinDateTime` builds an Intl.DateTimeFormat per call (tens of µs); a page formats thousands of dates, most of
 * them repeated (children carry their parent's times), so results are memoized per second.
 */
const formatted = new Map<number, string>();
function oparlDateTime(value: Date): string {
  const second = Math.floor(value.getTime() / 1000);
  let text = formatted.get(second);
  if (text === undefined) {
    if (formatted.size >= 50_000) formatted.clear();
    text = berlinDateTime(value);
    formatted.set(second, text);
  }
  return text;
}

const dateTime = (value: Date | null | undefined) => (value ? oparlDateTime(value) : undefined);

function stamps(row: { created: Date; eff_modified: Date }) {
  return { created: oparlDateTime(row.created), modified: oparlDateTime(row.eff_modified) };
}

/** A deleted or depublished object: only what identifies it (DIGEST §1.7). */
export function tombstone(urls: OparlUrls, type: ObjectType, row: { id: string; created: Date; eff_modified: Date }) {
  return { id: urls.object(type, row.id), type: typeUri(type), ...stamps(row), deleted: true };
}

export function serializeSystem(urls: OparlUrls, created: Date): OparlObject {
  const stamp = oparlDateTime(created);
  return prune({
    id: urls.system(),
    type: typeUri('System'),
    oparlVersion,
    name: 'Ratsmappe',
    body: urls.bodies(),
    website: urls.web.home(),
    vendor: 'https://ratsmappe.example/',
    product: 'https://ratsmappe.example/ratsmappe',
    web: urls.web.home(),
    created: stamp,
    modified: stamp,
  });
}

export interface BodyParts {
  location: EmbeddedLocationRow | undefined;
  legislativeTerms: LegislativeTermRow[];
  omitInternal: boolean;
}

export function serializeBody(urls: OparlUrls, row: BodyRow, parts: BodyParts): OparlObject {
  return prune(
    {
      id: urls.object('Body', row.id),
      type: typeUri('Body'),
      system: urls.system(),
      name: row.name,
      shortName: row.short_name,
      website: row.website,
      ags: row.ags,
      rgs: row.rgs,
      contactEmail: row.contact_email,
      contactName: row.contact_name,
      classification: row.classification,
      organization: urls.bodyList(row.id, 'organizations'),
      person: urls.bodyList(row.id, 'persons'),
      meeting: urls.bodyList(row.id, 'meetings'),
      paper: urls.bodyList(row.id, 'papers'),
      agendaItem: urls.bodyList(row.id, 'agendaItems'),
      consultation: urls.bodyList(row.id, 'consultations'),
      file: urls.bodyList(row.id, 'files'),
      locationList: urls.bodyList(row.id, 'locations'),
      legislativeTermList: urls.bodyList(row.id, 'legislativeTerms'),
      membership: urls.bodyList(row.id, 'memberships'),
      legislativeTerm: parts.omitInternal
        ? undefined
        : parts.legislativeTerms.map((term) => serializeLegislativeTerm(urls, term, { embedded: true })),
      location: parts.location ? serializeLocation(urls, parts.location, { embedded: true }) : undefined,
      web: urls.web.body(row.slug),
      [vendorIcal]: urls.bodyCalendar(row.id),
      [vendorFeed]: urls.bodyFeed(row.id),
      ...stamps(row),
    },
    parts.omitInternal ? [] : ['legislativeTerm'],
  );
}

export function serializeLegislativeTerm(
  urls: OparlUrls,
  row: LegislativeTermRow,
  { embedded }: { embedded: boolean },
): OparlObject {
  return prune({
    id: urls.object('LegislativeTerm', row.id),
    type: typeUri('LegislativeTerm'),
    body: embedded ? undefined : urls.object('Body', row.body_id),
    name: row.name,
    startDate: row.start_date,
    endDate: row.end_date,
    ...stamps(row),
  });
}

const organizationTypes: Record<OrganizationKind, string> = {
  council: 'Gremium',
  committee: 'Gremium',
  advisory_board: 'Gremium',
  faction: 'Fraktion',
  administration: 'Verwaltungsbereich',
  other: 'Sonstiges',
};

export interface OrganizationParts {
  location: EmbeddedLocationRow | undefined;
  membershipIds: string[];
}

export function serializeOrganization(urls: OparlUrls, row: OrganizationRow, parts: OrganizationParts): OparlObject {
  return prune({
    id: urls.object('Organization', row.id),
    type: typeUri('Organization'),
    body: urls.object('Body', row.body_id),
    name: row.name,
    shortName: row.short_name,
    membership: urls.objects('Membership', parts.membershipIds),
    meeting: urls.organizationList(row.id, 'meetings'),
    consultation: urls.organizationList(row.id, 'consultations'),
    post: row.post,
    subOrganizationOf: row.sub_organization_of ? urls.object('Organization', row.sub_organization_of) : undefined,
    organizationType: organizationTypes[row.kind],
    classification: row.classification,
    startDate: row.start_date,
    endDate: row.end_date,
    website: row.website,
    location: parts.location ? serializeLocation(urls, parts.location, { embedded: true }) : undefined,
    web: urls.web.organization(row.body_slug, row.id),
    [vendorIcal]: urls.organizationCalendar(row.id),
    ...stamps(row),
  });
}

export interface PersonParts {
  /** Only when the person made their contact details public. */
  location: EmbeddedLocationRow | undefined;
  memberships: MembershipRow[];
  omitInternal: boolean;
}

export function serializePerson(urls: OparlUrls, row: PersonRow, parts: PersonParts): OparlObject {
  const contact = row.contact_public;
  return prune({
    id: urls.object('Person', row.id),
    type: typeUri('Person'),
    body: urls.object('Body', row.body_id),
    name: row.name,
    familyName: row.family_name,
    givenName: row.given_name,
    formOfAddress: row.form_of_address,
    affix: row.affix,
    title: row.title,
    gender: row.gender,
    phone: contact && row.phone ? [row.phone] : undefined,
    email: contact && row.email ? [row.email] : undefined,
    location: contact && parts.location ? urls.object('Location', parts.location.id) : undefined,
    locationObject: contact && parts.location ? serializeLocation(urls, parts.location, { embedded: true }) : undefined,
    status: row.status,
    membership: parts.omitInternal
      ? undefined
      : parts.memberships.map((membership) => serializeMembership(urls, membership, { embedded: true })),
    life: row.life,
    lifeSource: row.life_source,
    web: urls.web.person(row.body_slug, row.id),
    ...stamps(row),
  });
}

export function serializeMembership(
  urls: OparlUrls,
  row: MembershipRow,
  { embedded }: { embedded: boolean },
): OparlObject {
  return prune({
    id: urls.object('Membership', row.id),
    type: typeUri('Membership'),
    person: embedded ? undefined : urls.object('Person', row.person_id),
    organization: urls.object('Organization', row.organization_id),
    role: row.role ?? (row.deputy ? 'Stellvertretendes Mitglied' : 'Mitglied'),
    votingRight: row.voting_right,
    startDate: row.start_date,
    endDate: row.end_date,
    onBehalfOf: row.on_behalf_of ? urls.object('Organization', row.on_behalf_of) : undefined,
    ...stamps(row),
  });
}

export interface LocationBackReferences {
  bodies: string[];
  organizations: string[];
  persons: string[];
  meetings: string[];
}

export function serializeLocation(
  urls: OparlUrls,
  row: EmbeddedLocationRow | LocationRow,
  options: { embedded: true } | { embedded: false; modified: Date; backReferences: LocationBackReferences },
): OparlObject {
  const refs = options.embedded ? undefined : options.backReferences;
  return prune({
    id: urls.object('Location', row.id),
    type: typeUri('Location'),
    description: row.description,
    geojson: geoJsonFeature(row.geojson),
    streetAddress: row.street_address,
    room: row.room,
    postalCode: row.postal_code,
    subLocality: row.sub_locality,
    locality: row.locality,
    bodies: refs && urls.objects('Body', refs.bodies),
    organizations: refs && urls.objects('Organization', refs.organizations),
    persons: refs && urls.objects('Person', refs.persons),
    meetings: refs && urls.objects('Meeting', refs.meetings),
    created: oparlDateTime(row.created),
    // Embedded, a location shows its own change time; standalone also that of its back-references.
    modified: oparlDateTime(options.embedded ? row.modified : options.modified),
  });
}

const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

/** OParl wants a complete GeoJSON Feature; a bare geometry is wrapped, anything else is left out. */
function geoJsonFeature(value: unknown): object | undefined {
  if (typeof value !== 'object' || value === null || !('type' in value)) return undefined;
  if (value.type === 'Feature') return value;
  if (typeof value.type === 'string' && geometryTypes.includes(value.type)) {
    return { type: 'Feature', geometry: value, properties: {} };
  }
  return undefined;
}

const meetingStates: Record<MeetingState, string> = {
  planned: 'terminiert',
  invited: 'eingeladen',
  held: 'durchgeführt',
  minutes_released: 'durchgeführt',
};

export interface MeetingParts {
  location: EmbeddedLocationRow | undefined;
  organizationIds: string[];
  files: FileRow[];
  /** Already serialized in embedded form, in agenda order. */
  agendaItems: OparlObject[];
  omitInternal: boolean;
}

/** The first file of a role goes to its single slot; further ones of that role become auxiliary files. */
function splitFiles<R extends string>(files: FileRow[], singles: readonly R[]) {
  const single = new Map<R, FileRow>();
  const auxiliary: FileRow[] = [];
  for (const file of files) {
    const role = file.role as R;
    if (singles.includes(role) && !single.has(role)) single.set(role, file);
    else auxiliary.push(file);
  }
  return { single, auxiliary };
}

export function serializeMeeting(urls: OparlUrls, row: MeetingRow, parts: MeetingParts): OparlObject {
  const { single, auxiliary } = splitFiles(parts.files, [
    'invitation',
    'results_protocol',
    'verbatim_protocol',
  ] as const);
  const embed = (file: FileRow | undefined) => (file ? serializeFile(urls, file, { embedded: true }) : undefined);
  return prune({
    id: urls.object('Meeting', row.id),
    type: typeUri('Meeting'),
    name: row.name,
    meetingState: meetingStates[row.meeting_state],
    cancelled: row.cancelled,
    start: dateTime(row.start),
    end: dateTime(row.end),
    location: parts.location ? serializeLocation(urls, parts.location, { embedded: true }) : undefined,
    organization: urls.objects('Organization', parts.organizationIds),
    invitation: embed(single.get('invitation')),
    resultsProtocol: embed(single.get('results_protocol')),
    verbatimProtocol: embed(single.get('verbatim_protocol')),
    auxiliaryFile: parts.omitInternal
      ? undefined
      : auxiliary.map((file) => serializeFile(urls, file, { embedded: true })),
    agendaItem: parts.omitInternal ? undefined : parts.agendaItems,
    web: urls.web.meeting(row.body_slug, row.id),
    ...stamps(row),
  });
}

export interface AgendaItemParts {
  embedded: boolean;
  /** Index in Meeting.agendaItem (DIGEST: the crawler checks `order` equals that index). */
  order: number;
  consultationId: string | undefined;
  files: FileRow[];
  omitInternal: boolean;
}

export function serializeAgendaItem(urls: OparlUrls, row: AgendaItemRow, parts: AgendaItemParts): OparlObject {
  const { single, auxiliary } = splitFiles(parts.files, ['resolution'] as const);
  const resolution = single.get('resolution');
  return prune({
    id: urls.object('AgendaItem', row.id),
    type: typeUri('AgendaItem'),
    meeting: parts.embedded ? undefined : urls.object('Meeting', row.meeting_id),
    order: parts.order,
    number: row.number,
    name: row.name,
    // Only items of the public part are ever shown, so this is always true here.
    public: true,
    consultation: parts.consultationId ? urls.object('Consultation', parts.consultationId) : undefined,
    result: row.result,
    resolutionText: row.resolution_text,
    resolutionFile: resolution ? serializeFile(urls, resolution, { embedded: true }) : undefined,
    auxiliaryFile: parts.omitInternal
      ? undefined
      : auxiliary.map((file) => serializeFile(urls, file, { embedded: true })),
    start: dateTime(row.start),
    end: dateTime(row.end),
    ...stamps(row),
  });
}

export interface PaperParts {
  files: FileRow[];
  /** Already serialized in embedded form, in consultation order. */
  consultations: OparlObject[];
  superordinatedPaperId: string | undefined;
  subordinatedPaperIds: string[];
  omitInternal: boolean;
}

export function serializePaper(urls: OparlUrls, row: PaperRow, parts: PaperParts): OparlObject {
  const { single, auxiliary } = splitFiles(parts.files, ['main'] as const);
  const main = single.get('main');
  return prune({
    id: urls.object('Paper', row.id),
    type: typeUri('Paper'),
    body: urls.object('Body', row.body_id),
    name: row.name,
    reference: row.reference,
    date: row.date,
    paperType: row.paper_type,
    superordinatedPaper: parts.superordinatedPaperId ? [urls.object('Paper', parts.superordinatedPaperId)] : undefined,
    subordinatedPaper: urls.objects('Paper', parts.subordinatedPaperIds),
    mainFile: main ? serializeFile(urls, main, { embedded: true }) : undefined,
    auxiliaryFile: parts.omitInternal
      ? undefined
      : auxiliary.map((file) => serializeFile(urls, file, { embedded: true })),
    originatorPerson: row.originator_person_id ? [urls.object('Person', row.originator_person_id)] : undefined,
    originatorOrganization: row.originator_organization_id
      ? [urls.object('Organization', row.originator_organization_id)]
      : undefined,
    underDirectionOf: row.under_direction_of ? [urls.object('Organization', row.under_direction_of)] : undefined,
    consultation: parts.consultations,
    web: urls.web.paper(row.body_slug, row.id),
    ...stamps(row),
  });
}

export interface ConsultationParts {
  embedded: boolean;
  /** The agenda item may be linked only when it is public itself (and not deleted). */
  agendaItemVisible: boolean;
}

export function serializeConsultation(urls: OparlUrls, row: ConsultationRow, parts: ConsultationParts): OparlObject {
  return prune({
    id: urls.object('Consultation', row.id),
    type: typeUri('Consultation'),
    paper: parts.embedded ? undefined : urls.object('Paper', row.paper_id),
    agendaItem:
      row.agenda_item_id && parts.agendaItemVisible ? urls.object('AgendaItem', row.agenda_item_id) : undefined,
    meeting: row.meeting_id && row.meeting_deleted === false ? urls.object('Meeting', row.meeting_id) : undefined,
    organization: row.organization_id ? [urls.object('Organization', row.organization_id)] : undefined,
    authoritative: row.authoritative,
    role: row.role,
    ...stamps(row),
  });
}

export function serializeFile(urls: OparlUrls, row: FileRow, { embedded }: { embedded: boolean }): OparlObject {
  const owner = (type: 'Meeting' | 'AgendaItem' | 'Paper', id: string | null) =>
    !embedded && id ? [urls.object(type, id)] : undefined;
  return prune({
    id: urls.object('File', row.id),
    type: typeUri('File'),
    name: row.name,
    fileName: row.file_name,
    mimeType: row.mime_type,
    date: row.date,
    size: row.size === null ? undefined : Number(row.size),
    text: row.extracted_text,
    accessUrl: urls.fileAccess(row.id),
    downloadUrl: urls.fileDownload(row.id),
    meeting: owner('Meeting', row.meeting_id),
    agendaItem: owner('AgendaItem', row.agenda_item_id),
    paper: owner('Paper', row.paper_id),
    ...stamps(row),
  });
}
