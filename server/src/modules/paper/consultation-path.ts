/**
 * Invariant: a step of the Beratungsfolge shows its agenda item (number, name, result) only to those who may read
 * that item (its own and its parent's publicity, the meeting's holding organizations); the step itself is shown
 * whenever the paper is readable. The one reader of a paper's consultation path, for the public page and the office.
 */
import { isAgendaItemPublic, mayRead, type AccessScope, type ConsultationStep } from '@ratsmappe/shared';
import { iso } from '../../db/rows.js';
import type { PaperRepository } from './paper.repository.js';

export async function consultationPath(
  papers: PaperRepository,
  scope: AccessScope,
  paperId: string,
  consultationId?: string,
): Promise<ConsultationStep[]> {
  const rows = await papers.consultations(paperId, consultationId);
  const meetingIds = [...new Set(rows.flatMap((r) => (r.agenda_item_meeting_id ? [r.agenda_item_meeting_id] : [])))];
  const holding = scope.publicOnly ? new Map<string, string[]>() : await papers.meetingOrganizations(meetingIds);
  return rows.map((r) => {
    const itemReadable =
      r.agenda_item_id !== null &&
      r.agenda_item_meeting_id !== null &&
      r.meeting_id !== null &&
      mayRead(scope, {
        bodyId: r.body_id,
        public: isAgendaItemPublic({
          public: r.agenda_item_public ?? false,
          parentPublic: r.agenda_item_parent_public ?? undefined,
        }),
        organizationIds: holding.get(r.agenda_item_meeting_id) ?? [],
      });
    const agendaItem =
      itemReadable && r.agenda_item_id !== null
        ? {
            id: r.agenda_item_id,
            number: r.agenda_item_number,
            name: r.agenda_item_name ?? '',
            result: r.agenda_item_result,
          }
        : null;
    return {
      id: r.id,
      paperId: r.paper_id,
      position: r.position,
      role: r.role,
      authoritative: r.authoritative,
      organization:
        r.organization_id !== null && r.organization_name !== null
          ? { id: r.organization_id, name: r.organization_name, shortName: r.organization_short_name }
          : null,
      meeting:
        r.meeting_id !== null && r.meeting_name !== null && r.meeting_start !== null && r.meeting_state !== null
          ? {
              id: r.meeting_id,
              name: r.meeting_name,
              start: iso(r.meeting_start),
              cancelled: r.meeting_cancelled ?? false,
              state: r.meeting_state,
            }
          : null,
      agendaItem,
      result: agendaItem?.result ?? null,
    };
  });
}
