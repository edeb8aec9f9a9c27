import { describe, expect, it } from 'vitest';
import { cssPixelsPerPoint } from './layout';
import { clampZoom, fitWidthZoom, maxZoom, minZoom, pinchZoom, wheelZoom, zoomIn, zoomOut, zoomPercent } from './zoom';

describe('zoom', () => {
  it('steps through the zoom levels and stops at the ends', () => {
    expect(zoomIn(1)).toBe(1.1);
    expect(zoomOut(1)).toBe(0.9);
    expect(zoomIn(maxZoom)).toBe(maxZoom);
    expect(zoomOut(minZoom)).toBe(minZoom);
  });

  it('steps from a fitted zoom to the next level, not past it', () => {
    expect(zoomIn(0.93)).toBe(1);
    expect(zoomOut(0.93)).toBe(0.9);
    expect(zoomIn(1.005)).toBe(1.1);
  });

  it('fits a page to the viewport width less padding', () => {
    const zoom = fitWidthZoom(1024, 595.28, 12);
    expect(595.28 * zoom * cssPixelsPerPoint).toBeCloseTo(1000, 5);
    expect(fitWidthZoom(0, 595.28, 12)).toBe(1);
    expect(fitWidthZoom(100_000, 595.28, 0)).toBe(maxZoom);
  });

  it('scales with the distance between two fingers', () => {
    expect(pinchZoom(1, 100, 200)).toBe(2);
    expect(pinchZoom(1.5, 300, 100)).toBeCloseTo(0.5, 10);
    expect(pinchZoom(1, 100, 10_000)).toBe(maxZoom);
    expect(pinchZoom(1, 0, 50)).toBe(1);
  });

  it('zooms in on wheel up and out on wheel down, symmetrically', () => {
    const zoomed = wheelZoom(1, -100);
    expect(zoomed).toBeGreaterThan(1);
    expect(wheelZoom(zoomed, 100)).toBeCloseTo(1, 10);
  });

  it('clamps nonsense and shows percent', () => {
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(clampZoom(0.01)).toBe(minZoom);
    expect(zoomPercent(1.456)).toBe(146);
  });
});
