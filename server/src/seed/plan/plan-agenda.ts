import { randomUUID } from 'node:crypto';
import { addDays, at, germanDate, maxInstant, minInstant } from '../calendar.js';
import type { Random } from '../random.js';
import { dative, voteSummary, type Votes } from '../text.js';
import { closingPhrases } from '../vocabulary.js';
import type { PeoplePlan } from './plan-people.js';
import type { ConsultationPlan, ItemPlan, MeetingPlan, Outcome, PlanContext } from './plan-types.js';

interface ItemSpec {
  name: string;
  consultation?: ConsultationPlan;
  children?: ItemSpec[];
  result?: string | null;
  resolution?: string | null;
}

function splitVotes(rng: Random, voters: number, passed: boolean): Votes {
  const total = Math.max(voters, 3);
  const majority = rng.int(Math.floor(total / 2) + 1, total - 1);
  const minority = rng.int(1, total - majority);
  const abstain = total - majority - minority;
  return passed ? { yes: majority, no: minority, abstain } : { yes: minority, no: majority, abstain };
}

function decide(rng: Random, consultation: ConsultationPlan, voters: number): Outcome {
  if (consultation.step === 'Kenntnisnahme') return { kind: 'noted' };
  if (consultation.deferred) return { kind: 'deferred' };
  const motion = consultation.paper.row.paper_type === 'Antrag';
  const roll = rng.next();
  if (consultation.step === 'Vorberatung') {
    return roll < 0.7 ? { kind: 'unanimous' } : { kind: 'majority', votes: splitVotes(rng, voters, true) };
  }
  const [unanimous, majority] = motion ? [0.45, 0.75] : [0.62, 0.96];
  if (roll < unanimous) return { kind: 'unanimous' };
  if (roll < majority) return { kind: 'majority', votes: splitVotes(rng, voters, true) };
  return { kind: 'rejected', votes: splitVotes(rng, voters, false) };
}

function describe(outcome: Outcome, consultation: ConsultationPlan, councilNominative: string) {
  const { paper, org, step } = consultation;
  const recommend = step === 'Vorberatung';
  switch (outcome.kind) {
    case 'noted':
      return {
        result: closingPhrases.noted,
        resolution: `${org.nominative} nimmt ${
          paper.row.paper_type === 'Anfrage'
            ? 'die Anfrage und die Antwort der Verwaltung'
            : 'die Mitteilung der Verwaltung'
        } zur Kenntnis.`,
      };
    case 'deferred':
      return {
        result: closingPhrases.deferred,
        resolution:
          'Die Beratung wird auf die nächste Sitzung vertagt. Die Verwaltung klärt bis dahin die offenen Fragen.',
      };
    case 'rejected':
      return {
        result: `${closingPhrases.rejected} (${voteSummary(outcome.votes)})`,
        resolution:
          paper.row.paper_type === 'Antrag'
            ? 'Der Antrag wird abgelehnt.'
            : 'Der Beschlussvorschlag der Verwaltung findet keine Mehrheit.',
      };
    case 'unanimous':
    case 'majority': {
      const verb = recommend ? 'empfohlen' : 'beschlossen';
      const result =
        outcome.kind === 'unanimous' ? `einstimmig ${verb}` : `mehrheitlich ${verb} (${voteSummary(outcome.votes)})`;
      const resolution = recommend
        ? `${org.nominative} empfiehlt ${dative(councilNominative)}, folgenden Beschluss zu fassen: ${paper.proposal}`
        : paper.proposal;
      return { result, resolution };
    }
  }
}

