import type { LineLayer, PlotRect, Rgba } from '../../../core/scene/frame-scene.js';
import { LineSplatter } from '../../../core/scene/line-splat.js';
import { DENSE_MAX_STEP, findPolylineRuns, firstRunAtOrAfter, isDenseRuns, PolylineRuns } from '../../../core/scene/polyline-runs.js';
import { drawScratch, scratchContext } from './blit-image.js';
import type { Context2d } from './draw-primitive.js';

/**
 * Columns per strip: the splat's buffers are this wide (~5 bytes × strip × pane height, kept from
 * frame to frame: ~0.8 MB for a 650 px pane). Each strip is put into the scratch canvas (outside the
 * JS heap, and there anyway for the markers' blits) and the scratch is drawn once: one drawImage per
 * pane, not per strip (Chromium's software canvas pays per drawImage far more than per pixel: five
 * chart-wide lines took 11–68 ms when each 128-column strip was drawn on its own, 4.7–7 ms as one
 * image), without a pane-sized image in JavaScript.
 */
export const STRIP_WIDTH = 256;

interface PendingLine {
  runs: PolylineRuns;
  origin: PlotRect;
  color: Rgba;
  width: number;
}

/**
 * Consecutive dense line layers of one pane, splatted (core/scene/line-splat.ts) strip by strip
 * into the scratch canvas and drawn once: a chart of five streaming series draws its five lines for
 * a few thousand pixel tests each and one drawImage, instead of five polygon strokes. The renderer
 * offers each line layer (add) and flushes before anything else is drawn, so the order of layers
 * holds.
 */
export class DenseLineBatch {
  private readonly splatter = new LineSplatter();
  /** Runs of the lines taken, reused from frame to frame (a few tens of kB a line). */
  private readonly pool: PolylineRuns[] = [];
  private readonly lines: PendingLine[] = [];
  private clip: PlotRect | null = null;

  /**
   * The runs of the last line add() refused for not being dense (null: it refused without finding
   * them), for the caller to stroke from; valid until the next add().
   */
  refused: PolylineRuns | null = null;

  /** Takes `layer` into the batch when it is a dense line (true); otherwise the caller draws it, after flush(). */
  add(layer: LineLayer, pane: PlotRect, clip: PlotRect): boolean {
    this.refused = null;
    if (!lineSplatTuning.enabled || layer.count < 2) return false;
    const n = this.lines.length;
    const runs = findPolylineRuns(layer.points, layer.count, (this.pool[n] ??= new PolylineRuns()));
    if (!isDenseRuns(runs)) {
      this.refused = runs;
      return false;
    }
    // A batch covers one pane; the renderer flushes before it moves to another.
    if (this.clip && this.clip !== clip) throw new Error('gpu-charts: dense line batch not flushed before a new pane');
    this.clip = clip;
    this.lines.push({ runs, origin: pane, color: layer.color, width: layer.width });
    return true;
  }

  /** Splats and blits the lines taken since the last flush, strip by strip. */
  flush(ctx: Context2d): void {
    const clip = this.clip;
    if (!clip) return;
    this.clip = null;
    const { splatter, lines } = this;
    const stripWidth = Math.max(1, Math.floor(lineSplatTuning.stripWidth));
    let scratch: ReturnType<typeof scratchContext> | null = null;
    for (let x = clip.x; x < clip.x + clip.width; x += stripWidth) {
      const strip = { x, y: clip.y, width: Math.min(stripWidth, clip.x + clip.width - x), height: clip.height };
      splatter.begin(strip);
      for (const line of lines) {
        // The runs whose segments can reach the strip: a run's span is within half the width of
        // its x, a join reaches back at most DENSE_MAX_STEP to the run before.
        const margin = Math.max(line.width, 1) / 2 + DENSE_MAX_STEP + 1;
        const start = firstRunAtOrAfter(line.runs, strip.x - line.origin.x - margin);
        const end = firstRunAtOrAfter(line.runs, strip.x + strip.width - line.origin.x + margin);
        if (end > start) splatter.add(line.runs, line.origin, line.color, line.width, start, end);
      }
      const image = splatter.image();
      if (!image) continue;
      scratch ??= scratchContext(clip.width, clip.height, true);
      scratch.putImageData(new ImageData(new Uint8ClampedArray(image.keys.buffer, image.keys.byteOffset, image.width * image.height * 4), image.width, image.height), image.left - clip.x, image.top - clip.y);
    }
    if (scratch) drawScratch(ctx, clip.width, clip.height, clip.x, clip.y);
    lines.length = 0;
  }
}

/**
 * Whether dense lines are splatted (default) or stroked like the others, and the strip width. Knobs
 * for benchmarks and tests (`Canvas2dRenderer.splatDenseLines`; a test narrows the strips to check
 * they meet without a seam), not settings: both ways follow the GPU's shapes.
 */
export const lineSplatTuning = { enabled: true, stripWidth: STRIP_WIDTH };
