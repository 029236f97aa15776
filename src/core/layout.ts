import type { PlotRect } from './scene/frame-scene.js';

/** Space around the plot for the axes' DOM labels, in CSS pixels. */
export const AXIS_GUTTER = { top: 8, right: 64, bottom: 26, left: 8 } as const;

export interface ChartSize {
  /** CSS pixels. */
  width: number;
  height: number;
  /** devicePixelRatio (times the quality resolution scale). */
  pixelRatio: number;
}

/** The canvas size in device pixels: whole pixels, at least 1. */
export function canvasPixels(size: ChartSize): { width: number; height: number } {
  return {
    width: Math.max(1, Math.round(size.width * size.pixelRatio)),
    height: Math.max(1, Math.round(size.height * size.pixelRatio)),
  };
}

/** The plot rectangle in device pixels, aligned to whole pixels so grid lines stay crisp. */
export function plotRect(size: ChartSize): PlotRect {
  const { width, height } = canvasPixels(size);
  const r = size.pixelRatio;
  const x = Math.round(AXIS_GUTTER.left * r);
  const y = Math.round(AXIS_GUTTER.top * r);
  return {
    x,
    y,
    width: Math.max(1, width - x - Math.round(AXIS_GUTTER.right * r)),
    height: Math.max(1, height - y - Math.round(AXIS_GUTTER.bottom * r)),
  };
}
