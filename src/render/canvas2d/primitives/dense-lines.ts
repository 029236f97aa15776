import type { LineLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { LineSplatter } from '../../../core/scene/line-splat.js';
import { findPolylineRuns, isDenseRuns, PolylineRuns } from '../../../core/scene/polyline-runs.js';
import { blitImageData } from './blit-image.js';
import type { Context2d } from './draw-primitive.js';

/**
 * Consecutive dense line layers of one pane, splatted into one image (core/scene/line-splat.ts)
 * and blitted once: a chart of five streaming series draws five lines for the price of a few
 * thousand pixel tests each and one blit, instead of five polygon strokes. The renderer offers
 * each line layer (add) and flushes before anything else is drawn, so the order of layers holds.
 */
export class DenseLineBatch {
  private readonly splatter = new LineSplatter();
  private readonly runs = new PolylineRuns();
  private clip: PlotRect | null = null;

  /** Takes `layer` into the batch when it is a dense line (true); otherwise the caller draws it, after flush(). */
  add(layer: LineLayer, pane: PlotRect, clip: PlotRect): boolean {
    if (!lineSplatTuning.enabled || layer.count < 2) return false;
    const runs = findPolylineRuns(layer.points, layer.count, this.runs);
    if (!isDenseRuns(runs)) return false;
    if (this.clip !== clip) {
      // A batch covers one pane; the renderer flushes before it moves to another.
      if (this.clip) throw new Error('gpu-charts: dense line batch not flushed before a new pane');
      this.clip = clip;
      this.splatter.begin(clip);
    }
    this.splatter.add(runs, pane, layer.color, layer.width);
    return true;
  }

  /** Blits the lines taken since the last flush, if any. */
  flush(ctx: Context2d): void {
    if (!this.clip) return;
    this.clip = null;
    const image = this.splatter.image();
    if (!image) return;
    const { keys, left, top, width, height } = image;
    blitImageData(ctx, new ImageData(new Uint8ClampedArray(keys.buffer, keys.byteOffset, width * height * 4), width, height), left, top);
  }
}

/**
 * Whether dense lines are splatted (default) or stroked like the others. A knob for benchmarks
 * and tests (`Canvas2dRenderer.splatDenseLines`), not a setting: both follow the GPU's shapes.
 */
export const lineSplatTuning = { enabled: true };
