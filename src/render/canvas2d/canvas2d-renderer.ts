import type { AreaLayer, FrameScene, LineLayer, PlotRect, Rgba, SegmentsLayer } from '../frame-scene.js';
import { isGapY, scenePointCount } from '../frame-scene.js';
import type { FramePixels, Renderer, RenderStats } from '../renderer.js';

type Context2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface Canvas2dRendererOptions {
  /**
   * A canvas that has never had another context. A canvas on which `getContext('webgpu')` was
   * called can never give a 2d context, so an element falling back from WebGPU must hand over a
   * fresh canvas (and put it in the place of the old one).
   */
  canvas: HTMLCanvasElement | OffscreenCanvas;
}

/**
 * Below this length a segment has no direction of its own. The shader then uses the x axis; a
 * zero-length subpath would leave the square cap to each browser's taste, so the segment is
 * replaced by a tiny horizontal one.
 */
const DEGENERATE_LENGTH = 1e-3;
const DEGENERATE_HALF = 0.005;

/**
 * Draws a FrameScene with the Canvas 2D API, for browsers (or devices) without WebGPU. It follows
 * shaders/primitives.wgsl: same clip rectangle, same coordinates, same gaps, same stroke shapes;
 * only antialiasing differs (analytic coverage here, 4× MSAA there).
 */
export class Canvas2dRenderer implements Renderer {
  readonly kind = 'canvas2d' as const;

  private canvas: HTMLCanvasElement | OffscreenCanvas | null;
  private context: Context2d | null;

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
    return { cpuMs: performance.now() - started, pointsDrawn: scenePointCount(scene) };
  }

  async capture(scene: FrameScene): Promise<FramePixels> {
    const ctx = this.draw(scene);
    const { width, height } = scene;
    const image = ctx.getImageData(0, 0, width, height);
    return { width, height, data: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
  }

  dispose(): void {
    // The canvas belongs to the element, which may reuse or remove it; only our references go.
    this.canvas = null;
    this.context = null;
  }

  private draw(scene: FrameScene): Context2d {
    const canvas = this.canvas;
    const ctx = this.context;
    if (!canvas || !ctx) throw new Error('gpu-charts: renderer used after dispose()');
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

    const clip = scissorRect(scene.plot, scene.width, scene.height);
    if (clip.width <= 0 || clip.height <= 0) return ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(clip.x, clip.y, clip.width, clip.height);
    ctx.clip();
    // Points are relative to the plot's (unrounded) top-left corner, as in the shader.
    ctx.translate(scene.plot.x, scene.plot.y);
    for (const layer of scene.layers) {
      if (layer.kind === 'area') fillArea(ctx, layer);
      else strokeSegments(ctx, layer);
    }
    ctx.restore();
    return ctx;
  }
}

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
 * An area: each gap-separated run of two or more points becomes a polygon closed down to the
 * baseline, all filled at once (nonzero), so neighbouring runs and lobes on both sides of the
 * baseline are filled once each. A lone point between gaps draws nothing, as on the GPU.
 */
function fillArea(ctx: Context2d, layer: AreaLayer): void {
  if (layer.count < 2) return;
  const p = layer.points;
  const base = layer.baseline;
  ctx.beginPath();
  let runStart = -1;
  const closeRun = (end: number): void => {
    // [runStart, end) are the run's points.
    if (runStart >= 0 && end - runStart >= 2) {
      ctx.moveTo(p[runStart * 2]!, base);
      for (let i = runStart; i < end; i++) ctx.lineTo(p[i * 2]!, p[i * 2 + 1]!);
      ctx.lineTo(p[(end - 1) * 2]!, base);
      ctx.closePath();
    }
    runStart = -1;
  };
  for (let i = 0; i < layer.count; i++) {
    if (isGapY(p[i * 2 + 1]!)) closeRun(i);
    else if (runStart < 0) runStart = i;
  }
  closeRun(layer.count);
  ctx.fillStyle = cssColor(layer.fill);
  ctx.fill('nonzero');
}

/** Straight RGBA 0..1 to a CSS colour; canvas compositing with straight colours equals the GPU's premultiplied blend. */
function cssColor([r, g, b, a]: Rgba): string {
  const channel = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  const alpha = Math.min(1, Math.max(0, a));
  return `rgba(${channel(r)}, ${channel(g)}, ${channel(b)}, ${alpha})`;
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
