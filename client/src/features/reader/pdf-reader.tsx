import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { DocumentSwitcher, type RelatedDocument } from './document-switcher';
import { FindBar } from './find-bar';
import {
  canvasPixelRatio,
  computeLayout,
  currentPage,
  scrollForRelayout,
  selectPagesToRender,
  type PageLayout,
  type PageSize,
  type RenderBudget,
  type SharpnessLimits,
} from './layout';
import { classifyPdfError, loadPdfJs, openPdf, type OpenedPdf, type PdfOpenError } from './pdf-loader';
import { PdfPageView, type PageOverlayInfo } from './pdf-page-view';
import { RenderScheduler } from './render-scheduler';
import { Thumbnails } from './thumbnails';
import { useFind } from './use-find';
import { useReaderMessages } from './use-reader-messages';
import { useZoomGestures, type ZoomCommit, type ZoomPreview } from './use-zoom-gestures';
import { clampZoom, fitWidthZoom, zoomIn, zoomOut, zoomPercent } from './zoom';
import './reader.css';

export type { RelatedDocument } from './document-switcher';
export type { PageOverlayInfo, PageTextLayer } from './pdf-page-view';

export interface PdfReaderProps {
  source: Blob;
  title: string;
  /** The paper and its attachments; with more than one, the toolbar offers to switch between them. */
  related?: readonly RelatedDocument[];
  currentId?: string;
  onOpen?: (id: string) => void;
  /** 1-based page to open at. */
  initialPage?: number;
  /** Opens with the find bar searching this term (from the first page at `initialPage` on). */
  initialFind?: string;
  /** Called each time a page canvas has been drawn (1-based page); for measurements. */
  onPageRendered?: (page: number) => void;
  /** Drawn over each page (annotations); keep it stable (useCallback) or every page re-renders. */
  renderPageOverlay?: (page: PageOverlayInfo) => ReactNode;
  /** The current page (1-based) when it changes. */
  onPageChange?: (page: number) => void;
  /** Goes to `page` (1-based) whenever `token` changes (a jump from an annotation list). */
  pageRequest?: { page: number; token: number } | null;
}

// This module is itself loaded on demand (the reader's screens); fetch pdf.js alongside it, not after the document.
loadPdfJs().catch(() => undefined);

const layoutOptions = { gap: 12, padding: 12 };
/** Memory bound for page canvases: about 4 pages at 2× on a tablet, never more than 8 canvases. */
const renderBudget: RenderBudget = { maxPages: 8, maxPixels: 32 * 1024 * 1024 };
const sharpness: SharpnessLimits = { maxRatio: 2, maxCanvasPixels: 16 * 1024 * 1024 };

type LoadState = { source: Blob } & (
  | { status: 'loading'; progress: number }
  | { status: 'ready'; pdf: OpenedPdf }
  | { status: 'error'; kind: PdfOpenError }
);

/**
 * Reads one PDF: continuous scrolling with only the pages near the viewport drawn, zoom by buttons, keys, pinch and
 * Ctrl + wheel, a page overview, find in document and a switcher to related documents.
 */
export function PdfReader(props: PdfReaderProps) {
  const { t } = useReaderMessages();
  const { source } = props;
  const [loaded, setLoaded] = useState<LoadState | null>(null);
  // A state for an earlier source counts as loading the new one (no reset needed when the source changes).
  const state = loaded?.source === source ? loaded : { source, status: 'loading' as const, progress: 0 };

  useEffect(() => {
    const controller = new AbortController();
    let opened: OpenedPdf | null = null;
    openPdf(source, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (!controller.signal.aborted) setLoaded({ source, status: 'loading', progress });
      },
    }).then(
      (pdf) => {
        if (controller.signal.aborted) {
          void pdf.destroy();
          return;
        }
        opened = pdf;
        setLoaded({ source, status: 'ready', pdf });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ source, status: 'error', kind: classifyPdfError(error) });
      },
    );
    return () => {
      controller.abort();
      void opened?.destroy();
    };
  }, [source]);

  if (state.status === 'ready') return <ReaderView {...props} opened={state.pdf} />;
  return (
    <div className="reader reader--status">
      {state.status === 'loading' ? (
        <p role="status">
          {state.progress > 0
            ? t('reader.loadingProgress', { percent: Math.round(state.progress * 100) })
            : t('reader.loading')}
        </p>
      ) : (
        <p role="alert" className="reader__error">
          {t(
            state.kind === 'password'
              ? 'reader.errorPassword'
              : state.kind === 'invalid'
                ? 'reader.errorInvalid'
                : 'reader.error',
          )}
        </p>
      )}
    </div>
  );
}

