/**
 * The visible window: a time range on x and a value range on y (automatic or set by the user).
 * Pure state and arithmetic; the element turns wheel, drag, pinch and keys into these calls.
 */
/** What moved the view; `sync`: another chart of the same `sync-group`. */
export type ViewportChangeSource = 'zoom' | 'pan' | 'reset' | 'api' | 'data' | 'box' | 'sync';

/**
 * Smallest window: one millisecond. Epoch times near 2025 are float64 with a resolution of about
 * 0.00024 ms, so a 1 ms window still spans thousands of representable steps (sub-pixel precision).
 */
const MIN_SPAN_MS = 1;

export class Viewport {
  start = 0;
  end = 1;
  /** y range; used only when `autoY` is false. */
  yMin = 0;
  yMax = 1;
  autoY = true;

  private dataStart = 0;
  private dataEnd = 1;

  get span(): number {
    return this.end - this.start;
  }

  /** The data's time extent changed. With `reset`, the window shows all of it. */
  setDataBounds(start: number, end: number, reset: boolean): void {
    if (end <= start) {
      // One point (or all at one time): a window of one second around it.
      start -= 500;
      end += 500;
    }
    this.dataStart = start;
    this.dataEnd = end;
    if (reset) this.reset();
  }

  reset(): void {
    this.start = this.dataStart;
    this.end = this.dataEnd;
    this.autoY = true;
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
    this.start += deltaMs;
    this.end += deltaMs;
  }

  /**
   * Zooms x around an anchor: factor < 1 zooms in. `anchor` is the fraction of the plot width
   * (0 = left edge) that stays under the cursor.
   */
  zoomX(factor: number, anchor = 0.5): void {
    const span = this.span;
    const maxSpan = Math.max((this.dataEnd - this.dataStart) * 4, MIN_SPAN_MS * 10);
    const newSpan = Math.min(maxSpan, Math.max(MIN_SPAN_MS, span * factor));
    const pivot = this.start + span * anchor;
    this.setX(pivot - newSpan * anchor, pivot + newSpan * (1 - anchor));
  }

  /** Pans x by a fraction of the window (positive moves toward later times). */
  panX(fraction: number): void {
    const delta = this.span * fraction;
    this.setX(this.start + delta, this.end + delta);
  }

  /** Sets the x window, keeping at least part of the data in view. */
  setX(start: number, end: number): void {
    if (!(end > start)) return;
    let span = end - start;
    if (span < MIN_SPAN_MS) {
      const mid = (start + end) / 2;
      span = MIN_SPAN_MS;
      start = mid - span / 2;
    }
    // The window's centre stays within the data, so the chart can never be panned into emptiness.
    const centre = start + span / 2;
    const clampedCentre = Math.min(this.dataEnd, Math.max(this.dataStart, centre));
    this.start = clampedCentre - span / 2;
    this.end = this.start + span;
  }

  setY(min: number, max: number): void {
    if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return;
    this.yMin = min;
    this.yMax = max;
    this.autoY = false;
  }
}
