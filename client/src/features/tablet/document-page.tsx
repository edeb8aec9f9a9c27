import { useEffect, useId, useRef, useState } from 'react';
import type { SyncFileVersion } from '@ratsmappe/shared';
import { Link, navigate, paths, useSearch } from '../../app/router';
import { ErrorState, LoadingState } from '../../components/resource-state';
import {
  downloadNow,
  markDocumentSeen,
  openFileVersion,
  openStoredDocument,
  useDocumentView,
  useTabletStatus,
  type DocumentView,
} from '../../data/tablet';
import { formatFileSize } from '../../i18n/format';
import type { TabletRuntime } from '../../offline/runtime';
import { AnnotatedDocument } from '../annotations/annotated-document';
import { SideBySide } from '../reader/side-by-side';
import { DocumentViewer, isPdf } from './document-viewer';
import { ReadinessView } from './readiness-view';
import { useTabletT } from './use-tablet-t';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `?seite=N&neben=<fileId>&suche=term&fassung=V`: deep-linkable, and so restored by a reload (offline from the service worker). */
function readParams(search: string) {
  const query = new URLSearchParams(search);
  const page = Number(query.get('seite'));
  const beside = query.get('neben');
  const version = Number(query.get('fassung'));
  return {
    version: Number.isInteger(version) && version >= 1 ? version : null,
    page: Number.isInteger(page) && page >= 1 ? page : null,
    beside: beside && uuidPattern.test(beside) ? beside : null,
    find: query.get('suche')?.trim() || null,
  };
}

/** One document from this device, and optionally a second one of the same meeting beside it. */
export function DocumentPage({ runtime, fileId }: { runtime: TabletRuntime; fileId: string }) {
  const { t, locale } = useTabletT();
  const view = useDocumentView(runtime, fileId);
  const params = readParams(useSearch());

  useEffect(() => {
    // Opening the document is reading it: its "neu" marker on the meeting page goes.
    void markDocumentSeen(runtime, fileId);
  }, [runtime, fileId]);

  if (view.status === 'loading') return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={String(view.error)} />;
  const data = view.data;
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
  const { file, version, meetingId, related } = data;
  const older = version ? data.versions.filter((v) => v.version < version.version) : [];
  const oldVersion = params.version ? (older.find((v) => v.version === params.version) ?? null) : null;
  const beside = !oldVersion && params.beside && params.beside !== fileId ? params.beside : null;
  const besideTitle = beside ? (related.find((d) => d.id === beside)?.title ?? '') : '';
  // The page of the first document stays in the address while the second one changes, and the other way round.
  const openMain = (id: string) => navigate(paths.tabletDocument(id, { beside: id === beside ? null : beside }));
  const openBeside = (id: string | null) =>
    navigate(paths.tabletDocument(fileId, { page: params.page, beside: id, find: params.find }));

  const openVersion = (chosen: number | null) => navigate(paths.tabletDocument(fileId, { version: chosen }));

  const main = oldVersion ? (
    <OldVersionDocument key={oldVersion.sha256} runtime={runtime} view={data} version={oldVersion} onOpen={openMain} />
  ) : (
    <StoredDocument
      runtime={runtime}
      view={data}
      onOpen={openMain}
      initialPage={params.page ?? undefined}
      initialFind={params.find ?? undefined}
      headingLevel={beside ? 2 : null}
      annotate
    />
  );

  return (
    <article className="tablet-page tablet-document" aria-labelledby="tablet-document-title">
      {meetingId && (
        <p>
          <Link to={paths.tabletMeeting(meetingId)}>← {t('tablet.document.back')}</Link>
        </p>
      )}
      <div className="tablet-document__head">
        <h1 id="tablet-document-title">
          {beside ? t('tablet.document.sideBySideTitle', { first: file.name, second: besideTitle }) : file.name}
        </h1>
        {version && !beside && !oldVersion && (
          <p className="muted">
            {t('tablet.document.version', { version: version.version, size: formatFileSize(version.size, locale) })}
          </p>
        )}
        {oldVersion && (
          <p className="tablet-document__old-version" role="note">
            {t('tablet.document.oldVersionNotice', { version: oldVersion.version })}{' '}
            <Link to={paths.tabletDocument(fileId)}>{t('tablet.document.backToCurrent')}</Link>
          </p>
        )}
        {version && older.length > 0 && !beside && (
          <VersionChooser
            key={oldVersion?.version ?? 0}
            current={version.version}
            older={older}
            chosen={oldVersion?.version ?? null}
            onChoose={openVersion}
          />
        )}
        {!oldVersion && (
          <BesideControl
            documents={related.filter((d) => d.id !== fileId)}
            beside={beside}
            onChoose={openBeside}
            onClose={() => openBeside(null)}
          />
        )}
      </div>
      <div className="tablet-document__reader">
        {beside ? (
          <SideBySide
            left={{ title: file.name, content: main }}
            right={{
              title: besideTitle,
              content: <BesideDocument key={beside} runtime={runtime} fileId={beside} onOpen={openBeside} />,
            }}
          />
        ) : (
          main
        )}
      </div>
    </article>
  );
}

