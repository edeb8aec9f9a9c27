/**
 * Every OParl URL is built and parsed here, so an id we emit and the path we answer can never disagree.
 * OParl ids are URLs and must stay canonical forever (DIGEST §1.1): one spelling per object, lower-case uuids,
 * no trailing slash; other spellings of a known path are answered with a 301 to the canonical one.
 */

export const oparlBasePath = '/oparl/v1';
export const oparlVersion = 'https://schema.oparl.org/1.1/';

export const objectTypes = [
  'Body',
  'LegislativeTerm',
  'Organization',
  'Person',
  'Membership',
  'Meeting',
  'AgendaItem',
  'Paper',
  'Consultation',
  'File',
  'Location',
] as const;
export type ObjectType = (typeof objectTypes)[number];

/** The ten external lists of a Body, by their path segment. */
export const bodyLists = {
  organizations: 'Organization',
  persons: 'Person',
  meetings: 'Meeting',
  papers: 'Paper',
  agendaItems: 'AgendaItem',
  consultations: 'Consultation',
  files: 'File',
  locations: 'Location',
  legislativeTerms: 'LegislativeTerm',
  memberships: 'Membership',
} as const satisfies Record<string, ObjectType>;
export type BodyListName = keyof typeof bodyLists;

export const organizationLists = { meetings: 'Meeting', consultations: 'Consultation' } as const;
export type OrganizationListName = keyof typeof organizationLists;

export type OparlRoute =
  | { kind: 'system' }
  | { kind: 'bodies' }
  | { kind: 'object'; type: ObjectType; id: string }
  | { kind: 'bodyList'; bodyId: string; list: BodyListName }
  | { kind: 'organizationList'; organizationId: string; list: OrganizationListName };

export type ListRoute = Extract<OparlRoute, { kind: 'bodies' | 'bodyList' | 'organizationList' }>;

export function typeUri(type: ObjectType | 'System' | 'Error'): string {
  return `https://schema.oparl.org/1.1/${type}`;
}

/** `AgendaItem` → `agendaItem`: the path segment of an object type. */
function segmentOf(type: ObjectType): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

export function formatOparlPath(route: OparlRoute): string {
  switch (route.kind) {
    case 'system':
      return `${oparlBasePath}/system`;
    case 'bodies':
      return `${oparlBasePath}/bodies`;
    case 'object':
      return `${oparlBasePath}/${segmentOf(route.type)}/${route.id}`;
    case 'bodyList':
      return `${oparlBasePath}/body/${route.bodyId}/${route.list}`;
    case 'organizationList':
      return `${oparlBasePath}/organization/${route.organizationId}/${route.list}`;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const typeBySegment = new Map(objectTypes.map((t) => [segmentOf(t).toLowerCase(), t]));
const bodyListBySegment = new Map(Object.keys(bodyLists).map((l) => [l.toLowerCase(), l as BodyListName]));
const organizationListBySegment = new Map(
  Object.keys(organizationLists).map((l) => [l.toLowerCase(), l as OrganizationListName]),
);

/**
 * Reads a request path (with the `/oparl/v1` prefix) leniently: any letter case in the fixed segments and uuids,
 * extra or trailing slashes. `null` when it names nothing we serve. Compare `formatOparlPath` of the result with
 * the request path to see whether it was canonical.
 */
export function parseOparlPath(path: string): OparlRoute | null {
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length < 2 || segments[0]!.toLowerCase() !== 'oparl' || segments[1]!.toLowerCase() !== 'v1') {
    return null;
  }
  const [first, id, list, ...rest] = segments.slice(2).map((s) => s.toLowerCase());
  if (first === undefined || first === '') return { kind: 'system' };
  if (rest.length > 0) return null;
  if (id === undefined) {
    if (first === 'system') return { kind: 'system' };
    if (first === 'bodies') return { kind: 'bodies' };
    return null;
  }
  const type = typeBySegment.get(first);
  if (!type || !uuidPattern.test(id)) return null;
  if (list === undefined) return { kind: 'object', type, id };
  if (type === 'Body') {
    const name = bodyListBySegment.get(list);
    return name ? { kind: 'bodyList', bodyId: id, list: name } : null;
  }
  if (type === 'Organization') {
    const name = organizationListBySegment.get(list);
    return name ? { kind: 'organizationList', organizationId: id, list: name } : null;
  }
  return null;
}

/** Absolute URLs of everything the OParl output points to, all from the configured public URL. */
export class OparlUrls {
  constructor(readonly publicUrl: string) {}

  route(route: OparlRoute): string {
    return `${this.publicUrl}${formatOparlPath(route)}`;
  }

  system(): string {
    return this.route({ kind: 'system' });
  }

  bodies(): string {
    return this.route({ kind: 'bodies' });
  }

  object(type: ObjectType, id: string): string {
    return this.route({ kind: 'object', type, id });
  }

  objects(type: ObjectType, ids: readonly string[]): string[] {
    return ids.map((id) => this.object(type, id));
  }

  bodyList(bodyId: string, list: BodyListName): string {
    return this.route({ kind: 'bodyList', bodyId, list });
  }

  organizationList(organizationId: string, list: OrganizationListName): string {
    return this.route({ kind: 'organizationList', organizationId, list });
  }

  /** Public web pages of the client (docs/conventions.md). */
  web = {
    home: () => `${this.publicUrl}/`,
    body: (slug: string) => `${this.publicUrl}/${slug}`,
    meetings: (slug: string) => `${this.publicUrl}/${slug}/sitzungen`,
    meeting: (slug: string, id: string) => `${this.publicUrl}/${slug}/sitzungen/${id}`,
    paper: (slug: string, id: string) => `${this.publicUrl}/${slug}/vorlagen/${id}`,
    organization: (slug: string, id: string) => `${this.publicUrl}/${slug}/gremien/${id}`,
    person: (slug: string, id: string) => `${this.publicUrl}/${slug}/personen/${id}`,
  };

  fileAccess(fileId: string): string {
    return `${this.publicUrl}/files/${fileId}`;
  }

  fileDownload(fileId: string): string {
    return `${this.publicUrl}/files/${fileId}/download`;
  }

  bodyCalendar(bodyId: string): string {
    return `${this.publicUrl}/ical/body/${bodyId}.ics`;
  }

  bodyFeed(bodyId: string): string {
    return `${this.publicUrl}/feeds/body/${bodyId}.atom`;
  }

  organizationCalendar(organizationId: string): string {
    return `${this.publicUrl}/ical/organization/${organizationId}.ics`;
  }
}
