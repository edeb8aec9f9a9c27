import type { Kysely } from 'kysely';
import type { Database, MeetingRow } from '../../db/schema/tables.js';
import { DomainError } from '../../errors.js';
import type { AgendaRepository } from './agenda.repository.js';
import type { MeetingRepository } from './meeting.repository.js';

/**
 * Puts a paper of the meeting's body on an agenda item, for a new item and an existing one alike: the item takes
 * over a planned step of the paper (one for this meeting first, else one for a holding organization without a
 * meeting yet), else a step for the lead organization is added. One rule for both ways in, so a planned
 * Beratungsfolge is never doubled. Returns the consultation's id.
 */
export async function linkPaperToItem(
  trx: Kysely<Database>,
  repositories: { agenda: AgendaRepository; meetings: MeetingRepository },
  meeting: MeetingRow,
  itemId: string,
  paperId: string,
): Promise<string> {
  const { agenda, meetings } = repositories;
  const paper = await agenda.livePaperOfBody(trx, paperId, meeting.body_id);
  if (!paper) {
    throw new DomainError('validation_failed', 'unknown paper', [
      { path: 'paperId', message: 'unknown paper of this body' },
    ]);
  }
  const organizations = await meetings.organizationsOf([meeting.id], trx);
  const planned = await agenda.plannedStep(
    trx,
    paperId,
    meeting.id,
    organizations.map((o) => o.id),
  );
  if (planned) {
    await agenda.attachStep(trx, planned.id, meeting.id, itemId);
    return planned.id;
  }
  return agenda.insertConsultation(trx, {
    bodyId: meeting.body_id,
    paperId,
    meetingId: meeting.id,
    agendaItemId: itemId,
    organizationId: organizations[0]?.id ?? null,
  });
}
