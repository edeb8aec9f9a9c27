import { useEffect, useRef, useState } from 'react';
import type { Account, SyncDevice } from '@ratsmappe/shared';
import { Link, paths } from '../../app/router';
import { ItemTable } from '../../components/item-table';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { sendJson } from '../../data/commands';
import { errorMessage, useApiResource } from '../../data/use-api-resource';
import { formatMeetingDate, formatMeetingTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import type { Locale } from '../../i18n/locale';
import { OfficeGate, useOfficeT } from './office-shell';
import { usePagedList } from './paged-list';
import './master-data/master-data.css';

function accountsPath(bodyId: string, cursor?: string): string {
  const params = new URLSearchParams({ bodyId, limit: '50' });
  if (cursor) params.set('cursor', cursor);
  return `/api/accounts?${params.toString()}`;
}

function when(iso: string, locale: Locale): string {
  return `${formatMeetingDate(iso, locale)}, ${formatMeetingTime(iso, locale)}`;
}

/** `/verwaltung/:bodySlug/konten`: the body's accounts, each with a way to its devices. */
export function AccountsPage({ slug }: { slug: string }) {
  const { t } = useOfficeT();
  return (
    <OfficeGate slug={slug}>
      {({ body }) => (
        <section aria-labelledby="accounts-title" className="staff-page">
          <h1 id="accounts-title">{t('accounts.title', { body: body.name })}</h1>
          <p className="lead">{t('accounts.lead')}</p>
          <AccountList slug={slug} bodyId={body.id} />
        </section>
      )}
    </OfficeGate>
  );
}

function AccountList({ slug, bodyId }: { slug: string; bodyId: string }) {
  const { t } = useOfficeT();
  const list = usePagedList<Account>(accountsPath(bodyId), (cursor) => accountsPath(bodyId, cursor));
  if (list.status === 'loading') return <LoadingState />;
  if (list.status === 'error') return <ErrorState message={list.message} onRetry={list.retry} />;
  return (
    <>
      <ItemTable
        className="office-table"
        columns={[
          t('accounts.name'),
          t('accounts.email'),
          t('accounts.persons'),
          t('accounts.state'),
          t('accounts.devices'),
        ]}
        items={list.items}
        empty={t('accounts.empty')}
        row={(account) => (
          <tr key={account.id}>
            <th scope="row">{account.displayName}</th>
            <td>{account.email}</td>
            <td>{account.persons.map((p) => p.name).join(', ')}</td>
            <td>{t(account.active ? 'accounts.active' : 'accounts.inactive')}</td>
            <td>
              <Link to={paths.officeAccountDevices(slug, account.id)}>
                {t('accounts.devicesLink', { name: account.displayName })}
              </Link>
            </td>
          </tr>
        )}
      />
      {list.more && (
        <button type="button" className="button button--secondary" onClick={list.more} disabled={list.loadingMore}>
          {t('office.more')}
        </button>
      )}
    </>
  );
}

/**
 * `/verwaltung/:bodySlug/konten/:accountId`: one account's devices, with a two-step block (revoke). The server
 * decides who may: office staff of a body the account holds a person in, and system admins.
 */
export function AccountDevicesPage({ slug, accountId }: { slug: string; accountId: string }) {
  const { t } = useOfficeT();
  const account = useApiResource<Account>(`/api/accounts/${accountId}`);
  return (
    <OfficeGate slug={slug}>
      {() => (
        <section aria-labelledby="devices-title" className="staff-page">
          <p>
            <Link to={paths.officeAccounts(slug)}>{t('accounts.back')}</Link>
          </p>
          {account.status === 'loading' && <LoadingState />}
          {account.status === 'error' && <ErrorState message={account.message} onRetry={account.retry} />}
          {account.status === 'success' && (
            <>
              <h1 id="devices-title">{t('devices.title', { name: account.data.displayName })}</h1>
              <p className="lead">{t('devices.lead')}</p>
              <DeviceList accountId={accountId} />
            </>
          )}
        </section>
      )}
    </OfficeGate>
  );
}

function DeviceList({ accountId }: { accountId: string }) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  const devices = useApiResource<{ data: SyncDevice[] }>(`/api/sync/devices?accountId=${accountId}`);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());
  /** Where focus goes once the buttons that had it are gone: the outcome, or back to the button that asked. */
  const focusNext = useRef<{ to: 'status' } | { to: 'revoke'; id: string } | null>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  // After the render that removed the focused buttons (no dependency list: it looks after every render).
  useEffect(() => {
    const next = focusNext.current;
    if (!next) return;
    focusNext.current = null;
    if (next.to === 'status') statusRef.current?.focus();
    else revokeButtons.current.get(next.id)?.focus();
  });

  const cancel = (id: string) => {
    focusNext.current = { to: 'revoke', id };
    setConfirming(null);
  };
  const retry = devices.status === 'loading' ? () => undefined : devices.retry;
  const revoke = (device: SyncDevice) => {
    setBusy(true);
    sendJson<void>('POST', `/api/sync/devices/${device.id}/revoke`, undefined, locale)
      .then(
        () => {
          setMessage({ text: t('devices.revokedDone', { name: device.name }), failed: false });
          retry();
        },
        (error: unknown) => setMessage({ text: errorMessage(error, tApp), failed: true }),
      )
      .finally(() => {
        focusNext.current = { to: 'status' };
        setBusy(false);
        setConfirming(null);
      });
  };

  // The status stays mounted while the list reloads: it holds the outcome, and focus.
  return (
    <>
      <p role="status" ref={statusRef} tabIndex={-1} className={message?.failed ? 'notice notice--danger' : undefined}>
        {message?.text}
      </p>
      {devices.status === 'loading' ? (
        <LoadingState />
      ) : devices.status === 'error' ? (
        <ErrorState message={devices.message} onRetry={devices.retry} />
      ) : (
        <ItemTable
          className="office-table device-table"
          columns={[t('devices.name'), t('devices.registered'), t('devices.lastSync'), t('devices.state')]}
          items={devices.data.data}
          empty={t('devices.empty')}
          row={(device) => (
            <tr key={device.id} data-device-id={device.id}>
              <th scope="row">{device.name}</th>
              <td>{when(device.created, locale)}</td>
              <td>{device.lastSyncAt ? when(device.lastSyncAt, locale) : t('devices.never')}</td>
              <td>
                {device.revokedAt ? (
                  t('devices.revoked', { time: when(device.revokedAt, locale) })
                ) : confirming === device.id ? (
                  <span
                    className="confirm-action"
                    role="group"
                    aria-label={t('devices.revokeLabel', { name: device.name })}
                  >
                    <span>{t('devices.confirm', { name: device.name })}</span>
                    <button
                      type="button"
                      className="button button--danger"
                      ref={confirmRef}
                      disabled={busy}
                      onClick={() => revoke(device)}
                    >
                      {t('devices.confirmYes', { name: device.name })}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() => cancel(device.id)}
                    >
                      {t('devices.confirmNo')}
                    </button>
                  </span>
                ) : (
                  <>
                    {t('devices.active')}{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('devices.revokeLabel', { name: device.name })}
                      ref={(element) => {
                        if (element) revokeButtons.current.set(device.id, element);
                        else revokeButtons.current.delete(device.id);
                      }}
                      onClick={() => setConfirming(device.id)}
                    >
                      {t('devices.revoke')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </>
  );
}
