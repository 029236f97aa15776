import type { PlotRect } from './scene/frame-scene.js';

/** The price pane: the chart's own series and overlay indicators. Always first. */
export const MAIN_PANE = 'main';

/** Height of the separator between two panes, CSS px (the drag handle). */
export const PANE_GAP_CSS = 7;

/** No pane is resized below this height, CSS px. */
export const MIN_PANE_CSS = 24;

/** Default relative height of the main pane; an indicator pane's is 1. */
export const MAIN_PANE_WEIGHT = 3;

export interface PaneRect {
  id: string;
  /** Device px, whole pixels. */
  rect: PlotRect;
}

/**
 * Splits the plot rectangle into panes stacked top to bottom, separated by `gap` device pixels,
 * each as tall as its share of the weights. Edges are whole pixels and the panes with the gaps
 * fill the plot exactly (rounding is cumulative, so no pixel row is lost or counted twice).
 */
export function layoutPanes(plot: PlotRect, panes: readonly { id: string; weight: number }[], gap: number): PaneRect[] {
  if (panes.length === 0) return [];
  const gaps = gap * (panes.length - 1);
  const available = Math.max(panes.length, plot.height - gaps);
  const weights = panes.map((p) => (p.weight > 0 && Number.isFinite(p.weight) ? p.weight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: PaneRect[] = [];
  let acc = 0;
  let top = 0;
  panes.forEach((pane, i) => {
    acc += weights[i]!;
    const bottom = i === panes.length - 1 ? available : Math.round((available * acc) / total);
    const height = Math.max(1, bottom - top);
    out.push({ id: pane.id, rect: { x: plot.x, y: plot.y + top + i * gap, width: plot.width, height } });
    top = bottom;
  });
  return out;
}

/**
 * Moves the separator below pane `index` by `delta` (same unit as `heights`): the pane above grows
 * and the one below shrinks (or the reverse), their total unchanged, neither below `minHeight`.
 * Returns the new heights (a new array); every other pane keeps its height.
 */
export function moveSeparator(heights: readonly number[], index: number, delta: number, minHeight: number): number[] {
  const out = heights.slice();
  if (index < 0 || index + 1 >= heights.length || !Number.isFinite(delta)) return out;
  const a = heights[index]!;
  const b = heights[index + 1]!;
  const floor = Math.min(minHeight, a, b);
  const moved = Math.max(floor - a, Math.min(b - floor, delta));
  out[index] = a + moved;
  out[index + 1] = b - moved;
  return out;
}
