import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AnnotationHeader, AnnotationValues, SyncFile, SyncFileVersion } from '@ratsmappe/shared';
import { annotationColors } from '@ratsmappe/shared/annotations/annotation';
import { useSearch } from '../../app/router';
import { LoadingState } from '../../components/resource-state';
import {
  saveAnnotation,
  useDocumentAnnotations,
  useShareTargets,
  webAnnotationJson,
  type AnnotationChanges,
  type AnnotationView,
} from '../../data/annotations';
import { useTabletStatus } from '../../data/tablet';
import { readRememberedAccount } from '../../offline/account-data';
import { newAnnotationHeader, UndoHistory } from '../../offline/annotations';
import type { TabletRuntime } from '../../offline/runtime';
import type { RelatedDocument } from '../reader/document-switcher';
import type { PageOverlayInfo, PageTextLayer } from '../reader/pdf-reader';
import { useAnnotationT } from './annotation-messages';
import { AnnotationPanel, kindLabel, type NoteDraft } from './annotation-panel';
import { extractedPages, layerOffsetOf, normaliseRects, selectorsFor } from './geometry';
import { baseInkWidth, inkColors, PageOverlay, type Placement, type PlacedAnnotation, type Tool } from './page-overlay';
import './annotations.css';

type AnnotationColor = NonNullable<AnnotationValues['color']>;

const PdfReader = lazy(() => import('../reader/pdf-reader').then((m) => ({ default: m.PdfReader })));

export interface AnnotatedDocumentProps {
  runtime: TabletRuntime;
  file: SyncFile;
  version: SyncFileVersion;
  blob: Blob;
  /** The meeting's other documents, for the reader's switcher. */
  related?: readonly RelatedDocument[];
  onOpen?: (id: string) => void;
  /** A word to find on opening (a hit of the device search). */
  initialFind?: string | undefined;
  /**
   * An older version of the file: only the annotations made on it, at their original place (their target), and no
   * tools to change them.
   */
  readOnly?: boolean;
}

