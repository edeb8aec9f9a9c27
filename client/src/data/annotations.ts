import { useMemo } from 'react';
import type { AnnotationHeader, SyncAgendaItem, SyncFile, SyncOrganization } from '@ratsmappe/shared';
import { toWebAnnotationCollection } from '@ratsmappe/shared/annotations/web-annotation';
import { berlinDate } from '@ratsmappe/shared/time/berlin';
import {
  effectiveAnnotations,
  writeAnnotation,
  type AnnotationChanges,
  type AnnotationView,
  type WriteResult,
} from '../offline/annotations';
import { meetingContent } from '../offline/keep-set';
import type { TabletRuntime } from '../offline/runtime';
import { useLiveQuery, type Live } from './tablet';

/**
 * Annotations for the tablet screens: live queries over the synced rows with this device's pending writes on
 * top, and the one command that writes them (record and outbox entry in one transaction, then a sync).
 */

export type { AnnotationView, AnnotationChanges } from '../offline/annotations';

export function useDocumentAnnotations(runtime: TabletRuntime, fileId: string): Live<AnnotationView[]> {
  const query = useMemo(() => () => effectiveAnnotations(runtime.db, { fileIds: [fileId] }), [runtime, fileId]);
  return useLiveQuery(query, { keepPrevious: true });
}

export function useItemNotes(runtime: TabletRuntime, itemIds: readonly string[]): Live<AnnotationView[]> {
  const key = itemIds.join(',');
  const query = useMemo(
    () => () => effectiveAnnotations(runtime.db, { agendaItemIds: key ? key.split(',') : [] }),
    [runtime, key],
  );
  return useLiveQuery(query, { keepPrevious: true });
}

export interface MeetingAnnotation {
  annotation: AnnotationView;
  file: SyncFile | null;
  item: SyncAgendaItem | null;
}

/** The user's own annotations of a meeting: on its documents and on its agenda items, in agenda order. */
export function useMeetingAnnotations(runtime: TabletRuntime, meetingId: string): Live<MeetingAnnotation[]> {
  const query = useMemo(
    () => async (): Promise<MeetingAnnotation[]> => {
      const content = await meetingContent(runtime.db, meetingId);
      const files = new Map(content.documents.map((d) => [d.file.id, d.file]));
      const items = new Map(content.items.map((item) => [item.id, item]));
      const own = (
        await effectiveAnnotations(runtime.db, { fileIds: [...files.keys()], agendaItemIds: [...items.keys()] })
      ).filter((a) => a.own);
      const order = new Map(content.documents.map((d, i) => [d.file.id, i]));
      const itemOrder = new Map(content.items.map((item, i) => [item.id, i]));
      return own
        .map((annotation) => ({
          annotation,
          file: annotation.fileId ? (files.get(annotation.fileId) ?? null) : null,
          item: annotation.agendaItemId ? (items.get(annotation.agendaItemId) ?? null) : null,
        }))
        .sort(
          (a, b) =>
            (a.item ? (itemOrder.get(a.item.id) ?? 0) : -1) - (b.item ? (itemOrder.get(b.item.id) ?? 0) : -1) ||
            (a.file ? (order.get(a.file.id) ?? 0) : 0) - (b.file ? (order.get(b.file.id) ?? 0) : 0) ||
            (a.annotation.values.target?.page ?? 0) - (b.annotation.values.target?.page ?? 0) ||
            a.annotation.createdAt.localeCompare(b.annotation.createdAt),
        );
    },
    [runtime, meetingId],
  );
  return useLiveQuery(query);
}

export interface ShareTargets {
  factions: SyncOrganization[];
  committees: SyncOrganization[];
}

/** The organizations the user belongs to today, of the document's body: whom an annotation can be shared with. */
export function useShareTargets(runtime: TabletRuntime, bodyId: string | null): Live<ShareTargets> {
  const personKey = runtime.account.personIds.join(',');
  const query = useMemo(
    () => async (): Promise<ShareTargets> => {
      const today = berlinDate(new Date());
      const personIds = personKey ? personKey.split(',') : [];
      const memberships = await runtime.db.membership.where('personId').anyOf(personIds).toArray();
      const current = memberships.filter((m) => m.startDate <= today && (m.endDate === null || m.endDate >= today));
      const organizations = (await runtime.db.organization.bulkGet([...new Set(current.map((m) => m.organizationId))]))
        .filter((o): o is SyncOrganization => o !== undefined && (bodyId === null || o.bodyId === bodyId))
        .sort((a, b) => a.name.localeCompare(b.name, 'de'));
      return {
        factions: organizations.filter((o) => o.kind === 'faction'),
        committees: organizations.filter((o) => o.kind !== 'faction'),
      };
    },
    [runtime, personKey, bodyId],
  );
  return useLiveQuery(query);
}

/** Writes an annotation on this device (shown as saved once the transaction committed), then pushes it. */
export async function saveAnnotation(
  runtime: TabletRuntime,
  header: AnnotationHeader,
  changes: AnnotationChanges,
): Promise<WriteResult> {
  const result = await writeAnnotation(runtime.db, header, changes, new Date());
  void runtime.requestSync();
  return result;
}

/** The user's annotations of a document as a W3C Web Annotation collection, built on the device (works offline). */
export function webAnnotationJson(
  annotations: readonly AnnotationView[],
  file: { id: string; name: string },
  origin: string,
  authorName: string,
): string {
  const own = annotations.filter((a) => a.own && !a.values.deleted);
  const collection = toWebAnnotationCollection(
    own.map((a) => ({
      id: a.id,
      kind: a.kind,
      createdAt: a.createdAt,
      modifiedAt: a.modifiedAt,
      authorName: a.authorName || authorName,
      values: a.values,
    })),
    `${origin}/files/${file.id}`,
    `${origin}/api/files/${file.id}/annotations`,
    `Anmerkungen zu „${file.name}“`,
  );
  return JSON.stringify(collection, null, 2);
}
