import type { Random } from './random.js';
import type { Area } from './vocabulary.js';

/**
 * The fixed shape of each seeded body: names, committees, factions and the demo personas that get accounts.
 * Persons, meetings and papers are drawn from the PRNG; these profiles are not, so README, tests and e2e
 * journeys can name committees and accounts.
 */

export interface CouncilProfile {
  name: string;
  shortName: string;
  /** "des Verbandsgemeinderates" */
  genitive: string;
  /** "Der Verbandsgemeinderat" */
  nominative: string;
  meetingsPerYear: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  time: string;
}

export interface CommitteeProfile {
  key: string;
  name: string;
  shortName: string;
  genitive: string;
  nominative: string;
  areas: readonly Area[];
  seats: number;
  meetingsPerYear: number;
  weekday: number;
  time: string;
  /** Guarantees a meeting 1–7 days (`next-week`) or 8–14 days (`week-after`) after the reference date. */
  anchor?: 'next-week' | 'week-after';
  /** The mayor chairs without a vote (common for the Haupt- und Finanzausschuss). */
  chairedByMayor?: boolean;
}

export interface FactionProfile {
  key: string;
  name: string;
  shortName: string;
  seats: number;
}

export interface DepartmentProfile {
  name: string;
  shortName: string;
  areas: readonly Area[];
}

export type CommitteeRole = 'Vorsitz' | 'stellv. Vorsitz' | 'Mitglied';

export interface PersonaMandate {
  faction: string;
  factionChair?: boolean;
  committees: readonly { key: string; role?: CommitteeRole; deputy?: boolean }[];
}

export interface PersonaProfile {
  key: string;
  formOfAddress: 'Frau' | 'Herr';
  title?: string;
  givenName: string;
  familyName: string;
}

export interface PlanScale {
  years: number;
  daysAhead: number;
  /** Papers decided by the council per council meeting (after committee deliberation). */
  councilDecisions: readonly [number, number];
  /** Papers decided by a committee itself per committee meeting. */
  committeeDecisions: readonly [number, number];
  /** Mitteilungen and Anfragen per meeting. */
  notices: readonly [number, number];
  /** Non-public papers per meeting. */
  nonPublicPapers: readonly [number, number];
  /** Share of papers with attachments. */
  attachmentShare: number;
  /** Main files that get a second, revised version. */
  revisedPapers: number;
  cancelledMeetings: number;
  /** Procedure paragraphs added to each paper's text, beyond the topic's own. */
  extraParagraphs: readonly [number, number];
}

export interface BodyProfile {
  slug: string;
  name: string;
  shortName: string;
  classification: string;
  ags: string;
  streetAddress: string;
  postalCode: string;
  locality: string;
  /** [lon, lat] of the town hall */
  coordinates: readonly [number, number];
  councilMembersSeeNonPublic: boolean;
  /** "Bürgermeister", "Stadtbürgermeister" … (the female form adds "-in") */
  mayorTitle: string;
  council: CouncilProfile;
  committees: readonly CommitteeProfile[];
  factions: readonly FactionProfile[];
  administration: { name: string; shortName: string; departments: readonly DepartmentProfile[] };
  /** Member municipalities or districts named in papers. */
  places: readonly string[];
  /** Topic areas this body deals with (a town inside a Verbandsgemeinde runs no schools). */
  areas: readonly Area[];
  referenceScheme: 'prefixed' | 'numbered';
  /** Non-council citizens sitting on committees for a faction (sachkundige Bürgerinnen und Bürger). */
  citizenMembers: number;
  /** Councillors who left during the term; each gets a successor. */
  departures: number;
  personas: readonly { persona: PersonaProfile; mandate: PersonaMandate }[];
  /** Puts `pdfOnlySearchWord` into one public attachment of this body. */
  carriesPdfOnlyWord: boolean;
  scale: PlanScale;
}

export const demoScale: PlanScale = {
  years: 2,
  daysAhead: 92,
  councilDecisions: [2, 4],
  committeeDecisions: [0, 2],
  notices: [0, 2],
  nonPublicPapers: [0, 1],
  attachmentShare: 0.3,
  revisedPapers: 2,
  cancelledMeetings: 2,
  extraParagraphs: [2, 4],
};

