import type { PlotRect, Rgba, SceneLayer } from './scene/frame-scene.js';
import type { ValueScale } from './scales.js';

export type GridStyle = 'solid' | 'dashed' | 'dotted';

/** Grid dash patterns, [on, off] in CSS px (off 0: solid). */
const GRID_DASHES = { solid: [1, 0], dashed: [6, 4], dotted: [1, 3] } as const;

/**
 * A pane's grid lines and reference levels as dashed segments. The point arrays are kept per key
 * and grown, so frames after the first allocate none.
 */
export class GridLayers {
  private readonly points = new Map<string, Float32Array>();

  private buffer(key: string, needed: number, size: number): Float32Array {
    let out = this.points.get(key);
    if (!out || out.length < needed) {
      out = new Float32Array(size);
      this.points.set(key, out);
    }
    return out;
  }

  /** Vertical and horizontal grid lines of one pane, one device pixel wide, centred on pixel centres. */
  grid(paneId: string, xs: number[], ys: number[], pane: PlotRect, color: Rgba, ratio: number, style: GridStyle): SceneLayer {
    const { width, height } = pane;
    const lineWidth = Math.max(1, Math.round(ratio));
    const snap = (p: number) => Math.floor(p) + (lineWidth % 2) / 2;
    // Dashes are whole device pixels, so both renderers (and every pixel ratio) draw the same pattern.
    const [onCss, offCss] = GRID_DASHES[style] ?? GRID_DASHES.solid;
    const on = Math.max(1, Math.round(onCss * ratio));
    const off = Math.round(offCss * ratio);
    const period = on + off;
    const dashes = (length: number) => (off === 0 ? 1 : Math.ceil(length / period));
    const needed = (xs.length * dashes(height) + ys.length * dashes(width)) * 4;
    const out = this.buffer(paneId, needed, Math.max(256, needed * 2));
    let n = 0;
    for (const x of xs) {
      const sx = snap(x);
      for (let k = 0, count = dashes(height); k < count; k++) {
        n = putSegment(out, n, sx, k * period, sx, off === 0 ? height : Math.min(height, k * period + on));
      }
    }
    for (const y of ys) {
      const sy = snap(y);
      for (let k = 0, count = dashes(width); k < count; k++) {
        n = putSegment(out, n, k * period, sy, off === 0 ? width : Math.min(width, k * period + on), sy);
      }
    }
    return { kind: 'segments', id: `grid:${paneId}`, points: out, count: n / 2, color, width: lineWidth, pane };
  }

  /** An indicator pane's reference levels: dashed lines (4 px on, 4 off) across the pane, or null without levels. */
  levels(paneId: string, levels: readonly number[], pane: PlotRect, yScale: ValueScale, ratio: number, gridColor: Rgba): SceneLayer | null {
    if (levels.length === 0) return null;
    const dash = Math.max(1, Math.round(4 * ratio));
    const perLine = Math.ceil(pane.width / (2 * dash));
    const key = `levels:${paneId}`;
    const out = this.buffer(key, levels.length * perLine * 4, levels.length * perLine * 8);
    const lineWidth = Math.max(1, Math.round(ratio));
    let n = 0;
    for (const level of levels) {
      const y = Math.floor(yScale.toPixel(level)) + (lineWidth % 2) / 2;
      for (let k = 0; k < perLine; k++) {
        n = putSegment(out, n, k * 2 * dash, y, Math.min(pane.width, k * 2 * dash + dash), y);
      }
    }
    const [r, g, b] = gridColor;
    // Darker than the grid (it is read against), lighter than the series.
    const color: Rgba = [r * 0.6, g * 0.6, b * 0.6, 1];
    return { kind: 'segments', id: key, points: out, count: n / 2, color, width: lineWidth, pane };
  }
}

/** Writes segment (x0, y0)–(x1, y1) at float `n` without allocating (grid and level dashes, every frame); returns the next `n`. */
function putSegment(out: Float32Array, n: number, x0: number, y0: number, x1: number, y1: number): number {
  out[n] = x0;
  out[n + 1] = y0;
  out[n + 2] = x1;
  out[n + 3] = y1;
  return n + 4;
}
