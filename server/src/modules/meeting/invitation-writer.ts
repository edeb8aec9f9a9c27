import { berlinDate, isAgendaItemPublic } from '@ratsmappe/shared';
import type { Transaction } from 'kysely';
import type { Database, MeetingRow } from '../../db/schema/tables.js';
import type { Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { FileService } from '../file/file.service.js';
import type { AgendaRepository } from './agenda.repository.js';
import { renderInvitation, type InvitationInput } from './invitation-pdf.js';
import type { MeetingLifecycleRepository } from './meeting-lifecycle.repository.js';
import type { MeetingRepository } from './meeting.repository.js';

/** Display names of the generated invitation files; regeneration finds them by name and adds a version. */
export const invitationFileNames = { full: 'Einladung', public: 'Einladung (öffentlicher Teil)' } as const;

type Variant = 'full' | 'public';

/**
 * Writes a meeting's invitation PDFs: the full one (non-public, for the members) and the public one.
 *
 * Invariant: no live version of the public invitation prints anything that is not public now. When an agenda item
 * of an invited meeting leaves the public part, or a paper whose reference the public invitation shows becomes
 * non-public, `redact` writes a new public version from the current agenda and withdraws the older ones, which
 * still print it. The full invitation keeps its whole history for those who may read the non-public part.
 */
export class InvitationWriter {
  constructor(
    private readonly meetings: MeetingRepository,
    private readonly lifecycle: MeetingLifecycleRepository,
    private readonly agenda: AgendaRepository,
    private readonly files: FileService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Renders the variants from what the transaction sees and stores them as the meeting's invitation files. This runs
   * under the change-log lock, so the PDFs show exactly what commits; two small PDFs take a fraction of a second.
   */
  async write(
    trx: Transaction<Database>,
    principal: Principal,
    meeting: MeetingRow,
    now: Date,
    variants: readonly Variant[] = ['full', 'public'],
  ) {
    const input = await this.input(trx, meeting, now);
    const day = berlinDate(meeting.start);
    const files = {
      full: { name: invitationFileNames.full, fileName: `einladung-${day}.pdf`, public: false },
      public: { name: invitationFileNames.public, fileName: `einladung-${day}-oeffentlich.pdf`, public: true },
    };
    const stored = [];
    for (const variant of variants) {
      const content = await renderInvitation(input, variant);
      stored.push(
        await this.files.storeGenerated(trx, principal, {
          owner: { type: 'meeting', id: meeting.id },
          bodyId: meeting.body_id,
          role: 'invitation',
          ...files[variant],
          content,
        }),
      );
    }
    return stored;
  }

  /**
   * After something the public invitation may have printed became non-public: a new public version without it, and
   * the older versions withdrawn. Nothing to do for a meeting that was never invited (it has no invitation yet) or
   * whose public invitation the office withdrew.
   */
  async redact(
    trx: Transaction<Database>,
    principal: Principal,
    meetingId: string,
    now: Date,
    reason: { agendaItemIds: string[] } | { paperId: string },
  ): Promise<void> {
    const meeting = await this.meetings.find(meetingId, trx);
    if (!meeting || meeting.deleted || meeting.meeting_state === 'planned') return;
    const existing = await this.files.liveGenerated(
      trx,
      { type: 'meeting', id: meeting.id },
      'invitation',
      invitationFileNames.public,
    );
    if (!existing) return;
    const [stored] = await this.write(trx, principal, meeting, now, ['public']);
    const withdrawn = await this.files.withdrawOlderVersions(trx, principal, stored!.fileId, reason);
    await this.audit.record(
      {
        accountId: principal.viewer.accountId,
        bodyId: meeting.body_id,
        action: 'meeting.invitation_redact',
        objectType: 'meeting',
        objectId: meeting.id,
        details: { fileId: stored!.fileId, version: stored!.version, withdrawnVersions: withdrawn, ...reason },
      },
      trx,
    );
  }

  private async input(trx: Transaction<Database>, meeting: MeetingRow, now: Date): Promise<InvitationInput> {
    const body = await this.lifecycle.body(trx, meeting.body_id);
    const organizations = await this.meetings.organizationsOf([meeting.id], trx);
    const location = meeting.location_id ? await this.lifecycle.location(trx, meeting.location_id) : undefined;
    const rows = await this.meetings.agendaItems(meeting.id, trx);
    const paperIds = [...new Set(rows.flatMap((r) => (r.paper_id ? [r.paper_id] : [])))];
    const papers = new Map((await this.agenda.papers(trx, paperIds)).filter((p) => !p.deleted).map((p) => [p.id, p]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const locationLine = location
      ? [
          location.description,
          location.room,
          location.street_address,
          [location.postal_code, location.locality].filter(Boolean).join(' '),
        ]
          .filter(Boolean)
          .join(', ')
      : null;
    return {
      body: {
        name: body.name,
        streetAddress: body.street_address,
        postalCode: body.postal_code,
        locality: body.locality,
        contactEmail: body.contact_email,
        website: body.website,
      },
      meeting: {
        name: meeting.name,
        start: meeting.start,
        end: meeting.end,
        location: locationLine || null,
        organizations: organizations.map((o) => o.name),
      },
      items: rows.map((row) => {
        const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
        const paper = row.paper_id ? papers.get(row.paper_id) : undefined;
        return {
          number: row.number,
          name: row.name,
          public: isAgendaItemPublic({ public: row.public, parentPublic: parent?.public }),
          isSubItem: row.parent_id !== null,
          paper: paper ? { reference: paper.reference, public: paper.public } : null,
          supplementAt: row.supplement_at,
        };
      }),
      issuedAt: now,
    };
  }
}
