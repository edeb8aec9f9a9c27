import { randomUUID } from 'node:crypto';
import { addDays, addMinutes, at, daysBetween, minInstant, nextWeekday } from '../calendar.js';
import type { PeoplePlan } from './plan-people.js';
import type {
  Attendance,
  MeetingOrganizationInsert,
  MeetingPlan,
  MembershipPlan,
  OrgPlan,
  PersonPlan,
  PlanContext,
} from './plan-types.js';

/** Meetings more than this many days ago have released minutes; younger ones are only "held". */
export const minutesDelayDays = 21;
/** Meetings up to this many days ahead have been invited to. */
export const invitationLeadDays = 21;

interface Cadence {
  org: OrgPlan;
  meetingsPerYear: number;
  weekday: number;
  time: string;
  anchor: 'next-week' | 'week-after' | undefined;
}

function inBreak(date: string): boolean {
  const md = date.slice(5);
  return (md >= '07-15' && md <= '08-20') || md >= '12-20' || md <= '01-08';
}

/** Dates of one organization: a regular rhythm around an anchor date, skipping summer and Christmas breaks. */
function scheduleDates(ctx: PlanContext, cadence: Cadence, rng: PlanContext['rng']): string[] {
  const interval = 365 / cadence.meetingsPerYear;
  const anchor =
    cadence.anchor === 'next-week'
      ? nextWeekday(addDays(ctx.today, 1), cadence.weekday)
      : cadence.anchor === 'week-after'
        ? nextWeekday(addDays(ctx.today, 8), cadence.weekday)
        : nextWeekday(addDays(ctx.today, rng.int(1, Math.round(interval))), cadence.weekday);
  const dates = cadence.anchor || !inBreak(anchor) ? [anchor] : [];
  for (const direction of [1, -1]) {
    for (let k = 1; ; k++) {
      const base = addDays(anchor, Math.round(direction * k * interval) + rng.int(-4, 4));
      const date = nextWeekday(addDays(base, -3), cadence.weekday);
      if (date < ctx.windowStart || date > ctx.windowEnd) break;
      if (inBreak(date) || date === ctx.today) continue;
      dates.push(date);
    }
  }
  return dates.sort();
}

function membershipCurrent(m: MembershipPlan, date: string): boolean {
  return m.row.start_date <= date && (m.row.end_date === null || m.row.end_date >= date);
}

function attendanceFor(ctx: PlanContext, people: PeoplePlan, org: OrgPlan, date: string): Attendance {
  const rng = ctx.rng.fork(`attendance:${org.key}:${date}`);
  const current = people.memberships.filter((m) => m.org === org && membershipCurrent(m, date));
  const regular = current.filter((m) => !m.row.deputy);
  const chairMembership = regular.find((m) => m.row.role?.startsWith('Vorsitz')) ?? null;
  const absentees = rng.sample(
    regular.filter((m) => m !== chairMembership),
    rng.int(0, org.kind === 'council' ? 3 : 2),
  );
  const standIns: PersonPlan[] = [];
  const deputies = current.filter((m) => m.row.deputy);
  for (const absent of absentees) {
    const deputy = deputies.find(
      (d) => d.faction === absent.faction && !standIns.includes(d.person) && d.person !== absent.person,
    );
    if (deputy) standIns.push(deputy.person);
  }
  const present = regular.filter((m) => !absentees.includes(m)).map((m) => m.person);
  const voters = regular.filter((m) => !absentees.includes(m) && m.row.voting_right !== false).length + standIns.length;
  return {
    present,
    excused: absentees.map((m) => m.person),
    standIns,
    chair: chairMembership?.person ?? null,
    voters,
  };
}

export interface MeetingsPlan {
  meetings: MeetingPlan[];
  meetingOrganizations: MeetingOrganizationInsert[];
}

