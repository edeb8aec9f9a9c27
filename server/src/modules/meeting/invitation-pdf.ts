import { berlinDate, councilTimeZone } from '@ratsmappe/shared';
import { renderPdf, type Block, type PdfSpec } from '../../pdf/layout.js';

/**
 * The invitation (Einladung) as a PDF, from the meeting's records. Two variants: `full` for the members, with the
 * non-public part, and `public` for everyone. The public variant is built from public items only, and shows a
 * paper's reference only when the paper itself is public: nothing non-public is ever passed to its layout.
 */

export type InvitationVariant = 'full' | 'public';

export interface InvitationItem {
  number: string | null;
  name: string;
  /** Effective publicity (a sub-item is in its parent's part). */
  public: boolean;
  isSubItem: boolean;
  paper: { reference: string | null; public: boolean } | null;
  supplementAt: Date | null;
}

export interface InvitationInput {
  body: {
    name: string;
    streetAddress: string | null;
    postalCode: string | null;
    locality: string | null;
    contactEmail: string | null;
    website: string | null;
  };
  meeting: { name: string; start: Date; end: Date | null; location: string | null; organizations: string[] };
  /** In agenda order. */
  items: InvitationItem[];
  /** When the document is made: its date line and metadata date. */
  issuedAt: Date;
}

const zone = { timeZone: councilTimeZone } as const;
const longDate = new Intl.DateTimeFormat('de-DE', {
  ...zone,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDate = new Intl.DateTimeFormat('de-DE', { ...zone, day: '2-digit', month: '2-digit', year: 'numeric' });
const time = new Intl.DateTimeFormat('de-DE', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function when(start: Date, end: Date | null): string {
  const from = `${longDate.format(start)}, ${time.format(start)} Uhr`;
  if (!end) return from;
  return berlinDate(end) === berlinDate(start)
    ? `${from} bis ${time.format(end)} Uhr`
    : `${from} bis ${longDate.format(end)}, ${time.format(end)} Uhr`;
}

function addressee(organizations: readonly string[]): string {
  if (organizations.length === 0) return 'An die Mitglieder';
  if (organizations.length === 1) return `An die Mitglieder des Gremiums „${organizations[0]!}“`;
  const quoted = organizations.map((o) => `„${o}“`);
  return `An die Mitglieder der Gremien ${quoted.slice(0, -1).join(', ')} und ${quoted.at(-1)!}`;
}

function agendaTable(items: readonly InvitationItem[], variant: InvitationVariant): Block {
  return {
    type: 'table',
    columns: [
      { header: 'TOP', width: 0.9 },
      { header: 'Gegenstand', width: 5 },
      { header: 'Vorlage', width: 1.5 },
    ],
    rows: items.map((item) => {
      const supplement = item.supplementAt
        ? ` (Nachtrag vom ${shortDate.format(item.supplementAt)}, ${time.format(item.supplementAt)} Uhr)`
        : '';
      const reference = item.paper && (variant === 'full' || item.paper.public) ? (item.paper.reference ?? '') : '';
      return [item.number ?? '', `${item.isSubItem ? '– ' : ''}${item.name}${supplement}`, reference];
    }),
  };
}

export function invitationSpec(input: InvitationInput, variant: InvitationVariant): PdfSpec {
  const { body, meeting } = input;
  const publicItems = input.items.filter((i) => i.public);
  const hasNonPublic = input.items.some((i) => !i.public);
  const issued = berlinDate(input.issuedAt);
  const place = [body.streetAddress, [body.postalCode, body.locality].filter(Boolean).join(' ')].filter(Boolean);
  const contact = [body.contactEmail, body.website].filter((v): v is string => Boolean(v));
  const startDate = shortDate.format(meeting.start);

  const blocks: Block[] = [
    { type: 'paragraph', text: addressee(meeting.organizations), size: 9.5 },
    {
      type: 'paragraph',
      text: `${body.locality ? `${body.locality}, ` : ''}${shortDate.format(input.issuedAt)}`,
      size: 9.5,
    },
    { type: 'heading', text: variant === 'full' ? 'Einladung' : 'Einladung (öffentlicher Teil)', size: 17 },
    {
      type: 'paragraph',
      text: `Sehr geehrte Damen und Herren, hiermit lade ich Sie zur folgenden Sitzung ein: ${meeting.name}.`,
    },
    {
      type: 'keyValue',
      rows: [
        ['Gremium', meeting.organizations.join(', ') || '–'],
        ['Termin', when(meeting.start, meeting.end)],
        ['Ort', meeting.location ?? 'wird noch bekannt gegeben'],
      ],
    },
    { type: 'heading', text: 'Öffentlicher Teil' },
    publicItems.length > 0
      ? agendaTable(publicItems, variant)
      : { type: 'paragraph', text: 'Keine Tagesordnungspunkte im öffentlichen Teil.' },
  ];
  if (variant === 'full') {
    const nonPublicItems = input.items.filter((i) => !i.public);
    blocks.push(
      { type: 'heading', text: 'Nichtöffentlicher Teil' },
      nonPublicItems.length > 0
        ? agendaTable(nonPublicItems, variant)
        : { type: 'paragraph', text: 'Keine Tagesordnungspunkte im nichtöffentlichen Teil.' },
    );
  } else if (hasNonPublic) {
    blocks.push({
      type: 'paragraph',
      text: 'Im Anschluss an den öffentlichen Teil findet ein nichtöffentlicher Teil statt.',
    });
  }
  if (input.items.some((i) => i.supplementAt && (variant === 'full' || i.public))) {
    blocks.push({ type: 'paragraph', text: 'Nachträge zur Tagesordnung sind mit Datum und Uhrzeit gekennzeichnet.' });
  }
  blocks.push(
    { type: 'space', height: 10 },
    { type: 'paragraph', text: 'Mit freundlichen Grüßen' },
    { type: 'space', height: 24 },
    { type: 'paragraph', text: 'Der/Die Vorsitzende' },
  );

  const title = `Einladung – ${meeting.name}`;
  return {
    title,
    author: body.name,
    subject: meeting.name,
    date: issued,
    letterhead: { name: body.name, lines: [place.join(' · '), contact.join(' · ')].filter((l) => l !== '') },
    marking: variant === 'full' && hasNonPublic ? 'NICHTÖFFENTLICH – enthält den nichtöffentlichen Teil' : undefined,
    footer:
      variant === 'full'
        ? `Einladung zur Sitzung am ${startDate}`
        : `Einladung zur Sitzung am ${startDate} (öffentlicher Teil)`,
    blocks,
  };
}

export function renderInvitation(input: InvitationInput, variant: InvitationVariant): Promise<Uint8Array> {
  return renderPdf(invitationSpec(input, variant));
}
