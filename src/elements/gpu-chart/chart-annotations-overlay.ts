import type { Rgba } from '../../core/scene/frame-scene.js';
import type { PlacedLabel } from '../../annotations/layers.js';
import { rgbaToCss } from '../resolve-css-color.js';

/**
 * The canvas above the plot with the annotations' labels (text in the overlay, clipped to its pane)
 * and, from the editor, the handles of the selected and hovered annotations. Redrawn only when what
 * it shows changed (the labels of a new view, the handles, the canvas size), not on every frame:
 * a frame whose view did not change leaves it alone.
 */
export class AnnotationOverlay {
  private canvas: HTMLCanvasElement | null = null;
  private drawn: { labels: readonly PlacedLabel[]; handles: string; width: number; height: number; ratio: number } | null = null;

  constructor(private readonly root: () => HTMLElement | DocumentFragment | null) {}

  /**
   * Draws `labels` and, through `handles`, the editor's handles (`handlesKey` names what those
   * depend on). `force`: draw even if nothing seems to have changed.
   */
  draw(labels: readonly PlacedLabel[], ratio: number, handlesKey: string, handles: ((ctx: CanvasRenderingContext2D) => void) | null, force = false): void {
    const main = this.root()?.querySelector?.('canvas') ?? null;
    if (!main || (labels.length === 0 && handlesKey === '' && !this.canvas)) return;
    const canvas = this.overlayCanvas(main);
    const last = this.drawn;
    if (!force && last && last.labels === labels && last.handles === handlesKey && last.width === main.width && last.height === main.height && last.ratio === ratio) return;
    if (canvas.width !== main.width || canvas.height !== main.height) {
      canvas.width = main.width;
      canvas.height = main.height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    drawLabels(ctx, labels, ratio);
    handles?.(ctx);
    this.drawn = { labels, handles: handlesKey, width: main.width, height: main.height, ratio };
  }

  private overlayCanvas(main: HTMLCanvasElement): HTMLCanvasElement {
    if (!this.canvas) {
      const canvas = document.createElement('canvas');
      canvas.className = 'overlay-annotations';
      canvas.setAttribute('aria-hidden', 'true');
      canvas.style.pointerEvents = 'none';
      this.canvas = canvas;
    }
    // After the chart's canvas (which stays the first canvas of the shadow root), under the DOM overlay.
    if (this.canvas.previousElementSibling !== main) {
      main.after(this.canvas);
      this.drawn = null;
    }
    return this.canvas;
  }
}

/**
 * Draws labels (device px), each clipped to its pane; boxed labels on a translucent box. One clip
 * per run of labels of the same pane, not per label.
 */
function drawLabels(ctx: CanvasRenderingContext2D, labels: readonly PlacedLabel[], ratio: number): void {
  let clip: PlacedLabel['clip'] | null = null;
  for (const label of labels) {
    if (label.clip !== clip) {
      if (clip) ctx.restore();
      clip = label.clip;
      ctx.save();
      ctx.beginPath();
      ctx.rect(clip.x, clip.y, clip.width, clip.height);
      ctx.clip();
    }
    drawLabel(ctx, label, ratio);
  }
  if (clip) ctx.restore();
}

function drawLabel(ctx: CanvasRenderingContext2D, label: PlacedLabel, ratio: number): void {
  ctx.save();
  ctx.font = label.font;
  // The font is in CSS px: scale to device px about the label's point.
  ctx.translate(label.x, label.y);
  ctx.scale(ratio, ratio);
  ctx.textAlign = label.align;
  ctx.textBaseline = label.baseline;
  if (label.boxed) {
    const width = ctx.measureText(label.text).width;
    const size = parseFloat(label.font) || 12;
    const left = label.align === 'left' ? 0 : label.align === 'center' ? -width / 2 : -width;
    const top = label.baseline === 'top' ? 0 : label.baseline === 'middle' ? -size / 2 : -size;
    ctx.fillStyle = 'rgba(127, 127, 127, 0.18)';
    ctx.fillRect(left - 3, top - 2, width + 6, size + 4);
  }
  ctx.fillStyle = rgbaToCss(label.color as Rgba);
  ctx.fillText(label.text, 0, 0);
  ctx.restore();
}
