import { useEffect, useEffectEvent, type RefObject } from 'react';
import { pinchZoom, wheelZoom } from './zoom';

/** A zoom in progress, shown as a CSS transform of the pages until the gesture ends and the pages are redrawn. */
export interface ZoomPreview {
  /** New zoom ÷ zoom at the start. */
  scale: number;
  /** The content point (unzoomed content coordinates) the gesture centres on. */
  origin: { x: number; y: number };
  /** How far the gesture centre has moved (two fingers also pan). */
  shift: { x: number; y: number };
}

export interface ZoomCommit {
  zoom: number;
  /** Keep this content point (old layout) … */
  contentPoint: { x: number; y: number };
  /** … at this point of the viewport. */
  viewPoint: { x: number; y: number };
}

interface Options {
  zoom: number;
  onPreview: (preview: ZoomPreview | null) => void;
  onCommit: (commit: ZoomCommit) => void;
}

const wheelSettleMs = 180;

/**
 * Two-finger pinch (touch events: the browser's own page zoom and two-finger scrolling are held off while two
 * fingers are down; `touch-action: pan-x pan-y` keeps one-finger scrolling native) and Ctrl + wheel, which is also
 * how desktop browsers report a trackpad pinch.
 */
export function useZoomGestures(viewport: RefObject<HTMLElement | null>, { zoom, onPreview, onCommit }: Options) {
  const currentZoom = useEffectEvent(() => zoom);
  const preview = useEffectEvent((value: ZoomPreview | null) => onPreview(value));
  const commit = useEffectEvent((value: ZoomCommit) => onCommit(value));

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const local = (x: number, y: number) => {
      const rect = element.getBoundingClientRect();
      return { x: x - rect.left, y: y - rect.top };
    };

    let pinch: {
      startZoom: number;
      startDistance: number;
      startView: { x: number; y: number };
      origin: { x: number; y: number };
      zoom: number;
      shift: { x: number; y: number };
    } | null = null;
    const two = (touches: TouchList) => {
      const a = touches[0]!;
      const b = touches[1]!;
      return {
        distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
        middle: local((a.clientX + b.clientX) / 2, (a.clientY + b.clientY) / 2),
      };
    };
    const onTouchStart = (event: TouchEvent) => {
      if (event.touches.length !== 2) return;
      const { distance, middle } = two(event.touches);
      const startZoom = currentZoom();
      pinch = {
        startZoom,
        startDistance: distance,
        startView: middle,
        origin: { x: element.scrollLeft + middle.x, y: element.scrollTop + middle.y },
        zoom: startZoom,
        shift: { x: 0, y: 0 },
      };
    };
    const onTouchMove = (event: TouchEvent) => {
      if (!pinch || event.touches.length !== 2) return;
      event.preventDefault();
      const { distance, middle } = two(event.touches);
      pinch.zoom = pinchZoom(pinch.startZoom, pinch.startDistance, distance);
      pinch.shift = { x: middle.x - pinch.startView.x, y: middle.y - pinch.startView.y };
      preview({ scale: pinch.zoom / pinch.startZoom, origin: pinch.origin, shift: pinch.shift });
    };
    const onTouchEnd = (event: TouchEvent) => {
      if (!pinch || event.touches.length >= 2) return;
      const ended = pinch;
      pinch = null;
      preview(null);
      if (Math.abs(ended.zoom - ended.startZoom) > 0.001) {
        commit({
          zoom: ended.zoom,
          contentPoint: ended.origin,
          viewPoint: { x: ended.startView.x + ended.shift.x, y: ended.startView.y + ended.shift.y },
        });
      }
    };

    let wheel: {
      startZoom: number;
      zoom: number;
      origin: { x: number; y: number };
      view: { x: number; y: number };
    } | null = null;
    let wheelTimer = 0;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      if (!wheel) {
        const view = local(event.clientX, event.clientY);
        const startZoom = currentZoom();
        wheel = {
          startZoom,
          zoom: startZoom,
          view,
          origin: { x: element.scrollLeft + view.x, y: element.scrollTop + view.y },
        };
      }
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      wheel.zoom = wheelZoom(wheel.zoom, delta);
      preview({ scale: wheel.zoom / wheel.startZoom, origin: wheel.origin, shift: { x: 0, y: 0 } });
      window.clearTimeout(wheelTimer);
      wheelTimer = window.setTimeout(() => {
        const ended = wheel!;
        wheel = null;
        preview(null);
        commit({ zoom: ended.zoom, contentPoint: ended.origin, viewPoint: ended.view });
      }, wheelSettleMs);
    };

    element.addEventListener('touchstart', onTouchStart, { passive: true });
    element.addEventListener('touchmove', onTouchMove, { passive: false });
    element.addEventListener('touchend', onTouchEnd);
    element.addEventListener('touchcancel', onTouchEnd);
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      window.clearTimeout(wheelTimer);
      element.removeEventListener('touchstart', onTouchStart);
      element.removeEventListener('touchmove', onTouchMove);
      element.removeEventListener('touchend', onTouchEnd);
      element.removeEventListener('touchcancel', onTouchEnd);
      element.removeEventListener('wheel', onWheel);
    };
  }, [viewport]);
}
