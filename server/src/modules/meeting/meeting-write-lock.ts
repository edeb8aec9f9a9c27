import { meetingWorkflowMessages, type Locale } from '@ratsmappe/shared';
import type { Transaction } from 'kysely';
import type { Database, MeetingRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AgendaRepository } from './agenda.repository.js';

/** A workflow refusal: 409 with the reason, in the asker's language, also as a field issue for the form. */
export function refused(path: string, message: string): DomainError {
  return new DomainError('conflict', message, [{ path, message }]);
}

/**
 * Locks the meeting row for this transaction and checks it can be written: it exists, is not cancelled, and the
 * version the client saw (its `modified`) still holds. Shared by the agenda builder and the meeting lifecycle.
 */
export async function lockMeetingForWrite(
  agenda: AgendaRepository,
  trx: Transaction<Database>,
  meetingId: string,
  version: string | undefined,
  locale: Locale,
): Promise<MeetingRow> {
  const meeting = await agenda.lockMeeting(trx, meetingId);
  if (!meeting || meeting.deleted) throw notFound();
  const messages = meetingWorkflowMessages[locale];
  if (meeting.cancelled) throw refused('meeting', messages.cancelled);
  if (version !== undefined && Date.parse(version) !== meeting.modified.getTime()) {
    throw refused('version', messages.stale);
  }
  return meeting;
}
