import { randomUUID } from 'node:crypto';
import { addDays, at, daysBetween, yearOf } from '../calendar.js';
import { personEmail, type CommitteeRole, type PersonaProfile } from '../profiles.js';
import { familyNames, femaleGivenNames, maleGivenNames } from '../vocabulary.js';
import type {
  BodyInsert,
  LocationInsert,
  MembershipPlan,
  OrgPlan,
  PersonPlan,
  PlanContext,
  TermInsert,
} from './plan-types.js';

/** Terms start on 1 July every five years (2019, 2024, 2029 …), as after a Kommunalwahl in June. */
export function termsOverlapping(from: string, to: string): { start: string; end: string }[] {
  const terms: { start: string; end: string }[] = [];
  let startYear = yearOf(from) - ((((yearOf(from) - 2024) % 5) + 5) % 5);
  if (`${startYear}-07-01` > from) startYear -= 5;
  for (; `${startYear}-07-01` <= to; startYear += 5) {
    terms.push({ start: `${startYear}-07-01`, end: `${startYear + 5}-06-30` });
  }
  return terms;
}

export interface PeoplePlan {
  body: BodyInsert;
  locations: LocationInsert[];
  hall: { large: LocationInsert; small: LocationInsert; external: LocationInsert };
  terms: TermInsert[];
  council: OrgPlan;
  committees: OrgPlan[];
  factions: OrgPlan[];
  administration: OrgPlan[];
  departments: { org: OrgPlan; areas: readonly string[] }[];
  persons: PersonPlan[];
  memberships: MembershipPlan[];
  mayor: PersonPlan;
  personaPersons: Map<string, string>;
  /** Date from which memberships run (start of the earliest term in the window). */
  mandateStart: string;
}

/** D'Hondt: committee seats in proportion to council seats; ties go to the larger faction. */
export function dhondt(factionSeats: readonly number[], seats: number): number[] {
  const result = factionSeats.map(() => 0);
  for (let s = 0; s < seats; s++) {
    let best = 0;
    for (let i = 1; i < factionSeats.length; i++) {
      const q = factionSeats[i]! / (result[i]! + 1);
      const b = factionSeats[best]! / (result[best]! + 1);
      if (q > b || (q === b && factionSeats[i]! > factionSeats[best]!)) best = i;
    }
    result[best]!++;
  }
  return result;
}

function roleName(role: CommitteeRole, female: boolean): string {
  if (role === 'Vorsitz') return female ? 'Vorsitzende' : 'Vorsitzender';
  if (role === 'stellv. Vorsitz') return female ? 'stellv. Vorsitzende' : 'stellv. Vorsitzender';
  return 'Mitglied';
}

/** The successor takes the seat, not the faction office; committee chairs keep the chair in their own gender. */
function successorRole(ended: MembershipPlan, female: boolean): string {
  const role = ended.row.role ?? 'Mitglied';
  if (ended.org.kind === 'faction' || ended.org.kind === 'council') return 'Mitglied';
  if (role.startsWith('Vorsitz')) return roleName('Vorsitz', female);
  if (role.startsWith('stellv.')) return roleName('stellv. Vorsitz', female);
  return role;
}

function pointFeature(lon: number, lat: number, name: string): string {
  return JSON.stringify({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [Number(lon.toFixed(5)), Number(lat.toFixed(5))] },
    properties: { name },
  });
}

