import { useState, type FormEvent } from 'react';
import type { AuditEntry } from '@ratsmappe/shared';
import { berlinDateTime, berlinInstant } from '@ratsmappe/shared/time/berlin';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { OfficeGate, useOfficeT } from './office-shell';
import { usePagedList } from './paged-list';

interface Filters {
  action: string;
  from: string;
  to: string;
}

function auditPath(slug: string, filters: Filters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.from) params.set('from', berlinDateTime(berlinInstant(filters.from, '00:00')));
  if (filters.to) params.set('to', berlinDateTime(berlinInstant(filters.to, '23:59')));
  params.set('limit', '50');
  if (cursor) params.set('cursor', cursor);
  return `/api/bodies/${encodeURIComponent(slug)}/audit?${params.toString()}`;
}

export function AuditPage({ slug }: { slug: string }) {
  const { t } = useOfficeT();
  return (
    <OfficeGate slug={slug}>
      {({ body }) => (
        <section aria-labelledby="audit-title" className="staff-page">
          <h1 id="audit-title">{t('audit.title', { body: body.name })}</h1>
          <AuditTrail slug={slug} />
        </section>
      )}
    </OfficeGate>
  );
}

function AuditTrail({ slug }: { slug: string }) {
  const { t, locale } = useOfficeT();
  const [draft, setDraft] = useState<Filters>({ action: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const list = usePagedList<AuditEntry>(auditPath(slug, filters), (cursor) => auditPath(slug, filters, cursor));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  return (
    <>
      <form className="staff-form form-row" onSubmit={handleSubmit}>
        <div className="form-field">
          <label htmlFor="audit-action" className="form-field__label">
            {t('audit.action')}
          </label>
          <input
            id="audit-action"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value.trim() })}
          />
        </div>
        <div className="form-field">
          <label htmlFor="audit-from" className="form-field__label">
            {t('audit.from')}
          </label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="form-field">
          <label htmlFor="audit-to" className="form-field__label">
            {t('audit.to')}
          </label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <button type="submit" className="button">
          {t('audit.filter')}
        </button>
      </form>
      {list.status === 'loading' && <LoadingState />}
      {list.status === 'error' && <ErrorState message={list.message} onRetry={list.retry} />}
      {list.status === 'success' &&
        (list.items.length === 0 ? (
          <p>{t('audit.empty')}</p>
        ) : (
          <>
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.what')}</th>
                  <th scope="col">{t('audit.object')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      {formatMeetingDate(entry.at, locale)}, {formatMeetingTime(entry.at, locale)}
                    </td>
                    <td>{entry.actor?.displayName ?? t('audit.system')}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>{entry.objectType ?? ''}</td>
                    <td>
                      <code className="audit-details">{JSON.stringify(entry.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.more && (
              <button
                type="button"
                className="button button--secondary"
                onClick={list.more}
                disabled={list.loadingMore}
              >
                {t('office.more')}
              </button>
            )}
          </>
        ))}
    </>
  );
}