/** Builds each meeting's agenda: public part first, then the non-public part, sub-items under group headings. */
export function planAgenda(ctx: PlanContext, people: PeoplePlan, meetings: MeetingPlan[]): void {
  for (const meeting of meetings) {
    const rng = ctx.rng.fork(`agenda:${meeting.date}:${meeting.orgs[0]!.key}`);
    const happened = meeting.attendance !== null;
    const council = meeting.orgs[0]!.kind === 'council';
    const publicSpecs: ItemSpec[] = [];
    const secretSpecs: ItemSpec[] = [];
    const outcomeOf = (consultation: ConsultationPlan): ItemSpec => {
      if (!happened) return { name: consultation.paper.row.name, consultation };
      const outcome = decide(rng, consultation, meeting.attendance!.voters);
      const { result, resolution } = describe(outcome, consultation, people.council.nominative);
      return { name: consultation.paper.row.name, consultation, result, resolution };
    };
    const after = (result: string | null, resolution: string | null = null) => (happened ? { result, resolution } : {});

    publicSpecs.push({ name: 'Eröffnung und Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit' });
    if (council) publicSpecs.push({ name: 'Einwohnerfragestunde' });
    if (meeting.previous) {
      publicSpecs.push({
        name: `Genehmigung der Niederschrift über die Sitzung vom ${germanDate(meeting.previous.date)} (öffentlicher Teil)`,
        ...after(closingPhrases.approvedMinutes, 'Die Niederschrift wird in der vorliegenden Fassung genehmigt.'),
      });
    }

    const publicConsultations = meeting.consultations.filter((c) => c.paper.row.public);
    const notices = publicConsultations.filter((c) => c.step === 'Kenntnisnahme');
    if (notices.length > 0) {
      publicSpecs.push({ name: 'Mitteilungen und Anfragen', children: notices.map(outcomeOf) });
    } else {
      publicSpecs.push({ name: 'Mitteilungen der Verwaltung', ...after(closingPhrases.noted) });
    }
    const groups = new Map<string, ItemSpec>();
    for (const consultation of publicConsultations.filter((c) => c.step !== 'Kenntnisnahme')) {
      const group = consultation.paper.group;
      if (!group) {
        publicSpecs.push(outcomeOf(consultation));
        continue;
      }
      let heading = groups.get(group);
      if (!heading) {
        heading = { name: group, children: [] };
        groups.set(group, heading);
        publicSpecs.push(heading);
      }
      heading.children!.push(outcomeOf(consultation));
    }
    publicSpecs.push({ name: 'Verschiedenes' });

    if (meeting.previous) {
      secretSpecs.push({
        name: `Genehmigung der Niederschrift über die Sitzung vom ${germanDate(meeting.previous.date)} (nichtöffentlicher Teil)`,
        ...after(closingPhrases.approvedMinutes, 'Die Niederschrift wird in der vorliegenden Fassung genehmigt.'),
      });
    }
    const secretGroups = new Map<string, ItemSpec>();
    for (const consultation of meeting.consultations.filter((c) => !c.paper.row.public)) {
      const group = consultation.paper.group ?? 'Sonstige Angelegenheiten';
      let heading = secretGroups.get(group);
      if (!heading) {
        heading = { name: group, children: [] };
        secretGroups.set(group, heading);
        secretSpecs.push(heading);
      }
      heading.children!.push(outcomeOf(consultation));
    }
    if (rng.chance(0.3)) secretSpecs.push({ name: 'Personalangelegenheiten', ...after('einstimmig beschlossen') });
    if (rng.chance(0.5) || secretSpecs.length === 0) {
      secretSpecs.push({ name: 'Mitteilungen der Verwaltung (nichtöffentlich)', ...after(closingPhrases.noted) });
    }

    const resultsAt = happened
      ? (meeting.minutesReleasedAt ?? minInstant(at(addDays(meeting.date, 1), '10:00'), ctx.cap))
      : null;
    let position = 0;
    const build = (spec: ItemSpec, isPublic: boolean, number: string, parent: ItemPlan | null): ItemPlan => {
      const consultation = spec.consultation ?? null;
      const created = consultation ? maxInstant(meeting.row.created, consultation.row.created) : meeting.row.created;
      const invitedAt = meeting.row.invited_at as Date | null;
      const late = consultation !== null && invitedAt !== null && consultation.row.created > invitedAt;
      const item: ItemPlan = {
        paper: consultation?.paper ?? null,
        consultation,
        children: [],
        parent,
        row: {
          id: randomUUID(),
          body_id: people.body.id,
          created,
          modified: resultsAt ? maxInstant(created, resultsAt) : created,
          meeting_id: meeting.row.id,
          parent_id: parent?.row.id ?? null,
          position: position++,
          number: `${isPublic ? 'Ö' : 'N'} ${number}`,
          name: spec.name,
          public: isPublic,
          paper_id: consultation?.paper.row.id ?? null,
          result: spec.result ?? null,
          resolution_text: spec.resolution ?? null,
          supplement_at: late ? consultation.row.created : null,
          start: null,
          end: null,
        },
      };
      if (consultation) {
        consultation.item = item;
        consultation.row.agenda_item_id = item.row.id;
      }
      meeting.items.push(item);
      (spec.children ?? []).forEach((child, i) =>
        item.children.push(build(child, isPublic, `${number}.${i + 1}`, item)),
      );
      return item;
    };
    publicSpecs.forEach((spec, i) => build(spec, true, String(i + 1), null));
    secretSpecs.forEach((spec, i) => build(spec, false, String(i + 1), null));
  }
}
