import type { FrameScene, PlotRect, SceneLayer } from '../../core/scene/frame-scene.js';
import { layerPointCount, layerRect, scenePointCount } from '../../core/scene/frame-scene.js';
import { binDensity } from '../../core/scene/density-grid.js';
import { clusterCellWords } from '../../core/scene/cluster-cells.js';
import { layerClusterGrid } from '../../core/scene/cluster-discs.js';
import type { FramePixels, Renderer, RenderStats } from '../renderer.js';
import { drawArea } from './primitives/area.js';
import { drawGrid } from './primitives/grid.js';
import { drawBand } from './primitives/band.js';
import { drawClusterLayer, drawDensityLayer } from './primitives/density.js';
import { cssColor, type Context2d, type DrawPrimitive } from './primitives/draw-primitive.js';
import { drawMarkersLayer } from './primitives/markers.js';
import { drawRects } from './primitives/rects.js';
import { drawLine, drawResidentLine, drawSegments, lineTuning, strokePolylineRuns } from './primitives/strokes.js';
import { DenseLineBatch, lineSplatTuning } from './primitives/dense-lines.js';

/** The layer kinds drawn by code in a lazy chunk (3D: registered by registerDrawPrimitives when it loads). */
export type LateDrawKind = 'surface3d' | 'points3d' | 'bars3d' | 'lines3d';
type DrawTable<K extends SceneLayer['kind']> = { [P in K]: DrawPrimitive<Extract<SceneLayer, { kind: P }>> };

/**
 * How each scene layer kind is drawn; a new primitive kind is one more entry (and its module in
 * primitives/), following its WebGPU kind's shader so both renderers agree pixel for pixel. The 3D
 * kinds arrive later (registerDrawPrimitives): until then their layers are skipped.
 */
const DRAW_PRIMITIVES: DrawTable<Exclude<SceneLayer['kind'], LateDrawKind>> & Partial<DrawTable<LateDrawKind>> = {
  line: drawLine,
  area: drawArea,
  segments: drawSegments,
  rects: drawRects,
  grid: drawGrid,
  markers: drawMarkersLayer,
  band: drawBand,
  density: drawDensityLayer,
  cluster: drawClusterLayer,
  'resident-line': drawResidentLine,
};

/** Adds the kinds of a lazy chunk (the 3D chunk's 2.5D primitives); every Canvas2D renderer draws them from then on. */
export function registerDrawPrimitives(kinds: DrawTable<LateDrawKind>): void {
  Object.assign(DRAW_PRIMITIVES, kinds);
}

const NO_FAILED_KINDS: ReadonlySet<string> = new Set();

export interface Canvas2dRendererOptions {
  /**
   * A canvas that has never had another context. A canvas on which `getContext('webgpu')` was
   * called can never give a 2d context, so an element falling back from WebGPU must hand over a
   * fresh canvas (and put it in the place of the old one).
   */
  canvas: HTMLCanvasElement | OffscreenCanvas;
}

/**
 * Draws a FrameScene with the Canvas 2D API, for browsers (or devices) without WebGPU. It follows
 * shaders/primitives.wgsl: same clip rectangle, same coordinates, same gaps, same stroke shapes;
 * only antialiasing differs (analytic coverage here, 4× MSAA there), except for dense lines, which
 * are rasterized at the GPU's own sample positions (primitives/dense-lines.ts).
 */
export class Canvas2dRenderer implements Renderer {
  readonly kind = 'canvas2d' as const;
  readonly sampleCount = 1 as const;
  readonly failedKinds = NO_FAILED_KINDS;

  /**
   * Runs (pixel columns) per path when an opaque line is stroked (default 32; 0: one path per
   * line). For benchmarks comparing the two (`OURS_BEFORE=1 node bench/run.mjs`): the picture is
   * the same up to antialiasing where pieces meet. Applies to every Canvas2D renderer.
   */
  static get lineRunsPerPiece(): number {
    return lineTuning.runsPerPiece;
  }
  static set lineRunsPerPiece(runs: number) {
    lineTuning.runsPerPiece = runs;
  }

  /**
   * Whether dense lines are rasterized like the GPU does, into one image per run of line layers
   * (default true; primitives/dense-lines.ts), or stroked with Skia like sparse ones. A knob for
   * benchmarks and tests; applies to every Canvas2D renderer.
   */
  static get splatDenseLines(): boolean {
    return lineSplatTuning.enabled;
  }
  static set splatDenseLines(on: boolean) {
    lineSplatTuning.enabled = on;
  }

  /** Columns per strip of splatted dense lines (default 256); tests narrow it to check that strips meet seamlessly. */
  static get denseLineStripWidth(): number {
    return lineSplatTuning.stripWidth;
  }
  static set denseLineStripWidth(columns: number) {
    lineSplatTuning.stripWidth = columns;
  }

  private canvas: HTMLCanvasElement | OffscreenCanvas | null;
  /** The last scene drawn (readLayer finds its layers). */
  private lastScene: FrameScene | null = null;
  /** Dense line layers waiting to be blitted as one image. */
  private readonly denseLines = new DenseLineBatch();
  private context: Context2d | null;
  /** Points the last frame's primitives drew beyond (or short of) what the scene asked for. */
  private drawnOffset = 0;

