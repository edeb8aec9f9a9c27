import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import type { AnnotationView } from '../../data/annotations';
import type { PageTextLayer } from '../reader/pdf-reader';
import { findInLayer, layerRange, normaliseRects, simplifyStroke, strokeWidth, type Rect } from './geometry';
import type { AnnotationT } from './annotation-messages';

export type Tool = 'read' | 'highlight' | 'ink' | 'note';

/** Where an annotation is shown in the open version of its document. */
export interface Placement {
  /** 0-based page, or null when it cannot be placed. */
  page: number | null;
  status: 'current' | 'exact' | 'changed' | 'orphaned' | 'unplaced';
  /** Stored rectangles, valid on the version it was made on. */
  rects: Rect[] | null;
  /** For a highlight moved to another version: the text now at its place, found in the text layer. */
  passage: { text: string; near: number } | null;
}

export interface PlacedAnnotation {
  annotation: AnnotationView;
  placement: Placement;
}

export const highlightColors: Record<string, string> = {
  yellow: '#ffd84d',
  green: '#7ddc6f',
  blue: '#6fb7ff',
  pink: '#ff8fc8',
  orange: '#ffad5c',
};

export const inkColors: Record<string, string> = {
  yellow: '#b38f00',
  green: '#1f7a1f',
  blue: '#1f4fbf',
  pink: '#c2186e',
  orange: '#c55a00',
};

export interface PageOverlayProps {
  index: number;
  width: number;
  height: number;
  textLayer: PageTextLayer | null;
  /** Near view: only then does the page hold an ink canvas (a canvas per page of a long document is too much). */
  active: boolean;
  items: readonly PlacedAnnotation[];
  tool: Tool;
  color: string;
  penInUse: boolean;
  selectedId: string | null;
  t: AnnotationT;
  onPenSeen: () => void;
  onStroke: (pageIndex: number, points: [number, number, number][]) => void;
  onNoteAt: (pageIndex: number, point: [number, number]) => void;
  onSelect: (id: string) => void;
  onTextLayer: (pageIndex: number, layer: PageTextLayer | null) => void;
}

interface LiveStroke {
  pointerId: number;
  points: [number, number, number][];
  /** Index of the last point already drawn on the ink canvas. */
  drawn: number;
  /** The pending animation frame that draws the new points, or 0. */
  frame: number;
  color: string;
  /** A finger while a pen is in use: it scrolls, from this last position. */
  scroll: { x: number; y: number } | null;
  /** The layer's box when the stroke began: a stroke does not move the page, and reading it per move costs layout. */
  box: DOMRect;
}

/** Stroke width relative to the page width before pressure. */
export const baseInkWidth = 0.003;
const maxCanvasRatio = 2;