type ZoomMode = { mode: 'fit-width'; page: number } | { mode: 'manual'; zoom: number };

/** Page sizes: every page as large as the first at once, then the real sizes, read in the background. */
function usePageSizes(pdf: PDFDocumentProxy): PageSize[] | null {
  const [sizes, setSizes] = useState<PageSize[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const sizeOf = async (n: number): Promise<PageSize> => {
        const { width, height } = (await pdf.getPage(n)).getViewport({ scale: 1 });
        return { width, height };
      };
      const first = await sizeOf(1);
      if (cancelled) return;
      const all = Array.from({ length: pdf.numPages }, () => first);
      setSizes(all);
      let changed = false;
      for (let n = 2; n <= pdf.numPages; n++) {
        // After the first pages are drawn; each size is a round trip to the worker.
        await new Promise((resolve) => setTimeout(resolve, n === 2 ? 500 : 0));
        const size = await sizeOf(n).catch(() => first);
        if (cancelled) return;
        if (size.width !== first.width || size.height !== first.height) {
          all[n - 1] = size;
          changed = true;
        }
        if (changed && (n % 25 === 0 || n === pdf.numPages)) {
          changed = false;
          setSizes([...all]);
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [pdf]);
  return sizes;
}

function useViewportSize(ref: RefObject<HTMLElement | null>) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

function ReaderView({
  opened,
  title,
  related,
  currentId,
  onOpen,
  initialPage = 1,
  initialFind,
  onPageRendered,
  renderPageOverlay,
  onPageChange,
  pageRequest,
}: PdfReaderProps & { opened: OpenedPdf }) {
  const { t } = useReaderMessages();
  const { pdfjs, document: pdf } = opened;
  const count = pdf.numPages;
  const ids = useId();
  const sizes = usePageSizes(pdf);
  const viewport = useRef<HTMLDivElement>(null);
  const pagesRef = useRef<HTMLDivElement>(null);
  const findInput = useRef<HTMLInputElement>(null);
  const viewportSize = useViewportSize(viewport);
  const scheduler = useMemo(() => new RenderScheduler(2), []);
  useEffect(() => () => scheduler.clear(), [scheduler]);

  const start = Math.min(Math.max(1, initialPage), count) - 1;
  const [current, setCurrent] = useState(start);
  const currentRef = useRef(start);
  useLayoutEffect(() => {
    currentRef.current = current;
  }, [current]);
  const [zoomMode, setZoomMode] = useState<ZoomMode>({ mode: 'fit-width', page: start });
  const [preview, setPreview] = useState<ZoomPreview | null>(null);
  const [thumbnailsOpen, setThumbnailsOpen] = useState(false);
  const [findOpen, setFindOpen] = useState(Boolean(initialFind));
  const [announcement, setAnnouncement] = useState('');
  const [pageDraft, setPageDraft] = useState<string | null>(null);
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set());

  const zoom = useMemo(() => {
    if (zoomMode.mode === 'manual') return zoomMode.zoom;
    const reference = sizes?.[zoomMode.page];
    if (!reference || viewportSize.width === 0) return 1;
    return fitWidthZoom(viewportSize.width, reference.width, layoutOptions.padding);
  }, [zoomMode, sizes, viewportSize.width]);

  const layout = useMemo<PageLayout | null>(
    () => (sizes ? computeLayout(sizes, zoom, viewportSize.width, layoutOptions) : null),
    [sizes, zoom, viewportSize.width],
  );
  const layoutRef = useRef(layout);

  // A relayout keeps the reader's place: a pending anchor (pinch centre, zoom button) or the top of the viewport.
  const pendingAnchor = useRef<{ contentPoint: { x: number; y: number }; viewPoint: { x: number; y: number } } | null>(
    null,
  );
  const placedInitialPage = useRef(false);
  useLayoutEffect(() => {
    const element = viewport.current;
    const before = layoutRef.current;
    layoutRef.current = layout;
    if (!element || !layout) return;
    if (!placedInitialPage.current) {
      placedInitialPage.current = true;
      element.scrollTop = layout.tops[start]! - layoutOptions.padding;
      return;
    }
    if (!before || before === layout) return;
    const anchor = pendingAnchor.current ?? {
      viewPoint: { x: element.clientWidth / 2, y: 0 },
      contentPoint: { x: element.scrollLeft + element.clientWidth / 2, y: element.scrollTop },
    };
    pendingAnchor.current = null;
    const next = scrollForRelayout(before, layout, anchor.contentPoint, anchor.viewPoint);
    element.scrollLeft = next.left;
    element.scrollTop = next.top;
  }, [layout, start]);

  // The current page follows scrolling (once per frame).
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const now = layoutRef.current;
        if (now) setCurrent(currentPage(now, element.scrollTop, element.clientHeight));
      });
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      element.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  // Pages within one screen above or below the viewport are "near": only they may have a canvas.
  const pageCount = sizes?.length ?? 0;
  useEffect(() => {
    const root = viewport.current;
    const pages = pagesRef.current;
    if (!root || !pages || pageCount === 0) return;
    const visible = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.page) - 1;
          if (entry.isIntersecting) visible.add(index);
          else visible.delete(index);
        }
        setNear(new Set(visible));
      },
      { root, rootMargin: '100% 0px' },
    );
    for (const page of pages.children) observer.observe(page);
    return () => observer.disconnect();
  }, [pageCount]);

  const deviceRatio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const ratioOf = useCallback(
    (index: number) =>
      layout ? canvasPixelRatio(layout.widths[index]!, layout.heights[index]!, deviceRatio, sharpness) : 1,
    [layout, deviceRatio],
  );
  const active = useMemo(() => {
    if (!layout || viewportSize.width === 0) return new Set<number>();
    return selectPagesToRender(
      near,
      current,
      (index) => layout.widths[index]! * layout.heights[index]! * ratioOf(index) ** 2,
      renderBudget,
    );
  }, [near, current, layout, ratioOf, viewportSize.width]);

  const find = useFind(
    pdf,
    useCallback(() => currentRef.current, []),
  );
  const renderedCallback = useRef(onPageRendered);
  useEffect(() => {
    renderedCallback.current = onPageRendered;
  }, [onPageRendered]);
  const notifyRendered = useCallback((index: number) => renderedCallback.current?.(index + 1), []);
  const { search } = find;
  // Stable, so the find bar's typing pause is not restarted by every scroll-driven render.
  const runSearch = useCallback((query: string) => void search(query), [search]);
  const selectedMatch = find.state.selected >= 0 ? find.state.matches[find.state.selected] : undefined;

  const scrollToPage = useCallback((index: number) => {
    const element = viewport.current;
    const now = layoutRef.current;
    if (!element || !now) return;
    element.scrollTop = now.tops[index]! - layoutOptions.padding;
    setCurrent(index);
  }, []);

  // A selected hit on a page far away: go to that page; the page scrolls the hit itself into view once drawn.
  useEffect(() => {
    if (!selectedMatch || active.has(selectedMatch.page)) return;
    scrollToPage(selectedMatch.page);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another hit is chosen, not on every scroll
  }, [find.state.revealToken, selectedMatch?.page]);

  const pageChanged = useRef(onPageChange);
  useEffect(() => {
    pageChanged.current = onPageChange;
  }, [onPageChange]);
  useEffect(() => {
    pageChanged.current?.(current + 1);
  }, [current]);

  const requestToken = pageRequest?.token;
  const requestedPage = pageRequest?.page;
  useEffect(() => {
    if (requestToken === undefined || requestedPage === undefined || !layout) return;
    scrollToPage(Math.min(Math.max(0, requestedPage - 1), count - 1));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new jump is asked for (or layout first exists)
  }, [requestToken, layout === null]);

  const goToPage = (index: number) => {
    const target = Math.min(Math.max(0, index), count - 1);
    scrollToPage(target);
    setAnnouncement(t('reader.pageChanged', { page: target + 1, count }));
  };

  const applyZoom = (next: number, anchor?: ZoomCommit) => {
    const element = viewport.current;
    if (!element) return;
    const viewPoint = anchor?.viewPoint ?? { x: element.clientWidth / 2, y: element.clientHeight / 2 };
    pendingAnchor.current = {
      viewPoint,
      contentPoint: anchor?.contentPoint ?? { x: element.scrollLeft + viewPoint.x, y: element.scrollTop + viewPoint.y },
    };
    setZoomMode({ mode: 'manual', zoom: clampZoom(next) });
    setAnnouncement(t('reader.zoomValue', { percent: zoomPercent(clampZoom(next)) }));
  };
  const fitWidth = () => {
    const element = viewport.current;
    if (element) {
      pendingAnchor.current = {
        viewPoint: { x: 0, y: 0 },
        contentPoint: { x: 0, y: element.scrollTop },
      };
    }
    setZoomMode({ mode: 'fit-width', page: currentRef.current });
  };

  useZoomGestures(viewport, {
    zoom,
    onPreview: setPreview,
    onCommit: (commit) => applyZoom(commit.zoom, commit),
  });

  const openFind = () => {
    setFindOpen(true);
    requestAnimationFrame(() => findInput.current?.select());
  };
  const closeFind = () => {
    setFindOpen(false);
    find.reset();
    viewport.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const typing = target.tagName === 'INPUT' || target.tagName === 'TEXTAREA';
    const command = event.ctrlKey || event.metaKey;
    if (command && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      openFind();
      return;
    }
    if ((event.key === 'F3' || (command && event.key.toLowerCase() === 'g')) && find.state.matches.length > 0) {
      event.preventDefault();
      find.step(event.shiftKey ? -1 : 1);
      return;
    }
    if (typing || event.altKey) return;
    if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      applyZoom(zoomIn(zoom));
    } else if (event.key === '-') {
      event.preventDefault();
      applyZoom(zoomOut(zoom));
    } else if (event.key === '0' && !command) {
      event.preventDefault();
      fitWidth();
    }
  };

  // Arrow keys move between the toolbar's controls (ARIA toolbar pattern); text fields keep their arrows.
  const onToolbarKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    if ((event.target as HTMLElement).tagName === 'INPUT') return;
    const controls = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled]), input')].filter(
      (control) => control.offsetParent !== null && !control.closest('[hidden]'),
    );
    const at = controls.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    const next = controls[(at + (event.key === 'ArrowRight' ? 1 : -1) + controls.length) % controls.length];
    next?.focus();
  };

  const previewStyle: CSSProperties | undefined = preview
    ? {
        transform: `translate(${preview.shift.x}px, ${preview.shift.y}px) scale(${preview.scale})`,
        transformOrigin: `${preview.origin.x}px ${preview.origin.y}px`,
      }
    : undefined;

  const pageLabel = (page: number) => t('reader.page', { page, count });
  const thumbnailsId = `${ids}-thumbnails`;
  const findId = `${ids}-find`;
  const hasSwitcher = related && related.length > 1 && onOpen;

  return (
    <div className="reader" onKeyDown={onKeyDown}>
      <div
        className="reader__toolbar"
        role="toolbar"
        aria-label={t('reader.toolbar', { title })}
        onKeyDown={onToolbarKeyDown}
      >
        <button
          type="button"
          className="reader-button"
          aria-pressed={thumbnailsOpen}
          aria-controls={thumbnailsOpen ? thumbnailsId : undefined}
          onClick={() => setThumbnailsOpen((open) => !open)}
        >
          {t('reader.thumbnails')}
        </button>
        {hasSwitcher ? <DocumentSwitcher documents={related} currentId={currentId} onOpen={onOpen} /> : null}
        <span className="reader__group">
          <button
            type="button"
            className="reader-button"
            aria-label={t('reader.previousPage')}
            title={t('reader.previousPage')}
            disabled={current === 0}
            onClick={() => goToPage(current - 1)}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <label className="reader__page-field">
            <span className="visually-hidden">{t('reader.pageInput', { count })}</span>
            <input
              type="text"
              inputMode="numeric"
              enterKeyHint="go"
              autoComplete="off"
              size={Math.max(2, String(count).length)}
              value={pageDraft ?? String(current + 1)}
              onFocus={(event) => event.target.select()}
              onChange={(event) => setPageDraft(event.target.value.replace(/\D/g, ''))}
              onBlur={() => setPageDraft(null)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && pageDraft) {
                  event.preventDefault();
                  goToPage(Number(pageDraft) - 1);
                  setPageDraft(null);
                } else if (event.key === 'Escape') {
                  setPageDraft(null);
                }
              }}
            />
          </label>
          <span className="reader__page-count" aria-hidden="true">
            {t('reader.ofPages', { count })}
          </span>
          <button
            type="button"
            className="reader-button"
            aria-label={t('reader.nextPage')}
            title={t('reader.nextPage')}
            disabled={current >= count - 1}
            onClick={() => goToPage(current + 1)}
          >
            <span aria-hidden="true">›</span>
          </button>
        </span>
        <span className="reader__group">
          <button
            type="button"
            className="reader-button"
            aria-label={t('reader.zoomOut')}
            title={t('reader.zoomOut')}
            onClick={() => applyZoom(zoomOut(zoom))}
          >
            <span aria-hidden="true">−</span>
          </button>
          <output className="reader__zoom" aria-label={t('reader.zoomValue', { percent: zoomPercent(zoom) })}>
            {zoomPercent(zoom)} %
          </output>
          <button
            type="button"
            className="reader-button"
            aria-label={t('reader.zoomIn')}
            title={t('reader.zoomIn')}
            onClick={() => applyZoom(zoomIn(zoom))}
          >
            <span aria-hidden="true">+</span>
          </button>
          <button
            type="button"
            className="reader-button"
            aria-pressed={zoomMode.mode === 'fit-width'}
            title={t('reader.fitWidthLong')}
            onClick={fitWidth}
          >
            {t('reader.fitWidth')}
          </button>
        </span>
        <button
          type="button"
          className="reader-button"
          aria-expanded={findOpen}
          aria-controls={findOpen ? findId : undefined}
          title={t('reader.findLong')}
          onClick={() => (findOpen ? closeFind() : openFind())}
        >
          {t('reader.find')}
        </button>
      </div>
      {findOpen ? (
        <FindBar
          id={findId}
          state={find.state}
          pageCount={count}
          inputRef={findInput}
          initialQuery={initialFind}
          onSearch={runSearch}
          onStep={find.step}
          onClose={closeFind}
        />
      ) : null}
      <div className="reader__body">
        {thumbnailsOpen && sizes ? (
          <Thumbnails
            id={thumbnailsId}
            label={t('reader.thumbnails')}
            pageLabel={(page) => t('reader.thumbnail', { page })}
            document={pdf}
            sizes={sizes}
            current={current}
            scheduler={scheduler}
            onSelect={goToPage}
          />
        ) : null}
        <div
          className="reader__viewport"
          ref={viewport}
          role="region"
          aria-label={t('reader.region', { title })}
          aria-describedby={`${ids}-hint`}
          tabIndex={0}
        >
          <div
            className="reader__pages"
            ref={pagesRef}
            style={{ width: layout?.contentWidth, height: layout?.contentHeight, ...previewStyle }}
          >
            {layout && sizes
              ? sizes.map((_, index) => (
                  <PdfPageView
                    key={index}
                    pdfjs={pdfjs}
                    document={pdf}
                    index={index}
                    label={pageLabel(index + 1)}
                    top={layout.tops[index]!}
                    left={layout.lefts[index]!}
                    width={layout.widths[index]!}
                    height={layout.heights[index]!}
                    zoom={zoom}
                    pixelRatio={ratioOf(index)}
                    active={active.has(index)}
                    currentPage={currentRef}
                    scheduler={scheduler}
                    hits={find.byPage.get(index) ?? noHits}
                    selectedHit={
                      selectedMatch?.page === index ? (find.byPage.get(index)?.indexOf(selectedMatch) ?? -1) : -1
                    }
                    revealToken={find.state.revealToken}
                    onRendered={notifyRendered}
                    renderOverlay={renderPageOverlay}
                  />
                ))
              : null}
          </div>
        </div>
      </div>
      <p id={`${ids}-hint`} className="visually-hidden">
        {t('reader.keyboardHint')}
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

const noHits: readonly never[] = [];