  constructor(options: Canvas2dRendererOptions) {
    this.canvas = options.canvas;
    // willReadFrequently keeps the canvas on the CPU. The accelerated default is extremely slow
    // for the first frames of big paths in headless Chromium (SwiftShader GL), and a fallback
    // renderer is, by definition, running where the GPU path failed.
    const context = options.canvas.getContext('2d', { willReadFrequently: true }) as Context2d | null;
    if (!context) {
      throw new Error('gpu-charts: this canvas cannot give a 2d context (it already has another one, such as webgpu); pass a fresh canvas');
    }
    this.context = context;
  }

  get memoryBytes(): number {
    return this.canvas ? this.canvas.width * this.canvas.height * 4 : 0;
  }

  render(scene: FrameScene): RenderStats {
    const started = performance.now();
    this.draw(scene);
    return { cpuMs: performance.now() - started, pointsDrawn: scenePointCount(scene) + this.drawnOffset };
  }

  async capture(scene: FrameScene): Promise<FramePixels> {
    const ctx = this.draw(scene);
    const { width, height } = scene;
    const image = ctx.getImageData(0, 0, width, height);
    return { width, height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
  }

  /** A density or cluster layer's cells as the GPU would hold them, computed on the CPU. */
  async readLayer(id: string): Promise<Uint32Array | null> {
    const scene = this.lastScene;
    const layer = scene?.layers.find((l) => l.id === id);
    if (!scene || !layer) return null;
    const rect = layerRect(scene, layer);
    if (layer.kind === 'cluster') return clusterCellWords(layer, layerClusterGrid(layer, rect.width, rect.height));
    if (layer.kind === 'density') {
      const grid = binDensity(layer, rect.width, rect.height);
      const out = new Uint32Array(grid.columns * grid.rows + 1);
      out.set(grid.counts.subarray(0, grid.columns * grid.rows));
      out[grid.columns * grid.rows] = grid.max;
      return out;
    }
    return null;
  }

  dispose(): void {
    this.lastScene = null;
    // The canvas belongs to the element, which may reuse or remove it; only our references go.
    this.canvas = null;
    this.context = null;
  }

  private draw(scene: FrameScene): Context2d {
    const canvas = this.canvas;
    const ctx = this.context;
    if (!canvas || !ctx) throw new Error('gpu-charts: renderer used after dispose()');
    this.lastScene = scene;
    // The WebGPU offscreen target follows the scene's size; so does this canvas. (In a page the
    // element has already sized it, and these assignments, which would clear it, are skipped.)
    if (canvas.width !== scene.width) canvas.width = scene.width;
    if (canvas.height !== scene.height) canvas.height = scene.height;

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'source-over';
    ctx.clearRect(0, 0, scene.width, scene.height);
    ctx.fillStyle = cssColor(scene.background);
    ctx.fillRect(0, 0, scene.width, scene.height);

    // Each layer is clipped to its pane (or the plot); consecutive layers of one pane share a clip.
    let rect: PlotRect | null = null;
    let clip: PlotRect = { x: 0, y: 0, width: 0, height: 0 };
    this.drawnOffset = 0;
    const lines = this.denseLines;
    for (const layer of scene.layers) {
      const primitive = (DRAW_PRIMITIVES as Partial<Record<SceneLayer['kind'], DrawPrimitive>>)[layer.kind];
      // A kind of a chunk still on its way (3D): drawn once it has loaded (the chart redraws then).
      if (!primitive) continue;
      const next = layerRect(scene, layer);
      if (next !== rect) {
        lines.flush(ctx);
        if (rect) ctx.restore();
        rect = next;
        clip = scissorRect(rect, scene.width, scene.height);
        ctx.save();
        ctx.beginPath();
        ctx.rect(clip.x, clip.y, clip.width, clip.height);
        ctx.clip();
        // Points are relative to the pane's (unrounded) top-left corner, as in the shader.
        ctx.translate(rect.x, rect.y);
      }
      if (clip.width <= 0 || clip.height <= 0) continue;
      // Dense lines gather into one image per run of consecutive line layers (primitives/dense-lines.ts).
      if (layer.kind === 'line') {
        if (lines.add(layer, rect, clip)) continue;
        lines.flush(ctx);
        // A line refused for being sparse is stroked from the runs the batch found (not found twice).
        if (lines.refused) {
          strokePolylineRuns(ctx, layer, lines.refused);
          continue;
        }
      } else lines.flush(ctx);
      const drawn = primitive.draw(ctx, layer, rect, clip, scene);
      if (typeof drawn === 'number') this.drawnOffset += drawn - layerPointCount(layer);
    }
    lines.flush(ctx);
    if (rect) ctx.restore();
    return ctx;
  }
}

/** The WebGPU renderer's scissor rectangle (floor origin, ceil size, clamped), so both clip the same pixels. */
function scissorRect(rect: PlotRect, width: number, height: number): PlotRect {
  const x = Math.max(0, Math.min(width, Math.floor(rect.x)));
  const y = Math.max(0, Math.min(height, Math.floor(rect.y)));
  return {
    x,
    y,
    width: Math.max(0, Math.min(width - x, Math.ceil(rect.width))),
    height: Math.max(0, Math.min(height - y, Math.ceil(rect.height))),
  };
}
