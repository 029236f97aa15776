/**
 * Value ↔ pixel mappings for the y axes, and data-x ↔ pixel for the x axis. Pixel coordinates run downwards from the plot's top edge;
 * all arithmetic is float64 (f32 only at the very end, on plot-relative pixels).
 */
export type ScaleKind = 'linear' | 'log';

export interface ValueScale {
  readonly kind: ScaleKind;
  /** Plot-relative pixel y of a value; NaN when the value cannot be drawn (≤ 0 on a log scale). */
  toPixel(value: number): number;
  fromPixel(pixel: number): number;
}

export function createValueScale(kind: ScaleKind, min: number, max: number, heightPx: number): ValueScale {
  if (kind === 'log') {
    const lo = Math.log10(min);
    const hi = Math.log10(max);
    const perUnit = heightPx / (hi - lo || 1);
    return {
      kind,
      toPixel: (value) => (value > 0 ? (hi - Math.log10(value)) * perUnit : NaN),
      fromPixel: (pixel) => 10 ** (hi - pixel / perUnit),
    };
  }
  const perUnit = heightPx / (max - min || 1);
  return {
    kind,
    toPixel: (value) => (max - value) * perUnit,
    fromPixel: (pixel) => max - pixel / perUnit,
  };
}

/** What the x axis measures: epoch-ms time (calendar ticks), or plain numbers on a linear or log10 scale. */
export type XAxisKind = 'time' | 'linear' | 'log';

/**
 * Data x (the row key: a time on a time axis, a number on numeric axes) ↔ plot-relative pixel x.
 * Series use only `toPixel`/`fromPixel` (and `kind`): a log x maps log10(x) linearly, so values
 * ≤ 0 have no pixel (NaN). `start`/`end` are the visible window in data units.
 */
export interface XScale {
  readonly kind: XAxisKind;
  readonly start: number;
  readonly end: number;
  toPixel(x: number): number;
  fromPixel(pixel: number): number;
}

/**
 * The x scale as series modules received it before numeric axes (`kind` absent means time).
 * `t - start` is exact in float64 for ms data over centuries.
 */
export interface TimeScale {
  readonly kind?: XAxisKind;
  readonly start: number;
  readonly end: number;
  toPixel(time: number): number;
  fromPixel(pixel: number): number;
}

export function createTimeScale(start: number, end: number, widthPx: number): XScale {
  return createXScale('time', start, end, widthPx);
}

/** An x scale of any kind over the window [start, end] (both > 0 on a log axis). */
export function createXScale(kind: XAxisKind, start: number, end: number, widthPx: number): XScale {
  if (kind === 'log') {
    const lo = Math.log10(start);
    const hi = Math.log10(end);
    const perDecade = widthPx / (hi - lo || 1);
    return {
      kind,
      start,
      end,
      toPixel: (x) => (x > 0 ? (Math.log10(x) - lo) * perDecade : NaN),
      fromPixel: (pixel) => 10 ** (lo + pixel / perDecade),
    };
  }
  const perUnit = widthPx / (end - start || 1);
  return {
    kind,
    start,
    end,
    toPixel: (x) => (x - start) * perUnit,
    fromPixel: (pixel) => start + pixel / perUnit,
  };
}

/**
 * A y range with some headroom, never empty, and valid for the scale (positive for log).
 * `padding` is the fraction of the range added above and below.
 */
export function paddedRange(min: number, max: number, kind: ScaleKind, padding = 0.05): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return kind === 'log' ? [1, 10] : [0, 1];
  if (kind === 'log') {
    const lo = min > 0 ? min : max > 0 ? max / 1000 : 1;
    const hi = max > lo ? max : lo * 10;
    const span = Math.log10(hi) - Math.log10(lo);
    return [10 ** (Math.log10(lo) - span * padding), 10 ** (Math.log10(hi) + span * padding)];
  }
  if (min === max) {
    const half = Math.abs(min) * 0.01 || 0.5;
    return [min - half, max + half];
  }
  const span = max - min;
  return [min - span * padding, max + span * padding];
}