/** Annotations over one page: highlights, ink, sticky notes, the bookmark ribbon; draws new ink and places notes. */
export const PageOverlay = memo(function PageOverlay(props: PageOverlayProps) {
  const { index, width, height, textLayer, active, items, tool, color, penInUse, selectedId, t } = props;
  const { onPenSeen, onStroke, onNoteAt, onSelect, onTextLayer } = props;
  const layer = useRef<HTMLDivElement>(null);
  const inkCanvas = useRef<HTMLCanvasElement>(null);
  const live = useRef<LiveStroke | null>(null);
  const [moved, setMoved] = useState<Map<string, Rect[]>>(() => new Map());

  useEffect(() => {
    onTextLayer(index, textLayer);
    return () => onTextLayer(index, null);
  }, [index, textLayer, onTextLayer]);

  const ratio = Math.min(maxCanvasRatio, typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);
  const pixelWidth = Math.max(1, Math.round(width * ratio));
  const pixelHeight = Math.max(1, Math.round(height * ratio));
  const inks = useMemo(() => items.filter((i) => i.annotation.kind === 'ink'), [items]);

  /*
   * One canvas per page holds the saved ink and the stroke being drawn, and only while the page is near view and has
   * ink: with a canvas for saved and one for live ink on every page, the pen fell behind (each canvas's pixels went to
   * the compositor on every frame of a stroke: p95 50 ms against 17 ms for one bare canvas, 4x CPU), and every page
   * of a long document held megabytes of pixels. A 0×0 canvas holds none.
   */
  const redrawInk = () => {
    const element = inkCanvas.current;
    if (!element) return;
    const stroke = live.current;
    const drawing = stroke !== null && stroke.scroll === null;
    const needed = active && (inks.length > 0 || drawing);
    const [canvasWidth, canvasHeight] = needed ? [pixelWidth, pixelHeight] : [0, 0];
    if (element.width !== canvasWidth || element.height !== canvasHeight) {
      element.width = canvasWidth;
      element.height = canvasHeight;
    }
    if (!needed) return;
    const context = element.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, element.width, element.height);
    for (const { annotation } of inks) {
      for (const saved of annotation.values.strokes ?? []) {
        drawStroke(context, saved.points, saved.color, saved.width, element.width, element.height);
      }
    }
    if (drawing) {
      drawStroke(context, stroke.points, stroke.color, baseInkWidth, element.width, element.height);
      stroke.drawn = stroke.points.length - 1;
    }
  };

  // Drawn again whole only when the strokes, the size or the page's nearness change, never per render.
  useLayoutEffect(redrawInk, [inks, pixelWidth, pixelHeight, active]);

  /** Draws the stroke's points not yet on the canvas (called once per animation frame). */
  const drawLive = () => {
    const stroke = live.current;
    const element = inkCanvas.current;
    if (!stroke || stroke.scroll || !element) return;
    stroke.frame = 0;
    const context = element.getContext('2d');
    if (!context) return;
    const from = stroke.drawn;
    const points = stroke.points;
    if (from >= points.length - 1 && points.length > 1) return;
    drawStroke(context, points.slice(from), stroke.color, baseInkWidth, element.width, element.height);
    stroke.drawn = points.length - 1;
  };

  // Highlights on another version than they were made on: their rectangles come from the text layer.
  const passages = items
    .filter((i) => i.annotation.kind === 'highlight' && i.placement.passage)
    .map((i) => `${i.annotation.id}:${i.placement.passage!.text}`)
    .join('|');
  useLayoutEffect(() => {
    const element = layer.current;
    if (!element || !textLayer) {
      setMoved((old) => (old.size === 0 ? old : new Map()));
      return;
    }
    const box = element.getBoundingClientRect();
    const next = new Map<string, Rect[]>();
    for (const { annotation, placement } of items) {
      if (annotation.kind !== 'highlight' || !placement.passage) continue;
      const found = findInLayer(textLayer.text, placement.passage.text, placement.passage.near);
      const range = found ? layerRange(textLayer.divs, textLayer.text, found) : null;
      if (range) next.set(annotation.id, normaliseRects([...range.getClientRects()], box));
    }
    setMoved(next);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the passages, the text layer and the size
  }, [passages, textLayer, width, height]);

  const pointOf = (event: { clientX: number; clientY: number }): [number, number] => {
    const box = layer.current!.getBoundingClientRect();
    return [
      Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
      Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)),
    ];
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.target !== layer.current && event.target !== inkCanvas.current) return;
    if (tool === 'note') {
      event.preventDefault();
      onNoteAt(index, pointOf(event));
      return;
    }
    if (tool !== 'ink' || (event.pointerType === 'mouse' && event.button !== 0)) return;
    if (event.pointerType === 'pen') onPenSeen();
    event.preventDefault();
    layer.current!.setPointerCapture(event.pointerId);
    // With a pen in use, a finger scrolls (done here: the layer takes all touches so a finger can also draw).
    const scroll =
      event.pointerType === 'touch' && (penInUse || !event.isPrimary) ? { x: event.clientX, y: event.clientY } : null;
    const [x, y] = pointOf(event);
    cancelAnimationFrame(live.current?.frame ?? 0);
    live.current = {
      pointerId: event.pointerId,
      points: [[x, y, event.pressure]],
      drawn: 0,
      frame: 0,
      color: inkColors[color] ?? '#1f4fbf',
      scroll,
      box: layer.current!.getBoundingClientRect(),
    };
    if (scroll) return;
    // A page without ink has a 0×0 canvas: give it pixels (and whatever ink it has) before the first segment.
    if (inkCanvas.current?.width !== pixelWidth) redrawInk();
    live.current.frame = requestAnimationFrame(drawLive);
  };

  // No React state per pointer event: the points go into a ref and are drawn in the next animation frame.
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const stroke = live.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    if (stroke.scroll) {
      const viewport = layer.current?.closest('.reader__viewport');
      if (viewport) {
        viewport.scrollTop -= event.clientY - stroke.scroll.y;
        viewport.scrollLeft -= event.clientX - stroke.scroll.x;
      }
      stroke.scroll = { x: event.clientX, y: event.clientY };
      return;
    }
    const coalesced = event.nativeEvent.getCoalescedEvents?.() ?? [];
    const box = stroke.box;
    for (const e of coalesced.length > 0 ? coalesced : [event.nativeEvent]) {
      stroke.points.push([
        Math.min(1, Math.max(0, (e.clientX - box.left) / box.width)),
        Math.min(1, Math.max(0, (e.clientY - box.top) / box.height)),
        e.pressure,
      ]);
    }
    if (!stroke.frame) stroke.frame = requestAnimationFrame(drawLive);
  };

  const finish = (event: ReactPointerEvent<HTMLDivElement>, keep: boolean) => {
    const stroke = live.current;
    if (!stroke || stroke.pointerId !== event.pointerId) return;
    cancelAnimationFrame(stroke.frame);
    const kept = keep && !stroke.scroll && stroke.points.length > 0;
    // A kept stroke stays on the canvas as drawn until the store answers (saving redraws the page's ink from the
    // stored, simplified strokes); a cancelled one is wiped by drawing the saved ink again.
    if (kept) drawLive();
    live.current = null;
    if (!kept) {
      redrawInk();
      return;
    }
    onStroke(index, simplifyStroke(stroke.points));
  };

  useEffect(() => () => cancelAnimationFrame(live.current?.frame ?? 0), []);

  const highlights = items.filter((i) => i.annotation.kind === 'highlight');
  const notes = items.filter((i) => i.annotation.kind === 'note');
  const bookmarked = items.some((i) => i.annotation.kind === 'bookmark');
  const percent = (v: number) => `${(v * 100).toFixed(3)}%`;

  return (
    <div
      ref={layer}
      className={`annot-layer annot-layer--${tool}`}
      data-pen={penInUse ? 'true' : 'false'}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={(event) => finish(event, true)}
      onPointerCancel={(event) => finish(event, false)}
    >
      {highlights.map(({ annotation, placement }) =>
        (moved.get(annotation.id) ?? (placement.passage ? [] : (placement.rects ?? []))).map((rect, n) => (
          <div
            key={`${annotation.id}-${n}`}
            className={`annot-highlight${annotation.id === selectedId ? ' annot-highlight--selected' : ''}${
              placement.status === 'changed' ? ' annot-highlight--changed' : ''
            }`}
            data-annotation-id={annotation.id}
            style={{
              left: percent(rect[0]),
              top: percent(rect[1]),
              width: percent(rect[2]),
              height: percent(rect[3]),
              background: highlightColors[annotation.values.color ?? 'yellow'],
            }}
          />
        )),
      )}
      <canvas ref={inkCanvas} className="annot-ink" aria-hidden="true" />
      {bookmarked && <div className="annot-bookmark" role="img" aria-label={t('annot.kind.bookmark')} />}
      {notes.map(({ annotation }) => {
        const point = annotation.values.target?.point ?? [0.9, 0.05];
        const text = annotation.values.text?.trim() || t('annot.noteEmpty');
        return (
          <button
            key={annotation.id}
            type="button"
            className={`annot-note-marker${annotation.own ? '' : ' annot-note-marker--shared'}`}
            data-annotation-id={annotation.id}
            aria-pressed={annotation.id === selectedId}
            aria-label={
              t('annot.noteMarker', { text: text.slice(0, 80) }) +
              (annotation.own ? '' : ` (${t('annot.by', { name: annotation.authorName })})`)
            }
            title={text}
            style={{ left: percent(point[0]), top: percent(point[1]) }}
            onClick={() => onSelect(annotation.id)}
          >
            <span aria-hidden="true">✎</span>
          </button>
        );
      })}
    </div>
  );
});

function drawStroke(
  context: CanvasRenderingContext2D,
  points: readonly (readonly [number, number, number])[],
  color: string,
  width: number,
  canvasWidth: number,
  canvasHeight: number,
): void {
  context.strokeStyle = color;
  context.fillStyle = color;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  if (points.length === 1) {
    const [x, y, p] = points[0]!;
    context.beginPath();
    context.arc(x * canvasWidth, y * canvasHeight, (strokeWidth(width, p) * canvasWidth) / 2, 0, Math.PI * 2);
    context.fill();
    return;
  }
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1, p] = points[i]!;
    context.lineWidth = strokeWidth(width, p) * canvasWidth;
    context.beginPath();
    context.moveTo(x0 * canvasWidth, y0 * canvasHeight);
    context.lineTo(x1 * canvasWidth, y1 * canvasHeight);
    context.stroke();
  }
}
