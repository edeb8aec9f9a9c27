import { cssPixelsPerPoint } from './layout';

/** Zoom is a factor of real size (1 = 100 %). Buttons and keys step through these; pinch and wheel are continuous. */
export const zoomSteps = [0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5] as const;
export const minZoom = 0.25;
export const maxZoom = 5;

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(maxZoom, Math.max(minZoom, zoom));
}

/** The next step above `zoom` (a fitted 0.93 goes to 1, not to 1.1). */
export function zoomIn(zoom: number): number {
  return zoomSteps.find((step) => step > zoom * 1.01) ?? maxZoom;
}

export function zoomOut(zoom: number): number {
  return [...zoomSteps].reverse().find((step) => step < zoom * 0.99) ?? minZoom;
}

/** The zoom at which a page `pageWidth` points wide fills `viewportWidth` less `padding` on both sides. */
export function fitWidthZoom(viewportWidth: number, pageWidth: number, padding: number): number {
  if (viewportWidth <= 0 || pageWidth <= 0) return 1;
  return clampZoom((viewportWidth - 2 * padding) / (pageWidth * cssPixelsPerPoint));
}

/** Two fingers that moved from `startDistance` apart to `distance` apart scale the zoom they started at. */
export function pinchZoom(startZoom: number, startDistance: number, distance: number): number {
  if (startDistance <= 0) return startZoom;
  return clampZoom((startZoom * distance) / startDistance);
}

/** Ctrl + wheel (and the trackpad pinch browsers report as such): smooth, proportional to the wheel distance. */
export function wheelZoom(zoom: number, deltaY: number): number {
  return clampZoom(zoom * Math.exp(-Math.max(-100, Math.min(100, deltaY)) / 200));
}

export function zoomPercent(zoom: number): number {
  return Math.round(zoom * 100);
}
