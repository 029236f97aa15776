/**
 * Ticks and labels for a value axis (linear or log10), plus the matching number formatter for
 * tooltips and legends.
 *
 * Tick values are computed as (integer × mantissa) scaled by an exact power of ten in a single
 * correctly rounded operation, so they are the doubles nearest to the decimal values (0.3, never
 * 0.30000000000000004) and labels come out of toFixed exactly.
 *
 * Notation, chosen per axis from its largest magnitude and its step:
 * - decimal: as many decimals as the step needs, the same for every tick (`0.0`, `0.5`, `1.0`);
 * - compact, when the step is ≥ 1000: suffixes k (1e3), M (1e6), B (1e9), T (1e12), chosen per
 *   tick, trailing zeros dropped (`0`, `500k`, `1M`, `1.5M`) — the k/M/B/T of financial charts;
 * - exponent, when every value is below 1e-4 or some reach 1e15: `1e-9`, `1.5e-9`, `2e15`.
 */

export interface ValueTick {
  value: number;
  label: string;
}

type Notation = 'decimal' | 'compact' | 'exponent';

/** A step of `mantissa` × 10^`exponent`, mantissa 1, 2 or 5. */
interface NiceStep {
  mantissa: number;
  exponent: number;
  size: number;
}

const COMPACT_SUFFIXES = [
  { exponent: 12, suffix: 'T' },
  { exponent: 9, suffix: 'B' },
  { exponent: 6, suffix: 'M' },
  { exponent: 3, suffix: 'k' },
] as const;

/** Magnitudes from which exponent notation takes over (too many digits either way). */
const LARGE_MAGNITUDE = 1e15;
const SMALL_MAGNITUDE = 1e-4;
/** Steps from which labels switch to k/M/B/T. */
const COMPACT_STEP = 1000;
/** Beyond 2^52, consecutive integers are no longer all representable: no distinct ticks left. */
const MAX_EXACT_INDEX = 2 ** 52;

/**
 * Ticks at multiples of the smallest step 1/2/5 × 10^k that keeps their count ≤ maxTicks for
 * any placement of [min, max]. Reversed bounds are swapped; min == max gives one tick; non-finite
 * input or maxTicks < 1 gives none.
 */
export function linearTicks(min: number, max: number, maxTicks: number): ValueTick[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(maxTicks >= 1)) return [];
  if (min > max) [min, max] = [max, min];
  if (min === max) return [{ value: min, label: formatValue(min) }];
  const limit = Math.floor(maxTicks);
  // k ticks spaced `step` apart fit in the span only if step ≤ span / (k - 1); requiring
  // step > span / limit caps the count at `limit`. Divided separately so ±1e308 cannot overflow.
  const minimumStep = max / limit - min / limit;
  // Underflow (subnormal spans) or overflow (spans beyond 1.8e308) leave no usable step.
  if (!(minimumStep > 0 && minimumStep < Number.MAX_VALUE / 10)) return [{ value: min, label: formatValue(min) }];
  let step = niceStepAbove(minimumStep);
  let range = tickIndexRange(min, max, step);
  // A span that rounds below its decimal value (0.3 - 0.1 < 0.2) can hold one tick too many.
  while (range !== undefined && range.last - range.first + 1 > limit) {
    step = niceStepAbove(step.size);
    range = tickIndexRange(min, max, step);
  }
  if (range === undefined || !Number.isFinite(step.size)) {
    // The range is a few ulps wide: no two distinct multiples of any step fit in it.
    return [{ value: min, label: formatValue(min) }];
  }
  const notation = chooseNotation(Math.max(Math.abs(min), Math.abs(max)), step.size);
  const ticks: ValueTick[] = [];
  for (let index = range.first; index <= range.last; index++) {
    const value = stepMultiple(index, step);
    ticks.push({ value, label: formatAtResolution(value, step.exponent, notation) });
  }
  return ticks;
}

/**
 * Ticks for a log10 axis over [min, max] (both > 0, else none): 1, 2, 5 × 10^k while they fit,
 * else powers of ten, thinned to every 2nd, 5th, 10th, … decade. A range narrower than one decade
 * (max < 10 × min) gets linear ticks, since it may hold no power of ten at all.
 */
export function logTicks(min: number, max: number, maxTicks: number): ValueTick[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min > 0) || !(max > 0) || !(maxTicks >= 1)) return [];
  if (min > max) [min, max] = [max, min];
  if (min === max) return [{ value: min, label: formatValue(min) }];
  if (max < 10 * min) return linearTicks(min, max, maxTicks);
  const limit = Math.floor(maxTicks);
  const low = decadeOf(min);
  const high = decadeOf(max);
  const dense = logTickValues(min, max, low, high, [1, 2, 5], 1, limit);
  if (dense !== undefined) return labelLogTicks(dense);
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) {
      const decades = logTickValues(min, max, low, high, [1], factor * magnitude, limit);
      if (decades !== undefined) return labelLogTicks(decades);
    }
  }
}

/**
 * Text for a value. With `step` (the axis step, or the resolution the value is known to), it is
 * rounded to that resolution with the axis notation; without, it keeps 8 significant digits
 * (enough for prices, trailing zeros dropped), switching to exponent notation below 1e-4 and from
 * 1e15 (6 significant digits).
 */
export function formatValue(value: number, step?: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (step !== undefined && Number.isFinite(step) && step > 0) {
    return formatAtResolution(value, resolutionExponent(step), chooseNotation(Math.abs(value), step));
  }
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0';
  if (magnitude >= LARGE_MAGNITUDE || magnitude < SMALL_MAGNITUDE) return exponentLabel(value, 5);
  const integerDigits = decadeOf(magnitude) + 1;
  return trimFraction(value.toFixed(Math.max(0, 8 - integerDigits)));
}