/** Where an annotation shows in the version that is open (see the server's re-anchoring). */
export function placementOf(annotation: AnnotationView, version: SyncFileVersion): Placement {
  const target = annotation.values.target;
  if (!target) return { page: null, status: 'orphaned', rects: null, passage: null };
  const stored: Placement = { page: target.page - 1, status: 'current', rects: target.rects ?? null, passage: null };
  if (target.sha256 === version.sha256) return stored;
  const anchor = annotation.anchors[version.sha256];
  // Not placed by the server yet (the new version's text is still being read): where it was.
  if (!anchor) return { ...stored, status: 'unplaced' };
  if (anchor.status === 'orphaned' || anchor.page === null) {
    // Ink, notes and bookmarks have no text to follow: they keep their page; a highlight cannot be shown.
    if (annotation.kind === 'highlight') return { page: null, status: 'orphaned', rects: null, passage: null };
    return { ...stored, status: 'orphaned' };
  }
  const page = version.extractedText ? extractedPages(version.extractedText)[anchor.page - 1] : undefined;
  const near = page && anchor.start !== null ? (anchor.start - page.start) / Math.max(1, page.text.length) : 0.5;
  return {
    page: anchor.page - 1,
    status: anchor.status,
    rects: null,
    passage: { text: anchor.exact ?? target.quote?.exact ?? '', near },
  };
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The reader with the councillor's annotations: tools, the marks on the pages, the list, undo and export. */
export function AnnotatedDocument({
  runtime,
  file,
  version,
  blob,
  related,
  onOpen,
  initialFind,
  readOnly = false,
}: AnnotatedDocumentProps) {
  const { t } = useAnnotationT();
  const live = useDocumentAnnotations(runtime, file.id);
  const shares = useShareTargets(runtime, file.bodyId);
  const status = useTabletStatus(runtime);
  const search = useSearch();
  const query = useMemo(() => new URLSearchParams(search), [search]);
  const [initialPage] = useState(() => Number(query.get('seite')) || 1);
  const [tool, setTool] = useState<Tool>('read');
  const [color, setColor] = useState<AnnotationColor>('yellow');
  const [penInUse, setPenInUse] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(() => query.get('anmerkung'));
  const [draft, setDraft] = useState<NoteDraft | null>(null);
  const [panelOpen, setPanelOpen] = useState(true);
  const [announcement, setAnnouncement] = useState('');
  const [currentPage, setCurrentPage] = useState(initialPage);
  const [pageRequest, setPageRequest] = useState<{ page: number; token: number } | null>(null);
  const undo = useRef(new UndoHistory());
  const [undoSize, setUndoSize] = useState(0);
  const layers = useRef(new Map<number, PageTextLayer>());
  const lastSelection = useRef<Range | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const annotations = useMemo(() => (live.status === 'ready' ? live.data : []), [live]);
  const placed = useMemo<PlacedAnnotation[]>(
    () =>
      annotations
        .filter((annotation) => !readOnly || annotation.values.target?.sha256 === version.sha256)
        .map((annotation) => ({ annotation, placement: placementOf(annotation, version) })),
    [annotations, version, readOnly],
  );
  const byPage = useMemo(() => {
    const map = new Map<number, PlacedAnnotation[]>();
    for (const item of placed) {
      if (item.placement.page === null) continue;
      const list = map.get(item.placement.page) ?? [];
      list.push(item);
      map.set(item.placement.page, list);
    }
    return map;
  }, [placed]);

  const announce = (text: string) => setAnnouncement(text);

  /** Every change goes through here: stored with its outbox entry, then shown as saved and undoable. */
  const commit = useCallback(
    async (header: AnnotationHeader, changes: AnnotationChanges, label: string, announcement?: string) => {
      try {
        const result = await saveAnnotation(runtime, header, changes);
        undo.current.record({ header, before: result.before, label });
        setUndoSize(undo.current.size);
        setAnnouncement(announcement ?? t('annot.saved'));
        return true;
      } catch (error) {
        setAnnouncement(t('annot.saveFailed', { message: error instanceof Error ? error.message : String(error) }));
        return false;
      }
    },
    [runtime, t],
  );

  const undoLast = async () => {
    try {
      const step = await undo.current.undo((header, changes) => saveAnnotation(runtime, header, changes));
      setUndoSize(undo.current.size);
      announce(step ? t('annot.undone', { what: step.label }) : t('annot.nothingToUndo'));
    } catch (error) {
      announce(t('annot.saveFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  // The last selection inside a page's text, so the toolbar button still has it after a tap moved the focus.
  useEffect(() => {
    const onChange = () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      const range = selection.getRangeAt(0);
      const start = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
      if (start?.closest('.reader-page .textLayer') && root.current?.contains(start)) {
        lastSelection.current = range.cloneRange();
      }
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  const highlightSelection = useCallback(async () => {
    const selection = window.getSelection();
    const range =
      selection && !selection.isCollapsed && selection.rangeCount > 0
        ? selection.getRangeAt(0).cloneRange()
        : lastSelection.current;
    if (!range || range.collapsed) return false;
    const start = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
    const pageElement = start?.closest<HTMLElement>('.reader-page');
    const textLayerElement = start?.closest('.textLayer');
    if (!pageElement || !textLayerElement) return false;
    const index = Number(pageElement.dataset.page) - 1;
    const layer = layers.current.get(index);
    if (!layer) return false;
    // A selection running onto the next page is cut at the end of this one.
    if (!textLayerElement.contains(range.endContainer))
      range.setEndAfter(textLayerElement.lastChild ?? textLayerElement);
    const rects = normaliseRects([...range.getClientRects()], pageElement.getBoundingClientRect());
    const offset = layerOffsetOf(layer.divs, layer.text, range.startContainer, range.startOffset);
    const selectors = selectorsFor(
      version.extractedText,
      index,
      layer.text.text,
      Math.max(0, offset),
      range.toString().slice(0, 5000),
    );
    if (!selectors || rects.length === 0) return false;
    lastSelection.current = null;
    selection?.removeAllRanges();
    const header = newAnnotationHeader('highlight', { fileId: file.id }, new Date());
    return commit(
      header,
      { target: { sha256: version.sha256, page: index + 1, rects, ...selectors }, color },
      kindLabel(t, 'highlight'),
    );
  }, [commit, color, file.id, t, version]);

  // In highlight mode, letting go of a selection (finger, pen or mouse) marks it.
  useEffect(() => {
    const element = root.current;
    if (!element || tool !== 'highlight') return;
    const onUp = () => {
      // After the browser has finished the selection.
      setTimeout(() => void highlightSelection(), 0);
    };
    element.addEventListener('pointerup', onUp);
    return () => element.removeEventListener('pointerup', onUp);
  }, [tool, highlightSelection]);

  const onStroke = useCallback(
    (pageIndex: number, points: [number, number, number][]) => {
      const header = newAnnotationHeader('ink', { fileId: file.id }, new Date());
      void commit(
        header,
        {
          target: { sha256: version.sha256, page: pageIndex + 1 },
          strokes: [{ color: inkColors[color] ?? '#1f4fbf', width: baseInkWidth, points }],
          color,
        },
        kindLabel(t, 'ink'),
      );
    },
    [commit, color, file.id, t, version.sha256],
  );

  const onNoteAt = useCallback(
    (pageIndex: number, point: [number, number]) => {
      setDraft({
        header: newAnnotationHeader('note', { fileId: file.id }, new Date()),
        target: { sha256: version.sha256, page: pageIndex + 1, point },
      });
      setPanelOpen(true);
      setTool('read');
    },
    [file.id, version.sha256],
  );

  const onTextLayer = useCallback((index: number, layer: PageTextLayer | null) => {
    if (layer) layers.current.set(index, layer);
    else layers.current.delete(index);
  }, []);
  const onPenSeen = useCallback(() => setPenInUse(true), []);
  const onSelect = useCallback((id: string | null) => {
    setSelectedId(id);
    if (id) setPanelOpen(true);
  }, []);

  const renderOverlay = useCallback(
    (info: PageOverlayInfo) => (
      <PageOverlay
        index={info.index}
        width={info.width}
        height={info.height}
        textLayer={info.textLayer}
        active={info.active}
        items={byPage.get(info.index) ?? noItems}
        tool={tool}
        color={color}
        penInUse={penInUse}
        selectedId={selectedId}
        t={t}
        onPenSeen={onPenSeen}
        onStroke={onStroke}
        onNoteAt={onNoteAt}
        onSelect={onSelect}
        onTextLayer={onTextLayer}
      />
    ),
    [byPage, tool, color, penInUse, selectedId, t, onPenSeen, onStroke, onNoteAt, onSelect, onTextLayer],
  );

  const goTo = useCallback((page: number) => setPageRequest((old) => ({ page, token: (old?.token ?? 0) + 1 })), []);

  const ownBookmark = annotations.find(
    (a) => a.own && a.kind === 'bookmark' && placementOf(a, version).page === currentPage - 1,
  );
  const toggleBookmark = () => {
    if (ownBookmark) {
      void commit(ownBookmark, { deleted: true }, kindLabel(t, 'bookmark'));
    } else {
      const header = newAnnotationHeader('bookmark', { fileId: file.id }, new Date());
      void commit(header, { target: { sha256: version.sha256, page: currentPage } }, kindLabel(t, 'bookmark'));
    }
  };

  const exportJson = () =>
    download(
      `${file.name.replace(/\.pdf$/i, '')} (Anmerkungen).jsonld`,
      'application/ld+json',
      webAnnotationJson(annotations, file, window.location.origin, readRememberedAccount()?.displayName ?? ''),
    );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return;
    if (!readOnly && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !event.shiftKey) {
      event.preventDefault();
      void undoLast();
    }
  };

  // Arrow keys between the toolbar's buttons (ARIA toolbar), as in the reader's own toolbar.
  const onToolbarKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const controls = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled]), a[href]')];
    const at = controls.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    controls[(at + (event.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length]?.focus();
  };

  const tools: Tool[] = ['read', 'highlight', 'ink', 'note'];
  const pendingCount = annotations.filter((a) => a.pending).length;

  return (
    <div className="annotated" ref={root} onKeyDown={onKeyDown}>
      <div className="annot-toolbar" role="toolbar" aria-label={t('annot.toolbar')} onKeyDown={onToolbarKeyDown}>
        {!readOnly && (
          <>
            <span className="annot-toolbar__group">
              {tools.map((name) => (
                <button
                  key={name}
                  type="button"
                  className="reader-button"
                  aria-pressed={tool === name}
                  title={t(`annot.tool.${name}Long`)}
                  onClick={() => setTool(name)}
                >
                  {t(`annot.tool.${name}`)}
                </button>
              ))}
            </span>
            <span className="annot-toolbar__group" role="group" aria-label={t('annot.colors')}>
              {annotationColors.map((c) => (
                <button
                  key={c}
                  type="button"
                  className="reader-button annot-color"
                  aria-pressed={color === c}
                  aria-label={t(`annot.color.${c}`)}
                  title={t(`annot.color.${c}`)}
                  onClick={() => setColor(c)}
                >
                  <span className="annot-swatch" aria-hidden="true" style={{ background: `var(--annot-${c})` }} />
                </button>
              ))}
            </span>
            <button
              type="button"
              className="reader-button"
              // Keeps the text selection: a button press would otherwise clear it before the click.
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => void highlightSelection()}
            >
              {t('annot.highlightSelection')}
            </button>
            <button
              type="button"
              className="reader-button"
              aria-pressed={ownBookmark !== undefined}
              title={t('annot.bookmarkLong', { page: currentPage })}
              onClick={toggleBookmark}
            >
              {t('annot.bookmark')}
            </button>
            <button
              type="button"
              className="reader-button"
              title={t('annot.undoLong')}
              disabled={undoSize === 0}
              onClick={() => void undoLast()}
            >
              {t('annot.undo')}
            </button>
          </>
        )}
        <button
          type="button"
          className="reader-button"
          aria-expanded={panelOpen}
          aria-controls="annot-panel"
          onClick={() => setPanelOpen((open) => !open)}
        >
          {t('annot.panel', { count: annotations.length })}
        </button>
      </div>
      <div className={`annotated__body${panelOpen ? ' annotated__body--panel' : ''}`}>
        <div className="annotated__reader">
          <Suspense fallback={<LoadingState />}>
            <PdfReader
              source={blob}
              title={file.name}
              initialPage={initialPage}
              related={related}
              currentId={file.id}
              onOpen={onOpen}
              initialFind={initialFind}
              renderPageOverlay={renderOverlay}
              onPageChange={setCurrentPage}
              pageRequest={pageRequest}
            />
          </Suspense>
        </div>
        {panelOpen && (
          <aside id="annot-panel" className="annot-panel" aria-labelledby="annot-panel-title">
            <h2 id="annot-panel-title">{t('annot.panelTitle')}</h2>
            <AnnotationPanel
              t={t}
              items={placed}
              selectedId={selectedId}
              draft={draft}
              shareTargets={shares.status === 'ready' ? shares.data : { factions: [], committees: [] }}
              onSelect={onSelect}
              onGoTo={goTo}
              onSave={(header, changes, label) =>
                commit(header, changes, label, changes.deleted ? t('annot.deleted', { what: label }) : undefined)
              }
              onDraftDone={() => setDraft(null)}
              readOnly={readOnly}
            />
            {!readOnly && (
              <section aria-labelledby="annot-export-title" className="annot-export">
                <h3 id="annot-export-title">{t('annot.export')}</h3>
                <div className="button-row">
                  <button type="button" className="button button--secondary" onClick={exportJson}>
                    {t('annot.exportJson')}
                  </button>
                  {status.online ? (
                    <a
                      className="button button--secondary"
                      href={`/api/files/${file.id}/annotated.pdf`}
                      download
                      rel="noopener"
                    >
                      {t('annot.exportPdf')}
                    </a>
                  ) : (
                    <button type="button" className="button button--secondary" disabled>
                      {t('annot.exportPdfOffline')}
                    </button>
                  )}
                </div>
                {pendingCount > 0 && <p className="muted">{t('annot.exportPdfPending')}</p>}
              </section>
            )}
          </aside>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

const noItems: readonly PlacedAnnotation[] = [];
