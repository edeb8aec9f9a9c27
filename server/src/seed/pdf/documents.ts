import { berlinDate } from '@ratsmappe/shared';
import { addDays, berlinTime, germanDate, germanLongDate } from '../calendar.js';
import type { BodyPlan, DocumentSource, MeetingPlan, PaperPlan, PersonPlan } from '../plan/plan-types.js';
import { hashString, Random } from '../random.js';
import { formatEuro, roundAmount } from '../text.js';
import { pdfOnlySearchWord, procedureParagraphs, type AttachmentKind } from '../vocabulary.js';
import { countPages, type Block, type PdfSpec } from '../../pdf/layout.js';

/** Turns planned records into document specs: Vorlagen, Anlagen, Einladungen and Niederschriften. */

const confidential = 'NICHTÖFFENTLICH';

function letterhead(plan: BodyPlan): PdfSpec['letterhead'] {
  const { profile } = plan;
  return {
    name: profile.name,
    lines: [
      `${profile.administration.name} · ${profile.streetAddress} · ${profile.postalCode} ${profile.locality}`,
      `sitzungsdienst@${profile.slug}.example · https://www.${profile.slug}.example`,
    ],
  };
}

function mayorTitle(plan: BodyPlan): string {
  return plan.mayor.female ? `${plan.profile.mayorTitle}in` : plan.profile.mayorTitle;
}

function factionChair(plan: BodyPlan, factionId: string): PersonPlan | undefined {
  return plan.memberships.find(
    (m) => m.org.row.id === factionId && m.row.role?.startsWith('Fraktionsvorsitz') && m.row.end_date === null,
  )?.person;
}

