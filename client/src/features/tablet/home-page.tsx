import { useEffect, useId, useMemo, useState } from 'react';
import { Link, navigate, paths } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import {
  recordHomeVisit,
  useBlobRecords,
  useHomeMeetings,
  useSyncSummary,
  useTabletStatus,
  type MeetingSummary,
} from '../../data/tablet';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { computeReadiness } from '../../offline/readiness';
import type { BlobRow } from '../../offline/db';
import type { TabletRuntime } from '../../offline/runtime';
import type { TabletStatus } from '../../offline/status';
import { ReadinessView } from './readiness-view';
import { formatSyncTime } from './sync-status-bar';
import { useTabletT } from './use-tablet-t';

/** My upcoming meetings across my bodies, with readiness and what changed since my last visit. */
export function HomePage({ runtime }: { runtime: TabletRuntime }) {
  const { t, locale } = useTabletT();
  const meetings = useHomeMeetings(runtime);
  const summary = useSyncSummary(runtime);
  const status = useTabletStatus(runtime);
  const documents = useMemo(
    () => (meetings.status === 'ready' ? meetings.data.flatMap((summary) => summary.documents) : null),
    [meetings],
  );
  const records = useBlobRecords(runtime, documents);
  const [previousVisit, setPreviousVisit] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    recordHomeVisit(runtime).then(
      (previous) => {
        if (active) setPreviousVisit(previous);
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [runtime]);

  const meta = summary.status === 'ready' ? summary.data.meta : null;
  return (
    <section aria-labelledby="tablet-home-title" className="tablet-page">
      <h1 id="tablet-home-title">{t('tablet.title')}</h1>
      <p className="lead">{t('tablet.home.lead', { weeks: meta?.windowWeeks ?? 6 })}</p>
      {previousVisit && (
        <p className="muted">{t('tablet.home.lastVisit', { time: formatSyncTime(previousVisit, locale) })}</p>
      )}
      <HomeSearch />
      {meetings.status === 'loading' && <LoadingState />}
      {meetings.status === 'error' && <ErrorState message={String(meetings.error)} />}
      {meetings.status === 'ready' &&
        (meetings.data.length === 0 ? (
          <p>{meta?.lastSyncAt ? t('tablet.home.empty') : t('tablet.home.firstSync')}</p>
        ) : (
          <ul className="tablet-meetings">
            {meetings.data.map((summary) => (
              <li key={summary.meeting.id}>
                <MeetingCard summary={summary} records={records} status={status} locale={locale} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** Straight into the device search from the home screen. */
function HomeSearch() {
  const { t } = useTabletT();
  const inputId = useId();
  const [value, setValue] = useState('');
  return (
    <form
      role="search"
      className="tablet-search"
      aria-label={t('tablet.search.home')}
      onSubmit={(event) => {
        event.preventDefault();
        navigate(paths.tabletSearch(value.trim()));
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        {t('tablet.search.home')}
      </label>
      <div className="tablet-search__row">
        <input
          id={inputId}
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t('tablet.search.home')}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          {t('tablet.search.submit')}
        </button>
      </div>
    </form>
  );
}

function MeetingCard({
  summary,
  records,
  status,
  locale,
}: {
  summary: MeetingSummary;
  /** Null until first read: no readiness is shown rather than a wrong one. */
  records: ReadonlyMap<string, BlobRow> | null;
  status: TabletStatus;
  locale: 'de' | 'en';
}) {
  const { t } = useTabletT();
  const { meeting } = summary;
  const readiness = records ? computeReadiness(summary.documents, records, status.download) : null;
  const titleId = `tablet-meeting-${meeting.id}`;
  return (
    <article className="tablet-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="tablet-card__title">
        <Link to={paths.tabletMeeting(meeting.id)}>{meeting.name}</Link>
      </h2>
      <p className="tablet-card__when">
        <time dateTime={meeting.start}>
          {formatMeetingDate(meeting.start, locale)}, {formatMeetingTime(meeting.start, locale)}
        </time>
      </p>
      {summary.organizations.length > 0 && (
        <p className="tablet-card__committees">{summary.organizations.map((o) => o.name).join(', ')}</p>
      )}
      <Markers summary={summary} />
      {readiness && (
        <ReadinessView readiness={readiness} label={`${t('tablet.readiness.progress')}: ${meeting.name}`} />
      )}
    </article>
  );
}

export function Markers({ summary }: { summary: Pick<MeetingSummary, 'change' | 'pinned' | 'meeting'> }) {
  const { t } = useTabletT();
  const { change } = summary;
  const markers: { key: string; text: string; className: string }[] = [];
  if (summary.meeting.cancelled)
    markers.push({ key: 'cancelled', text: t('tablet.marker.cancelled'), className: 'badge badge--cancelled' });
  if (change?.isNew) markers.push({ key: 'new', text: t('tablet.marker.new'), className: 'badge badge--new' });
  if (change?.changed)
    markers.push({ key: 'changed', text: t('tablet.marker.changed'), className: 'badge badge--warning' });
  if (change?.supplement)
    markers.push({ key: 'supplement', text: t('tablet.marker.supplement'), className: 'badge badge--warning' });
  if (summary.pinned) markers.push({ key: 'pinned', text: t('tablet.marker.pinned'), className: 'badge' });
  if (markers.length === 0) return null;
  return (
    <ul className="tablet-markers">
      {markers.map((marker) => (
        <li key={marker.key} className={marker.className}>
          {marker.text}
        </li>
      ))}
    </ul>
  );
}
