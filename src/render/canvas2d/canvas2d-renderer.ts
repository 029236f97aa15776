import type { AreaLayer, FrameScene, LineLayer, PlotRect, RectsLayer, Rgba, SegmentsLayer } from '../../core/scene/frame-scene.js';
import { isGapY, layerRect, rectCount, rectMinSize, scenePointCount, snapRectSpan } from '../../core/scene/frame-scene.js';
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

  /** Canvas2D has no multisampling to turn off. */
  get sampleCount(): 1 {
    return 1;
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

    // Each layer is clipped to its pane (or the plot); consecutive layers of one pane share a clip.
    let rect: PlotRect | null = null;
    let clip: PlotRect = { x: 0, y: 0, width: 0, height: 0 };
    for (const layer of scene.layers) {
      const next = layerRect(scene, layer);
      if (next !== rect) {
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
      if (layer.kind === 'area') fillArea(ctx, layer);
      else if (layer.kind === 'rects') fillRects(ctx, layer, rect, clip);
      else strokeSegments(ctx, layer);
    }
    if (rect) ctx.restore();
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

/** Per-frame scratch of fillRects, grown as needed (drawing is synchronous, so one is enough). */
let rectBoxes = new Int32Array(0);
let rectGroups = new Int32Array(0);
let rectOrder = new Int32Array(0);
let columnOwner = new Int32Array(0);
const span = new Float64Array(2);

/**
 * A rects layer, following shaders/rects.wgsl: each rectangle's edges snapped to whole pixels by
 * `snapRectSpan` (the shader's f32 steps), clamped to the scissor rectangle, then filled with
 * fillRect at whole-pixel coordinates with no transform, so no edge is antialiased and the pixels
 * are the GPU's. Translucent rectangles are filled one by one, each blended on its own, as the
 * GPU's instances are.
 *
 * For speed the rectangles are grouped by colour (a candlestick chart has two or three): one
 * fillStyle per colour instead of one per rectangle. Grouping reorders rectangles of different
 * colours, which changes the picture only where they overlap, so it is used only when no pixel
 * column holds two colours (a conservative test, cheap because candles and bars are narrow);
 * otherwise the rectangles are drawn in array order, changing fillStyle when the colour changes.
 */
function fillRects(ctx: Context2d, layer: RectsLayer, plot: PlotRect, clip: PlotRect): void {
  const count = rectCount(layer);
  if (count === 0) return;
  const minSize = rectMinSize(layer);
  const r = layer.rects;
  const colors = layer.colors;
  if (rectBoxes.length < count * 4) {
    rectBoxes = new Int32Array(count * 8);
    rectGroups = new Int32Array(count * 2);
    rectOrder = new Int32Array(count * 2);
  }
  const boxes = rectBoxes;
  const groups = rectGroups;
  const clipX1 = clip.x + clip.width;
  const clipY1 = clip.y + clip.height;
  // Colour → group index, in order of first appearance; -1 marks a rectangle that draws nothing.
  const groupOf = new Map<number, number>();
  const groupColors: number[] = [];
  for (let i = 0; i < count; i++) {
    const color = colors[i]!;
    const o = i * 4;
    snapRectSpan(r[o]!, r[o + 2]!, plot.x, minSize, span);
    const x0 = Math.max(clip.x, Math.min(clipX1, span[0]!));
    const x1 = Math.max(clip.x, Math.min(clipX1, span[1]!));
    snapRectSpan(r[o + 1]!, r[o + 3]!, plot.y, minSize, span);
    const y0 = Math.max(clip.y, Math.min(clipY1, span[0]!));
    const y1 = Math.max(clip.y, Math.min(clipY1, span[1]!));
    // Empty after clipping, fully transparent (the premultiplied blend leaves the pixel as it is)
    // or not a number (coordinates must be finite; the comparison is false for NaN).
    if (!(x1 > x0 && y1 > y0) || color >>> 24 === 0) {
      groups[i] = -1;
      continue;
    }
    boxes[o] = x0;
    boxes[o + 1] = y0;
    boxes[o + 2] = x1 - x0;
    boxes[o + 3] = y1 - y0;
    let group = groupOf.get(color);
    if (group === undefined) {
      group = groupColors.length;
      groupOf.set(color, group);
      groupColors.push(color);
    }
    groups[i] = group;
  }
  const styles = groupColors.map(packedCssColor);
  ctx.save();
  // Whole canvas pixels: the plot's (possibly fractional) origin is already in the snapped edges.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (styles.length <= 1 || coloursShareAColumn(count, clip)) {
    let current = -1;
    for (let i = 0; i < count; i++) {
      const group = groups[i]!;
      if (group < 0) continue;
      if (group !== current) {
        ctx.fillStyle = styles[group]!;
        current = group;
      }
      const o = i * 4;
      ctx.fillRect(boxes[o]!, boxes[o + 1]!, boxes[o + 2]!, boxes[o + 3]!);
    }
  } else {
    // A counting sort by group keeps array order inside each group.
    const starts = new Int32Array(styles.length + 1);
    for (let i = 0; i < count; i++) if (groups[i]! >= 0) starts[groups[i]! + 1]!++;
    for (let g = 0; g < styles.length; g++) starts[g + 1]! += starts[g]!;
    const next = starts.slice(0, styles.length);
    const order = rectOrder;
    for (let i = 0; i < count; i++) if (groups[i]! >= 0) order[next[groups[i]!]!++] = i;
    for (let g = 0; g < styles.length; g++) {
      ctx.fillStyle = styles[g]!;
      for (let k = starts[g]!; k < starts[g + 1]!; k++) {
        const o = order[k]! * 4;
        ctx.fillRect(boxes[o]!, boxes[o + 1]!, boxes[o + 2]!, boxes[o + 3]!);
      }
    }
  }
  ctx.restore();
}

/** Whether two rectangles of different colours (fillRects' scratch) cover a common pixel column. */
function coloursShareAColumn(count: number, clip: PlotRect): boolean {
  if (columnOwner.length < clip.width) columnOwner = new Int32Array(clip.width);
  const owner = columnOwner;
  owner.fill(-1, 0, clip.width);
  for (let i = 0; i < count; i++) {
    const group = rectGroups[i]!;
    if (group < 0) continue;
    const start = rectBoxes[i * 4]! - clip.x;
    const end = start + rectBoxes[i * 4 + 2]!;
    for (let x = start; x < end; x++) {
      const current = owner[x]!;
      if (current === group) continue;
      if (current !== -1) return true;
      owner[x] = group;
    }
  }
  return false;
}

/** Packed straight RGBA8 (r | g << 8 | b << 16 | a << 24) to a CSS colour. */
function packedCssColor(color: number): string {
  const r = color & 0xff;
  const g = (color >>> 8) & 0xff;
  const b = (color >>> 16) & 0xff;
  const a = color >>> 24;
  return a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${a / 255})`;
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
