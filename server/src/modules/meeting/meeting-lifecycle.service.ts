import {
  meetingStates,
  meetingTransitions,
  meetingWorkflowMessages,
  type Locale,
  type MeetingDetail,
  type MeetingStateChange,
  type UpdateMeeting,
} from '@ratsmappe/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import { iso, isoOrNull } from '../../db/rows.js';
import type { Database, MeetingRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AgendaRepository } from './agenda.repository.js';
import type { InvitationWriter } from './invitation-writer.js';
import { lockMeetingForWrite, refused } from './meeting-write-lock.js';
import type { MeetingLifecycleRepository } from './meeting-lifecycle.repository.js';
import type { MeetingRepository } from './meeting.repository.js';
import type { MeetingService } from './meeting.service.js';

export { invitationFileNames } from './invitation-writer.js';

/**
 * A meeting's life: planned → invited → held → minutes released, one step at a time and never back (a wrong
 * invitation is public record; the office cancels the meeting and plans a new one). Moving to "invited" stamps
 * `invited_at` and writes the invitation PDFs; releasing the minutes needs a live results_protocol file on the
 * meeting. A cancelled meeting is frozen; a meeting that has been held cannot be cancelled. Date, place and
 * committees may change after the invitation; the audit entry keeps the previous values.
 */
