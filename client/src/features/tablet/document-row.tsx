import { Link, paths } from '../../app/router';
import type { SyncFile, SyncFileVersion } from '@ratsmappe/shared';
import { formatFileSize } from '../../i18n/format';
import type { BlobRow, UnseenFileRow } from '../../offline/db';
import type { TabletStatus } from '../../offline/status';
import { useTabletT } from './use-tablet-t';

/** One document of a meeting: its name (opens the document page) and whether it is on this device. */
export function DocumentRow({
  file,
  version,
  record,
  download,
  unseen,
}: {
  file: SyncFile;
  version: SyncFileVersion | undefined;
  record: BlobRow | undefined;
  download: TabletStatus['download'];
  unseen: UnseenFileRow['kind'] | undefined;
}) {
  const { t, locale } = useTabletT();
  let state: string;
  let className = 'tablet-doc__state';
  if (!version) state = '';
  else if (record?.verified) {
    state = t('tablet.doc.onDevice');
    className += ' tablet-doc__state--ready';
  } else if (record?.error && record.error !== 'hash_mismatch') state = t('tablet.doc.failed');
  else {
    const live = download?.sha256 === version.sha256 ? download.receivedBytes : 0;
    const received = Math.max(record?.receivedBytes ?? 0, live);
    state =
      received > 0
        ? t('tablet.doc.partial', {
            received: formatFileSize(received, locale),
            size: formatFileSize(version.size, locale),
          })
        : t('tablet.doc.missing', { size: formatFileSize(version.size, locale) });
  }
  return (
    <li className="tablet-doc">
      <Link to={paths.tabletDocument(file.id)} className="tablet-doc__name">
        {file.name}
      </Link>
      {unseen && (
        <span className="badge badge--new">{t(unseen === 'new' ? 'tablet.doc.new' : 'tablet.doc.newVersion')}</span>
      )}
      {state && <span className={className}>{state}</span>}
    </li>
  );
}