/** "Frühere Version": a native select (keyboard and screen readers know it) and a button that opens the choice. */
function VersionChooser({
  current,
  older,
  chosen,
  onChoose,
}: {
  current: number;
  older: SyncFileVersion[];
  chosen: number | null;
  onChoose: (version: number | null) => void;
}) {
  const { t } = useTabletT();
  const id = useId();
  const [value, setValue] = useState(String(chosen ?? current));
  return (
    <form
      className="tablet-versions"
      onSubmit={(event) => {
        event.preventDefault();
        const version = Number(value);
        onChoose(version === current ? null : version);
      }}
    >
      <label htmlFor={id}>{t('tablet.document.olderVersion')}</label>
      <select id={id} value={value} onChange={(event) => setValue(event.target.value)}>
        <option value={current}>{t('tablet.document.currentChoice', { version: current })}</option>
        {older.map((v) => (
          <option key={v.id} value={v.version}>
            {t('tablet.document.versionChoice', { version: v.version })}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--secondary">
        {t('tablet.document.openVersion')}
      </button>
    </form>
  );
}

/**
 * An older version, read-only, with the annotations made on it at their original place. Its bytes come from the
 * device if still there, else from the server (the downloader keeps current versions only).
 */
function OldVersionDocument({
  runtime,
  view,
  version,
  onOpen,
}: {
  runtime: TabletRuntime;
  view: DocumentView;
  version: SyncFileVersion;
  onOpen: (id: string) => void;
}) {
  const { t } = useTabletT();
  const status = useTabletStatus(runtime);
  // Keyed by the version's sha256 by the caller: a new record of the same version does not fetch it again.
  const [wanted] = useState(version);
  const [state, setState] = useState<{ blob: Blob } | { error: string } | null>(null);
  const online = status.online;
  useEffect(() => {
    let active = true;
    openFileVersion(runtime, wanted).then(
      (blob) => {
        if (active) setState({ blob });
      },
      (error: unknown) => {
        if (active) setState({ error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      active = false;
    };
  }, [runtime, wanted, online]);

  if (state && 'blob' in state) {
    return (
      <div className="tablet-document__pane">
        {isPdf(wanted.mimeType) ? (
          <AnnotatedDocument
            runtime={runtime}
            file={view.file}
            version={wanted}
            blob={state.blob}
            related={view.related}
            onOpen={onOpen}
            readOnly
          />
        ) : (
          <DocumentViewer
            blob={state.blob}
            title={view.file.name}
            fileName={wanted.fileName}
            mimeType={wanted.mimeType}
            related={view.related}
            currentId={view.file.id}
            onOpen={onOpen}
          />
        )}
      </div>
    );
  }
  if (state) {
    return (
      <div className="tablet-document__pane">
        <p role="alert">
          {online
            ? t('tablet.document.oldVersionFailed', { version: wanted.version, message: state.error })
            : t('tablet.document.oldVersionOffline', { version: wanted.version })}
        </p>
        {online && (
          <p>
            <a href={paths.fileVersion(view.file.id, wanted.version)} target="_blank" rel="noopener">
              {t('tablet.document.openOnline')}
            </a>
          </p>
        )}
      </div>
    );
  }
  return <LoadingState label={t('tablet.document.oldVersionLoading', { version: wanted.version })} />;
}

/** "Daneben öffnen": a disclosure listing the meeting's other documents; with one open beside, a close button. */
function BesideControl({
  documents,
  beside,
  onChoose,
  onClose,
}: {
  documents: { id: string; title: string }[];
  beside: string | null;
  onChoose: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useTabletT();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const choices = documents.filter((d) => d.id !== beside);
  if (documents.length === 0) return null;
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div
      className="tablet-beside"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <div className="button-row">
        {choices.length > 0 && (
          <button
            ref={toggle}
            type="button"
            className="button button--secondary"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((value) => !value)}
          >
            {beside ? t('tablet.document.besideOther') : t('tablet.document.besideOpen')}
          </button>
        )}
        {beside && (
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('tablet.document.besideClose')}
          </button>
        )}
      </div>
      <ul id={listId} className="tablet-beside__list" hidden={!open} aria-label={t('tablet.document.besideList')}>
        {choices.map((doc) => (
          <li key={doc.id}>
            <button
              type="button"
              className="tablet-beside__choice"
              onClick={() => {
                close();
                onChoose(doc.id);
              }}
            >
              {doc.title}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BesideDocument({
  runtime,
  fileId,
  onOpen,
}: {
  runtime: TabletRuntime;
  fileId: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTabletT();
  const view = useDocumentView(runtime, fileId);
  useEffect(() => {
    void markDocumentSeen(runtime, fileId);
  }, [runtime, fileId]);
  if (view.status === 'loading') return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={String(view.error)} />;
  if (!view.data) return <p>{t('tablet.document.notFound')}</p>;
  return <StoredDocument runtime={runtime} view={view.data} onOpen={onOpen} headingLevel={2} />;
}

/** The document's bytes from this device (assembled from its chunks only when opened), or how to get them. */
function StoredDocument({
  runtime,
  view,
  onOpen,
  initialPage,
  initialFind,
  headingLevel,
  annotate = false,
}: {
  runtime: TabletRuntime;
  view: DocumentView;
  onOpen: (id: string) => void;
  initialPage?: number | undefined;
  initialFind?: string | undefined;
  /** Side by side, each pane names its document. */
  headingLevel: 2 | null;
  /** The main document carries the councillor's annotations; the one beside it is for reading. */
  annotate?: boolean;
}) {
  const { t, locale } = useTabletT();
  const status = useTabletStatus(runtime);
  const [opened, setOpened] = useState<{ sha256: string; blob: Blob } | null>(null);
  const { file, version, meetingId, related } = view;
  const verifiedSha = view.record?.verified ? view.record.sha256 : null;

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

  const blob = opened && opened.sha256 === verifiedSha ? opened.blob : null;
  const missing = version && !verifiedSha;
  const received = Math.max(
    view.record?.receivedBytes ?? 0,
    status.download?.sha256 === version?.sha256 ? (status.download?.receivedBytes ?? 0) : 0,
  );

  return (
    <div className="tablet-document__pane">
      {headingLevel && <h2 className="tablet-document__pane-title">{file.name}</h2>}
      {blob && version && annotate && isPdf(version.mimeType) && (
        <AnnotatedDocument
          runtime={runtime}
          file={file}
          version={version}
          blob={blob}
          related={related}
          onOpen={onOpen}
          initialFind={initialFind}
        />
      )}
      {blob && version && !(annotate && isPdf(version.mimeType)) && (
        <DocumentViewer
          blob={blob}
          title={file.name}
          fileName={version.fileName}
          mimeType={version.mimeType}
          related={related}
          currentId={file.id}
          onOpen={onOpen}
          initialPage={initialPage}
          initialFind={initialFind}
        />
      )}
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
    </div>
  );
}
