import { randomUUID } from 'node:crypto';
import type { PaperType } from '@ratsmappe/shared';
import { addDays, at, daysBetween, germanDate, minInstant, yearOf } from '../calendar.js';
import type { Random } from '../random.js';
import { fillTemplate, formatEuro, roundAmount } from '../text.js';
import {
  brookNames,
  fieldNames,
  kitaNames,
  motionTopics,
  nonPublicCanaryWord,
  nonPublicTopics,
  noticeTopics,
  procedureParagraphs,
  publicFirms,
  questionTopics,
  resolutionTopics,
  streetNames,
  type Area,
  type TopicTemplate,
} from '../vocabulary.js';
import type { PeoplePlan } from './plan-people.js';
import type {
  ConsultationPlan,
  ConsultationStep,
  CostRow,
  MeetingPlan,
  OrgPlan,
  PaperPlan,
  PlanContext,
} from './plan-types.js';

/** How many days before its first consultation a paper is dated. */
const paperLead: readonly [number, number] = [16, 35];

interface PaperSpec {
  topic: TopicTemplate;
  type: Exclude<PaperType, 'Stellungnahme'>;
  isPublic: boolean;
  originator: OrgPlan | null;
  path: { meeting: MeetingPlan; org: OrgPlan; step: ConsultationStep; deferred?: boolean }[];
}

export function planPapers(ctx: PlanContext, people: PeoplePlan, meetings: MeetingPlan[]): PaperPlan[] {
  const rng = ctx.rng.fork('papers');
  const { profile } = ctx;
  const live = meetings.filter((m) => !m.row.cancelled);
  const bodyAreas = new Set<Area>(profile.areas);
  const committeeAreas = new Map<OrgPlan, readonly Area[]>(
    profile.committees.map((c, i) => [people.committees[i]!, c.areas]),
  );
  const financeCommittee =
    people.committees.find((c) => committeeAreas.get(c)!.includes('finanzen')) ?? people.committees[0]!;
  const committeeFor = (area: Area): OrgPlan =>
    people.committees.find((c) => committeeAreas.get(c)!.includes(area)) ?? financeCommittee;
  const orgAreas = (org: OrgPlan): readonly Area[] => committeeAreas.get(org) ?? profile.areas;
  const departmentFor = (area: Area): OrgPlan =>
    people.departments.find((d) => d.areas.includes(area))?.org ?? people.administration[0]!;
  const inBody = (topics: readonly TopicTemplate[]) => topics.filter((t) => bodyAreas.has(t.area));

  const councilTopics = inBody(resolutionTopics).filter((t) => !t.committeeDecides);
  const committeeTopics = inBody(resolutionTopics).filter((t) => t.committeeDecides);
  const motions = inBody(motionTopics);
  const questions = inBody(questionTopics);
  const notices = inBody(noticeTopics);
  const secretCouncil = inBody(nonPublicTopics).filter((t) => !t.committeeDecides);
  const secretCommittee = inBody(nonPublicTopics).filter((t) => t.committeeDecides);

  const anchoredOrgs = new Set(
    profile.committees.filter((c) => c.anchor).map((c) => people.committees.find((o) => o.key === c.key)!),
  );
  const isAnchorMeeting = (m: MeetingPlan) =>
    anchoredOrgs.has(m.orgs[0]!) && m.date > ctx.today && daysBetween(ctx.today, m.date) <= 14;

  /** The latest meeting of `org` in the days before `date`, for a deliberation ahead of a decision. */
  const meetingBefore = (org: OrgPlan, date: string, maxDays: number): MeetingPlan | undefined =>
    live.filter((m) => m.orgs[0] === org && m.date < addDays(date, -2) && m.date >= addDays(date, -maxDays)).at(-1);
  const nextMeetingOf = (org: OrgPlan, after: MeetingPlan): MeetingPlan | undefined =>
    live.find((m) => m.orgs[0] === org && m.date > after.date);

  const specs: PaperSpec[] = [];
  const factions = people.factions;

  for (const meeting of live) {
    const lead = meeting.orgs[0]!;
    const mrng = rng.fork(`meeting:${meeting.date}:${lead.key}`);
    if (lead.kind === 'council') {
      const count = mrng.int(...profile.scale.councilDecisions);
      for (let i = 0; i < count; i++) {
        const motion = motions.length > 0 && mrng.chance(0.3);
        const topic = mrng.pick(motion ? motions : councilTopics);
        const committees: OrgPlan[] = [];
        if (!motion || mrng.chance(0.5)) committees.push(committeeFor(topic.area));
        const expensive = (topic.costs ?? []).reduce((sum, c) => sum + c.max, 0) > 200_000;
        if (!motion && expensive && committees[0] !== financeCommittee && mrng.chance(0.6)) {
          committees.push(financeCommittee);
        }
        const path: PaperSpec['path'] = [];
        let before = meeting.date;
        for (const committee of committees.reverse()) {
          const found = meetingBefore(committee, before, 56);
          if (!found) continue;
          path.unshift({ meeting: found, org: committee, step: 'Vorberatung' });
          before = found.date;
        }
        const deferred = meeting.date < addDays(ctx.today, -90) && mrng.chance(0.08);
        const later = deferred ? nextMeetingOf(lead, meeting) : undefined;
        path.push({ meeting, org: lead, step: 'Entscheidung', deferred: later !== undefined });
        if (later) path.push({ meeting: later, org: lead, step: 'Entscheidung' });
        specs.push({
          topic,
          type: motion ? 'Antrag' : 'Beschlussvorlage',
          isPublic: true,
          originator: motion ? mrng.pick(factions) : null,
          path,
        });
      }
    } else if (meeting.orgs.length === 1) {
      const own = committeeTopics.filter((t) => orgAreas(lead).includes(t.area));
      const minimum = isAnchorMeeting(meeting) ? 2 : 0;
      const count = own.length > 0 ? Math.max(minimum, mrng.int(...profile.scale.committeeDecisions)) : 0;
      for (let i = 0; i < count; i++) {
        specs.push({
          topic: mrng.pick(own),
          type: 'Beschlussvorlage',
          isPublic: true,
          originator: null,
          path: [{ meeting, org: lead, step: 'Entscheidung' }],
        });
      }
    }

    const noticeCount = mrng.int(...profile.scale.notices);
    for (let i = 0; i < noticeCount; i++) {
      const question = questions.length > 0 && mrng.chance(0.35);
      const pool = (question ? questions : notices).filter((t) => orgAreas(lead).includes(t.area));
      if (pool.length === 0) continue;
      specs.push({
        topic: mrng.pick(pool),
        type: question ? 'Anfrage' : 'Mitteilung',
        isPublic: true,
        originator: question ? mrng.pick(factions) : null,
        path: [{ meeting, org: lead, step: 'Kenntnisnahme' }],
      });
    }

    const secretMinimum = isAnchorMeeting(meeting) ? 1 : 0;
    const secretCount = Math.max(secretMinimum, mrng.int(...profile.scale.nonPublicPapers));
    for (let i = 0; i < secretCount; i++) {
      if (lead.kind === 'council') {
        if (secretCouncil.length === 0) break;
        const topic = mrng.pick(secretCouncil);
        const path: PaperSpec['path'] = [];
        const prior = meetingBefore(committeeFor(topic.area), meeting.date, 56);
        if (prior) path.push({ meeting: prior, org: prior.orgs[0]!, step: 'Vorberatung' });
        path.push({ meeting, org: lead, step: 'Entscheidung' });
        specs.push({ topic, type: 'Beschlussvorlage', isPublic: false, originator: null, path });
      } else {
        const pool = secretCommittee.filter((t) => orgAreas(lead).includes(t.area));
        if (pool.length === 0) break;
        specs.push({
          topic: mrng.pick(pool),
          type: 'Beschlussvorlage',
          isPublic: false,
          originator: null,
          path: [{ meeting, org: lead, step: 'Entscheidung' }],
        });
      }
    }
  }

  const usedTitles = new Set<string>();
  const papers = specs.map((spec, order) =>
    buildPaper(ctx, people, rng.fork(`paper:${order}`), spec, order, usedTitles, departmentFor),
  );
  assignReferences(ctx, papers);
  return papers;
}

