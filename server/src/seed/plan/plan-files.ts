import { randomUUID } from 'node:crypto';
import { berlinDate } from '@ratsmappe/shared';
import { addDays, addMinutes, at, daysBetween, minInstant } from '../calendar.js';
import { slugify } from '../profiles.js';
import type { AttachmentKind } from '../vocabulary.js';
import type { PeoplePlan } from './plan-people.js';
import type { DocumentSource, FilePlan, ItemPlan, MeetingPlan, PaperPlan, PlanContext } from './plan-types.js';

const publicAttachmentKinds: readonly AttachmentKind[] = [
  'Lageplan',
  'Kostenschätzung',
  'Stellungnahme der Ortsgemeinde',
  'Fotodokumentation',
  'Zeitplan',
];

/** Files of papers, agenda items and meetings, one version each except for a few revised papers. */
export function planFiles(
  ctx: PlanContext,
  people: PeoplePlan,
  meetings: MeetingPlan[],
  papers: PaperPlan[],
): FilePlan[] {
  const rng = ctx.rng.fork('files');
  const files: FilePlan[] = [];
  let variant = 0;

  const addFile = (
    owner: { paper?: PaperPlan; item?: ItemPlan; meeting?: MeetingPlan },
    fields: { name: string; role: FilePlan['row']['role']; position: number; public: boolean; created: Date },
    versions: { fileName: string; created: Date; document: DocumentSource }[],
  ): FilePlan => {
    const id = randomUUID();
    const file: FilePlan = {
      row: {
        id,
        body_id: people.body.id,
        created: fields.created,
        modified: fields.created,
        name: fields.name,
        role: fields.role,
        meeting_id: owner.meeting?.row.id ?? null,
        agenda_item_id: owner.item?.row.id ?? null,
        paper_id: owner.paper?.row.id ?? null,
        position: fields.position,
        date: berlinDate(fields.created),
        public: fields.public,
        visibility_confirmed_at: fields.public ? fields.created : null,
      },
      versions: versions.map((v, i) => ({
        document: v.document,
        row: {
          id: randomUUID(),
          body_id: people.body.id,
          created: v.created,
          modified: v.created,
          file_id: id,
          version: i + 1,
          mime_type: 'application/pdf',
          file_name: v.fileName,
          extracted_text: null,
          text_extracted_at: null,
        },
      })),
    };
    files.push(file);
    return file;
  };

  // Revised papers: one on the agenda of next week's committee meeting (annotations must survive a revision),
  // the rest older ones.
  const revisable = papers.filter((p) => p.row.public && p.row.paper_type === 'Beschlussvorlage');
  const upcoming = revisable.find((p) =>
    p.consultations.some((c) => c.meeting.date > ctx.today && daysBetween(ctx.today, c.meeting.date) <= 7),
  );
  const older = rng.sample(
    revisable.filter((p) => p !== upcoming && p.row.date! < addDays(ctx.today, -30)),
    ctx.profile.scale.revisedPapers - (upcoming ? 1 : 0),
  );
  for (const paper of upcoming ? [upcoming, ...older] : older) paper.revised = true;

  const pdfOnlyCarrier = ctx.profile.carriesPdfOnlyWord
    ? (revisable.find(
        (p) =>
          (p.topic.area === 'umwelt' || p.topic.area === 'bau') &&
          p.group === null &&
          p.consultations[0]!.meeting.date < ctx.today,
      ) ?? revisable[0])
    : undefined;

  for (const paper of papers) {
    const reference = paper.row.reference!;
    const refSlug = slugify(reference);
    const created = paper.row.created;
    const versions: { fileName: string; created: Date; document: DocumentSource }[] = [
      { fileName: `vorlage-${refSlug}.pdf`, created, document: { kind: 'paper', paper, revision: 1 } },
    ];
    if (paper.revised) {
      const revisedAt = minInstant(addMinutes(created, rng.int(3, 6) * 24 * 60 + 90), ctx.cap);
      versions.push({
        fileName: `vorlage-${refSlug}-geaenderte-fassung.pdf`,
        created: revisedAt,
        document: { kind: 'paper', paper, revision: 2 },
      });
    }
    addFile(
      { paper },
      { name: `${paper.row.paper_type} ${reference}`, role: 'main', position: 0, public: paper.row.public!, created },
      versions,
    );

    const kinds: AttachmentKind[] = [];
    if (paper.row.paper_type === 'Beschlussvorlage' && rng.chance(ctx.profile.scale.attachmentShare)) {
      if (!paper.row.public) {
        if (paper.group === 'Vergaben') kinds.push('Preisspiegel');
        if (paper.group === 'Grundstücksangelegenheiten') kinds.push('Lageplan');
      } else {
        const pool = paper.row.name.includes('Satzung')
          ? ['Satzungsentwurf' as const, ...publicAttachmentKinds]
          : publicAttachmentKinds;
        kinds.push(...rng.sample(pool, rng.int(1, 2)));
      }
    }
    if (paper === pdfOnlyCarrier) kinds.push('Stellungnahme der Unteren Naturschutzbehörde');
    kinds.forEach((attachment, i) => {
      const number = i + 1;
      addFile(
        { paper },
        {
          name: `Anlage ${number} – ${attachment}`,
          role: 'auxiliary',
          position: number,
          public: paper.row.public!,
          created,
        },
        [
          {
            fileName: `anlage-${number}-${slugify(attachment)}-${refSlug}.pdf`,
            created,
            document: {
              kind: 'attachment',
              attachment,
              number,
              paper,
              item: null,
              meeting: null,
              public: paper.row.public!,
              carriesPdfOnlyWord:
                paper === pdfOnlyCarrier && attachment === 'Stellungnahme der Unteren Naturschutzbehörde',
              variant: variant++,
            },
          },
        ],
      );
    });
  }

  for (const meeting of meetings) {
    const lead = meeting.orgs[0]!;
    const orgSlug = slugify(lead.row.short_name ?? lead.row.name);
    const invitedAt = meeting.row.invited_at as Date | null;
    if (invitedAt) {
      addFile({ meeting }, { name: 'Einladung', role: 'invitation', position: 0, public: true, created: invitedAt }, [
        {
          fileName: `einladung-${orgSlug}-${meeting.date}.pdf`,
          created: invitedAt,
          document: { kind: 'invitation', meeting },
        },
      ]);
    }
    if (meeting.minutesReleasedAt) {
      addFile(
        { meeting },
        {
          name: 'Niederschrift (öffentlicher Teil)',
          role: 'results_protocol',
          position: 1,
          public: true,
          created: meeting.minutesReleasedAt,
        },
        [
          {
            fileName: `niederschrift-${orgSlug}-${meeting.date}.pdf`,
            created: meeting.minutesReleasedAt,
            document: { kind: 'minutes', meeting },
          },
        ],
      );
    }
    // Slides shown under "Mitteilungen der Verwaltung" are attached to that agenda item after the meeting.
    const notices = meeting.items.find((i) => i.row.name === 'Mitteilungen der Verwaltung');
    if (notices && meeting.attendance && rng.chance(0.15)) {
      const created = minInstant(at(addDays(meeting.date, 1), '09:30'), ctx.cap);
      addFile(
        { item: notices },
        { name: 'Präsentation der Verwaltung', role: 'auxiliary', position: 0, public: true, created },
        [
          {
            fileName: `praesentation-${orgSlug}-${meeting.date}.pdf`,
            created,
            document: {
              kind: 'attachment',
              attachment: 'Präsentation der Verwaltung',
              number: 1,
              paper: null,
              item: notices,
              meeting,
              public: true,
              carriesPdfOnlyWord: false,
              variant: variant++,
            },
          },
        ],
      );
    }
  }
  return files;
}
