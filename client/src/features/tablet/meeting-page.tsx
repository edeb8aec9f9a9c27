import { useEffect } from 'react';
import type { SyncAgendaItem, SyncFile } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import {
  keepOnDeviceAgain,
  markMeetingSeen,
  setPinned,
  useBlobRecords,
  useMeetingView,
  useTabletStatus,
  type MeetingView,
} from '../../data/tablet';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { computeReadiness } from '../../offline/readiness';
import type { BlobRow } from '../../offline/db';
import type { TabletRuntime } from '../../offline/runtime';
import type { TabletStatus } from '../../offline/status';
import { useItemNotes, type AnnotationView } from '../../data/annotations';
import { ItemNote, MeetingAnnotations } from '../annotations/meeting-annotations';
import { DocumentRow } from './document-row';
import { ReadinessView } from './readiness-view';
import { useTabletT } from './use-tablet-t';

/** The meeting with the stored state of its documents. */
type MeetingScreen = MeetingView & {
  records: ReadonlyMap<string, BlobRow>;
  runtime: TabletRuntime;
  itemNotes: ReadonlyMap<string, AnnotationView>;
};

export function MeetingPage({ runtime, meetingId }: { runtime: TabletRuntime; meetingId: string }) {
  const { t, locale } = useTabletT();
  const view = useMeetingView(runtime, meetingId);
  const status = useTabletStatus(runtime);
  const records = useBlobRecords(runtime, view.status === 'ready' ? (view.data?.documents ?? []) : null);
  const notes = useItemNotes(runtime, view.status === 'ready' ? (view.data?.items.map((item) => item.id) ?? []) : []);

  useEffect(() => {
    // Opening the meeting is seeing its changes: the home screen's markers for it go.
    void markMeetingSeen(runtime, meetingId);
  }, [runtime, meetingId]);

  // A search hit links to its agenda item (#top-<id>): go there once the agenda is on screen.
  const shown = view.status === 'ready' && view.data !== null && records !== null;
  useEffect(() => {
    if (!shown || !window.location.hash) return;
    document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }, [shown]);

  if (view.status === 'loading' || (view.status === 'ready' && view.data && !records)) return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={String(view.error)} />;
  const data = view.data;
  if (!data) {
    return (
      <section className="tablet-page" aria-labelledby="tablet-meeting-missing">
        <h1 id="tablet-meeting-missing">{t('tablet.meeting.notFound')}</h1>
        <p>
          <Link to={paths.tabletHome()}>{t('tablet.meeting.back')}</Link>
        </p>
      </section>
    );
  }
  const { meeting } = data;
  const itemNotes = new Map(
    (notes.status === 'ready' ? notes.data : []).filter((n) => n.own).map((n) => [n.agendaItemId!, n] as const),
  );
  const screen: MeetingScreen = { ...data, records: records ?? new Map(), runtime, itemNotes };
  const readiness = computeReadiness(data.documents, screen.records, status.download);
  const publicItems = data.items.filter((item) => item.public);
  const nonPublicItems = data.items.filter((item) => !item.public);
  const place = data.location
    ? [data.location.description, data.location.room, data.location.streetAddress, data.location.locality]
        .filter(Boolean)
        .join(', ')
    : null;

  return (
    <article className="tablet-page" aria-labelledby="tablet-meeting-title">
      <p>
        <Link to={paths.tabletHome()}>← {t('tablet.meeting.back')}</Link>
      </p>
      <h1 id="tablet-meeting-title">{meeting.name}</h1>
      <p className="tablet-card__when">
        <time dateTime={meeting.start}>
          {formatMeetingDate(meeting.start, locale)}, {formatMeetingTime(meeting.start, locale)}
        </time>
        {meeting.cancelled && <span className="badge badge--cancelled">{t('tablet.marker.cancelled')}</span>}
      </p>
      {place && <p>{t('tablet.meeting.location', { place })}</p>}
      {data.organizations.length > 0 && (
        <p>{t('tablet.meeting.committees', { names: data.organizations.map((o) => o.name).join(', ') })}</p>
      )}
      <div className="button-row">
        <button
          type="button"
          className={data.pinned ? 'button' : 'button button--secondary'}
          aria-pressed={data.pinned}
          onClick={() => void setPinned(runtime, meeting.id, !data.pinned)}
        >
          {data.pinned ? `📌 ${t('tablet.meeting.pinned')}` : t('tablet.meeting.pin')}
        </button>
        <span className="muted">{t('tablet.meeting.pinHint')}</span>
      </div>
      {data.excluded && !data.pinned && (
        <p className="notice">
          {t('tablet.meeting.excluded')}{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void keepOnDeviceAgain(runtime, meeting.id)}
          >
            {t('tablet.meeting.keepAgain')}
          </button>
        </p>
      )}
      <ReadinessView readiness={readiness} label={`${t('tablet.readiness.progress')}: ${meeting.name}`} />

      {(data.filesByOwner.get('meeting')?.length ?? 0) > 0 && (
        <section aria-labelledby="tablet-meeting-docs">
          <h2 id="tablet-meeting-docs">{t('tablet.meeting.documents')}</h2>
          <DocumentList files={data.filesByOwner.get('meeting')!} data={screen} status={status} />
        </section>
      )}

      <section aria-labelledby="tablet-agenda">
        <h2 id="tablet-agenda">{t('tablet.meeting.agenda')}</h2>
        {data.items.length === 0 && <p>{t('tablet.meeting.noItems')}</p>}
        {publicItems.length > 0 && (
          <AgendaPart
            title={t('tablet.meeting.publicPart')}
            id="tablet-part-public"
            items={publicItems}
            data={screen}
            status={status}
          />
        )}
        {nonPublicItems.length > 0 && (
          <AgendaPart
            title={t('tablet.meeting.nonPublicPart')}
            id="tablet-part-non-public"
            items={nonPublicItems}
            data={screen}
            status={status}
            nonPublic
          />
        )}
      </section>
      <MeetingAnnotations runtime={runtime} meetingId={meeting.id} />
    </article>
  );
}