export class MeetingLifecycleService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly meetings: MeetingRepository,
    private readonly lifecycle: MeetingLifecycleRepository,
    private readonly agenda: AgendaRepository,
    private readonly invitations: InvitationWriter,
    private readonly meetingDetails: MeetingService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async update(
    principal: Principal,
    meetingId: string,
    input: UpdateMeeting,
    version: string | undefined,
    locale: Locale,
  ): Promise<MeetingDetail> {
    await this.requireOffice(principal, meetingId);
    await this.db.transaction().execute(async (trx) => {
      const meeting = await lockMeetingForWrite(this.agenda, trx, meetingId, version, locale);
      const values: { name?: string; start?: Date; end?: Date | null; location_id?: string | null } = {};
      const previous: Record<string, unknown> = {};
      if (input.name !== undefined && input.name !== meeting.name) values.name = input.name;
      const start = input.start === undefined ? meeting.start : new Date(input.start);
      const end = input.end === undefined ? meeting.end : input.end === null ? null : new Date(input.end);
      if (end && end.getTime() < start.getTime()) {
        throw new DomainError('validation_failed', 'end before start', [
          { path: input.end === undefined ? 'start' : 'end', message: 'end must not be before start' },
        ]);
      }
      if (start.getTime() !== meeting.start.getTime()) {
        values.start = start;
        previous.start = iso(meeting.start);
      }
      if ((end?.getTime() ?? null) !== (meeting.end?.getTime() ?? null)) {
        values.end = end;
        previous.end = isoOrNull(meeting.end);
      }
      if (input.locationDescription !== undefined) {
        const current = meeting.location_id ? await this.lifecycle.location(trx, meeting.location_id) : undefined;
        if ((current?.description ?? null) !== input.locationDescription) {
          values.location_id =
            input.locationDescription === null
              ? null
              : await this.lifecycle.insertLocation(trx, meeting.body_id, input.locationDescription);
          previous.locationId = meeting.location_id;
        }
      }
      if (input.organizationIds) {
        const before = await this.replaceOrganizations(trx, meeting, input.organizationIds);
        if (before) previous.organizationIds = before;
      }
      const fields = [...Object.keys(values).map((k) => (k === 'location_id' ? 'location' : k))];
      if (previous.organizationIds) fields.push('organizations');
      if (fields.length === 0) return;
      await this.lifecycle.update(trx, meeting.id, values);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: meeting.body_id,
          action: 'meeting.update',
          objectType: 'meeting',
          objectId: meeting.id,
          details: {
            fields,
            afterInvitation: meeting.meeting_state !== 'planned',
            previous,
            ...(values.start ? { start: iso(values.start) } : {}),
            ...(values.end !== undefined ? { end: isoOrNull(values.end) } : {}),
            ...(values.location_id !== undefined ? { locationId: values.location_id } : {}),
            ...(previous.organizationIds ? { organizationIds: input.organizationIds } : {}),
          },
        },
        trx,
      );
    });
    return this.meetingDetails.detail(principal, meetingId);
  }

  /** Idempotent: cancelling a cancelled meeting changes nothing and records nothing. */
  async cancel(principal: Principal, meetingId: string, locale: Locale): Promise<MeetingDetail> {
    await this.requireOffice(principal, meetingId);
    await this.db.transaction().execute(async (trx) => {
      const meeting = await this.agenda.lockMeeting(trx, meetingId);
      if (!meeting || meeting.deleted) throw notFound();
      if (meeting.cancelled) return;
      if (meeting.meeting_state === 'held' || meeting.meeting_state === 'minutes_released') {
        throw refused('meeting', meetingWorkflowMessages[locale].notCancellable);
      }
      await this.lifecycle.setCancelled(trx, meeting.id);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: meeting.body_id,
          action: 'meeting.cancel',
          objectType: 'meeting',
          objectId: meeting.id,
          details: { state: meeting.meeting_state, afterInvitation: meeting.meeting_state !== 'planned' },
        },
        trx,
      );
    });
    return this.meetingDetails.detail(principal, meetingId);
  }

  /** Idempotent for the state the meeting is already in (a retried request); anything but the next step is 409. */
  async changeState(
    principal: Principal,
    meetingId: string,
    input: MeetingStateChange,
    version: string | undefined,
    locale: Locale,
  ): Promise<MeetingDetail> {
    await this.requireOffice(principal, meetingId);
    const messages = meetingWorkflowMessages[locale];
    await this.db.transaction().execute(async (trx) => {
      const meeting = await lockMeetingForWrite(this.agenda, trx, meetingId, version, locale);
      const from = meeting.meeting_state;
      const to = input.state;
      if (from === to) return;
      const next = meetingTransitions[from];
      if (next === null) throw refused('state', messages.final);
      if (meetingStates.indexOf(to) < meetingStates.indexOf(from)) throw refused('state', messages.backwards(from, to));
      if (to !== next) throw refused('state', messages.skipped(from, next));

      const now = this.clock.now();
      let invitationFileIds: string[] = [];
      if (to === 'invited') {
        if ((await this.meetings.agendaItems(meeting.id, trx)).length === 0) {
          throw refused('state', messages.agendaEmpty);
        }
        invitationFileIds = (await this.invitations.write(trx, principal, meeting, now)).map((f) => f.fileId);
      }
      if (to === 'minutes_released' && !(await this.lifecycle.hasLiveFile(trx, meeting.id, 'results_protocol'))) {
        throw refused('state', messages.minutesMissing);
      }
      await this.lifecycle.setState(trx, meeting.id, to, to === 'invited' ? now : undefined);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: meeting.body_id,
          action: 'meeting.state',
          objectType: 'meeting',
          objectId: meeting.id,
          details: { from, to, ...(to === 'invited' ? { invitationFileIds } : {}) },
        },
        trx,
      );
    });
    return this.meetingDetails.detail(principal, meetingId);
  }

  /** Writes the invitation again (after supplements): a new version of each invitation file whose content changed. */
  async regenerateInvitation(principal: Principal, meetingId: string, locale: Locale): Promise<MeetingDetail> {
    await this.requireOffice(principal, meetingId);
    const messages = meetingWorkflowMessages[locale];
    await this.db.transaction().execute(async (trx) => {
      const meeting = await lockMeetingForWrite(this.agenda, trx, meetingId, undefined, locale);
      if (meeting.meeting_state === 'planned') throw refused('state', messages.invitationNotYet);
      if (meeting.meeting_state !== 'invited') throw refused('agenda', messages.agendaLocked);
      const stored = await this.invitations.write(trx, principal, meeting, this.clock.now());
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: meeting.body_id,
          action: 'meeting.invitation_regenerate',
          objectType: 'meeting',
          objectId: meeting.id,
          details: { files: stored.map((f) => ({ id: f.fileId, version: f.version, changed: f.changed })) },
        },
        trx,
      );
    });
    return this.meetingDetails.detail(principal, meetingId);
  }

  private async requireOffice(principal: Principal, meetingId: string): Promise<void> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || meeting.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, meeting.body_id);
  }

  /** Replaces the holding organizations (lead first); returns the previous ids when anything changed. */
  private async replaceOrganizations(
    trx: Transaction<Database>,
    meeting: MeetingRow,
    organizationIds: readonly string[],
  ): Promise<string[] | null> {
    if (!(await this.meetings.organizationsBelongToBody(trx, meeting.body_id, organizationIds))) {
      throw new DomainError('validation_failed', 'unknown organization', [
        { path: 'organizationIds', message: 'unknown organization of this body' },
      ]);
    }
    const links = await this.lifecycle.organizationLinks(trx, meeting.id);
    const before = links.map((l) => l.organization_id);
    if (before.length === organizationIds.length && before.every((id, i) => id === organizationIds[i])) return null;
    await this.lifecycle.softDeleteOrganizationLinks(
      trx,
      links.filter((l) => !organizationIds.includes(l.organization_id)).map((l) => l.id),
    );
    for (const [position, organizationId] of organizationIds.entries()) {
      const link = links.find((l) => l.organization_id === organizationId);
      if (!link) {
        await this.lifecycle.insertOrganizationLink(trx, {
          bodyId: meeting.body_id,
          meetingId: meeting.id,
          organizationId,
          position,
        });
      } else if (link.position !== position) {
        await this.lifecycle.setOrganizationLinkPosition(trx, link.id, position);
      }
    }
    return before;
  }
}
