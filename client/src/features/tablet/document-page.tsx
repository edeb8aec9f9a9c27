import { useEffect, useState } from 'react';
import { Link, paths } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import { downloadNow, markDocumentSeen, openStoredDocument, useDocumentView, useTabletStatus } from '../../data/tablet';
import { formatFileSize } from '../../i18n/format';
import type { TabletRuntime } from '../../offline/runtime';
import { DocumentViewer } from './document-viewer';
import { ReadinessView } from './readiness-view';
import { useTabletT } from './use-tablet-t';

/** One document from this device: assembled from its chunks only when opened. */
export function DocumentPage({ runtime, fileId }: { runtime: TabletRuntime; fileId: string }) {
  const { t, locale } = useTabletT();
  const view = useDocumentView(runtime, fileId);
  const status = useTabletStatus(runtime);
  const [opened, setOpened] = useState<{ sha256: string; blob: Blob } | null>(null);
  const data = view.status === 'ready' ? view.data : null;
  const verifiedSha = data?.record?.verified ? data.record.sha256 : null;

  useEffect(() => {
    // Opening the document is reading it: its "neu" marker on the meeting page goes.
    void markDocumentSeen(runtime, fileId);
  }, [runtime, fileId]);

  useEffect(() => {
    if (!verifiedSha) return;
    let active = true;
    openStoredDocument(runtime, verifiedSha).then(
      (blob) => {
        if (active && blob) setOpened({ sha256: verifiedSha, blob });
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [runtime, verifiedSha]);

  if (view.status === 'loading') return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={String(view.error)} />;
  if (!data) {
    return (
      <section className="tablet-page" aria-labelledby="tablet-document-missing">
        <h1 id="tablet-document-missing">{t('tablet.document.notFound')}</h1>
        <p>
          <Link to={paths.tabletHome()}>{t('tablet.meeting.back')}</Link>
        </p>
      </section>
    );
  }
  const { file, version, meetingId } = data;
  const blob = opened && opened.sha256 === verifiedSha ? opened.blob : null;
  const missing = version && !verifiedSha;
  const received = Math.max(
    data.record?.receivedBytes ?? 0,
    status.download?.sha256 === version?.sha256 ? (status.download?.receivedBytes ?? 0) : 0,
  );

  return (
    <article className="tablet-page" aria-labelledby="tablet-document-title">
      {meetingId && (
        <p>
          <Link to={paths.tabletMeeting(meetingId)}>← {t('tablet.document.back')}</Link>
        </p>
      )}
      <h1 id="tablet-document-title">{file.name}</h1>
      {version && (
        <p className="muted">
          {t('tablet.document.version', { version: version.version, size: formatFileSize(version.size, locale) })}
        </p>
      )}
      {blob && version && <DocumentViewer blob={blob} fileName={version.fileName} />}
      {verifiedSha && !blob && <LoadingState label={t('tablet.document.assembling')} />}
      {missing && (
        <>
          <p>{t('tablet.document.notStored', { size: formatFileSize(version.size, locale) })}</p>
          {received > 0 && (
            <ReadinessView
              readiness={{
                total: 1,
                present: 0,
                totalBytes: version.size,
                receivedBytes: received,
                missingBytes: version.size - received,
              }}
              label={`${t('tablet.readiness.progress')}: ${file.name}`}
            />
          )}
          <div className="button-row">
            {meetingId && (
              <button
                type="button"
                className="button"
                disabled={!status.online}
                onClick={() => void downloadNow(runtime, version, meetingId)}
              >
                {t('tablet.document.loadNow')}
              </button>
            )}
            {status.online && (
              <a className="button button--secondary" href={paths.file(file.id)} target="_blank" rel="noopener">
                {t('tablet.document.openOnline')}
              </a>
            )}
          </div>
        </>
      )}
    </article>
  );
}