function buildPaper(
  ctx: PlanContext,
  people: PeoplePlan,
  rng: Random,
  spec: PaperSpec,
  order: number,
  usedTitles: Set<string>,
  departmentFor: (area: Area) => OrgPlan,
): PaperPlan {
  const first = spec.path[0]!.meeting;
  let date = addDays(first.date, -rng.int(...paperLead));
  if (date >= ctx.today) date = addDays(ctx.today, -rng.int(1, 5));
  if (date < ctx.setupDate) date = ctx.setupDate;
  const year = yearOf(date);
  const places = ctx.profile.places;

  let values: Record<string, string> = {};
  let name = '';
  for (let attempt = 0; attempt < 6; attempt++) {
    const ort = rng.pick(places);
    const halfYear = date.slice(5, 7) <= '06' ? `2. Halbjahr ${year - 1}` : `1. Halbjahr ${year}`;
    values = {
      ort,
      ort2: rng.pick(places.filter((p) => p !== ort).length > 0 ? places.filter((p) => p !== ort) : places),
      strasse: rng.pick(streetNames),
      flur: rng.pick(fieldNames),
      kita: rng.pick(kitaNames),
      bach: rng.pick(brookNames),
      buero: rng.pick(publicFirms),
      flst: `${rng.int(12, 480)}/${rng.int(1, 9)}`,
      canary: nonPublicCanaryWord,
      jahr: String(year),
      'jahr+1': String(year + 1),
      'jahr+2': String(year + 2),
      'jahr+5': String(year + 5),
      'jahr-1': String(year - 1),
      'jahr-2': String(year - 2),
      halbjahr: halfYear,
      datum: germanDate(addDays(date, -rng.int(20, 60))),
      rat_nom: people.council.nominative,
      bm_dativ: people.mayor.female ? `der ${ctx.profile.mayorTitle}in` : `dem ${ctx.profile.mayorTitle}`,
      fraktion: spec.originator?.row.name ?? 'Fraktion',
      summe: '',
    };
    name = fillTemplate(spec.topic.title, values);
    if (!usedTitles.has(name)) break;
  }
  usedTitles.add(name);

  const costs: CostRow[] = (spec.topic.costs ?? []).map((c) => ({
    label: fillTemplate(c.label, values),
    amount: roundAmount(c.min + rng.next() * (c.max - c.min)),
  }));
  const total = costs.reduce((sum, c) => sum + c.amount, 0);
  values.summe = formatEuro(total > 0 ? total : roundAmount(rng.int(20_000, 400_000)));

  const facts = spec.topic.facts.map((f) => fillTemplate(f, values));
  const extra =
    spec.type === 'Beschlussvorlage'
      ? rng.sample(procedureParagraphs, rng.int(...ctx.profile.scale.extraParagraphs))
      : spec.type === 'Mitteilung'
        ? rng.sample(procedureParagraphs, rng.int(0, 1))
        : [];
  const paragraphs = [...facts, ...extra];
  const proposal = fillTemplate(spec.topic.proposal, values);

  const created = at(date, `${String(8 + (order % 8)).padStart(2, '0')}:${String((order * 7) % 60).padStart(2, '0')}`);
  const department =
    spec.type === 'Beschlussvorlage' || spec.type === 'Mitteilung' ? departmentFor(spec.topic.area) : null;
  const paper: PaperPlan = {
    topic: spec.topic,
    paragraphs,
    proposal,
    costs,
    group: spec.topic.group ?? null,
    department,
    originator: spec.originator,
    consultations: [],
    order,
    revised: false,
    row: {
      id: randomUUID(),
      body_id: people.body.id,
      created,
      modified: created,
      name,
      reference: null,
      date,
      paper_type: spec.type,
      body_text: paperBodyText(spec.type, paragraphs, costs, proposal),
      public: spec.isPublic,
      under_direction_of: department?.row.id ?? null,
      originator_organization_id: spec.originator?.row.id ?? null,
      originator_person_id: null,
      superordinated_paper_id: null,
    },
  };

  spec.path.forEach((step, position) => {
    const previous = position > 0 ? spec.path[position - 1]! : null;
    // A consultation added after a deferral is created the day after the meeting that deferred it.
    const stepCreated = previous?.deferred
      ? minInstant(at(addDays(previous.meeting.date, 1), '10:00'), ctx.cap)
      : created;
    const consultation: ConsultationPlan = {
      paper,
      meeting: step.meeting,
      org: step.org,
      step: step.step,
      deferred: step.deferred ?? false,
      item: null,
      row: {
        id: randomUUID(),
        body_id: people.body.id,
        created: stepCreated,
        modified: stepCreated,
        paper_id: paper.row.id,
        meeting_id: step.meeting.row.id,
        agenda_item_id: null,
        organization_id: step.org.row.id,
        position,
        authoritative: step.step === 'Entscheidung' && !step.deferred,
        role: step.step,
      },
    };
    paper.consultations.push(consultation);
    step.meeting.consultations.push(consultation);
  });
  return paper;
}