export function planMeetings(ctx: PlanContext, people: PeoplePlan): MeetingsPlan {
  const rng = ctx.rng.fork('meetings');
  const { profile } = ctx;
  const cadences: Cadence[] = [
    {
      org: people.council,
      meetingsPerYear: profile.council.meetingsPerYear,
      weekday: profile.council.weekday,
      time: profile.council.time,
      anchor: undefined,
    },
    ...profile.committees.map((c, i) => ({
      org: people.committees[i]!,
      meetingsPerYear: c.meetingsPerYear,
      weekday: c.weekday,
      time: c.time,
      anchor: c.anchor,
    })),
  ];

  const meetings: MeetingPlan[] = [];
  for (const cadence of cadences) {
    const dates = scheduleDates(ctx, cadence, rng.fork(cadence.org.key));
    const termStarts = people.terms.map((t) => t.start_date);
    let previous: MeetingPlan | null = null;
    let number = 0;
    let term = '';
    for (const date of dates) {
      const termStart = termStarts.filter((s) => s <= date).at(-1) ?? termStarts[0]!;
      if (termStart !== term) {
        term = termStart;
        // Meetings of the term before the generated window still count for the running number.
        number =
          termStart < ctx.windowStart
            ? Math.floor((daysBetween(termStart, ctx.windowStart) * cadence.meetingsPerYear * 0.85) / 365)
            : 0;
      }
      number++;
      const start = at(date, cadence.time);
      const inPast = date < ctx.today;
      const daysAway = daysBetween(ctx.today, date);
      const state = inPast
        ? -daysAway > minutesDelayDays
          ? 'minutes_released'
          : 'held'
        : daysAway <= invitationLeadDays
          ? 'invited'
          : 'planned';
      const invitedAt =
        state === 'planned'
          ? null
          : minInstant(at(addDays(date, -14), '10:00'), at(addDays(ctx.today, -1), '11:00'), ctx.cap);
      const location =
        cadence.org.kind === 'council'
          ? rng.chance(0.12)
            ? people.hall.external
            : people.hall.large
          : people.hall.small;
      const created = minInstant(
        at(date < addDays(ctx.setupDate, 120) ? ctx.setupDate : addDays(date, -120), '09:00'),
        invitedAt ?? ctx.cap,
        ctx.cap,
      );
      const lengthMinutes = inPast ? rng.int(22, 38) * 5 : 180;
      const meeting: MeetingPlan = {
        date,
        time: cadence.time,
        orgs: [cadence.org],
        location,
        number,
        items: [],
        consultations: [],
        minutesReleasedAt:
          state === 'minutes_released' ? minInstant(at(addDays(date, rng.int(9, 18)), '10:00'), ctx.cap) : null,
        attendance: null,
        previous,
        row: {
          id: randomUUID(),
          body_id: people.body.id,
          created,
          modified: created,
          name: `${number}. Sitzung ${cadence.org.genitive}`,
          meeting_state: state,
          cancelled: false,
          start,
          end: addMinutes(start, lengthMinutes),
          location_id: location.id,
          invited_at: invitedAt,
        },
      };
      meetings.push(meeting);
      previous = meeting;
    }
  }
  meetings.sort(
    (a, b) => `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`) || a.row.name.localeCompare(b.row.name),
  );

  const anchored = new Set(
    profile.committees.filter((c) => c.anchor).map((c) => people.committees.find((o) => o.key === c.key)!),
  );
  const isAnchorMeeting = (m: MeetingPlan) =>
    anchored.has(m.orgs[0]!) && m.date > ctx.today && daysBetween(ctx.today, m.date) <= 14;

  // One joint meeting of the first two committees, some months back.
  const [first, second] = people.committees;
  if (first && second) {
    const joint = meetings.find(
      (m) =>
        m.orgs[0] === first &&
        daysBetween(m.date, ctx.today) >= 60 &&
        daysBetween(m.date, ctx.today) <= 240 &&
        !meetings.some((o) => o.orgs[0] === second && o.date === m.date),
    );
    if (joint) {
      joint.orgs.push(second);
      joint.row.name = `Gemeinsame Sitzung ${first.genitive} und ${second.genitive}`;
    }
  }

  // Cancelled meetings: one in the past (invited, then called off), the rest ahead (planned, then called off).
  const committeeMeetings = meetings.filter((m) => m.orgs.length === 1 && m.orgs[0]!.kind === 'committee');
  const pastCandidates = committeeMeetings.filter(
    (m) => daysBetween(m.date, ctx.today) >= 30 && daysBetween(m.date, ctx.today) <= 200,
  );
  const futureCandidates = committeeMeetings.filter(
    (m) => daysBetween(ctx.today, m.date) > invitationLeadDays && !isAnchorMeeting(m),
  );
  const cancelled: MeetingPlan[] = [];
  for (let i = 0; i < profile.scale.cancelledMeetings; i++) {
    const pool = i % 2 === 0 ? pastCandidates : futureCandidates;
    const choice = pool.filter((m) => !cancelled.includes(m));
    if (choice.length > 0) cancelled.push(rng.pick(choice));
  }
  for (const meeting of cancelled) {
    meeting.row.cancelled = true;
    meeting.minutesReleasedAt = null;
    if (meeting.date < ctx.today) meeting.row.meeting_state = 'invited';
  }

  // The previous meeting for "Genehmigung der Niederschrift" is the last one that actually took place.
  for (const meeting of meetings) {
    let previous = meeting.previous;
    while (previous?.row.cancelled) previous = previous.previous;
    meeting.previous = previous;
    if (meeting.date < ctx.today && !meeting.row.cancelled) {
      meeting.attendance = attendanceFor(ctx, people, meeting.orgs[0]!, meeting.date);
    }
  }

  const meetingOrganizations: MeetingOrganizationInsert[] = meetings.flatMap((meeting) =>
    meeting.orgs.map((org, position) => ({
      id: randomUUID(),
      body_id: people.body.id,
      created: meeting.row.created,
      modified: meeting.row.created,
      meeting_id: meeting.row.id,
      organization_id: org.row.id,
      position,
    })),
  );
  return { meetings, meetingOrganizations };
}
