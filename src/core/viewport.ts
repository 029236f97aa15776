import type { XAxisKind } from './scales.js';

/**
 * The visible window: an x range (time, or numbers on numeric axes) and a value range on y
 * (automatic or set by the user). Pure state and arithmetic; the element turns wheel, drag, pinch
 * and keys into these calls. On a log x axis zoom and pan work in log10 space (multiplicative).
 */
/** What moved the view; `sync`: another chart of the same `sync-group`. */
export type ViewportChangeSource = 'zoom' | 'pan' | 'reset' | 'api' | 'data' | 'box' | 'sync';

/**
 * Smallest window: one millisecond. Epoch times near 2025 are float64 with a resolution of about
 * 0.00024 ms, so a 1 ms window still spans thousands of representable steps (sub-pixel precision).
 */
const MIN_SPAN_MS = 1;

/**
 * Smallest window on numeric axes, relative to the data: a billionth of its extent, and never
 * below 1e-12 of the values' magnitude (float64 keeps ~16 digits, so still sub-pixel precision).
 */
const MIN_SPAN_OF_DATA = 1e-9;
const MIN_SPAN_OF_MAGNITUDE = 1e-12;

export class Viewport {
  /** How x is measured; set by the model before the data bounds. */
  xKind: XAxisKind = 'time';
  start = 0;
  end = 1;
  /** y range; used only when `autoY` is false. */
  yMin = 0;
  yMax = 1;
  autoY = true;
  /** Ranges of the other value axes set by a box zoom (by axis id); reset() gives them back to their configuration. */
  readonly axisY = new Map<string, [number, number]>();

  private dataStart = 0;
  private dataEnd = 1;

  get span(): number {
    return this.end - this.start;
  }

  /** The data's time extent changed. With `reset`, the window shows all of it. */
  setDataBounds(start: number, end: number, reset: boolean): void {
    if (end <= start) {
      // One point (or all at one x): a window of one second (or ±1 %, a factor 1.1 on log) around it.
      if (this.xKind === 'log') {
        start /= 1.1;
        end *= 1.1;
      } else {
        const half = this.xKind === 'time' ? 500 : Math.abs(start) * 0.01 || 0.5;
        start -= half;
        end += half;
      }
    }
    this.dataStart = start;
    this.dataEnd = end;
    if (reset) this.reset();
  }

  reset(): void {
    this.start = this.dataStart;
    this.end = this.dataEnd;
    this.autoY = true;
    this.axisY.clear();
  }

  get dataBounds(): [number, number] {
    return [this.dataStart, this.dataEnd];
  }

  /** Is the window's right edge at (or past) the newest data? Live charts then follow new data. */
  isAtEnd(): boolean {
    return this.end >= this.dataEnd;
  }

  /** Shifts the window by `deltaMs`, keeping its span (following a live stream). */
  shift(deltaMs: number): void {
    if (this.xKind === 'log' && this.end > 0 && this.end + deltaMs > 0) {
      // The same decades, ending at the new right edge.
      const factor = (this.end + deltaMs) / this.end;
      this.start *= factor;
      this.end *= factor;
      return;
    }
    this.start += deltaMs;
    this.end += deltaMs;
  }

  /** x in the space where zoom and pan are linear: log10 on a log axis, else x itself. */
  private toU(x: number): number {
    return this.xKind === 'log' ? Math.log10(x) : x;
  }

  private fromU(u: number): number {
    return this.xKind === 'log' ? 10 ** u : u;
  }

  /** The smallest window, in zoom space: 1 ms on time axes, relative to the data on numeric ones. */
  private minSpanU(): number {
    if (this.xKind === 'time') return MIN_SPAN_MS;
    const a = this.toU(this.dataStart);
    const b = this.toU(this.dataEnd);
    return Math.max((b - a) * MIN_SPAN_OF_DATA, Math.max(Math.abs(a), Math.abs(b)) * MIN_SPAN_OF_MAGNITUDE, Number.MIN_VALUE);
  }

  /**
   * Zooms x around an anchor: factor < 1 zooms in. `anchor` is the fraction of the plot width
   * (0 = left edge) that stays under the cursor. On a log axis the factor applies to decades.
   */
  zoomX(factor: number, anchor = 0.5): void {
    const u0 = this.toU(this.start);
    const span = this.toU(this.end) - u0;
    const minSpan = this.minSpanU();
    const maxSpan = Math.max((this.toU(this.dataEnd) - this.toU(this.dataStart)) * 4, minSpan * 10);
    const newSpan = Math.min(maxSpan, Math.max(minSpan, span * factor));
    const pivot = u0 + span * anchor;
    this.setX(this.fromU(pivot - newSpan * anchor), this.fromU(pivot + newSpan * (1 - anchor)));
  }

  /** Pans x by a fraction of the window (positive moves toward later times / larger x). */
  panX(fraction: number): void {
    const u0 = this.toU(this.start);
    const u1 = this.toU(this.end);
    const delta = (u1 - u0) * fraction;
    this.setX(this.fromU(u0 + delta), this.fromU(u1 + delta));
  }

  /** Sets the x window, keeping at least part of the data in view (on a log axis: x > 0 only). */
  setX(start: number, end: number): void {
    if (!(end > start)) return;
    if (this.xKind === 'log') {
      if (!(end > 0)) return;
      if (!(start > 0)) start = Math.min(this.dataStart, end / 10);
    }
    let u0 = this.toU(start);
    let span = this.toU(end) - u0;
    const minSpan = this.minSpanU();
    if (span < minSpan) {
      const mid = u0 + span / 2;
      span = minSpan;
      u0 = mid - span / 2;
    }
    // The window's centre stays within the data, so the chart can never be panned into emptiness.
    const centre = u0 + span / 2;
    const clampedCentre = Math.min(this.toU(this.dataEnd), Math.max(this.toU(this.dataStart), centre));
    u0 = clampedCentre - span / 2;
    this.start = this.fromU(u0);
    this.end = this.fromU(u0 + span);
  }

  setY(min: number, max: number): void {
    if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return;
    this.yMin = min;
    this.yMax = max;
    this.autoY = false;
  }

  /** Sets another value axis' range (a box zoom); it holds until reset(). */
  setAxisY(axisId: string, min: number, max: number): void {
    if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return;
    this.axisY.set(axisId, [min, max]);
  }
}
