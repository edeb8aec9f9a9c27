import { useState, type FormEvent } from 'react';
import { Link, paths } from '../../app/router';
import { FormField } from '../../components/form-field';
import { ItemTable } from '../../components/item-table';
import { ErrorState, LoadingState } from '../../components/resource-state';
import {
  removeFromDevice,
  requestPersistentStorage,
  setWindowWeeks,
  useStorageEstimate,
  useStorageView,
  useTabletStatus,
} from '../../data/tablet';
import { formatFileSize, formatMeetingDate } from '../../i18n/format';
import type { TabletRuntime } from '../../offline/runtime';
import { useTabletT } from './use-tablet-t';

function isInstalled(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(display-mode: standalone)').matches;
}

/** Usage and quota, persistence, the keep window, and what each meeting takes on this device. */
export function StoragePage({ runtime }: { runtime: TabletRuntime }) {
  const { t, locale } = useTabletT();
  const view = useStorageView(runtime);
  const status = useTabletStatus(runtime);
  const totalStored = view.status === 'ready' ? view.data.meetings.reduce((sum, m) => sum + m.bytes, 0) : 0;
  const estimate = useStorageEstimate(totalStored);
  const [weeks, setWeeks] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (view.status === 'loading') return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={String(view.error)} />;
  const data = view.data;
  const persisted = status.persisted ?? estimate?.persisted ?? null;
  const weeksValue = weeks ?? String(data.windowWeeks);

  const handleWeeks = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(weeksValue);
    if (!Number.isFinite(value) || value < 1 || value > 26) return;
    void setWindowWeeks(runtime, value).then(() => {
      setWeeks(null);
      setMessage(t('tablet.storage.saved'));
    });
  };

  const handleRemove = (meetingId: string, name: string) => {
    void removeFromDevice(runtime, meetingId).then((freed) =>
      setMessage(t('tablet.storage.removed', { name, size: formatFileSize(freed, locale) })),
    );
  };

  return (
    <section className="tablet-page" aria-labelledby="tablet-storage-title">
      <h1 id="tablet-storage-title">{t('tablet.storage.title')}</h1>
      <p role="status" className="toast-region">
        {message}
      </p>
      {estimate && (
        <p>
          {estimate.usage !== null && estimate.quota !== null
            ? t('tablet.storage.usage', {
                usage: formatFileSize(estimate.usage, locale),
                quota: formatFileSize(estimate.quota, locale),
              })
            : t('tablet.storage.usageUnknown')}
        </p>
      )}
      {estimate?.usage !== null && estimate?.quota ? (
        <div
          className="readiness__bar"
          role="progressbar"
          aria-label={t('tablet.storage.title')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(((estimate.usage ?? 0) / estimate.quota) * 100)}
        >
          <div className="readiness__fill" style={{ width: `${((estimate.usage ?? 0) / estimate.quota) * 100}%` }} />
        </div>
      ) : null}
      <p>
        {persisted === true
          ? t('tablet.storage.persisted')
          : persisted === false
            ? t('tablet.storage.notPersisted')
            : t('tablet.storage.persistUnknown')}
      </p>
      {persisted === false && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void requestPersistentStorage(runtime)}
          >
            {t('tablet.storage.requestPersist')}
          </button>
        </p>
      )}
      {!isInstalled() && <p className="notice">{t('tablet.storage.install')}</p>}

      <form className="staff-form" onSubmit={handleWeeks}>
        <FormField id="tablet-window" label={t('tablet.storage.window')} hint={t('tablet.storage.windowHint')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={26}
              required
              value={weeksValue}
              onChange={(e) => setWeeks(e.target.value)}
            />
          )}
        </FormField>
        <button type="submit" className="button">
          {t('tablet.storage.save')}
        </button>
      </form>

      <h2>{t('tablet.storage.meetings')}</h2>
      <ItemTable
        className="data-table"
        columns={[t('tablet.storage.colMeeting'), t('tablet.storage.colSize'), t('tablet.storage.colAction')]}
        items={data.meetings}
        empty={t('tablet.storage.noMeetings')}
        row={({ meeting, bytes, pinned, pending }) => (
          <tr key={meeting.id}>
            <th scope="row">
              <Link to={paths.tabletMeeting(meeting.id)}>{meeting.name}</Link>
              <br />
              <span className="muted">{formatMeetingDate(meeting.start, locale)}</span>
            </th>
            <td>{formatFileSize(bytes, locale)}</td>
            <td>
              {pending ? (
                t('tablet.storage.pendingProtected')
              ) : pinned ? (
                t('tablet.storage.pinnedProtected')
              ) : (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('tablet.storage.removeLabel', { name: meeting.name })}
                  onClick={() => handleRemove(meeting.id, meeting.name)}
                >
                  {t('tablet.storage.remove')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
