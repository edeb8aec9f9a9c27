import { Link, paths, usePathname } from '../../app/router';
import { dismissRejected, useSyncSummary, useTabletStatus } from '../../data/tablet';
import { formatFileSize, formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import type { RejectedRow } from '../../offline/db';
import type { TabletRuntime } from '../../offline/runtime';
import type { TabletStatus } from '../../offline/status';
import { useTabletT, type TabletT } from './use-tablet-t';

export function formatSyncTime(iso: string, locale: Locale): string {
  return `${formatMeetingDate(iso, locale)}, ${formatMeetingTime(iso, locale)}`;
}

function errorText(error: NonNullable<TabletStatus['error']>, status: TabletStatus, t: TabletT, locale: Locale) {
  switch (error.code) {
    case 'network':
      return t('tablet.error.network');
    case 'server':
      return t('tablet.error.server', { message: error.message });
    case 'protocol':
      return t('tablet.error.protocol', { message: error.message });
    case 'outdated':
      return t('tablet.error.outdated');
    case 'quota':
      return t('tablet.error.quota', { size: formatFileSize(status.quotaNeededBytes ?? 0, locale) });
    case 'storage':
      return t('tablet.error.storage', { message: error.message });
  }
}

function rejectedWhat(row: RejectedRow, t: TabletT): string {
  return row.name === 'pin.set' ? t('tablet.rejected.pinSet') : t('tablet.rejected.pinRemove');
}

/** Online or offline, last successful sync, changes waiting, the last failure with a retry, refused changes. */
export function SyncStatusBar({ runtime, sessionEnded }: { runtime: TabletRuntime; sessionEnded: boolean }) {
  const { t, locale } = useTabletT();
  const status = useTabletStatus(runtime);
  const summary = useSyncSummary(runtime);
  const pathname = usePathname();
  const meta = summary.status === 'ready' ? summary.data.meta : null;
  const pending = summary.status === 'ready' ? summary.data.pending : 0;
  const rejected = summary.status === 'ready' ? summary.data.rejected : [];
  const signInNeeded = sessionEnded || status.signInNeeded;

  return (
    <section className="sync-bar" aria-label={t('tablet.status.label')}>
      <div className="sync-bar__row" role="status">
        <span className={status.online ? 'sync-bar__dot sync-bar__dot--online' : 'sync-bar__dot'} aria-hidden="true" />
        <span>{status.online ? t('tablet.status.online') : t('tablet.status.offline')}</span>
        <span>
          {status.syncing
            ? t('tablet.status.syncing')
            : meta?.lastSyncAt
              ? t('tablet.status.lastSync', { time: formatSyncTime(meta.lastSyncAt, locale) })
              : t('tablet.status.neverSynced')}
        </span>
        {pending > 0 && <span>{t('tablet.status.pending', { count: pending })}</span>}
        <button
          type="button"
          className="button button--secondary"
          disabled={status.syncing}
          onClick={() => void runtime.requestSync()}
        >
          {t('tablet.status.retry')}
        </button>
      </div>
      {signInNeeded && (
        <p className="sync-bar__notice" role="alert">
          {t('tablet.sessionEnded')} <Link to={paths.signIn(pathname)}>{t('tablet.signIn')}</Link>
        </p>
      )}
      {meta?.leaseExpiredAt && (
        <p className="sync-bar__notice" role="alert">
          {t('tablet.leaseExpired', { days: meta.offlineLeaseDays ?? 0 })}
        </p>
      )}
      {status.error && status.error.code !== 'network' && (
        <p className="sync-bar__notice sync-bar__notice--error" role="alert">
          {errorText(status.error, status, t, locale)}
        </p>
      )}
      {status.error?.code === 'network' && status.online && (
        <p className="sync-bar__notice">{errorText(status.error, status, t, locale)}</p>
      )}
      {rejected.length > 0 && (
        <div className="sync-bar__rejected" role="alert">
          <h2 className="sync-bar__title">{t('tablet.rejected.title')}</h2>
          <ul>
            {rejected.map((row) => (
              <li key={row.seq}>
                {t('tablet.rejected.item', { what: rejectedWhat(row, t), message: row.message || row.code })}{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void dismissRejected(runtime, row.seq)}
                >
                  {t('tablet.rejected.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
