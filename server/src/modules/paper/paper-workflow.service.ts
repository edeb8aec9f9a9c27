import {
  isAgendaItemPublic,
  mayRead,
  paperWorkflowMessages,
  type ConsultationStep,
  type CreateConsultation,
  type EditedPaper,
  type Locale,
  type UpdateConsultation,
  type UpdatePaper,
} from '@ratsmappe/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../clock.js';
import type { Database, PaperRow } from '../../db/schema/tables.js';
import { DomainError, notFound } from '../../errors.js';
import type { AccessService, Principal } from '../access/access.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { nextConsultationPosition } from '../meeting/agenda.repository.js';
import type { InvitationWriter } from '../meeting/invitation-writer.js';
import type { ConsultationChange, PaperWorkflowRepository } from './paper-workflow.repository.js';
import { consultationPath } from './consultation-path.js';
import type { PaperRepository } from './paper.repository.js';
import { toPaper } from './paper.service.js';

/**
 * The office's edits of papers and their consultation path. A paper's publicity is its own: linking it to an agenda
 * item of either part does not change it. Switching a paper to non-public also makes its files non-public (their own
 * flags), so that switching it back later publishes none of them without a fresh decision per file.
 */
export class PaperWorkflowService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly papers: PaperRepository,
    private readonly workflow: PaperWorkflowRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly invitations: InvitationWriter,
  ) {}

  async update(
    principal: Principal,
    paperId: string,
    input: UpdatePaper,
    version: string | undefined,
    locale: Locale,
  ): Promise<EditedPaper> {
    await this.requireOffice(principal, paperId);
    const messages = paperWorkflowMessages[locale];
    const updated = await this.db.transaction().execute(async (trx) => {
      const paper = await this.workflow.lockPaper(trx, paperId);
      if (!paper || paper.deleted) throw notFound();
      if (version !== undefined && version !== String(paper.edit_version)) {
        throw refused('version', messages.stale);
      }
      const values: Parameters<PaperWorkflowRepository['updatePaper']>[2] = {};
      if (input.name !== undefined && input.name !== paper.name) values.name = input.name;
      if (input.date !== undefined && input.date !== paper.date) values.date = input.date;
      if (input.paperType !== undefined && input.paperType !== paper.paper_type) values.paper_type = input.paperType;
      if (input.bodyText !== undefined && input.bodyText !== paper.body_text) values.body_text = input.bodyText;
      if (input.public !== undefined && input.public !== paper.public) values.public = input.public;
      if (input.reference !== undefined && input.reference !== paper.reference) {
        if (await this.papers.referenceTaken(trx, paper.body_id, input.reference)) {
          throw refused('reference', messages.referenceTaken);
        }
        values.reference = input.reference;
      }
      if (Object.keys(values).length === 0) return paper;
      const row = await this.workflow.updatePaper(trx, paper.id, values);
      const hiddenFileIds =
        values.public === false ? await this.workflow.hideFiles(trx, paper.id, this.clock.now()) : [];
      // A public invitation printed the reference of this paper where a public item names it: not any more.
      if (values.public === false) {
        const items = await this.workflow.publishedItemsNaming(trx, paper.id);
        const shown = items.filter((i) =>
          isAgendaItemPublic({ public: i.public, parentPublic: i.parent_public ?? undefined }),
        );
        for (const meetingId of new Set(shown.map((i) => i.meeting_id))) {
          await this.invitations.redact(trx, principal, meetingId, this.clock.now(), { paperId: paper.id });
        }
      }
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: paper.body_id,
          action: 'paper.update',
          objectType: 'paper',
          objectId: paper.id,
          details: {
            fields: Object.keys(values),
            public: row.public,
            previousPublic: paper.public,
            ...(values.reference ? { reference: values.reference, previousReference: paper.reference } : {}),
            ...(values.date ? { date: values.date, previousDate: paper.date } : {}),
            hiddenFileIds,
          },
        },
        trx,
      );
      return row;
    });
    return { ...toPaper(updated), version: String(updated.edit_version), bodyText: updated.body_text };
  }

  /** The Beratungsfolge; the paper's own visibility decides, and each agenda item's details need that item readable. */
  async consultations(principal: Principal, paperId: string): Promise<ConsultationStep[]> {
    const paper = await this.papers.find(paperId);
    if (!paper || paper.deleted || !(await this.readable(principal, paper))) throw notFound();
    return consultationPath(this.papers, principal.scope, paperId);
  }

  async addConsultation(principal: Principal, paperId: string, input: CreateConsultation): Promise<ConsultationStep> {
    await this.requireOffice(principal, paperId);
    const id = await this.db.transaction().execute(async (trx) => {
      const paper = await this.workflow.lockPaper(trx, paperId);
      if (!paper || paper.deleted) throw notFound();
      await this.requireTargets(trx, paper.body_id, input.organizationId, input.meetingId ?? null);
      const consultationId = await this.workflow.insertConsultation(trx, {
        bodyId: paper.body_id,
        paperId: paper.id,
        organizationId: input.organizationId,
        meetingId: input.meetingId ?? null,
        role: input.role ?? null,
        authoritative: input.authoritative,
        position: await nextConsultationPosition(trx, paper.id),
      });
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: paper.body_id,
          action: 'consultation.create',
          objectType: 'consultation',
          objectId: consultationId,
          details: {
            paperId: paper.id,
            organizationId: input.organizationId,
            meetingId: input.meetingId ?? null,
            authoritative: input.authoritative,
          },
        },
        trx,
      );
      return consultationId;
    });
    return this.step(principal, paperId, id);
  }

  async updateConsultation(
    principal: Principal,
    consultationId: string,
    input: UpdateConsultation,
    locale: Locale,
  ): Promise<ConsultationStep> {
    const found = await this.requireConsultationOffice(principal, consultationId);
    await this.db.transaction().execute(async (trx) => {
      const current = await this.lockedConsultation(trx, found.paper_id, consultationId);
      const values: ConsultationChange = {};
      if (input.organizationId !== undefined) values.organization_id = input.organizationId;
      if (input.role !== undefined) values.role = input.role;
      if (input.authoritative !== undefined) values.authoritative = input.authoritative;
      if (input.meetingId !== undefined && input.meetingId !== current.meeting_id) {
        if (current.live_agenda_item_id) throw refused('meetingId', paperWorkflowMessages[locale].meetingOfStep);
        values.meeting_id = input.meetingId;
      }
      await this.requireTargets(trx, current.body_id, values.organization_id ?? null, values.meeting_id ?? null);
      await this.workflow.updateConsultation(trx, consultationId, values);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: current.body_id,
          action: 'consultation.update',
          objectType: 'consultation',
          objectId: consultationId,
          details: {
            paperId: current.paper_id,
            fields: Object.keys(values),
            organizationId: values.organization_id,
            meetingId: values.meeting_id,
            authoritative: values.authoritative,
          },
        },
        trx,
      );
    });
    return this.step(principal, found.paper_id, consultationId);
  }

  /** Removes a planned step; a step on an agenda goes away by unlinking the paper from that agenda item. */
  async deleteConsultation(principal: Principal, consultationId: string, locale: Locale): Promise<void> {
    const found = await this.requireConsultationOffice(principal, consultationId);
    await this.db.transaction().execute(async (trx) => {
      const current = await this.lockedConsultation(trx, found.paper_id, consultationId);
      if (current.live_agenda_item_id) throw refused('consultation', paperWorkflowMessages[locale].onAgenda);
      await this.workflow.softDeleteConsultation(trx, consultationId);
      await this.audit.record(
        {
          accountId: principal.viewer.accountId,
          bodyId: current.body_id,
          action: 'consultation.delete',
          objectType: 'consultation',
          objectId: consultationId,
          details: { paperId: current.paper_id },
        },
        trx,
      );
    });
  }

  private async requireOffice(principal: Principal, paperId: string): Promise<PaperRow> {
    const paper = await this.papers.find(paperId);
    if (!paper || paper.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, paper.body_id);
    return paper;
  }

  private async requireConsultationOffice(principal: Principal, consultationId: string) {
    const consultation = await this.workflow.findConsultation(consultationId);
    if (!consultation || consultation.deleted) throw notFound();
    this.access.requireOfficeStaff(principal, consultation.body_id);
    return consultation;
  }

  /** Locks the paper (steps of one paper change one after the other) and re-reads the step. */
  private async lockedConsultation(trx: Transaction<Database>, paperId: string, consultationId: string) {
    const paper = await this.workflow.lockPaper(trx, paperId);
    if (!paper || paper.deleted) throw notFound();
    const current = await this.workflow.findConsultation(consultationId, trx);
    if (!current || current.deleted) throw notFound();
    return current;
  }

  private async requireTargets(
    trx: Transaction<Database>,
    bodyId: string,
    organizationId: string | null,
    meetingId: string | null,
  ): Promise<void> {
    const issues = [];
    if (organizationId && !(await this.workflow.liveOrganizationOfBody(trx, organizationId, bodyId))) {
      issues.push({ path: 'organizationId', message: 'unknown organization of this body' });
    }
    if (meetingId && !(await this.workflow.liveMeetingOfBody(trx, meetingId, bodyId))) {
      issues.push({ path: 'meetingId', message: 'unknown meeting of this body' });
    }
    if (issues.length > 0) throw new DomainError('validation_failed', 'unknown target', issues);
  }

  private async readable(principal: Principal, paper: PaperRow): Promise<boolean> {
    const organizationIds = paper.public ? [] : await this.papers.accessOrganizationIds(paper.id);
    return mayRead(principal.scope, { bodyId: paper.body_id, public: paper.public, organizationIds });
  }

  private async step(principal: Principal, paperId: string, consultationId: string): Promise<ConsultationStep> {
    const [view] = await consultationPath(this.papers, principal.scope, paperId, consultationId);
    if (!view) throw notFound();
    return view;
  }
}

function refused(path: string, message: string): DomainError {
  return new DomainError('conflict', message, [{ path, message }]);
}
