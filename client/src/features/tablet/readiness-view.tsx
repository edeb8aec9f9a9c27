import { formatFileSize } from '../../i18n/format';
import type { Locale } from '../../i18n/locale';
import type { Readiness } from '../../offline/readiness';
import { useTabletT, type TabletT } from './use-tablet-t';

/** "Bereit – alles auf diesem Gerät" or "12 von 40 Dokumenten, 85 MB fehlen". */
export function readinessText(readiness: Readiness, t: TabletT, locale: Locale): string {
  if (readiness.total === 0) return t('tablet.readiness.none');
  if (readiness.present === readiness.total) return t('tablet.readiness.ready');
  return t('tablet.readiness.missing', {
    present: readiness.present,
    total: readiness.total,
    size: formatFileSize(readiness.missingBytes, locale),
  });
}

/** Whole percent of the bytes on this device; 100 only when every document is verified. */
export function readinessPercent(readiness: Readiness): number {
  if (readiness.total === 0 || readiness.present === readiness.total) return 100;
  if (readiness.totalBytes === 0) return 0;
  return Math.min(99, Math.floor((readiness.receivedBytes / readiness.totalBytes) * 100));
}

export function ReadinessView({ readiness, label }: { readiness: Readiness; label: string }) {
  const { t, locale } = useTabletT();
  const text = readinessText(readiness, t, locale);
  const ready = readiness.present === readiness.total;
  const percent = readinessPercent(readiness);
  return (
    <div className={ready && readiness.total > 0 ? 'readiness readiness--ready' : 'readiness'}>
      <p className="readiness__text">
        {ready && readiness.total > 0 && <span aria-hidden="true">✓ </span>}
        {text}
      </p>
      {!ready && (
        <div
          className="readiness__bar"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
        >
          <div className="readiness__fill" style={{ width: `${percent}%` }} />
        </div>
      )}
    </div>
  );
}