/** Indices k of the multiples k × step inside [min, max], or undefined when k exceeds exact integers. */
function tickIndexRange(min: number, max: number, step: NiceStep): { first: number; last: number } | undefined {
  let first = Math.ceil(min / step.size);
  let last = Math.floor(max / step.size);
  if (!(Math.abs(first) < MAX_EXACT_INDEX && Math.abs(last) < MAX_EXACT_INDEX)) return undefined;
  // The divisions may round across an integer; settle against the exact tick values.
  while (stepMultiple(first - 1, step) >= min) first--;
  while (stepMultiple(first, step) < min) first++;
  while (stepMultiple(last + 1, step) <= max) last++;
  while (stepMultiple(last, step) > max) last--;
  return { first, last };
}

function logTickValues(
  min: number,
  max: number,
  low: number,
  high: number,
  mantissas: readonly number[],
  decadeStride: number,
  limit: number,
): number[] | undefined {
  const values: number[] = [];
  const firstDecade = low - (((low % decadeStride) + decadeStride) % decadeStride);
  for (let exponent = firstDecade; exponent <= high; exponent += decadeStride) {
    for (const mantissa of mantissas) {
      const value = scaleByPowerOfTen(mantissa, exponent);
      if (value < min || value > max) continue;
      values.push(value);
      if (values.length > limit) return undefined;
    }
  }
  return values;
}

function labelLogTicks(values: number[]): ValueTick[] {
  // Each tick is labelled at its own decade's resolution: 0.002, 1, 50, 2k, 5M, 1e-7.
  return values.map((value) => ({ value, label: formatValue(value, powerOfTen(decadeOf(value))) }));
}

function chooseNotation(maxMagnitude: number, step: number): Notation {
  if (maxMagnitude >= LARGE_MAGNITUDE) return 'exponent';
  if (step >= COMPACT_STEP) return 'compact';
  // Both small: a tiny value on a coarse step rounds to 0.00 rather than showing 1.5e-7.
  if (maxMagnitude < SMALL_MAGNITUDE && step < SMALL_MAGNITUDE) return 'exponent';
  return 'decimal';
}

/** `value` rounded to a multiple of 10^resolution, in `notation`. */
function formatAtResolution(value: number, resolution: number, notation: Notation): string {
  if (notation === 'decimal') return toFixedClamped(value, -resolution);
  if (value === 0) return '0'; // also -0
  if (notation === 'exponent') return exponentLabel(value, decadeOf(Math.abs(value)) - resolution);
  const magnitude = Math.abs(value);
  for (const { exponent, suffix } of COMPACT_SUFFIXES) {
    if (magnitude >= powerOfTen(exponent)) {
      const scaled = value / powerOfTen(exponent);
      return trimFraction(toFixedClamped(scaled, exponent - resolution)) + suffix;
    }
  }
  return toFixedClamped(value, -resolution);
}

function toFixedClamped(value: number, decimals: number): string {
  const text = value.toFixed(Math.min(100, Math.max(0, decimals)));
  // Rounding can leave "-0.00" for tiny negatives.
  return /^-[0.]*$/.test(text) ? text.slice(1) : text;
}

/** `1.5e-9` style: `digits` after the mantissa's point at most, trailing zeros dropped, no '+'. */
function exponentLabel(value: number, digits: number): string {
  const [mantissa, exponent] = value.toExponential(Math.min(100, Math.max(0, digits))).split('e');
  return `${trimFraction(mantissa!)}e${exponent!.replace('+', '')}`;
}

function trimFraction(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Smallest 1/2/5 × 10^k strictly greater than `minimum` (> 0). */
function niceStepAbove(minimum: number): NiceStep {
  const decade = decadeOf(minimum);
  for (let exponent = decade; ; exponent++) {
    for (const mantissa of [1, 2, 5]) {
      const size = scaleByPowerOfTen(mantissa, exponent);
      if (size > minimum) return { mantissa, exponent, size };
    }
  }
}

function stepMultiple(index: number, step: NiceStep): number {
  return scaleByPowerOfTen(index * step.mantissa, step.exponent) + 0;
}

/**
 * The double nearest to integer × 10^exponent. Powers of ten up to 1e22 are exact doubles, so one
 * multiplication or division rounds correctly; beyond, the string parser does.
 */
export function scaleByPowerOfTen(integer: number, exponent: number): number {
  if (exponent >= 0 && exponent <= 22) return integer * EXACT_POWERS[exponent]!;
  if (exponent < 0 && exponent >= -22) return integer / EXACT_POWERS[-exponent]!;
  return Number(`${integer}e${exponent}`);
}

const EXACT_POWERS = Array.from({ length: 23 }, (_, exponent) => Number(`1e${exponent}`));

function powerOfTen(exponent: number): number {
  return scaleByPowerOfTen(1, exponent);
}

/** floor(log10(x)) for x > 0, corrected where Math.log10 rounds across an integer. */
export function decadeOf(x: number): number {
  let decade = Math.floor(Math.log10(x));
  if (powerOfTen(decade) > x) decade--;
  else if (powerOfTen(decade + 1) <= x) decade++;
  return decade;
}

/**
 * Exponent of the finest decimal digit of `step` (0.25 → -2, 5000 → 3), up to 15 significant
 * digits, so formatValue shows every digit the step can change.
 */
export function resolutionExponent(step: number): number {
  const leading = decadeOf(step);
  for (let resolution = leading; resolution > leading - 15; resolution--) {
    const scaled = step / powerOfTen(resolution);
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * scaled) return resolution;
  }
  return leading - 15;
}
