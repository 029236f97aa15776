import type { AnnotationPoint } from './types.js';

/**
 * The price of each Fibonacci retracement level of a move from `a` (first point) to `b` (second
 * point): level 0 at b, level 1 at a, 0.5 half-way back (the usual reading of a retracement
 * drawn from a swing's start to its end). Levels past 1 or below 0 extend the move.
 */
export function fibLevelPrices(a: AnnotationPoint, b: AnnotationPoint, levels: readonly number[]): number[] {
  return levels.map((level) => b.price + (a.price - b.price) * level);
}

/** A level's label: "0.618 (104.25)". */
export function fibLabel(level: number, price: number): string {
  return `${trimNumber(level, 3)} (${formatPrice(price)})`;
}

/** A price with as many decimals as its size needs (2 from 1, more below), for labels. */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const decimals = abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  return value.toFixed(decimals);
}

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