const personas = {
  kesselring: { key: 'kesselring', formOfAddress: 'Frau', givenName: 'Miriam', familyName: 'Kesselring' },
  wendland: { key: 'wendland', formOfAddress: 'Herr', givenName: 'Tobias', familyName: 'Wendland' },
  morgenroth: {
    key: 'morgenroth',
    formOfAddress: 'Frau',
    title: 'Dr.',
    givenName: 'Sabine',
    familyName: 'Morgenroth',
  },
  hagedorn: { key: 'hagedorn', formOfAddress: 'Frau', givenName: 'Ulrike', familyName: 'Hagedorn' },
  brenneisen: { key: 'brenneisen', formOfAddress: 'Herr', givenName: 'Lukas', familyName: 'Brenneisen' },
  vollmer: { key: 'vollmer', formOfAddress: 'Frau', givenName: 'Katrin', familyName: 'Vollmer' },
  albrecht: { key: 'albrecht', formOfAddress: 'Herr', givenName: 'Heinz-Georg', familyName: 'Albrecht' },
} satisfies Record<string, PersonaProfile>;

export const lindenauProfile: BodyProfile = {
  slug: 'vg-lindenau',
  name: 'Verbandsgemeinde Lindenau',
  shortName: 'VG Lindenau',
  classification: 'Verbandsgemeinde',
  ags: '07199500',
  streetAddress: 'Marktplatz 1',
  postalCode: '56999',
  locality: 'Lindenau',
  coordinates: [7.4127, 50.2381],
  councilMembersSeeNonPublic: false,
  mayorTitle: 'Bürgermeister',
  council: {
    name: 'Verbandsgemeinderat Lindenau',
    shortName: 'VG-Rat',
    genitive: 'des Verbandsgemeinderates',
    nominative: 'Der Verbandsgemeinderat',
    meetingsPerYear: 7,
    weekday: 4,
    time: '18:00',
  },
  committees: [
    {
      key: 'bua',
      name: 'Bau- und Umweltausschuss',
      shortName: 'BUA',
      genitive: 'des Bau- und Umweltausschusses',
      nominative: 'Der Bau- und Umweltausschuss',
      areas: ['bau', 'umwelt'],
      seats: 9,
      meetingsPerYear: 6,
      weekday: 2,
      time: '17:00',
      anchor: 'next-week',
    },
    {
      key: 'hfa',
      name: 'Haupt- und Finanzausschuss',
      shortName: 'HFA',
      genitive: 'des Haupt- und Finanzausschusses',
      nominative: 'Der Haupt- und Finanzausschuss',
      areas: ['finanzen', 'soziales', 'kultur', 'feuerwehr'],
      seats: 9,
      meetingsPerYear: 6,
      weekday: 1,
      time: '18:00',
      anchor: 'week-after',
      chairedByMayor: true,
    },
    {
      key: 'sta',
      name: 'Schulträgerausschuss',
      shortName: 'STA',
      genitive: 'des Schulträgerausschusses',
      nominative: 'Der Schulträgerausschuss',
      areas: ['schule'],
      seats: 7,
      meetingsPerYear: 4,
      weekday: 3,
      time: '17:30',
    },
    {
      key: 'rpa',
      name: 'Rechnungsprüfungsausschuss',
      shortName: 'RPA',
      genitive: 'des Rechnungsprüfungsausschusses',
      nominative: 'Der Rechnungsprüfungsausschuss',
      areas: ['pruefung'],
      seats: 5,
      meetingsPerYear: 3,
      weekday: 3,
      time: '16:00',
    },
  ],
  factions: [
    { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 9 },
    { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD', seats: 7 },
    { key: 'fwg', name: 'FWG-Fraktion', shortName: 'FWG', seats: 5 },
    { key: 'gruene', name: 'Fraktion Grüne Liste Lindenau', shortName: 'Grüne Liste', seats: 3 },
  ],
  administration: {
    name: 'Verbandsgemeindeverwaltung Lindenau',
    shortName: 'VGV Lindenau',
    departments: [
      { name: 'Fachbereich 1 – Zentrale Dienste und Finanzen', shortName: 'FB 1', areas: ['finanzen', 'pruefung'] },
      {
        name: 'Fachbereich 2 – Bürgerdienste, Schulen und Soziales',
        shortName: 'FB 2',
        areas: ['schule', 'soziales', 'kultur', 'feuerwehr'],
      },
      { name: 'Fachbereich 3 – Bauen und Umwelt', shortName: 'FB 3', areas: ['bau', 'umwelt'] },
    ],
  },
  places: ['Lindenau', 'Auenbach', 'Oberwiesbach', 'Haselbrunn', 'Kressenbach', 'Mühlheck', 'Rodenfels'],
  areas: ['finanzen', 'bau', 'umwelt', 'schule', 'kultur', 'pruefung', 'feuerwehr', 'soziales'],
  referenceScheme: 'prefixed',
  citizenMembers: 5,
  departures: 2,
  personas: [
    { persona: personas.kesselring, mandate: { faction: 'spd', committees: [{ key: 'bua' }] } },
    { persona: personas.wendland, mandate: { faction: 'cdu', committees: [{ key: 'hfa' }] } },
    {
      persona: personas.morgenroth,
      mandate: {
        faction: 'fwg',
        factionChair: true,
        committees: [
          { key: 'sta', role: 'Vorsitz' },
          { key: 'bua', deputy: true },
        ],
      },
    },
    { persona: personas.hagedorn, mandate: { faction: 'gruene', committees: [{ key: 'sta' }] } },
  ],
  carriesPdfOnlyWord: true,
  scale: demoScale,
};

export const auenbachProfile: BodyProfile = {
  slug: 'stadt-auenbach',
  name: 'Stadt Auenbach',
  shortName: 'Auenbach',
  classification: 'Stadt',
  ags: '07199503',
  streetAddress: 'Rathausplatz 3',
  postalCode: '56998',
  locality: 'Auenbach',
  coordinates: [7.3589, 50.2214],
  councilMembersSeeNonPublic: true,
  mayorTitle: 'Stadtbürgermeister',
  council: {
    name: 'Stadtrat Auenbach',
    shortName: 'Stadtrat',
    genitive: 'des Stadtrates',
    nominative: 'Der Stadtrat',
    meetingsPerYear: 8,
    weekday: 3,
    time: '19:00',
  },
  committees: [
    {
      key: 'bau',
      name: 'Bau-, Planungs- und Umweltausschuss',
      shortName: 'BPU',
      genitive: 'des Bau-, Planungs- und Umweltausschusses',
      nominative: 'Der Bau-, Planungs- und Umweltausschuss',
      areas: ['bau', 'umwelt'],
      seats: 7,
      meetingsPerYear: 6,
      weekday: 2,
      time: '18:30',
      anchor: 'next-week',
    },
    {
      key: 'hfa',
      name: 'Haupt- und Finanzausschuss',
      shortName: 'HFA',
      genitive: 'des Haupt- und Finanzausschusses',
      nominative: 'Der Haupt- und Finanzausschuss',
      areas: ['finanzen', 'soziales', 'pruefung'],
      seats: 7,
      meetingsPerYear: 5,
      weekday: 4,
      time: '18:00',
      anchor: 'week-after',
      chairedByMayor: true,
    },
    {
      key: 'kultur',
      name: 'Ausschuss für Kultur, Tourismus und Sport',
      shortName: 'KTS',
      genitive: 'des Ausschusses für Kultur, Tourismus und Sport',
      nominative: 'Der Ausschuss für Kultur, Tourismus und Sport',
      areas: ['kultur'],
      seats: 7,
      meetingsPerYear: 4,
      weekday: 1,
      time: '19:00',
    },
  ],
  factions: [
    { key: 'bl', name: 'Fraktion Bürgerliste Auenbach', shortName: 'Bürgerliste', seats: 8 },
    { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD', seats: 6 },
    { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU', seats: 6 },
  ],
  administration: {
    name: 'Stadtverwaltung Auenbach',
    shortName: 'Stadtverwaltung',
    departments: [
      { name: 'Hauptamt', shortName: 'HA', areas: ['finanzen', 'soziales', 'kultur', 'pruefung'] },
      { name: 'Bauamt', shortName: 'BA', areas: ['bau', 'umwelt'] },
    ],
  },
  places: ['Auenbach', 'Unterauen', 'Hollerbach', 'Kirchrain'],
  areas: ['finanzen', 'bau', 'umwelt', 'kultur', 'pruefung', 'soziales'],
  referenceScheme: 'numbered',
  citizenMembers: 4,
  departures: 2,
  personas: [
    { persona: personas.brenneisen, mandate: { faction: 'spd', committees: [{ key: 'bau' }] } },
    { persona: personas.vollmer, mandate: { faction: 'cdu', committees: [{ key: 'hfa', role: 'stellv. Vorsitz' }] } },
    {
      persona: personas.albrecht,
      mandate: { faction: 'bl', factionChair: true, committees: [{ key: 'kultur', role: 'Vorsitz' }] },
    },
    { persona: personas.hagedorn, mandate: { faction: 'bl', committees: [{ key: 'bau' }] } },
  ],
  carriesPdfOnlyWord: false,
  scale: demoScale,
};

export const demoProfiles: readonly BodyProfile[] = [lindenauProfile, auenbachProfile];
export const demoBodySlugs = demoProfiles.map((p) => p.slug);

/** `vorname.nachname@<slug>.example`, transliterated the way German mail addresses usually are. */
export function personEmail(givenName: string, familyName: string, slug: string): string {
  const local = `${givenName}.${familyName}`
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9.-]/g, '');
  return `${local}@${slug}.example`;
}

export const demoPassword = 'Ratsmappe-Demo-2026';
export const adminEmail = 'admin@ratsmappe.example';

export interface DemoMandate {
  body: string;
  faction: string;
  committees: string[];
  /** Committees where the person is a deputy (Stellvertreter) only. */
  deputyIn: string[];
}

export interface DemoAccount {
  email: string;
  displayName: string;
  role: 'system_admin' | 'office_staff' | 'councillor';
  description: string;
  /** Body slugs the account has rights or mandates in. */
  bodies: string[];
  /** Person keys per body (councillors only); the seeder links these persons to the account. */
  personaKey?: string;
  mandates: DemoMandate[];
}

function councillorAccounts(): DemoAccount[] {
  const byPersona = new Map<string, DemoAccount>();
  for (const profile of demoProfiles) {
    for (const { persona, mandate } of profile.personas) {
      const faction = profile.factions.find((f) => f.key === mandate.faction)!;
      const committeeName = (key: string) => profile.committees.find((c) => c.key === key)!.name;
      const entry: DemoMandate = {
        body: profile.slug,
        faction: faction.name,
        committees: mandate.committees.filter((c) => !c.deputy).map((c) => committeeName(c.key)),
        deputyIn: mandate.committees.filter((c) => c.deputy).map((c) => committeeName(c.key)),
      };
      const existing = byPersona.get(persona.key);
      if (existing) {
        existing.bodies.push(profile.slug);
        existing.mandates.push(entry);
        continue;
      }
      const name = [persona.title, persona.givenName, persona.familyName].filter(Boolean).join(' ');
      byPersona.set(persona.key, {
        email: personEmail(persona.givenName, persona.familyName, profile.slug),
        displayName: name,
        role: 'councillor',
        description: '',
        bodies: [profile.slug],
        personaKey: persona.key,
        mandates: [entry],
      });
    }
  }
  for (const account of byPersona.values()) {
    account.description = account.mandates
      .map((m) => {
        const parts = [`Ratsmitglied ${m.body} (${m.faction})`];
        if (m.committees.length > 0) parts.push(`Mitglied: ${m.committees.join(', ')}`);
        if (m.deputyIn.length > 0) parts.push(`Stellvertretung: ${m.deputyIn.join(', ')}`);
        return parts.join('; ');
      })
      .join(' | ');
  }
  return [...byPersona.values()];
}

/** Every account the demo seed creates; all share `demoPassword`. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: adminEmail,
    displayName: 'Systemverwaltung',
    role: 'system_admin',
    description:
      'Systemadministration (Körperschaften anlegen, Konten verwalten), keine Leserechte auf Nichtöffentliches',
    bodies: [],
    mandates: [],
  },
  ...demoProfiles.map((profile): DemoAccount => ({
    email: `sitzungsdienst@${profile.slug}.example`,
    displayName: `Sitzungsdienst ${profile.shortName}`,
    role: 'office_staff',
    description: `Sitzungsdienst der ${profile.name}: pflegt Gremien, Sitzungen, Vorlagen und Niederschriften`,
    bodies: [profile.slug],
    mandates: [],
  })),
  ...councillorAccounts(),
];

const placePrefixes = [
  'Birken',
  'Eichen',
  'Erlen',
  'Wiesen',
  'Rosen',
  'Buchen',
  'Tannen',
  'Ahorn',
  'Weiden',
  'Holler',
  'Kressen',
  'Falken',
  'Hasel',
  'Kranich',
  'Lerchen',
  'Mühl',
  'Stein',
  'Hirsch',
];
const placeSuffixes = [
  'au',
  'bach',
  'feld',
  'hausen',
  'heim',
  'tal',
  'dorf',
  'berg',
  'brück',
  'rode',
  'hagen',
  'grund',
];

const largeCommitteeCatalogue: readonly Omit<CommitteeProfile, 'seats' | 'weekday' | 'time' | 'meetingsPerYear'>[] = [
  {
    key: 'hfa',
    name: 'Haupt- und Finanzausschuss',
    shortName: 'HFA',
    genitive: 'des Haupt- und Finanzausschusses',
    nominative: 'Der Haupt- und Finanzausschuss',
    areas: ['finanzen', 'pruefung'],
    chairedByMayor: true,
  },
  {
    key: 'bau',
    name: 'Bauausschuss',
    shortName: 'BA',
    genitive: 'des Bauausschusses',
    nominative: 'Der Bauausschuss',
    areas: ['bau'],
  },
  {
    key: 'umwelt',
    name: 'Ausschuss für Umwelt und Klimaschutz',
    shortName: 'UKA',
    genitive: 'des Ausschusses für Umwelt und Klimaschutz',
    nominative: 'Der Ausschuss für Umwelt und Klimaschutz',
    areas: ['umwelt'],
  },
  {
    key: 'schule',
    name: 'Schulträgerausschuss',
    shortName: 'STA',
    genitive: 'des Schulträgerausschusses',
    nominative: 'Der Schulträgerausschuss',
    areas: ['schule'],
  },
  {
    key: 'kultur',
    name: 'Ausschuss für Kultur, Tourismus und Sport',
    shortName: 'KTS',
    genitive: 'des Ausschusses für Kultur, Tourismus und Sport',
    nominative: 'Der Ausschuss für Kultur, Tourismus und Sport',
    areas: ['kultur'],
  },
  {
    key: 'soziales',
    name: 'Ausschuss für Soziales, Jugend und Senioren',
    shortName: 'SJS',
    genitive: 'des Ausschusses für Soziales, Jugend und Senioren',
    nominative: 'Der Ausschuss für Soziales, Jugend und Senioren',
    areas: ['soziales'],
  },
  {
    key: 'feuerwehr',
    name: 'Feuerwehrausschuss',
    shortName: 'FWA',
    genitive: 'des Feuerwehrausschusses',
    nominative: 'Der Feuerwehrausschuss',
    areas: ['feuerwehr'],
  },
];

const largeFactionCatalogue = [
  { key: 'cdu', name: 'CDU-Fraktion', shortName: 'CDU' },
  { key: 'spd', name: 'SPD-Fraktion', shortName: 'SPD' },
  { key: 'fwg', name: 'FWG-Fraktion', shortName: 'FWG' },
  { key: 'gruene', name: 'Fraktion Grüne Liste', shortName: 'Grüne Liste' },
  { key: 'bl', name: 'Fraktion Bürgerliste', shortName: 'Bürgerliste' },
];

const largeKinds = [
  { classification: 'Stadt', slug: 'stadt', council: 'Stadtrat', genitive: 'des Stadtrates', mayor: 'Bürgermeister' },
  {
    classification: 'Gemeinde',
    slug: 'gemeinde',
    council: 'Gemeinderat',
    genitive: 'des Gemeinderates',
    mayor: 'Bürgermeister',
  },
  {
    classification: 'Verbandsgemeinde',
    slug: 'vg',
    council: 'Verbandsgemeinderat',
    genitive: 'des Verbandsgemeinderates',
    mayor: 'Bürgermeister',
  },
] as const;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A bigger, busier body for benchmarks: monthly council meetings, six committees and about 200 papers a year,
 * so 50 bodies over 10 years give roughly 100,000 papers.
 */
export function largeBodyProfile(rng: Random, index: number, years: number): BodyProfile {
  const kind = largeKinds[index % largeKinds.length]!;
  const placeName = `${rng.pick(placePrefixes)}${rng.pick(placeSuffixes)}`;
  const name = `${kind.classification} ${placeName}`;
  const slug = `${kind.slug}-${slugify(placeName)}-${index + 1}`;
  const factions = rng.sample(largeFactionCatalogue, 4).map((f, i) => ({ ...f, seats: [11, 9, 6, 4][i]! }));
  const committees = [...largeCommitteeCatalogue.slice(0, 2), ...rng.sample(largeCommitteeCatalogue.slice(2), 4)].map(
    (c, i): CommitteeProfile => ({
      ...c,
      seats: i < 2 ? 11 : 9,
      meetingsPerYear: 10,
      weekday: 1 + (i % 4),
      time: rng.pick(['17:00', '17:30', '18:00']),
      ...(i === 0 ? { anchor: 'week-after' as const } : i === 1 ? { anchor: 'next-week' as const } : {}),
    }),
  );
  const covered = new Set(committees.flatMap((c) => c.areas));
  const places = [placeName, ...rng.sample(placePrefixes, 4).map((p) => `${p}${rng.pick(placeSuffixes)}`)];
  return {
    slug,
    name,
    shortName: placeName,
    classification: kind.classification,
    ags: `079${String(index + 1).padStart(5, '0')}`,
    streetAddress: `${rng.pick(['Marktplatz', 'Rathausplatz', 'Hauptstraße', 'Schlossplatz'])} ${rng.int(1, 40)}`,
    postalCode: String(55000 + ((index * 37) % 900)).padStart(5, '0'),
    locality: placeName,
    coordinates: [6.5 + rng.next() * 6, 48.5 + rng.next() * 4],
    councilMembersSeeNonPublic: index % 2 === 0,
    mayorTitle: kind.mayor,
    council: {
      name: `${kind.council} ${placeName}`,
      shortName: kind.council,
      genitive: kind.genitive,
      nominative: `Der ${kind.council}`,
      meetingsPerYear: 11,
      weekday: 4,
      time: rng.pick(['18:00', '18:30', '19:00']),
    },
    committees,
    factions,
    administration: {
      name: `${kind.classification === 'Stadt' ? 'Stadtverwaltung' : kind.classification === 'Gemeinde' ? 'Gemeindeverwaltung' : 'Verbandsgemeindeverwaltung'} ${placeName}`,
      shortName: 'Verwaltung',
      departments: [
        {
          name: 'Fachbereich Finanzen und Zentrale Dienste',
          shortName: 'FB 1',
          areas: ['finanzen', 'pruefung', 'feuerwehr'],
        },
        { name: 'Fachbereich Bürgerdienste und Soziales', shortName: 'FB 2', areas: ['schule', 'soziales', 'kultur'] },
        { name: 'Fachbereich Bauen und Umwelt', shortName: 'FB 3', areas: ['bau', 'umwelt'] },
      ],
    },
    places,
    areas: (['finanzen', 'bau', 'umwelt', 'schule', 'kultur', 'pruefung', 'feuerwehr', 'soziales'] as const).filter(
      (a) => covered.has(a) || a === 'finanzen',
    ),
    referenceScheme: index % 2 === 0 ? 'prefixed' : 'numbered',
    citizenMembers: 8,
    departures: Math.min(6, 1 + Math.floor(years / 2)),
    personas: [],
    carriesPdfOnlyWord: false,
    scale: {
      years,
      daysAhead: 92,
      councilDecisions: [5, 7],
      committeeDecisions: [1, 2],
      notices: [1, 2],
      nonPublicPapers: [0, 2],
      attachmentShare: 0.25,
      revisedPapers: 2 * years,
      cancelledMeetings: years,
      extraParagraphs: [1, 2],
    },
  };
}
