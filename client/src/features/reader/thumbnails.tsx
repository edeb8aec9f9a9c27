import { memo, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PageSize } from './layout';
import type { RenderScheduler } from './render-scheduler';

const thumbWidth = 104;
/** Thumbnails wait behind every page of the document view. */
const thumbPriority = 10_000;
const maxThumbCanvases = 40;

interface ThumbnailsProps {
  id: string;
  label: string;
  pageLabel: (page: number) => string;
  document: PDFDocumentProxy;
  sizes: readonly PageSize[];
  current: number;
  scheduler: RenderScheduler;
  onSelect: (index: number) => void;
}

/**
 * The page overview: a button per page (so it works with the keyboard and a screen reader), with a small
 * picture only for the thumbnails near the visible part of the list.
 */
export function Thumbnails({
  id,
  label,
  pageLabel,
  document: pdf,
  sizes,
  current,
  scheduler,
  onSelect,
}: ThumbnailsProps) {
  const list = useRef<HTMLOListElement>(null);
  const scroller = useRef<HTMLElement>(null);
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set());

  useEffect(() => {
    const root = scroller.current;
    const items = list.current;
    if (!root || !items) return;
    const visible = new Set<number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.index);
          if (entry.isIntersecting) visible.add(index);
          else visible.delete(index);
        }
        setNear(new Set(visible));
      },
      { root, rootMargin: '100% 0px' },
    );
    for (const item of items.children) observer.observe(item);
    return () => observer.disconnect();
  }, [sizes.length]);

  // Keep the current page's thumbnail in sight without moving the rest of the page.
  useEffect(() => {
    const root = scroller.current;
    const item = list.current?.children[current] as HTMLElement | undefined;
    if (!root || !item) return;
    const top = item.offsetTop - root.offsetTop;
    if (top < root.scrollTop || top + item.offsetHeight > root.scrollTop + root.clientHeight) {
      root.scrollTop = top - (root.clientHeight - item.offsetHeight) / 2;
    }
  }, [current]);

  const active = useMemo(() => {
    const sorted = [...near].sort((a, b) => Math.abs(a - current) - Math.abs(b - current));
    return new Set(sorted.slice(0, maxThumbCanvases));
  }, [near, current]);

  return (
    <nav className="reader__thumbnails" id={id} aria-label={label} ref={scroller}>
      <ol ref={list}>
        {sizes.map((size, index) => (
          <li key={index} data-index={index}>
            <button
              type="button"
              className="reader-thumb"
              aria-label={pageLabel(index + 1)}
              aria-current={index === current ? 'page' : undefined}
              onClick={() => onSelect(index)}
            >
              <ThumbnailCanvas
                document={pdf}
                index={index}
                size={size}
                active={active.has(index)}
                priority={thumbPriority + Math.abs(index - current)}
                scheduler={scheduler}
              />
              <span aria-hidden="true">{index + 1}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

interface ThumbnailCanvasProps {
  document: PDFDocumentProxy;
  index: number;
  size: PageSize;
  active: boolean;
  priority: number;
  scheduler: RenderScheduler;
}

const ThumbnailCanvas = memo(function ThumbnailCanvas({
  document: pdf,
  index,
  size,
  active,
  priority,
  scheduler,
}: ThumbnailCanvasProps) {
  const host = useRef<HTMLSpanElement>(null);
  const height = Math.round((thumbWidth * size.height) / size.width);
  // Read when the render is queued: a new current page must not redraw thumbnails already drawn.
  const queuedPriority = useEffectEvent(() => priority);

  useEffect(() => {
    const target = host.current;
    if (!target) return;
    if (!active) {
      for (const canvas of target.querySelectorAll('canvas')) {
        canvas.width = 0;
        canvas.height = 0;
        canvas.remove();
      }
      return;
    }
    return scheduler.schedule(queuedPriority(), async (signal) => {
      const page = await pdf.getPage(index + 1);
      if (signal.aborted) return;
      const ratio = Math.min(2, window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale: thumbWidth / size.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      const task = page.render({ canvas, viewport, transform: [ratio, 0, 0, ratio, 0, 0] });
      signal.addEventListener('abort', () => task.cancel());
      try {
        await task.promise;
      } catch {
        canvas.width = 0;
        canvas.height = 0;
        return;
      }
      if (!signal.aborted) target.replaceChildren(canvas);
    });
  }, [active, pdf, index, size, scheduler]);

  return <span className="reader-thumb__image" ref={host} style={{ width: thumbWidth, height }} />;
});
