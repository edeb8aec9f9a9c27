import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { FileView } from '@ratsmappe/shared';
import { getJson } from '../../data/api';
import { sendJson } from '../../data/commands';
import { errorMessage } from '../../data/use-api-resource';
import { formatMeetingDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useOfficeT } from './office-shell';
import {
  fileRoles,
  initialUploadState,
  looksLikePdf,
  nextUploadState,
  uploadFile,
  uploadUrl,
  type UploadRole,
  type UploadState,
} from './upload';

export interface FileOwner {
  type: 'meeting' | 'agenda_item' | 'paper';
  id: string;
}

const ownerCollection = { meeting: 'meetings', agenda_item: 'agenda-items', paper: 'papers' } as const;

function ownerFilesPath(owner: FileOwner): string {
  return `/api/${ownerCollection[owner.type]}/${owner.id}/files`;
}

export function roleLabel(t: ReturnType<typeof useOfficeT>['t'], role: string): string {
  return (fileRoles as readonly string[]).includes(role) ? t(`files.role.${role as UploadRole}`) : role;
}

interface UploadEntry {
  key: number;
  fileName: string;
  state: UploadState;
}

let nextKey = 0;

/** Starts one XHR per file and keeps each file's state; `onDone` runs after each accepted file. */
function useUploads(onDone: () => void) {
  const { locale } = useI18n();
  const { t } = useOfficeT();
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  }, [onDone]);

  const stateText = useCallback(
    (state: UploadState) => {
      switch (state.status) {
        case 'uploading':
          return t('files.uploading');
        case 'checking':
          return t('files.checking');
        case 'done':
          return t('files.done');
        case 'rejected':
          return t('files.rejected', { reason: state.reason });
      }
    },
    [t],
  );

  const start = useCallback(
    (files: readonly File[], url: string) => {
      for (const file of files) {
        const key = nextKey++;
        const update = (state: UploadState) => {
          setEntries((list) => list.map((e) => (e.key === key ? { ...e, state } : e)));
          // Progress itself is not announced (too chatty); the changes of state are.
          if (state.status !== 'uploading')
            setAnnouncement(t('files.uploadState', { file: file.name, state: stateText(state) }));
          if (state.status === 'done') onDoneRef.current();
        };
        if (!looksLikePdf(file)) {
          const state: UploadState = { status: 'rejected', reason: t('files.notPdf') };
          setEntries((list) => [...list, { key, fileName: file.name, state }]);
          setAnnouncement(t('files.uploadState', { file: file.name, state: stateText(state) }));
          continue;
        }
        let state = initialUploadState(file.size);
        setEntries((list) => [...list, { key, fileName: file.name, state }]);
        uploadFile({
          url,
          file,
          locale,
          fallbackReason: t('files.failed'),
          onEvent: (event) => {
            const next = nextUploadState(state, event);
            if (next === state) return;
            const changedStatus = next.status !== state.status;
            state = next;
            if (changedStatus) update(next);
            else setEntries((list) => list.map((e) => (e.key === key ? { ...e, state: next } : e)));
          },
        });
      }
    },
    [locale, t, stateText],
  );

  return { entries, announcement, start, stateText };
}