function paperBodyText(type: PaperType, paragraphs: string[], costs: CostRow[], proposal: string): string {
  if (type === 'Antrag') return ['Antrag', proposal, 'Begründung', ...paragraphs].join('\n\n');
  if (type === 'Anfrage') return paragraphs.join('\n\n');
  if (type === 'Mitteilung') return ['Sachverhalt', ...paragraphs].join('\n\n');
  const total = costs.reduce((sum, c) => sum + c.amount, 0);
  const money =
    costs.length > 0
      ? [...costs.map((c) => `${c.label}: ${formatEuro(c.amount)}`), `Gesamt: ${formatEuro(total)}`].join('\n')
      : 'Keine unmittelbaren Auswirkungen auf den Haushalt.';
  return ['Sachverhalt', ...paragraphs, 'Finanzielle Auswirkungen', money, 'Beschlussvorschlag', proposal].join('\n\n');
}

const typePrefix: Record<string, string> = {
  Beschlussvorlage: 'BV',
  Antrag: 'AN',
  Anfrage: 'AF',
  Mitteilung: 'MI',
};

/** Numbers run per body and year in date order, whatever the type, so a reference is unique. */
function assignReferences(ctx: PlanContext, papers: PaperPlan[]): void {
  const sorted = [...papers].sort((a, b) => a.row.date!.localeCompare(b.row.date!) || a.order - b.order);
  const counters = new Map<number, number>();
  for (const paper of sorted) {
    const year = yearOf(paper.row.date!);
    const next = (counters.get(year) ?? 0) + 1;
    counters.set(year, next);
    const number = String(next).padStart(4, '0');
    paper.row.reference =
      ctx.profile.referenceScheme === 'prefixed'
        ? `${typePrefix[paper.row.paper_type]!}/${year}/${number}`
        : `${number}/${year}`;
  }
}
