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
 * version the client saw (its `edit_version`) still holds; then moves the version on, as the caller is about to
 * write. Shared by the agenda builder and the meeting lifecycle.
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
  if (version !== undefined && version !== editVersionTag(meeting.edit_version)) {
    throw refused('version', messages.stale);
  }
  await agenda.bumpEditVersion(trx, meetingId);
  return meeting;
}

/** The `version` clients send back: the edit counter as a string, so it stays opaque to them. */
export function editVersionTag(editVersion: number): string {
  return String(editVersion);
}
