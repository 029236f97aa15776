import type { PlotRect } from './scene/frame-scene.js';

/** Space around the plot for the axes' DOM labels, in CSS pixels (one value axis, on the right). */
export const AXIS_GUTTER = { top: 8, right: 64, bottom: 26, left: 8 } as const;

/** Space around the plot, CSS px. */
export interface AxisGutter {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Width of one value axis' strip of labels, CSS px, and what a title beside them adds. */
export const Y_AXIS_WIDTH = 64;
export const AXIS_TITLE_SIZE = 18;

/** A value axis' strip width: labels, plus its title when it has one. */
export function yAxisWidth(hasTitle: boolean): number {
  return Y_AXIS_WIDTH + (hasTitle ? AXIS_TITLE_SIZE : 0);
}

/**
 * The gutter for value axes of these widths on the left and right (CSS px) and an x axis with or
 * without a title. Without left axes the left edge keeps AXIS_GUTTER.left; one untitled right
 * axis gives AXIS_GUTTER exactly.
 */
export function axisGutter(left: readonly number[], right: readonly number[], xTitle: boolean): AxisGutter {
  const sum = (widths: readonly number[]) => widths.reduce((a, b) => a + b, 0);
  return {
    top: AXIS_GUTTER.top,
    right: right.length > 0 ? sum(right) : AXIS_GUTTER.left,
    bottom: AXIS_GUTTER.bottom + (xTitle ? AXIS_TITLE_SIZE : 0),
    left: left.length > 0 ? sum(left) : AXIS_GUTTER.left,
  };
}

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
export function plotRect(size: ChartSize, gutter: AxisGutter = AXIS_GUTTER): PlotRect {
  const { width, height } = canvasPixels(size);
  const r = size.pixelRatio;
  const x = Math.round(gutter.left * r);
  const y = Math.round(gutter.top * r);
  return {
    x,
    y,
    width: Math.max(1, width - x - Math.round(gutter.right * r)),
    height: Math.max(1, height - y - Math.round(gutter.bottom * r)),
  };
}
