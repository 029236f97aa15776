import type { ChartModel } from '../../core/chart-model.js';
import type { FrameResult } from '../../core/chart-types.js';
import { MAIN_PANE } from '../../core/panes.js';
import type { FramePixels } from '../../render/renderer.js';
import { frameTexts, type ExportText } from '../../export/export-text.js';
import { rowsCsv, windowRows } from '../../export/csv.js';
import { rgbaToCss } from '../resolve-css-color.js';

/** What exports need from their chart. */
export interface ExportHost {
  /** The model, brought up to date with pending changes. */
  model(): ChartModel;
  /** The shadow root holding the overlay (its colours are read from there). */
  root(): HTMLElement | DocumentFragment;
  /** The element's CSS width. */
  width(): number;
  /** Draws the current state and reads its pixels back (the renderer's capture). */
  capture(): Promise<FramePixels>;
  /** Whether the legend shows, and the overlay's font. */
  text(): { legend: boolean; fontSize: number; fontFamily: string };
}

/** Image types `toBlob` writes; others are refused with a clear error. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/**
 * `toBlob`, `download`, `toSVG` and `toCSV` of `<gpu-chart>`: the picture the renderer drew with
 * the overlay's text composited on it, the scene as SVG (src/export, one writer per layer kind),
 * and the visible rows as CSV.
 */
export class ChartExport {
  constructor(private readonly host: ExportHost) {}

  /** The picture as an image file: the renderer's pixels, then axis labels, titles and legend drawn over them. */
  async toBlob(type = 'image/png', quality?: number): Promise<Blob> {
    if (!IMAGE_TYPES.has(type)) throw new TypeError(`gpu-chart toBlob: unsupported type "${type}" (use ${[...IMAGE_TYPES].join(', ')})`);
    const pixels = await this.host.capture();
    const model = this.host.model();
    const frame = model.frame();
    const canvas = makeCanvas(pixels.width, pixels.height);
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new Error('gpu-chart toBlob: no 2D canvas context to compose the picture');
    ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
    if (frame) this.drawText(ctx, frame, model.chartSize.pixelRatio);
    if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
    return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`gpu-chart toBlob: the browser could not encode ${type}`))), type, quality));
  }

  /** The scene as an SVG document: background, every layer (LOD-reduced, as drawn), axes' text, legend. */
  async toSVG(): Promise<string> {
    const model = this.host.model();
    // The SVG writers are a lazy chunk: only pages that export load them. Loaded before the frame
    // is built, so that the scene is written in the same task: some layers' arrays (annotations:
    // FrameArrays) are rewritten by the next projection, which a frame drawn meanwhile would do.
    const { sceneToSvg } = await import('../../export/scene-svg.js');
    const frame = model.frame();
    if (!frame) throw new Error('gpu-chart toSVG: nothing to export yet');
    const colors = this.colors();
    return sceneToSvg({
      scene: frame.scene,
      pixelRatio: model.chartSize.pixelRatio,
      texts: frameTexts(frame, { width: this.host.width(), fontSize: this.host.text().fontSize }),
      legend: this.legend(),
      title: this.container()?.getAttribute('aria-label') ?? undefined,
      font: { family: this.host.text().fontFamily, size: this.host.text().fontSize, color: colors.text, axisColor: colors.axis },
    });
  }

  /** The rows in the visible window as CSV: the time (ISO 8601, UTC) or x, then every data column. */
  toCSV(): string {
    const model = this.host.model();
    const store = model.data;
    const time = model.options.xAxis === 'time';
    const keyName = time ? 'time' : 'x';
    if (!store) return `${keyName}\r\n`;
    const [first, end] = windowRows(store.time, store.length, model.viewport.start, model.viewport.end);
    const columns = store.columnNames.map((name) => ({ name, values: store.column(name) }));
    return rowsCsv({ keyName, keys: store.time, length: store.length, columns, first, end, time });
  }

  /**
   * Saves the chart through the browser's download: `.svg` → toSVG, `.csv` → toCSV, `.jpg`/`.jpeg`
   * and `.webp` → those images, anything else PNG (default name `chart.png`).
   */
  async download(filename = 'chart.png'): Promise<void> {
    const lower = filename.toLowerCase();
    const blob = lower.endsWith('.svg')
      ? new Blob([await this.toSVG()], { type: 'image/svg+xml' })
      : lower.endsWith('.csv')
        ? new Blob([this.toCSV()], { type: 'text/csv' })
        : await this.toBlob(lower.endsWith('.jpg') || lower.endsWith('.jpeg') ? 'image/jpeg' : lower.endsWith('.webp') ? 'image/webp' : 'image/png');
    const url = URL.createObjectURL(blob);
    try {
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
    } finally {
      // After the click has handed the URL to the download.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  }

  // ——— the overlay's text, drawn on the picture ———

  private drawText(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, frame: FrameResult, ratio: number): void {
    const colors = this.colors();
    const size = this.host.text().fontSize;
    ctx.save();
    ctx.scale(ratio, ratio);
    for (const text of frameTexts(frame, { width: this.host.width(), fontSize: size })) drawOne(ctx, text, size, this.host.text().fontFamily, colors);
    let x = frame.plot.x + 8;
    const y = frame.plot.y + 8 + size / 2;
    ctx.font = `${size}px ${this.host.text().fontFamily}`;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    for (const entry of this.legend()) {
      ctx.fillStyle = entry.color;
      ctx.fillRect(x, y - 4, 8, 8);
      ctx.fillStyle = colors.text;
      ctx.fillText(entry.name, x + 12, y);
      x += 24 + ctx.measureText(entry.name).width;
    }
    ctx.restore();
  }

  private legend(): { name: string; color: string }[] {
    if (!this.host.text().legend) return [];
    return this.host.model().legendEntries(MAIN_PANE, null, false).filter((e) => e.visible).map((e) => ({ name: e.name, color: rgbaToCss(e.color) }));
  }

  private container(): HTMLElement | null {
    return (this.host.root() as ParentNode).querySelector<HTMLElement>('.container');
  }

  /** The overlay's text colours as the page styles them (custom properties, themes, forced colours). */
  private colors(): { text: string; axis: string } {
    const container = this.container();
    const axis = (this.host.root() as ParentNode).querySelector<HTMLElement>('.x-axis');
    const text = container ? getComputedStyle(container).color : '#374151';
    return { text, axis: axis ? getComputedStyle(axis).color : text };
  }
}

function drawOne(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, text: ExportText, size: number, family: string, colors: { text: string; axis: string }): void {
  ctx.font = `${text.bold ? '600 ' : ''}${size}px ${family}`;
  ctx.fillStyle = text.role === 'x-label' || text.role === 'y-label' ? (text.bold ? colors.text : colors.axis) : colors.text;
  ctx.textAlign = text.anchor === 'middle' ? 'center' : text.anchor === 'end' ? 'right' : 'left';
  ctx.textBaseline = text.baseline;
  if (text.rotate) {
    ctx.save();
    ctx.translate(text.x, text.y);
    ctx.rotate((text.rotate * Math.PI) / 180);
    ctx.fillText(text.text, 0, 0);
    ctx.restore();
  } else {
    ctx.fillText(text.text, text.x, text.y);
  }
}

function makeCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}
