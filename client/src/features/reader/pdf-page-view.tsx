import {
  memo,
  useEffect,
  useEffectEvent,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import type { PDFDocumentProxy, TextLayer } from 'pdfjs-dist';
import { buildPageText, type FindMatch, type PageText, type TextItemLike } from './find';
import { cssPixelsPerPoint } from './layout';
import type { PdfJs } from './pdf-loader';
import type { RenderScheduler } from './render-scheduler';
import { TextHighlighter } from './text-highlight';

export interface PdfPageViewProps {
  pdfjs: PdfJs;
  document: PDFDocumentProxy;
  index: number;
  label: string;
  top: number;
  left: number;
  width: number;
  height: number;
  zoom: number;
  /** Device pixels per CSS pixel for the canvas (already capped). */
  pixelRatio: number;
  /** Whether this page may hold a canvas now; when false, its canvas and text layer are released. */
  active: boolean;
  /** The reader's current page (0-based), read when a render is queued: nearer pages draw first. */
  currentPage: RefObject<number>;
  scheduler: RenderScheduler;
  hits: readonly FindMatch[];
  /** Index into `hits` of the selected hit, or -1. */
  selectedHit: number;
  /** Changes when the selected hit should be scrolled into view. */
  revealToken: number;
  onRendered?: (index: number) => void;
  /** Drawn over the page (annotations). */
  renderOverlay?: (page: PageOverlayInfo) => ReactNode;
}

/** A page's text layer: one span per text item, and the page text built from the items (find.ts). */
export interface PageTextLayer {
  divs: readonly HTMLElement[];
  text: PageText;
}

export interface PageOverlayInfo {
  /** 0-based page index. */
  index: number;
  width: number;
  height: number;
  /** Null until the page's text layer is drawn, and while the page is far from view. */
  textLayer: PageTextLayer | null;
  /** Whether the page is near view and may hold canvases (see PdfPageViewProps.active). */
  active: boolean;
}

function isCancel(error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return name === 'RenderingCancelledException' || name === 'AbortException';
}

/**
 * One page: a placeholder of the page's size always (so the scrollbar is right), a canvas and a text layer only
 * while `active`. A new zoom draws a new canvas and swaps it in when done; until then the old one is stretched.
 */
export const PdfPageView = memo(function PdfPageView(props: PdfPageViewProps) {
  const { pdfjs, document: pdf, index, zoom, pixelRatio, active, currentPage, scheduler } = props;
  const { hits, selectedHit, revealToken, onRendered } = props;
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);
  const highlighter = useRef<TextHighlighter | null>(null);
  const [textVersion, setTextVersion] = useState(0);
  const [textLayerInfo, setTextLayerInfo] = useState<PageTextLayer | null>(null);
  const [drawn, setDrawn] = useState(false);
  // Read when a render is queued, so a new current page does not redraw every page that already has a canvas.
  const currentPriority = useEffectEvent(() => Math.abs(index - currentPage.current));
  const notifyRendered = useEffectEvent((page: number) => onRendered?.(page));
  const wasActive = useRef(false);

  useEffect(() => {
    if (!active) {
      if (!wasActive.current) return;
      wasActive.current = false;
      releaseCanvas(canvasHost.current);
      textHost.current?.replaceChildren();
      highlighter.current = null;
      setTextLayerInfo(null);
      setDrawn(false);
      // Frees what the main thread keeps for drawing this page (fonts, operator lists) once nothing draws it.
      void pdf.getPage(index + 1).then((page) => page.cleanup());
      return;
    }
    wasActive.current = true;
    let textLayer: TextLayer | null = null;
    const cancel = scheduler.schedule(currentPriority(), async (signal) => {
      const page = await pdf.getPage(index + 1);
      if (signal.aborted) return;
      const viewport = page.getViewport({ scale: zoom * cssPixelsPerPoint });
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(viewport.width * pixelRatio));
      canvas.height = Math.max(1, Math.floor(viewport.height * pixelRatio));
      canvas.setAttribute('aria-hidden', 'true');
      const task = page.render({
        canvas,
        viewport,
        transform: [canvas.width / viewport.width, 0, 0, canvas.height / viewport.height, 0, 0],
        background: '#ffffff',
      });
      const abort = () => task.cancel();
      signal.addEventListener('abort', abort);
      try {
        await task.promise;
      } catch (error) {
        releaseCanvas(canvas);
        if (!isCancel(error)) console.error(`pdf page ${index + 1}:`, error);
        return;
      } finally {
        signal.removeEventListener('abort', abort);
      }
      const host = canvasHost.current;
      if (signal.aborted || !host) {
        releaseCanvas(canvas);
        return;
      }
      releaseCanvas(host);
      host.append(canvas);
      setDrawn(true);
      notifyRendered(index);

      const content = await page.getTextContent();
      const container = textHost.current;
      if (signal.aborted || !container) return;
      const fresh = window.document.createElement('div');
      fresh.className = 'textLayer';
      textLayer = new pdfjs.TextLayer({ textContentSource: content, container: fresh, viewport });
      try {
        await textLayer.render();
      } catch (error) {
        if (!isCancel(error)) console.error(`pdf text layer ${index + 1}:`, error);
        return;
      }
      if (signal.aborted) return;
      container.replaceChildren(fresh);
      const items = content.items.filter((item): item is TextItemLike & typeof item => 'str' in item);
      const pageText = buildPageText(items);
      highlighter.current = new TextHighlighter(textLayer.textDivs, pageText);
      setTextLayerInfo({ divs: textLayer.textDivs, text: pageText });
      setTextVersion((v) => v + 1);
    });
    return () => {
      cancel();
      textLayer?.cancel();
    };
  }, [active, pdf, pdfjs, index, zoom, pixelRatio, scheduler]);

  useEffect(
    () => () => {
      releaseCanvas(canvasHost.current);
    },
    [],
  );

  const revealed = useRef(-1);
  useEffect(() => {
    const current = highlighter.current;
    if (!current) return;
    const selected = current.apply(hits, selectedHit);
    if (selected && revealed.current !== revealToken) {
      revealed.current = revealToken;
      selected.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
  }, [hits, selectedHit, revealToken, textVersion]);

  const style = {
    top: props.top,
    left: props.left,
    width: props.width,
    height: props.height,
    '--scale-factor': zoom * cssPixelsPerPoint,
    '--user-unit': 1,
    '--total-scale-factor': 'calc(var(--scale-factor) * var(--user-unit))',
    '--scale-round-x': '1px',
    '--scale-round-y': '1px',
  } as CSSProperties;

  return (
    <div
      className="reader-page"
      role="group"
      aria-label={props.label}
      data-page={index + 1}
      data-rendered={drawn ? 'true' : 'false'}
      style={style}
    >
      <div className="reader-page__canvas" ref={canvasHost} />
      <div className="reader-page__text" ref={textHost} />
      {props.renderOverlay?.({ index, width: props.width, height: props.height, textLayer: textLayerInfo, active })}
    </div>
  );
});

/** Shrinking a canvas to 0×0 frees its pixels at once; Safari otherwise keeps them until garbage collection. */
function releaseCanvas(target: HTMLElement | null): void {
  if (!target) return;
  const canvases = target instanceof HTMLCanvasElement ? [target] : [...target.querySelectorAll('canvas')];
  for (const canvas of canvases) {
    canvas.width = 0;
    canvas.height = 0;
    canvas.remove();
  }
}
