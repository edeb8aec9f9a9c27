import { useEffect, useState } from 'react';
import type { SyncDevice } from '@ratsmappe/shared';
import { ItemTable } from '../../components/item-table';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { useTabletStatus } from '../../data/tablet';
import type { TabletRuntime } from '../../offline/runtime';
import { SyncFailure } from '../../offline/sync-client';
import { formatSyncTime } from './sync-status-bar';
import { useTabletT } from './use-tablet-t';

type DevicesState =
  | { status: 'loading' }
  | { status: 'offline' }
  | { status: 'error'; message: string }
  | { status: 'ready'; devices: SyncDevice[] };

/** The account's devices (name, last sync) with revoke; online only, the list lives on the server. */
export function DevicesPage({ runtime }: { runtime: TabletRuntime }) {
  const { t, locale } = useTabletT();
  const { online } = useTabletStatus(runtime);
  const [state, setState] = useState<DevicesState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    runtime.client.listDevices().then(
      (devices) => {
        if (active) setState({ status: 'ready', devices });
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof SyncFailure && error.code === 'network') setState({ status: 'offline' });
        else setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      active = false;
    };
  }, [runtime, attempt, online]);

  const revoke = (device: SyncDevice) => {
    const question = device.current
      ? t('tablet.devices.revokeCurrentConfirm')
      : t('tablet.devices.revokeConfirm', { name: device.name });
    if (!window.confirm(question)) return;
    runtime.client.revokeDevice(device.id).then(
      () => {
        setMessage(t('tablet.devices.revokedDone', { name: device.name }));
        // The server now answers this device with 410: the next sync wipes it and signs out.
        if (device.current) void runtime.requestSync();
        else setAttempt((n) => n + 1);
      },
      (error: unknown) => setMessage(error instanceof Error ? error.message : String(error)),
    );
  };

  return (
    <section className="tablet-page" aria-labelledby="tablet-devices-title">
      <h1 id="tablet-devices-title">{t('tablet.devices.title')}</h1>
      <p className="lead">{t('tablet.devices.lead')}</p>
      <p role="status">{message}</p>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'offline' && <p className="notice">{t('tablet.devices.offline')}</p>}
      {state.status === 'error' && <ErrorState message={state.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {state.status === 'ready' && (
        <ItemTable
          className="data-table"
          columns={[t('tablet.devices.name'), t('tablet.devices.lastSync'), t('tablet.devices.state')]}
          items={state.devices}
          empty={t('tablet.devices.empty')}
          row={(device) => (
            <tr key={device.id}>
              <th scope="row">
                {device.name}
                {device.current && <span className="badge">{t('tablet.devices.current')}</span>}
              </th>
              <td>{device.lastSyncAt ? formatSyncTime(device.lastSyncAt, locale) : t('tablet.devices.never')}</td>
              <td>
                {device.revokedAt ? (
                  t('tablet.devices.revoked', { time: formatSyncTime(device.revokedAt, locale) })
                ) : (
                  <>
                    {t('tablet.devices.active')}{' '}
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('tablet.devices.revokeLabel', { name: device.name })}
                      onClick={() => revoke(device)}
                    >
                      {t('tablet.devices.revoke')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
