import { addDays, at, maxInstant, minInstant } from '../calendar.js';
import type { BodyProfile } from '../profiles.js';
import { Random } from '../random.js';
import { planAgenda } from './plan-agenda.js';
import { planFiles } from './plan-files.js';
import { planMeetings } from './plan-meetings.js';
import { planPapers } from './plan-papers.js';
import { planPeople, termsOverlapping } from './plan-people.js';
import type { BodyPlan, PlanContext } from './plan-types.js';

export interface PlanBodyOptions {
  profile: BodyProfile;
  seed: number;
  today: string;
  /** The real current time; records never get a later timestamp even if `today` lies in the future. */
  now: Date;
}

/** Plans one body completely in memory. Depends only on (profile, seed, today), apart from ids and `now`. */
export function planBody({ profile, seed, today, now }: PlanBodyOptions): BodyPlan {
  const windowStart = addDays(today, -Math.round(profile.scale.years * 365.25));
  const windowEnd = addDays(today, profile.scale.daysAhead);
  const firstTerm = termsOverlapping(windowStart, windowEnd)[0]!.start;
  const ctx: PlanContext = {
    rng: new Random(seed).fork(profile.slug),
    profile,
    today,
    windowStart,
    windowEnd,
    cap: minInstant(at(addDays(today, -1), '17:00'), now),
    setupDate: addDays(firstTerm < windowStart ? firstTerm : windowStart, -30),
  };

  const people = planPeople(ctx);
  const { meetings, meetingOrganizations } = planMeetings(ctx, people);
  const papers = planPapers(ctx, people, meetings);
  planAgenda(ctx, people, meetings);
  const files = planFiles(ctx, people, meetings, papers);

  const plan: BodyPlan = {
    profile,
    body: people.body,
    locations: people.locations,
    terms: people.terms,
    orgs: [people.council, ...people.committees, ...people.factions, ...people.administration],
    council: people.council,
    committees: people.committees,
    factions: people.factions,
    administration: people.administration,
    persons: people.persons,
    memberships: people.memberships,
    mayor: people.mayor,
    meetings,
    meetingOrganizations,
    papers,
    files,
    personaPersons: people.personaPersons,
  };
  reconcileTimestamps(plan, ctx.cap);
  return plan;
}

type Stamps = { created: Date; modified: Date };

/**
 * Clamps every timestamp to the cap and makes each parent at least as new as its newest child. The database
 * triggers bump a parent whose child is newer, which would add a change-log row and a `modified` of "now";
 * with this order they never fire during the seed.
 */
function reconcileTimestamps(plan: BodyPlan, cap: Date): void {
  const clamp = (row: Stamps) => {
    row.created = minInstant(row.created, cap);
    row.modified = maxInstant(row.created, minInstant(row.modified, cap));
  };
  const raise = (parent: Stamps, ...children: Stamps[]) => {
    for (const child of children) if (child.modified > parent.modified) parent.modified = child.modified;
  };

  clamp(plan.body);
  plan.locations.forEach(clamp);
  plan.terms.forEach(clamp);
  plan.orgs.forEach((o) => clamp(o.row));
  plan.persons.forEach((p) => clamp(p.row));
  plan.memberships.forEach((m) => clamp(m.row));
  plan.meetingOrganizations.forEach(clamp);
  plan.papers.forEach((p) => {
    clamp(p.row);
    p.consultations.forEach((c) => clamp(c.row));
  });
  plan.files.forEach((f) => {
    clamp(f.row);
    f.versions.forEach((v) => clamp(v.row));
  });

  raise(plan.body, ...plan.terms);
  for (const m of plan.memberships) raise(m.person.row, m.row);

  const filesByOwner = new Map<string, Stamps[]>();
  for (const file of plan.files) {
    raise(file.row, ...file.versions.map((v) => v.row));
    const owner = file.row.meeting_id ?? file.row.agenda_item_id ?? file.row.paper_id!;
    filesByOwner.set(owner, [...(filesByOwner.get(owner) ?? []), file.row]);
  }
  for (const paper of plan.papers) {
    raise(paper.row, ...paper.consultations.map((c) => c.row), ...(filesByOwner.get(paper.row.id) ?? []));
  }
  const meetingOrgs = new Map<string, Stamps[]>();
  for (const mo of plan.meetingOrganizations) {
    meetingOrgs.set(mo.meeting_id, [...(meetingOrgs.get(mo.meeting_id) ?? []), mo]);
  }
  for (const meeting of plan.meetings) {
    clamp(meeting.row);
    const stateChanges: Stamps[] = [meeting.row.invited_at as Date | null, meeting.minutesReleasedAt]
      .filter((d): d is Date => d !== null)
      .map((d) => ({ created: d, modified: minInstant(d, cap) }));
    for (const item of meeting.items) {
      clamp(item.row);
      raise(item.row, ...(filesByOwner.get(item.row.id) ?? []));
    }
    raise(
      meeting.row,
      ...stateChanges,
      ...meeting.items.map((i) => i.row),
      ...(meetingOrgs.get(meeting.row.id) ?? []),
      ...(filesByOwner.get(meeting.row.id) ?? []),
    );
  }
}