function meetingChair(plan: BodyPlan, meeting: MeetingPlan): PersonPlan {
  if (meeting.attendance?.chair) return meeting.attendance.chair;
  const lead = meeting.orgs[0]!;
  return (
    plan.memberships.find(
      (m) =>
        m.org === lead &&
        m.row.role?.startsWith('Vorsitz') &&
        m.row.start_date <= meeting.date &&
        (m.row.end_date === null || m.row.end_date >= meeting.date),
    )?.person ?? plan.mayor
  );
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function rngFor(label: string): Random {
  return new Random(hashString(label));
}

async function fitPages(
  base: (fillers: string[]) => Block[],
  spec: Omit<PdfSpec, 'blocks'>,
  pool: string[],
  min: number,
  max: number,
) {
  const fillers: string[] = [];
  let blocks = base(fillers);
  let pages = await countPages({ ...spec, blocks });
  while (pages < min && fillers.length < pool.length) {
    fillers.push(pool[fillers.length]!);
    blocks = base(fillers);
    pages = await countPages({ ...spec, blocks });
  }
  while (pages > max && fillers.length > 0) {
    fillers.pop();
    blocks = base(fillers);
    pages = await countPages({ ...spec, blocks });
  }
  return blocks;
}

async function paperDocument(plan: BodyPlan, paper: PaperPlan, revision: number): Promise<PdfSpec> {
  const row = paper.row;
  const type = row.paper_type;
  const revisedOn = revision > 1 ? addDays(row.date!, 4) : null;
  const rng = rngFor(`${plan.profile.slug}:${row.reference}:${revision}`);
  const factor = revision > 1 ? 1.05 + rng.next() * 0.08 : 1;
  const costs = paper.costs.map((c) => ({ label: c.label, amount: roundAmount(c.amount * factor) }));
  const total = costs.reduce((sum, c) => sum + c.amount, 0);
  const spec: Omit<PdfSpec, 'blocks'> = {
    title: `${type} ${row.reference}`,
    author: plan.profile.name,
    subject: row.name,
    keywords: [type, row.reference!],
    date: revisedOn ?? row.date!,
    letterhead: letterhead(plan),
    ...(row.public ? {} : { marking: confidential }),
    footer: `${type} ${row.reference} – ${row.name}`,
  };
  const chair = paper.originator ? factionChair(plan, paper.originator.row.id) : undefined;
  const attachments = plan.files
    .filter((f) => f.row.paper_id === row.id && f.row.role === 'auxiliary')
    .map((f) => f.row.name);
  const unused = rng.shuffle(procedureParagraphs.filter((p) => !paper.paragraphs.includes(p)));

  const base = (fillers: string[]): Block[] => {
    const blocks: Block[] = [
      { type: 'heading', text: revision > 1 ? `${type} – geänderte Fassung` : type, size: 17 },
      {
        type: 'keyValue',
        rows: [
          ['Vorlage-Nr.', row.reference!],
          ['Datum', germanDate(revisedOn ?? row.date!)],
          paper.originator
            ? ['Antragsteller', paper.originator.row.name]
            : ['Federführung', paper.department?.row.name ?? plan.profile.administration.name],
          ['Öffentlichkeit', row.public ? 'öffentlich' : 'nichtöffentlich'],
        ],
      },
      { type: 'heading', text: 'Beratungsfolge', size: 11 },
      {
        type: 'table',
        columns: [
          { header: 'Datum', width: 1.1 },
          { header: 'Gremium', width: 3 },
          { header: 'Zuständigkeit', width: 1.4 },
          { header: 'Status', width: 0.8 },
        ],
        rows: paper.consultations.map((c) => [
          germanDate(c.meeting.date),
          c.org.row.name,
          c.step,
          row.public ? 'Ö' : 'N',
        ]),
      },
      { type: 'heading', text: row.name, size: 13 },
    ];
    if (!row.public) {
      blocks.push({
        type: 'paragraph',
        text: 'Vertraulich: Diese Vorlage ist ausschließlich für die Mitglieder der beratenden Gremien bestimmt. Eine Weitergabe an Dritte ist nicht zulässig.',
        bold: true,
        size: 9.5,
      });
    }
    if (revisedOn) {
      blocks.push({
        type: 'paragraph',
        text: `Änderungen gegenüber der Fassung vom ${germanDate(row.date!)}: Die Kostenangaben wurden nach Eingang aktualisierter Angebote fortgeschrieben; der Abschnitt „Finanzielle Auswirkungen“ ist entsprechend angepasst. Alle übrigen Ausführungen bleiben unverändert.`,
        bold: true,
      });
    }
    if (type === 'Antrag') {
      blocks.push({ type: 'heading', text: 'Antrag' }, { type: 'paragraph', text: paper.proposal });
      blocks.push({ type: 'heading', text: 'Begründung' });
    } else if (type === 'Anfrage') {
      blocks.push({ type: 'heading', text: 'Anfrage und Antwort der Verwaltung' });
    } else {
      blocks.push({ type: 'heading', text: 'Sachverhalt' });
    }
    for (const text of paper.paragraphs) blocks.push({ type: 'paragraph', text });
    if (fillers.length > 0) {
      blocks.push({ type: 'heading', text: 'Weitere Erläuterungen', size: 11 });
      for (const text of fillers) blocks.push({ type: 'paragraph', text });
    }
    if (type === 'Beschlussvorlage') {
      blocks.push({ type: 'heading', text: 'Finanzielle Auswirkungen' });
      if (costs.length > 0) {
        blocks.push({
          type: 'table',
          columns: [
            { header: 'Pos.', width: 0.5 },
            { header: 'Bezeichnung', width: 4 },
            { header: 'Betrag (brutto)', width: 1.5, align: 'right' },
          ],
          rows: costs.map((c, i) => [String(i + 1), c.label, formatEuro(c.amount)]),
          footer: ['', 'Gesamtkosten', formatEuro(total)],
        });
      } else {
        blocks.push({ type: 'paragraph', text: 'Keine unmittelbaren Auswirkungen auf den Haushalt.' });
      }
      blocks.push({ type: 'heading', text: 'Beschlussvorschlag' }, { type: 'paragraph', text: paper.proposal });
    } else if (type === 'Mitteilung' || type === 'Anfrage') {
      blocks.push({ type: 'paragraph', text: paper.proposal, bold: true });
    }
    if (attachments.length > 0) {
      blocks.push({ type: 'heading', text: 'Anlagen', size: 11 });
      for (const name of attachments) blocks.push({ type: 'paragraph', text: name });
    }
    blocks.push({ type: 'space', height: 14 });
    blocks.push({ type: 'paragraph', text: `${plan.profile.locality}, ${germanDate(revisedOn ?? row.date!)}` });
    if (paper.originator) {
      blocks.push({
        type: 'paragraph',
        text: `gez. ${chair?.fullName ?? 'Fraktionsvorsitz'}\nfür die ${paper.originator.row.name}`,
      });
    } else {
      blocks.push({ type: 'paragraph', text: `gez. ${plan.mayor.fullName}\n${mayorTitle(plan)}` });
    }
    return blocks;
  };
  return { ...spec, blocks: await fitPages(base, spec, unused, 2, 4) };
}

function attachmentBlocks(plan: BodyPlan, source: Extract<DocumentSource, { kind: 'attachment' }>): Block[] {
  const paper = source.paper;
  const rng = rngFor(
    `${plan.profile.slug}:${paper?.row.reference ?? source.meeting?.date}:${source.attachment}:${source.variant}`,
  );
  const place = rng.pick(plan.profile.places);
  const about = paper ? `zur Vorlage ${paper.row.reference}: ${paper.row.name}` : `zur ${source.meeting!.row.name}`;
  const heading = (kind: AttachmentKind): Block[] => [
    { type: 'heading', text: paper ? `Anlage ${source.number} – ${kind}` : kind, size: 15 },
    { type: 'paragraph', text: about, bold: true },
  ];
  switch (source.attachment) {
    case 'Lageplan':
      return [
        ...heading('Lageplan'),
        {
          type: 'paragraph',
          text: `Übersichtslageplan, Maßstab 1:1000 (verkleinert). Gemarkung ${place}. Die betroffenen Flurstücke sind in der folgenden Aufstellung verzeichnet; die Darstellung der Grenzen ist ohne Gewähr.`,
        },
        {
          type: 'table',
          columns: [
            { header: 'Gemarkung', width: 2 },
            { header: 'Flur', width: 0.8 },
            { header: 'Flurstück', width: 1 },
            { header: 'Fläche (m²)', width: 1.2, align: 'right' },
            { header: 'Nutzung', width: 2.2 },
          ],
          rows: Array.from({ length: rng.int(5, 9) }, () => [
            place,
            String(rng.int(1, 14)),
            `${rng.int(10, 600)}/${rng.int(1, 12)}`,
            groupThousands(rng.int(180, 4800)),
            rng.pick(['Verkehrsfläche', 'Grünland', 'Wohnbaufläche', 'Gewässer', 'Ackerland', 'Gemeinbedarf']),
          ]),
        },
        {
          type: 'paragraph',
          text: 'Kartengrundlage: Liegenschaftskarte des Vermessungs- und Katasteramtes. Vervielfältigung nur für dienstliche Zwecke.',
        },
      ];
    case 'Kostenschätzung': {
      const units = ['Stk.', 'psch.', 'm²', 'lfm', 'h'];
      const lines = (paper?.costs ?? []).flatMap((c) => {
        const parts = rng.int(2, 4);
        return Array.from({ length: parts }, (_, i) => {
          const quantity = rng.int(1, 40);
          const unitPrice = roundAmount(c.amount / parts / quantity);
          return [
            `${c.label}, Teil ${i + 1}`,
            `${quantity} ${rng.pick(units)}`,
            formatEuro(unitPrice),
            formatEuro(unitPrice * quantity),
          ];
        });
      });
      return [
        ...heading('Kostenschätzung'),
        {
          type: 'paragraph',
          text: 'Kostenschätzung nach DIN 276 auf Grundlage der Entwurfsplanung. Alle Beträge einschließlich 19 % Umsatzsteuer.',
        },
        {
          type: 'table',
          columns: [
            { header: 'Leistung', width: 3.4 },
            { header: 'Menge', width: 1 },
            { header: 'Einheitspreis', width: 1.3, align: 'right' },
            { header: 'Gesamtpreis', width: 1.3, align: 'right' },
          ],
          rows:
            lines.length > 0 ? lines : [['Pauschale Leistungen', '1 psch.', formatEuro(25_000), formatEuro(25_000)]],
        },
        { type: 'paragraph', text: 'Aufgestellt durch die Fachabteilung. Preisstand: Datum der Vorlage.' },
      ];
    }
    case 'Preisspiegel': {
      const lowest = paper?.costs[0]?.amount ?? 50_000;
      const bids = [
        lowest,
        ...Array.from({ length: rng.int(2, 4) }, (_, i) => roundAmount(lowest * (1.04 + i * 0.07 + rng.next() * 0.05))),
      ];
      return [
        ...heading('Preisspiegel'),
        {
          type: 'paragraph',
          text: 'Vergleich der gewerteten Angebote nach rechnerischer, technischer und wirtschaftlicher Prüfung. Die Angaben sind vertraulich und dürfen nicht veröffentlicht werden.',
        },
        {
          type: 'table',
          columns: [
            { header: 'Rang', width: 0.6 },
            { header: 'Bieter', width: 3 },
            { header: 'Angebotssumme (brutto)', width: 1.8, align: 'right' },
            { header: 'Abweichung', width: 1.1, align: 'right' },
          ],
          rows: bids.map((bid, i) => [
            String(i + 1),
            i === 0 ? 'Bieter 1 (Zuschlag vorgesehen, siehe Vorlage)' : `Bieter ${i + 1}`,
            formatEuro(bid),
            i === 0 ? '–' : `+${(((bid - lowest) / lowest) * 100).toFixed(1).replace('.', ',')} %`,
          ]),
        },
        {
          type: 'paragraph',
          text: 'Die Verwaltung empfiehlt, den Zuschlag auf das wirtschaftlichste Angebot (Rang 1) zu erteilen.',
        },
      ];
    }
    case 'Stellungnahme der Ortsgemeinde':
      return [
        ...heading('Stellungnahme der Ortsgemeinde'),
        {
          type: 'paragraph',
          text: `Der Ortsgemeinderat ${place} hat sich in seiner Sitzung mit der Angelegenheit befasst und einstimmig folgende Stellungnahme beschlossen:`,
        },
        {
          type: 'paragraph',
          text: `„Die Ortsgemeinde ${place} begrüßt das Vorhaben ausdrücklich. Sie bittet darum, die Anliegerinnen und Anlieger rechtzeitig über den Bauablauf zu informieren und die Zufahrt zum Friedhof während der Bauzeit offen zu halten.“`,
        },
        { type: 'paragraph', text: `Ortsbürgermeisterin bzw. Ortsbürgermeister der Ortsgemeinde ${place}` },
      ];
    case 'Fotodokumentation':
      return [
        ...heading('Fotodokumentation'),
        {
          type: 'paragraph',
          text: 'Die Aufnahmen wurden bei einer Ortsbesichtigung durch die Fachabteilung gefertigt. Die Fotos liegen in der Sitzung in Papierform aus.',
        },
        {
          type: 'table',
          columns: [
            { header: 'Foto', width: 0.6 },
            { header: 'Motiv', width: 4 },
            { header: 'Aufnahme', width: 1.2 },
          ],
          rows: Array.from({ length: rng.int(6, 12) }, (_, i) => [
            String(i + 1),
            rng.pick([
              'Ansicht von Süden',
              'Schadstelle im Detail',
              'Zufahrt und Gehweg',
              'Blick in Richtung Ortsmitte',
              'Bestand vor der Maßnahme',
              'Entwässerungsrinne',
            ]),
            germanDate(addDays(paper?.row.date ?? '2025-01-01', -rng.int(5, 40))),
          ]),
        },
      ];
    case 'Zeitplan':
      return [
        ...heading('Zeitplan'),
        {
          type: 'table',
          columns: [
            { header: 'Phase', width: 3 },
            { header: 'Beginn', width: 1.2 },
            { header: 'Ende', width: 1.2 },
          ],
          rows: ['Ausführungsplanung', 'Ausschreibung und Vergabe', 'Bauausführung', 'Abnahme und Abrechnung'].map(
            (phase, i) => {
              const start = addDays(paper?.row.date ?? '2025-01-01', 30 + i * 75);
              return [phase, germanDate(start), germanDate(addDays(start, 70))];
            },
          ),
        },
        {
          type: 'paragraph',
          text: 'Der Zeitplan steht unter dem Vorbehalt der Förderbewilligung und der Verfügbarkeit von Fachfirmen.',
        },
      ];
    case 'Satzungsentwurf':
      return [
        ...heading('Satzungsentwurf'),
        {
          type: 'paragraph',
          text: `Der Rat hat auf Grund der Gemeindeordnung folgende Satzung beschlossen, die hiermit bekannt gemacht wird:`,
        },
        ...[
          '§ 1 Geltungsbereich',
          '§ 2 Begriffsbestimmungen',
          '§ 3 Gebühren und Beiträge',
          '§ 4 Fälligkeit',
          '§ 5 Inkrafttreten',
        ].flatMap((title): Block[] => [
          { type: 'heading', text: title, size: 11 },
          { type: 'paragraph', text: rng.pick(procedureParagraphs) },
        ]),
      ];
    case 'Stellungnahme der Unteren Naturschutzbehörde':
      return [
        ...heading('Stellungnahme der Unteren Naturschutzbehörde'),
        {
          type: 'paragraph',
          text: 'Die Untere Naturschutzbehörde nimmt zu dem Vorhaben wie folgt Stellung: Gegen die Planung bestehen keine grundsätzlichen Bedenken, sofern die nachstehenden Auflagen beachtet werden.',
        },
        {
          type: 'paragraph',
          text: source.carriesPdfOnlyWord
            ? `Im Frühjahr wandern Erdkröten und Grasfrösche zwischen dem Waldrand und dem Feuchtgebiet am ${rng.pick(['Erlenbach', 'Mühlbach'])}. Entlang des Vorhabens ist daher eine dauerhafte ${pdfOnlySearchWord} mit zwei Kleintierdurchlässen vorzusehen. Während der Bauzeit ist ein mobiler Schutzzaun zu stellen und täglich zu kontrollieren.`
            : 'Während der Brutzeit vom 1. März bis 30. September dürfen Gehölze nicht gerodet werden.',
        },
        {
          type: 'paragraph',
          text: 'Gehölzrodungen sind nur außerhalb der Brutzeit zulässig. Für den Verlust von Gehölzen ist ein Ausgleich im Verhältnis 1:2 mit standortheimischen Arten zu schaffen.',
        },
        { type: 'paragraph', text: 'Mit freundlichen Grüßen – im Auftrag, Kreisverwaltung, Untere Naturschutzbehörde' },
      ];
    case 'Präsentation der Verwaltung':
      return ['Aktuelle Projekte', 'Baustellen und Verkehr', 'Termine'].flatMap((title, i): Block[] => [
        ...(i > 0 ? [{ type: 'pageBreak' } as const] : []),
        { type: 'heading', text: `${source.meeting!.row.name} – ${title}`, size: 15 },
        ...rng.sample(procedureParagraphs, 2).map((text): Block => ({ type: 'paragraph', text })),
      ]);
  }
}

function attachmentDocument(plan: BodyPlan, source: Extract<DocumentSource, { kind: 'attachment' }>): PdfSpec {
  const subject = source.paper?.row.name ?? source.meeting?.row.name ?? plan.profile.name;
  const reference = source.paper?.row.reference;
  const title = reference ? `Anlage ${source.number} zu ${reference}` : source.attachment;
  return {
    title,
    author: plan.profile.name,
    subject,
    date: source.paper?.row.date ?? source.meeting?.date ?? '2025-01-01',
    letterhead: letterhead(plan),
    ...(source.public ? {} : { marking: confidential }),
    footer: reference ? `${title} – ${source.attachment}` : `${source.attachment} – ${subject}`,
    blocks: attachmentBlocks(plan, source),
  };
}

function locationLine(meeting: MeetingPlan): string {
  const l = meeting.location;
  return [l.description, l.street_address, [l.postal_code, l.sub_locality ?? l.locality].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

function invitationDocument(plan: BodyPlan, meeting: MeetingPlan): PdfSpec {
  const chair = meetingChair(plan, meeting);
  const publicItems = meeting.items.filter((i) => i.row.public);
  const hasSecret = meeting.items.some((i) => !i.row.public);
  const invited = berlinDate(meeting.row.invited_at as Date);
  return {
    title: `Einladung – ${meeting.row.name}`,
    author: plan.profile.name,
    subject: meeting.row.name,
    date: invited,
    letterhead: letterhead(plan),
    footer: `Einladung zur ${meeting.row.name} am ${germanDate(meeting.date)}`,
    blocks: [
      { type: 'paragraph', text: `An die Mitglieder ${meeting.orgs.map((o) => o.genitive).join(' und ')}`, size: 9.5 },
      { type: 'paragraph', text: `${plan.profile.locality}, ${germanDate(invited)}`, size: 9.5 },
      { type: 'heading', text: 'Einladung', size: 17 },
      { type: 'paragraph', text: `Sehr geehrte Damen und Herren, hiermit lade ich Sie zur ${meeting.row.name} ein.` },
      {
        type: 'keyValue',
        rows: [
          ['Termin', `${germanLongDate(meeting.date)}, ${berlinTime(meeting.row.start as Date)} Uhr`],
          ['Ort', locationLine(meeting)],
        ],
      },
      { type: 'heading', text: 'Tagesordnung – öffentlicher Teil' },
      {
        type: 'table',
        columns: [
          { header: 'TOP', width: 0.8 },
          { header: 'Gegenstand', width: 5 },
          { header: 'Vorlage', width: 1.4 },
        ],
        rows: publicItems.map((i) => [i.row.number!, i.row.name, i.paper?.row.reference ?? '']),
      },
      ...(hasSecret
        ? [
            {
              type: 'paragraph',
              text: 'Im Anschluss an den öffentlichen Teil findet ein nichtöffentlicher Teil statt.',
            } as const,
          ]
        : []),
      {
        type: 'paragraph',
        text: 'Die Vorlagen stehen im Ratsinformationssystem zum Abruf bereit. Sollten Sie verhindert sein, bitte ich um rechtzeitige Nachricht an den Sitzungsdienst und um Benachrichtigung Ihrer Stellvertretung.',
      },
      { type: 'space', height: 10 },
      { type: 'paragraph', text: `Mit freundlichen Grüßen\n${chair.fullName}\nVorsitz` },
    ],
  };
}

function minutesDocument(plan: BodyPlan, meeting: MeetingPlan): PdfSpec {
  const attendance = meeting.attendance!;
  const chair = meetingChair(plan, meeting);
  const names = (persons: PersonPlan[]) => (persons.length > 0 ? persons.map((p) => p.fullName).join(', ') : '–');
  const released = berlinDate(meeting.minutesReleasedAt!);
  const blocks: Block[] = [
    { type: 'heading', text: 'Niederschrift', size: 17 },
    { type: 'paragraph', text: `über die ${meeting.row.name} (öffentlicher Teil)`, bold: true },
    {
      type: 'keyValue',
      rows: [
        ['Datum', germanLongDate(meeting.date)],
        ['Beginn', `${berlinTime(meeting.row.start as Date)} Uhr`],
        ['Ende', `${berlinTime(meeting.row.end as Date)} Uhr`],
        ['Ort', locationLine(meeting)],
        ['Vorsitz', chair.fullName],
      ],
    },
    { type: 'heading', text: 'Anwesenheit', size: 11 },
    { type: 'paragraph', text: `Anwesend: ${names(attendance.present)}` },
    ...(attendance.standIns.length > 0
      ? [{ type: 'paragraph', text: `In Vertretung: ${names(attendance.standIns)}` } as const]
      : []),
    { type: 'paragraph', text: `Entschuldigt: ${names(attendance.excused)}` },
    {
      type: 'paragraph',
      text: `${chair.fullName} eröffnet die Sitzung, begrüßt die Anwesenden und stellt die ordnungsgemäße Einladung sowie die Beschlussfähigkeit fest. Einwände gegen die Tagesordnung werden nicht erhoben.`,
    },
  ];
  for (const item of meeting.items.filter((i) => i.row.public)) {
    blocks.push({ type: 'heading', text: `${item.row.number} ${item.row.name}`, size: 11 });
    if (item.paper)
      blocks.push({
        type: 'paragraph',
        text: `Vorlage: ${item.paper.row.paper_type} ${item.paper.row.reference}`,
        size: 9.5,
      });
    if (item.row.resolution_text) blocks.push({ type: 'paragraph', text: `Beschluss: ${item.row.resolution_text}` });
    if (item.row.result) blocks.push({ type: 'paragraph', text: `Ergebnis: ${item.row.result}`, bold: true });
    if (!item.row.result && item.children.length === 0 && !item.paper) {
      blocks.push({
        type: 'paragraph',
        text: item.row.name === 'Einwohnerfragestunde' ? 'Es wurden keine Fragen gestellt.' : 'Keine Wortmeldungen.',
      });
    }
  }
  const decided = meeting.items.filter((i) => i.row.public && i.row.result?.includes(' Ja, '));
  if (decided.length > 0) {
    blocks.push({ type: 'heading', text: 'Übersicht der Abstimmungen mit Gegenstimmen', size: 11 });
    blocks.push({
      type: 'table',
      columns: [
        { header: 'TOP', width: 0.8 },
        { header: 'Gegenstand', width: 4 },
        { header: 'Ergebnis', width: 2.6 },
      ],
      rows: decided.map((i) => [i.row.number!, i.row.name, i.row.result!]),
    });
  }
  blocks.push(
    { type: 'space', height: 12 },
    { type: 'paragraph', text: `${plan.profile.locality}, ${germanDate(released)}` },
    { type: 'paragraph', text: `${chair.fullName}\nVorsitz` },
    { type: 'paragraph', text: `Schriftführung: Sitzungsdienst, ${plan.profile.administration.name}` },
  );
  return {
    title: `Niederschrift – ${meeting.row.name}`,
    author: plan.profile.name,
    subject: meeting.row.name,
    date: released,
    letterhead: letterhead(plan),
    footer: `Niederschrift (öffentlicher Teil) – ${meeting.row.name} am ${germanDate(meeting.date)}`,
    blocks,
  };
}

export async function documentSpec(plan: BodyPlan, source: DocumentSource): Promise<PdfSpec> {
  switch (source.kind) {
    case 'paper':
      return paperDocument(plan, source.paper, source.revision);
    case 'attachment':
      return attachmentDocument(plan, source);
    case 'invitation':
      return invitationDocument(plan, source.meeting);
    case 'minutes':
      return minutesDocument(plan, source.meeting);
  }
}