function AgendaPart({
  title,
  id,
  items,
  data,
  status,
  nonPublic = false,
}: {
  title: string;
  id: string;
  items: SyncAgendaItem[];
  data: MeetingScreen;
  status: TabletStatus;
  nonPublic?: boolean;
}) {
  const { t } = useTabletT();
  return (
    <section aria-labelledby={id} className={nonPublic ? 'agenda-part--non-public' : undefined}>
      <h3 id={id}>{title}</h3>
      <ol className="tablet-agenda">
        {items.map((item) => {
          const paper = item.paperId ? data.papers.get(item.paperId) : undefined;
          const itemFiles = data.filesByOwner.get(item.id) ?? [];
          const paperFiles = item.paperId ? (data.filesByOwner.get(item.paperId) ?? []) : [];
          return (
            <li
              key={item.id}
              id={`top-${item.id}`}
              className={item.parentId ? 'tablet-agenda__item tablet-agenda__item--sub' : 'tablet-agenda__item'}
            >
              <h4 className="tablet-agenda__title">
                {item.number && <span className="agenda-item__number">{item.number}</span>} {item.name}
                {item.supplementAt && <span className="badge badge--warning">{t('tablet.marker.supplement')}</span>}
              </h4>
              {paper && (
                <p className="muted">
                  {paper.reference ? t('tablet.meeting.paper', { reference: paper.reference }) : paper.paperType}:{' '}
                  {paper.name}
                </p>
              )}
              {itemFiles.length + paperFiles.length > 0 && (
                <DocumentList files={[...itemFiles, ...paperFiles]} data={data} status={status} />
              )}
              <ItemNote
                runtime={data.runtime}
                item={item}
                bodyId={data.meeting.bodyId}
                note={data.itemNotes.get(item.id)}
              />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function DocumentList({ files, data, status }: { files: SyncFile[]; data: MeetingScreen; status: TabletStatus }) {
  return (
    <ul className="tablet-docs">
      {files.map((file) => {
        const version = data.versions.get(file.id);
        return (
          <DocumentRow
            key={file.id}
            file={file}
            version={version}
            record={version ? data.records.get(version.sha256) : undefined}
            download={status.download}
            unseen={data.unseen.get(file.id)}
          />
        );
      })}
    </ul>
  );
}