function UploadStates({ entries, stateText }: { entries: UploadEntry[]; stateText: (state: UploadState) => string }) {
  const { t } = useOfficeT();
  if (entries.length === 0) return null;
  return (
    <ul className="upload-list">
      {entries.map((entry) => (
        <li key={entry.key} className={`upload upload--${entry.state.status}`} data-upload-state={entry.state.status}>
          <span className="upload__name">{entry.fileName}</span>{' '}
          {entry.state.status === 'uploading' && (
            <progress
              value={entry.state.loaded}
              max={entry.state.total || 1}
              aria-label={t('files.progress', { file: entry.fileName })}
            />
          )}{' '}
          <span className="upload__state">{stateText(entry.state)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A drop zone for several PDFs at once, with a file button for keyboard users. */
function UploadZone({ label, onFiles }: { label: string; onFiles: (files: File[]) => void }) {
  const { t } = useOfficeT();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    onFiles([...event.dataTransfer.files]);
  };
  return (
    <div
      className={over ? 'drop-zone drop-zone--over' : 'drop-zone'}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={handleDrop}
    >
      <span aria-hidden="true">{t('files.drop')}</span>
      {/* The label is the visible button; the input stays focusable (visually hidden) for keyboard users. */}
      <label htmlFor={inputId} className="button button--secondary file-button">
        {t('files.choose')}
        <span className="visually-hidden"> {t('files.chooseFor', { owner: label })}</span>
      </label>
      <input
        id={inputId}
        type="file"
        multiple
        accept="application/pdf,.pdf"
        className="file-button__input"
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
    </div>
  );
}

/** What the next upload will be: role, display name (for a single file) and the office's wish on publicity. */
function UploadOptionsFields({
  options,
  onChange,
  ownerPublic,
}: {
  options: { role: UploadRole; name: string; public: boolean };
  onChange: (options: { role: UploadRole; name: string; public: boolean }) => void;
  ownerPublic: boolean;
}) {
  const { t } = useOfficeT();
  const id = useId();
  return (
    <fieldset className="upload-options">
      <legend className="form-field__label">{t('files.options')}</legend>
      <div className="form-row">
        <div className="form-field">
          <label htmlFor={`${id}-role`}>{t('files.roleLabel')}</label>
          <select
            id={`${id}-role`}
            value={options.role}
            onChange={(e) => onChange({ ...options, role: e.target.value as UploadRole })}
          >
            {fileRoles.map((role) => (
              <option key={role} value={role}>
                {t(`files.role.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor={`${id}-name`}>{t('files.displayName')}</label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={300}
            aria-describedby={`${id}-name-hint`}
            value={options.name}
            onChange={(e) => onChange({ ...options, name: e.target.value })}
          />
        </div>
        {ownerPublic && (
          <label className="upload-options__public">
            <input
              type="checkbox"
              checked={options.public}
              onChange={(e) => onChange({ ...options, public: e.target.checked })}
            />{' '}
            {t('files.uploadPublic')}
          </label>
        )}
      </div>
      <p id={`${id}-name-hint`} className="form-field__hint">
        {t('files.displayNameHint')} {ownerPublic ? t('files.publicHint') : t('files.ownerNotPublicHint')}
      </p>
    </fieldset>
  );
}

/** Files of a meeting, an agenda item or a paper: upload, confirm visibility, new versions, version history. */
export function FilesPanel({
  owner,
  label,
  onChanged,
  ownerPublic = true,
  defaultRole = 'auxiliary',
  headingLevel = 3,
  reloadKey = 0,
}: {
  owner: FileOwner;
  label: string;
  /** After an accepted upload or a confirmation: they move the meeting's version, which the agenda must follow. */
  onChanged?: () => void;
  /** False for a non-public agenda item or paper: its files cannot be public, so the choice is not offered. */
  ownerPublic?: boolean;
  defaultRole?: UploadRole;
  headingLevel?: 2 | 3;
  /** Changing it reloads the list (the server added a file, e.g. a regenerated invitation). */
  reloadKey?: number;
}) {
  const { t: tApp, locale } = useI18n();
  const path = ownerFilesPath(owner);
  const [files, setFiles] = useState<FileView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  const load = useCallback(() => {
    getJson<FileView[]>(path, { locale }).then(
      (list) => {
        setFiles(list);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e, tApp)),
    );
  }, [path, locale, tApp]);

  // reloadKey: a change asks for the list again.
  useEffect(() => load(), [load, reloadKey]);
  const changed = useCallback(() => {
    load();
    onChanged?.();
  }, [load, onChanged]);
  const uploads = useUploads(changed);
  const [options, setOptions] = useState({ role: defaultRole, name: '', public: false });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const upload = (list: File[]) => {
    if (list.length === 0) return;
    // A display name names one file; several files at once keep their own names.
    const name = list.length === 1 ? options.name : undefined;
    uploads.start(list, uploadUrl(path, { ...options, name, public: ownerPublic && options.public }));
    if (list.length === 1) setOptions({ ...options, name: '' });
  };

  return (
    <section className="files-panel" aria-labelledby={headingId}>
      <Heading id={headingId} className="files-panel__title">
        {label}
      </Heading>
      <UploadOptionsFields options={options} onChange={setOptions} ownerPublic={ownerPublic} />
      <UploadZone label={label} onFiles={upload} />
      <p role="status" className="visually-hidden">
        {uploads.announcement}
      </p>
      <UploadStates entries={uploads.entries} stateText={uploads.stateText} />
      {error && (
        <p role="alert" className="notice notice--danger">
          {error}
        </p>
      )}
      {files && <FileList files={files} onChanged={changed} />}
    </section>
  );
}

function FileList({ files, onChanged }: { files: FileView[]; onChanged: () => void }) {
  const { t } = useOfficeT();
  const visible = files.filter((f) => !f.deleted);
  if (visible.length === 0) return <p className="hint">{t('files.none')}</p>;
  return (
    <ul className="office-files">
      {visible.map((file) => (
        <FileRow key={file.id} file={file} onChanged={onChanged} />
      ))}
    </ul>
  );
}

function FileRow({ file: initial, onChanged }: { file: FileView; onChanged: () => void }) {
  const { t, locale } = useOfficeT();
  const { t: tApp } = useI18n();
  // A fresher copy (after a confirmation or a new version) counts until the list itself is reloaded.
  const [fresh, setFresh] = useState<{ from: FileView; file: FileView } | null>(null);
  const file = fresh?.from === initial ? fresh.file : initial;
  const setFile = useCallback((updated: FileView) => setFresh({ from: initial, file: updated }), [initial]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);

  const refresh = useCallback(() => {
    getJson<FileView>(`/api/files/${file.id}`, { locale }).then(setFile, () => undefined);
    onChanged();
  }, [file.id, locale, onChanged, setFile]);
  const versionUploads = useUploads(refresh);

  const confirm = (makePublic: boolean) => {
    setBusy(true);
    sendJson<FileView>('POST', `/api/files/${file.id}/confirm-visibility`, { public: makePublic }, locale)
      .then((updated) => {
        setFile(updated);
        onChanged();
        setMessage(t('files.confirmed', { name: file.name }));
        // The confirm buttons are gone: keep focus in this row.
        requestAnimationFrame(() => rowRef.current?.focus());
      })
      .catch((e: unknown) => setMessage(errorMessage(e, tApp)))
      .finally(() => setBusy(false));
  };

  const versionInputId = useId();
  return (
    <li className="office-file" ref={rowRef} tabIndex={-1}>
      <div className="office-file__head">
        <a href={`/files/${file.id}`} className="office-file__name">
          {file.name}
        </a>{' '}
        <span className="badge">{roleLabel(t, file.role)}</span>{' '}
        <span className={file.public ? 'badge' : 'badge badge--cancelled'}>
          {file.public ? t('files.public') : t('files.nonPublic')}
        </span>
        {!file.visibilityConfirmed && <span className="badge badge--warning">{t('files.awaiting')}</span>}
      </div>
      {!file.visibilityConfirmed && (
        <div role="group" aria-label={t('files.confirmVisibility')} className="button-row">
          <span>{t('files.confirmVisibility')}:</span>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => confirm(true)}>
            {t('files.makePublic', { name: file.name })}
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => confirm(false)}>
            {t('files.keepPrivate', { name: file.name })}
          </button>
        </div>
      )}
      <p role="status" className="office-file__message">
        {message}
      </p>
      <div className="button-row">
        <label htmlFor={versionInputId} className="button button--secondary file-button">
          {t('files.newVersion')}
          <span className="visually-hidden"> {t('files.newVersionFor', { name: file.name })}</span>
        </label>
        <input
          id={versionInputId}
          type="file"
          accept="application/pdf,.pdf"
          className="file-button__input"
          onChange={(event) => {
            versionUploads.start([...(event.target.files ?? [])].slice(0, 1), `/api/files/${file.id}/versions`);
            event.target.value = '';
          }}
        />
      </div>
      <p role="status" className="visually-hidden">
        {versionUploads.announcement}
      </p>
      <UploadStates entries={versionUploads.entries} stateText={versionUploads.stateText} />
      <details className="office-file__versions">
        <summary>{t('files.showVersions')}</summary>
        <ol aria-label={t('files.versions', { name: file.name })}>
          {file.versions.map((version) => (
            <li key={version.version}>
              <a href={version.accessUrl}>
                {t('files.version', {
                  version: version.version,
                  date: formatMeetingDate(version.created, locale),
                  fileName: version.fileName,
                })}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </li>
  );
}
