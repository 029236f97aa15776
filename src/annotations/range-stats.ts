import { formatPrice } from './fib.js';
import type { AnnotationPoint } from './types.js';

/** What a price/time range measures, from its first point to its second. */
export interface RangeStats {
  change: number;
  /** Change relative to the first price, in percent (NaN when the first price is 0). */
  percent: number;
  /** Time from first to second point (ms, or x units on numeric axes). */
  duration: number;
  /** Bars from first to second point, when the chart knows its data (else null). */
  bars: number | null;
}

export function rangeStats(a: AnnotationPoint, b: AnnotationPoint, barsBetween?: (t0: number, t1: number) => number | null): RangeStats {
  const change = b.price - a.price;
  return {
    change,
    percent: a.price !== 0 ? (change / Math.abs(a.price)) * 100 : NaN,
    duration: b.time - a.time,
    bars: barsBetween ? barsBetween(Math.min(a.time, b.time), Math.max(a.time, b.time)) : null,
  };
}

/** "+5.20 (+4.87%) · 12 bars · 3d 4h" (the duration only on time axes). */
export function rangeLabel(stats: RangeStats, timeAxis: boolean): string {
  const sign = stats.change > 0 ? '+' : stats.change < 0 ? '−' : '';
  const pct = Number.isFinite(stats.percent) ? ` (${sign}${Math.abs(stats.percent).toFixed(2)}%)` : '';
  const parts = [`${sign}${formatPrice(Math.abs(stats.change))}${pct}`];
  if (stats.bars !== null) parts.push(`${stats.bars} bar${stats.bars === 1 ? '' : 's'}`);
  if (timeAxis) parts.push(formatDuration(Math.abs(stats.duration)));
  return parts.join(' · ');
}

/** A duration in the two largest units: "3d 4h", "5m 20s", "250ms". */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [name, size] of units) {
    if (rest >= size || (parts.length > 0 && parts.length < 2)) {
      const n = Math.floor(rest / size);
      rest -= n * size;
      if (parts.length > 0 || n > 0) parts.push(`${n}${name}`);
      if (parts.length === 2) break;
    }
  }
  return parts.length > 0 ? parts.join(' ') : `${rest}ms`;
}
