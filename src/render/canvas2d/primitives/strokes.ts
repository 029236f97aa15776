import type { LineLayer, ResidentLineLayer, SegmentsLayer } from '../../../core/scene/frame-scene.js';
import { residentLineAsLine } from '../../../core/scene/resident-line-points.js';
import { isGapY } from '../../../core/scene/frame-scene.js';
import { findPolylineRuns, pieceBounds, PolylineRuns, RUNS_PER_PIECE, runSegments } from '../../../core/scene/polyline-runs.js';
import { cssColor, type Context2d, type DrawPrimitive } from './draw-primitive.js';

/**
 * Below this length a segment has no direction of its own. The shader then uses the x axis; a
 * zero-length subpath would leave the square cap to each browser's taste, so the segment is
 * replaced by a tiny horizontal one.
 */
const DEGENERATE_LENGTH = 1e-3;
const DEGENERATE_HALF = 0.005;

/**
 * Lines and segments. The shader draws every segment as its own rectangle, lengthened by half the
 * width at both ends (square caps), and those caps close the joints of a polyline. Each segment is
 * therefore its own subpath with square caps: one stroke of that path covers exactly the union of
 * the GPU's rectangles, so the shape at joints matches (no miter spikes, no bevel notches). The
 * only difference: where a translucent line overlaps itself the GPU blends twice, a path once.
 */
function strokeSegments(ctx: Context2d, layer: LineLayer | SegmentsLayer): void {
  const stride = layer.kind === 'segments' ? 2 : 1;
  const segments = layer.kind === 'segments' ? layer.count >> 1 : layer.count - 1;
  if (segments <= 0) return;
  const p = layer.points;
  ctx.beginPath();
  for (let i = 0; i < segments; i++) {
    const a = i * stride * 2;
    const ax = p[a]!;
    const ay = p[a + 1]!;
    const bx = p[a + 2]!;
    const by = p[a + 3]!;
    if (isGapY(ay) || isGapY(by)) continue;
    if (Math.abs(bx - ax) + Math.abs(by - ay) < DEGENERATE_LENGTH) {
      ctx.moveTo(ax - DEGENERATE_HALF, ay);
      ctx.lineTo(ax + DEGENERATE_HALF, ay);
    } else {
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
    }
  }
  // The shader's half width is max(width, 1) / 2.
  ctx.lineWidth = Math.max(layer.width, 1);
  ctx.lineCap = 'square';
  // Irrelevant with one segment per subpath; bevel never reaches past the caps' union.
  ctx.lineJoin = 'bevel';
  ctx.strokeStyle = cssColor(layer.color);
  ctx.stroke();
}

/**
 * A polyline, drawn like `strokeSegments` with fewer subpaths where it is dense. (The renderer
 * splats dense lines itself, primitives/dense-lines.ts, unless `splatDenseLines` is off: what
 * reaches here is mostly sparse.) Level of detail
 * puts each pixel column's points (first, min, max, last) at the column's centre, so most
 * segments of a dense line are vertical runs at one x. The union of a run's square-capped
 * segments is exactly the one square-capped segment from its lowest to its highest point, so a
 * run becomes one subpath, and only the segments joining one x to the next are kept as they are
 * (src/core/scene/polyline-runs.ts): about half the subpaths, the same union in one stroke (so the
 * same pixels, translucent colours included), and about 40 % less rasterization
 * (bench/default-profile.mjs). Filling the runs with fillRect instead was faster still, but
 * separate fills antialias their overlapping edges twice: visibly bolder lines.
 *
 * An opaque line is then stroked in pieces of `lineTuning.runsPerPiece` runs, one path each:
 * Skia's stroke of one path of thousands of overlapping subpaths costs more than the strokes of
 * its pieces (~42 % less for a 1,130-column line, bench/canvas2d-line-raster.mjs). Consecutive
 * pieces share an endpoint, so the union is unchanged; only where two pieces overlap (the few
 * pixels around a shared point) is the antialiased edge drawn twice, which an opaque colour hides
 * but for a sliver of coverage. A translucent line stays one path (overlaps would blend twice).
 */
function strokePolyline(ctx: Context2d, layer: LineLayer): void {
  if (layer.count < 2) return;
  strokePolylineRuns(ctx, layer, findPolylineRuns(layer.points, layer.count, scratchRuns));
}

/** strokePolyline with the line's runs already found (the renderer's dense-line batch found them when it refused the line). */
export function strokePolylineRuns(ctx: Context2d, layer: LineLayer, runs: PolylineRuns): void {
  if (runs.count === 0) return;
  ctx.lineWidth = Math.max(layer.width, 1);
  ctx.lineCap = 'square';
  ctx.lineJoin = 'bevel';
  ctx.strokeStyle = cssColor(layer.color);
  const opaque = layer.color[3] >= 1 && ctx.globalAlpha >= 1;
  const bounds = pieceBounds(runs.count, opaque ? lineTuning.runsPerPiece : 0);
  const emit = (ax: number, ay: number, bx: number, by: number): void => segment(ctx, ax, ay, bx, by);
  for (let k = 0; k + 1 < bounds.length; k++) {
    ctx.beginPath();
    runSegments(runs, bounds[k]!, bounds[k + 1]!, emit);
    ctx.stroke();
  }
}

/** Reused from line to line and frame to frame (drawing is synchronous). */
const scratchRuns = new PolylineRuns();

/**
 * How opaque polylines are stroked: `runsPerPiece` runs per path (≤ 0: the whole line as one
 * path, as before pieces). A knob for benchmarks (`Canvas2dRenderer.lineRunsPerPiece`), not a
 * setting: the picture is the same either way.
 */
export const lineTuning = { runsPerPiece: RUNS_PER_PIECE };

/** One segment as its own subpath (see strokeSegments), a degenerate one as a tiny horizontal one. */
function segment(ctx: Context2d, ax: number, ay: number, bx: number, by: number): void {
  if (Math.abs(bx - ax) + Math.abs(by - ay) < DEGENERATE_LENGTH) {
    ctx.moveTo(ax - DEGENERATE_HALF, ay);
    ctx.lineTo(ax + DEGENERATE_HALF, ay);
  } else {
    ctx.moveTo(ax, ay);
    ctx.lineTo(bx, by);
  }
}

export const drawLine: DrawPrimitive<LineLayer> = { draw: (ctx, layer) => strokePolyline(ctx, layer) };
export const drawSegments: DrawPrimitive<SegmentsLayer> = { draw: (ctx, layer) => strokeSegments(ctx, layer) };
/**
 * A GPU level-of-detail line: the model only makes these for WebGPU on a real GPU, but a scene
 * handed over (export, a renderer switch mid-frame) still draws, through the CPU twin of the
 * shader's reduction.
 */
export const drawResidentLine: DrawPrimitive<ResidentLineLayer> = { draw: (ctx, layer) => strokePolyline(ctx, residentLineAsLine(layer)) };