export function planPeople(ctx: PlanContext): PeoplePlan {
  const { profile } = ctx;
  const rng = ctx.rng.fork('people');
  const bodyId = randomUUID();
  const setupStamp = at(ctx.setupDate, '09:00');
  const stamped = { body_id: bodyId, created: setupStamp, modified: setupStamp };

  const terms = termsOverlapping(ctx.windowStart, ctx.windowEnd);
  const mandateStart = terms[0]!.start;
  const termRows: TermInsert[] = terms.map((t) => ({
    id: randomUUID(),
    ...stamped,
    name: `Wahlperiode ${yearOf(t.start)}–${yearOf(t.end)}`,
    start_date: t.start,
    end_date: t.end,
  }));
  const currentTerm =
    termRows.find((t) => t.start_date <= ctx.today && (t.end_date ?? '9999') >= ctx.today) ?? termRows.at(-1)!;

  const [lon, lat] = profile.coordinates;
  const hallName =
    profile.classification === 'Stadt' ? `Rathaus ${profile.locality}` : `Verwaltungsgebäude ${profile.locality}`;
  const hallBase = {
    street_address: profile.streetAddress,
    postal_code: profile.postalCode,
    locality: profile.locality,
    sub_locality: null,
  };
  const townHall: LocationInsert = {
    id: randomUUID(),
    ...stamped,
    ...hallBase,
    description: hallName,
    room: null,
    geojson: pointFeature(lon, lat, hallName),
  };
  const large: LocationInsert = {
    id: randomUUID(),
    ...stamped,
    ...hallBase,
    description: `${hallName}, Großer Sitzungssaal`,
    // The description names the hall already; the room says only what it adds (pages show both, joined).
    room: '1. OG',
    geojson: pointFeature(lon, lat, `${hallName}, Großer Sitzungssaal`),
  };
  const small: LocationInsert = {
    id: randomUUID(),
    ...stamped,
    ...hallBase,
    description: `${hallName}, Kleiner Sitzungssaal`,
    room: `Raum ${rng.int(101, 119)}`,
    geojson: pointFeature(lon, lat, `${hallName}, Kleiner Sitzungssaal`),
  };
  const village = profile.places[1] ?? profile.locality;
  const external: LocationInsert = {
    id: randomUUID(),
    ...stamped,
    description: `Bürgerhaus ${village}`,
    street_address: `Schulstraße ${rng.int(2, 30)}`,
    postal_code: profile.postalCode,
    locality: profile.locality,
    sub_locality: village,
    room: 'Saal',
    geojson: pointFeature(lon + 0.021 + rng.next() * 0.01, lat - 0.012 - rng.next() * 0.01, `Bürgerhaus ${village}`),
  };

  const body: BodyInsert = {
    id: bodyId,
    created: setupStamp,
    modified: setupStamp,
    slug: profile.slug,
    name: profile.name,
    short_name: profile.shortName,
    website: `https://www.${profile.slug}.example`,
    ags: profile.ags,
    rgs: null,
    classification: profile.classification,
    contact_email: `sitzungsdienst@${profile.slug}.example`,
    contact_name: `Sitzungsdienst, ${profile.administration.name}`,
    street_address: profile.streetAddress,
    postal_code: profile.postalCode,
    locality: profile.locality,
    location_id: townHall.id,
    council_members_see_non_public: profile.councilMembersSeeNonPublic,
  };

  const org = (
    kind: OrgPlan['kind'],
    key: string,
    fields: {
      name: string;
      shortName: string;
      classification: string;
      genitive?: string;
      nominative?: string;
      seats?: number;
      chairedByMayor?: boolean;
      post?: string[];
      parent?: OrgPlan;
      location?: LocationInsert;
      term?: boolean;
    },
  ): OrgPlan => ({
    kind,
    key,
    genitive: fields.genitive ?? fields.name,
    nominative: fields.nominative ?? fields.name,
    seats: fields.seats ?? 0,
    chairedByMayor: fields.chairedByMayor ?? false,
    row: {
      id: randomUUID(),
      ...stamped,
      kind,
      name: fields.name,
      short_name: fields.shortName,
      classification: fields.classification,
      post: fields.post ?? [],
      sub_organization_of: fields.parent?.row.id ?? null,
      legislative_term_id: fields.term === false ? null : currentTerm.id,
      location_id: fields.location?.id ?? null,
      website: null,
      start_date: fields.term === false ? null : mandateStart,
      end_date: null,
    },
  });

  const councilSeats = profile.factions.reduce((sum, f) => sum + f.seats, 0);
  const council = org('council', 'council', {
    name: profile.council.name,
    shortName: profile.council.shortName,
    classification: 'Parlament',
    genitive: profile.council.genitive,
    nominative: profile.council.nominative,
    seats: councilSeats + 1,
    post: ['Vorsitzende/r', 'Ratsmitglied'],
    location: large,
  });
  const committees = profile.committees.map((c) =>
    org('committee', c.key, {
      name: c.name,
      shortName: c.shortName,
      classification: 'Ausschuss',
      genitive: c.genitive,
      nominative: c.nominative,
      seats: c.seats,
      chairedByMayor: c.chairedByMayor ?? false,
      post: ['Vorsitzende/r', 'stellv. Vorsitzende/r', 'Mitglied'],
      location: small,
    }),
  );
  const factions = profile.factions.map((f) =>
    org('faction', f.key, {
      name: f.name,
      shortName: f.shortName,
      classification: 'Fraktion',
      seats: f.seats,
      post: ['Fraktionsvorsitzende/r', 'stellv. Fraktionsvorsitzende/r', 'Mitglied'],
    }),
  );
  const administrationRoot = org('administration', 'administration', {
    name: profile.administration.name,
    shortName: profile.administration.shortName,
    classification: 'Verwaltung',
    term: false,
    location: townHall,
  });
  const departments = profile.administration.departments.map((d) => ({
    org: org('administration', d.shortName, {
      name: d.name,
      shortName: d.shortName,
      classification: 'Fachbereich',
      parent: administrationRoot,
      term: false,
    }),
    areas: d.areas,
  }));

  const usedNames = new Set<string>(profile.personas.map((p) => `${p.persona.givenName} ${p.persona.familyName}`));
  const reservedFamilies = new Set(profile.personas.map((p) => p.persona.familyName));
  const persons: PersonPlan[] = [];
  const makePerson = (
    status: (female: boolean) => string,
    options: { persona?: PersonaProfile; startDate?: string; title?: boolean } = {},
  ): PersonPlan => {
    let female: boolean;
    let given: string;
    let family: string;
    let title: string | undefined;
    if (options.persona) {
      female = options.persona.formOfAddress === 'Frau';
      given = options.persona.givenName;
      family = options.persona.familyName;
      title = options.persona.title;
    } else {
      female = rng.chance(0.45);
      do {
        given = rng.pick(female ? femaleGivenNames : maleGivenNames);
        family = rng.pick(familyNames);
      } while (usedNames.has(`${given} ${family}`) || reservedFamilies.has(family));
      usedNames.add(`${given} ${family}`);
      title = (options.title ?? rng.chance(0.07)) ? 'Dr.' : undefined;
    }
    const fullName = [title, given, family].filter(Boolean).join(' ');
    const created = options.startDate ? at(options.startDate, '09:00') : setupStamp;
    const person: PersonPlan = {
      female,
      fullName,
      personaKey: options.persona?.key ?? null,
      row: {
        id: randomUUID(),
        body_id: bodyId,
        created,
        modified: created,
        name: fullName,
        family_name: family,
        given_name: given,
        form_of_address: female ? 'Frau' : 'Herr',
        affix: null,
        title: title ? [title] : [],
        gender: female ? 'female' : 'male',
        email: personEmail(given, family, profile.slug),
        phone: null,
        contact_public: false,
        status: [status(female)],
        life: null,
        life_source: null,
        location_id: null,
      },
    };
    persons.push(person);
    return person;
  };

  const mayor = makePerson((f) => (f ? `${profile.mayorTitle}in` : profile.mayorTitle), { title: rng.chance(0.2) });
  mayor.row.contact_public = true;

  const councillorStatus = () => 'Ratsmitglied';
  const factionMembers = new Map<string, PersonPlan[]>();
  const personaPersons = new Map<string, string>();
  const personaMandates = new Map<string, (typeof profile.personas)[number]['mandate']>();
  for (const faction of profile.factions) {
    const members: PersonPlan[] = [];
    for (const { persona, mandate } of profile.personas.filter((p) => p.mandate.faction === faction.key)) {
      const person = makePerson(councillorStatus, { persona });
      personaPersons.set(persona.key, person.row.id);
      personaMandates.set(person.row.id, mandate);
      members.push(person);
    }
    while (members.length < faction.seats) members.push(makePerson(councillorStatus));
    for (const person of members) person.row.contact_public = rng.chance(0.2);
    factionMembers.set(faction.key, members);
  }
  const citizens = new Map<string, PersonPlan[]>();
  const factionsBySize = [...profile.factions].sort((a, b) => b.seats - a.seats);
  for (let i = 0; i < profile.citizenMembers; i++) {
    const faction = factionsBySize[i % factionsBySize.length]!;
    const person = makePerson((f) => (f ? 'Sachkundige Bürgerin' : 'Sachkundiger Bürger'));
    citizens.set(faction.key, [...(citizens.get(faction.key) ?? []), person]);
  }

  const memberships: MembershipPlan[] = [];
  const membershipStamp = at(mandateStart, '09:00');
  const addMembership = (
    person: PersonPlan,
    target: OrgPlan,
    faction: OrgPlan | null,
    fields: { role: string; deputy?: boolean; votingRight?: boolean; start?: string },
  ): MembershipPlan => {
    const created = fields.start ? at(fields.start, '09:00') : membershipStamp;
    const plan: MembershipPlan = {
      person,
      org: target,
      faction,
      row: {
        id: randomUUID(),
        body_id: bodyId,
        created,
        modified: created,
        person_id: person.row.id,
        organization_id: target.row.id,
        role: fields.role,
        deputy: fields.deputy ?? false,
        voting_right: fields.votingRight ?? true,
        start_date: fields.start ?? mandateStart,
        end_date: null,
        on_behalf_of: faction?.row.id ?? null,
      },
    };
    memberships.push(plan);
    return plan;
  };

  addMembership(mayor, council, null, { role: mayor.female ? 'Vorsitzende' : 'Vorsitzender' });
  for (const faction of factions) {
    const members = factionMembers.get(faction.key)!;
    const chairIndex = Math.max(
      0,
      members.findIndex((m) => personaMandates.get(m.row.id)?.factionChair),
    );
    members.forEach((person, i) => {
      addMembership(person, council, faction, { role: 'Mitglied' });
      const role =
        i === chairIndex
          ? person.female
            ? 'Fraktionsvorsitzende'
            : 'Fraktionsvorsitzender'
          : i === (chairIndex === 0 ? 1 : 0)
            ? person.female
              ? 'stellv. Fraktionsvorsitzende'
              : 'stellv. Fraktionsvorsitzender'
            : 'Mitglied';
      addMembership(person, faction, null, { role });
    });
  }

  const committeeLoad = new Map<string, number>();
  const load = (p: PersonPlan) => committeeLoad.get(p.row.id) ?? 0;
  const bump = (p: PersonPlan) => committeeLoad.set(p.row.id, load(p) + 1);
  profile.committees.forEach((committeeProfile, ci) => {
    const committee = committees[ci]!;
    const perFaction = dhondt(
      profile.factions.map((f) => f.seats),
      committeeProfile.seats,
    );
    const seated: { person: PersonPlan; faction: OrgPlan; role: CommitteeRole }[] = [];
    const deputies: { person: PersonPlan; faction: OrgPlan }[] = [];
    const inCommittee = new Set<string>();
    profile.factions.forEach((factionProfile, fi) => {
      const faction = factions[fi]!;
      const seats = perFaction[fi]!;
      const pool = factionMembers.get(factionProfile.key)!;
      const personaSeat = (p: PersonPlan) =>
        personaMandates.get(p.row.id)?.committees.find((c) => c.key === committeeProfile.key);
      const eligible = (p: PersonPlan) => !personaMandates.has(p.row.id) && !inCommittee.has(p.row.id);
      const members: PersonPlan[] = pool.filter((p) => {
        const seat = personaSeat(p);
        return seat !== undefined && !seat.deputy;
      });
      if (members.length > seats) throw new Error(`${faction.row.name} has too few seats in ${committee.row.name}`);
      const candidates = [...pool.filter(eligible)].sort((a, b) => load(a) - load(b));
      const citizenPool = citizens.get(factionProfile.key) ?? [];
      while (members.length < seats) {
        // Faction colleagues with fewer seats first; now and then a citizen member sits instead.
        const citizen = citizenPool.find((c) => !inCommittee.has(c.row.id) && !members.includes(c));
        const next = citizen && rng.chance(0.25) ? citizen : (candidates.shift() ?? citizen);
        if (!next) break;
        members.push(next);
        inCommittee.add(next.row.id);
      }
      for (const m of members) {
        inCommittee.add(m.row.id);
        bump(m);
        seated.push({ person: m, faction, role: personaSeat(m)?.role ?? 'Mitglied' });
      }
      const deputyPersonas = pool.filter((p) => personaSeat(p)?.deputy);
      const deputyPool = [
        ...deputyPersonas,
        ...[...citizenPool, ...pool.filter(eligible)].filter((p) => !inCommittee.has(p.row.id)),
      ];
      for (let d = 0; d < members.length && deputyPool.length > 0; d++) {
        const deputy = deputyPool.shift()!;
        inCommittee.add(deputy.row.id);
        deputies.push({ person: deputy, faction });
      }
    });

    if (!seated.some((s) => s.role === 'Vorsitz')) {
      if (committee.chairedByMayor) {
        addMembership(mayor, committee, null, {
          role: mayor.female ? 'Vorsitzende' : 'Vorsitzender',
          votingRight: false,
        });
      } else {
        const candidate = seated.find((s) => s.role === 'Mitglied' && !personaMandates.has(s.person.row.id));
        if (candidate) candidate.role = 'Vorsitz';
      }
    }
    if (!seated.some((s) => s.role === 'stellv. Vorsitz')) {
      const chairFaction = seated.find((s) => s.role === 'Vorsitz')?.faction.row.id;
      const candidate = seated.find(
        (s) => s.role === 'Mitglied' && s.faction.row.id !== chairFaction && !personaMandates.has(s.person.row.id),
      );
      if (candidate) candidate.role = 'stellv. Vorsitz';
    }
    for (const s of seated) addMembership(s.person, committee, s.faction, { role: roleName(s.role, s.person.female) });
    for (const d of deputies) addMembership(d.person, committee, d.faction, { role: 'Stellvertretung', deputy: true });
  });

  // Departures: a councillor leaves during the term; a successor from the same list takes over every seat.
  const departing = rng.sample(
    factions.flatMap((f) =>
      factionMembers
        .get(f.key)!
        .filter((p) => p.personaKey === null)
        .slice(2),
    ),
    profile.departures,
  );
  const earliestEnd = addDays(ctx.windowStart, 60);
  const latestEnd = addDays(ctx.today, -60);
  for (const person of departing) {
    const span = Math.max(0, daysBetween(earliestEnd, latestEnd));
    const endDate = addDays(earliestEnd, rng.int(0, span));
    const successorStart = addDays(endDate, 1);
    const successor = makePerson(councillorStatus, { startDate: successorStart });
    successor.row.contact_public = rng.chance(0.2);
    const ended = memberships.filter((m) => m.person === person && m.row.end_date === null);
    for (const m of ended) {
      m.row.end_date = endDate;
      m.row.modified = at(endDate, '10:00');
      addMembership(successor, m.org, m.faction, {
        role: successorRole(m, successor.female),
        deputy: m.row.deputy ?? false,
        votingRight: m.row.voting_right ?? true,
        start: successorStart,
      });
    }
    person.row.status = ['ehemaliges Ratsmitglied'];
  }

  return {
    body,
    locations: [townHall, large, small, external],
    hall: { large, small, external },
    terms: termRows,
    council,
    committees,
    factions,
    administration: [administrationRoot, ...departments.map((d) => d.org)],
    departments: departments.map((d) => ({ org: d.org, areas: d.areas })),
    persons,
    memberships,
    mayor,
    personaPersons,
    mandateStart,
  };
}
