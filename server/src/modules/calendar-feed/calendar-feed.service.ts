import { isAgendaItemPublic, mayRead, publicScope } from '@ratsmappe/shared';
import type { Clock } from '../../clock.js';
import type { BodyRow } from '../../db/schema/tables.js';
import { notFound } from '../../errors.js';
import type { CalendarFeedRepository, FeedAgendaItem, FeedMeeting } from './calendar-feed.repository.js';
import { berlinLocal, berlinTimeZone, escapeText, serializeCalendar, utcStamp } from './ical-format.js';

const calendarWindowMs = 400 * 24 * 3_600_000;

/**
 * Public calendars and feeds. They are anonymous doors, so they take the public scope, never a session: a
 * non-public agenda item never appears in an event description, whoever subscribes.
 */
export class CalendarFeedService {
  private readonly host: string;

  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {
    this.host = new URL(publicUrl).host;
  }

  async bodyCalendar(body: BodyRow): Promise<string> {
    const meetings = await this.feeds.meetings({ bodyId: body.id, since: this.windowStart() });
    return this.calendar(body, body.name, meetings);
  }

  async organizationCalendar(body: BodyRow, organizationId: string): Promise<string> {
    const organization = await this.feeds.organization(organizationId);
    if (!organization || organization.body_id !== body.id) throw notFound();
    const meetings = await this.feeds.meetings({ bodyId: body.id, organizationId, since: this.windowStart() });
    return this.calendar(body, `${organization.name} – ${body.name}`, meetings);
  }

  /** One meeting as a calendar file, for "add to calendar": the same event (UID, SEQUENCE) as in the feeds. */
  async meetingCalendar(body: BodyRow, meetingId: string): Promise<string> {
    const meetings = await this.feeds.meetings({ bodyId: body.id, meetingId });
    if (meetings.length === 0) throw notFound();
    return this.calendar(body, meetings[0]!.name, meetings);
  }

  async meetingBody(meetingId: string) {
    const meeting = await this.feeds.meetingBody(meetingId);
    if (!meeting) throw notFound();
    return meeting.body_id;
  }

  async organizationBody(organizationId: string) {
    const organization = await this.feeds.organization(organizationId);
    if (!organization) throw notFound();
    return organization.body_id;
  }

  async bodyAtom(body: BodyRow, selfUrl: string): Promise<string> {
    const { papers, meetings } = await this.feeds.recentPublicChanges(body.id, 50);
    const entries = [
      ...papers.map((p) => ({
        id: `urn:uuid:${p.id}`,
        title: `${p.paper_type}${p.reference ? ` ${p.reference}` : ''}: ${p.name}`,
        updated: p.modified,
        published: p.created,
        link: `${this.publicUrl}/${body.slug}/vorlagen/${p.id}`,
        summary: `${p.paper_type}${p.date ? ` vom ${germanDate(p.date)}` : ''}`,
      })),
      ...meetings.map((m) => ({
        id: `urn:uuid:${m.id}`,
        title: `${m.cancelled ? 'Abgesagt: ' : ''}${m.name}`,
        updated: m.modified,
        published: m.created,
        link: `${this.publicUrl}/${body.slug}/sitzungen/${m.id}`,
        summary: `Sitzung am ${germanDateTime(m.start)}${m.cancelled ? ' (abgesagt)' : ''}`,
      })),
    ]
      .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id))
      .slice(0, 50);
    const updated = entries[0]?.updated ?? body.modified;
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">',
      `  <id>${escapeXml(selfUrl)}</id>`,
      `  <title>${escapeXml(`${body.name}: neue und geänderte Vorlagen und Sitzungen`)}</title>`,
      `  <updated>${updated.toISOString()}</updated>`,
      `  <link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl)}"/>`,
      `  <link rel="alternate" type="text/html" href="${escapeXml(`${this.publicUrl}/${body.slug}`)}"/>`,
      `  <author><name>${escapeXml(body.name)}</name></author>`,
      `  <generator>Ratsmappe</generator>`,
      ...entries.flatMap((e) => [
        '  <entry>',
        `    <id>${e.id}</id>`,
        `    <title>${escapeXml(e.title)}</title>`,
        `    <updated>${e.updated.toISOString()}</updated>`,
        `    <published>${e.published.toISOString()}</published>`,
        `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
        `    <summary>${escapeXml(e.summary)}</summary>`,
        '  </entry>',
      ]),
      '</feed>',
      '',
    ];
    return xml.join('\n');
  }

  private windowStart(): Date {
    return new Date(this.clock.now().getTime() - calendarWindowMs);
  }

  private async calendar(body: BodyRow, name: string, meetings: FeedMeeting[]): Promise<string> {
    const items = await this.feeds.agendaItems(meetings.map((m) => m.id));
    const now = this.clock.now();
    const lines = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Ratsmappe//Sitzungskalender//DE',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(name)}`,
      'X-WR-TIMEZONE:Europe/Berlin',
      ...berlinTimeZone,
    ];
    for (const meeting of meetings) {
      const end = meeting.end ?? new Date(meeting.start.getTime() + 2 * 3_600_000);
      const url = `${this.publicUrl}/${body.slug}/sitzungen/${meeting.id}`;
      const agenda = publicAgenda(
        body.id,
        items.filter((i) => i.meeting_id === meeting.id),
      );
      const description = [...(agenda.length > 0 ? ['Öffentliche Tagesordnung:', ...agenda, ''] : []), url].join('\n');
      lines.push(
        'BEGIN:VEVENT',
        `UID:meeting-${meeting.id}@${this.host}`,
        `DTSTAMP:${utcStamp(now)}`,
        `CREATED:${utcStamp(meeting.created)}`,
        `LAST-MODIFIED:${utcStamp(meeting.modified)}`,
        `SEQUENCE:${Math.max(0, meeting.revisions - 1)}`,
        `DTSTART;TZID=Europe/Berlin:${berlinLocal(meeting.start)}`,
        `DTEND;TZID=Europe/Berlin:${berlinLocal(end)}`,
        `SUMMARY:${escapeText(meeting.cancelled ? `Abgesagt: ${meeting.name}` : meeting.name)}`,
        ...(meeting.location ? [`LOCATION:${escapeText(meeting.location)}`] : []),
        `URL:${url}`,
        `DESCRIPTION:${escapeText(description)}`,
        `STATUS:${meeting.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
        'TRANSP:OPAQUE',
        'END:VEVENT',
      );
    }
    lines.push('END:VCALENDAR');
    return serializeCalendar(lines);
  }
}

/** The agenda as the public may see it: non-public items are not even counted here. */
function publicAgenda(bodyId: string, items: FeedAgendaItem[]): string[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return items
    .filter((item) => {
      const parent = item.parent_id ? byId.get(item.parent_id) : undefined;
      const effectivePublic = isAgendaItemPublic({ public: item.public, parentPublic: parent?.public });
      return mayRead(publicScope, { bodyId, public: effectivePublic, organizationIds: [] });
    })
    .map((item) => `${item.number ?? ''} ${item.name}`.trim());
}

function escapeXml(value: string): string {
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters, so they are dropped.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

function germanDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

function germanDateTime(instant: Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(instant);
}
