/**
 * Ticks and labels for a numeric (scientific) axis: linear or log10 x, where values are
 * measurements rather than prices or times.
 *
 * Linear: the nice 1/2/5 × 10^k steps of `linearTicks` (exact decimal values).
 * Log: a major tick at every power of ten (labelled every 1st, 2nd, 5th, 10th… decade, so the
 * labels fit), minor ticks at 2..9 × 10^k (drawn as grid lines; labelled only when there is room:
 * 2 and 5 from 3 labels per decade, every one from 9); a range narrower than a decade gets linear
 * ticks (it may hold no power of ten at all).
 *
 * Labels: ONE rule for the whole axis. Each tick is first written as a plain decimal at the
 * axis resolution (the step's finest digit; on a log axis each tick's own decade). When every
 * plain label fits in 6 characters (sign not counted), those are the labels (`0.05`, `2500`,
 * `-120`, `100000`). Otherwise every label gets an SI prefix chosen per tick from its own
 * magnitude in steps of 1000 — f, p, n, µ, m, (none), k, M, G, T, P — with trailing zeros
 * dropped (`200k`, `1.2M`, `5n`, `0`). When some tick lies beyond the prefixes (|v| ≥ 1e18 or
 * 0 < |v| < 1e-15), every label is in scientific notation instead (`1e21`, `2.5e-18`).
 */
import { decadeOf, linearTicks, resolutionExponent, scaleByPowerOfTen } from './value-ticks.js';

export interface NumericTick {
  value: number;
  /** '' when the tick is drawn (grid line) but not labelled: there is no room for its label. */
  label: string;
  /** A minor tick (log axes: 2..9 × 10^k): drawn lighter, usually unlabelled. */
  minor: boolean;
}

/** Longest plain label (sign not counted) before the axis switches to SI prefixes. */
export const PLAIN_LABEL_MAX = 6;

const SI_PREFIXES: Record<number, string> = { [-15]: 'f', [-12]: 'p', [-9]: 'n', [-6]: 'µ', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P' };
const SI_MIN_GROUP = -15;
const SI_MAX_GROUP = 15;

/** Ticks of a linear numeric axis over [min, max], at most `maxTicks` of them. */
export function numericTicks(min: number, max: number, maxTicks: number): NumericTick[] {
  const ticks = linearTicks(min, max, maxTicks);
  if (ticks.length === 0) return [];
  const step = ticks.length > 1 ? ticks[1]!.value - ticks[0]!.value : Math.abs(ticks[0]!.value) || 1;
  const resolution = resolutionExponent(step);
  const values = ticks.map((t) => t.value);
  const labels = labelAxis(values, values.map(() => resolution));
  return values.map((value, i) => ({ value, label: labels[i]!, minor: false }));
}

/**
 * Ticks of a log10 axis over [min, max] (both > 0, else none). At most `maxLabels` carry a label;
 * minor ticks are left out when a decade is too narrow to show them (over 1.5 × maxLabels decades).
 */
export function numericLogTicks(min: number, max: number, maxLabels: number): NumericTick[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min > 0) || !(max > 0) || !(maxLabels >= 1)) return [];
  if (min > max) [min, max] = [max, min];
  if (max < 10 * min) return numericTicks(min, max, maxLabels);
  const limit = Math.floor(maxLabels);
  const decades = Math.log10(max) - Math.log10(min);
  const low = decadeOf(min);
  const high = decadeOf(max);
  // Label every `stride`th power of ten (1, 2, 5, 10, 20, … decades) so that the labels fit.
  let stride = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((f) => f * magnitude).find((s) => Math.floor(high / s) - Math.ceil(low / s) + 1 <= limit);
    if (found !== undefined) {
      stride = found;
      break;
    }
  }
  const withMinors = decades <= limit * 1.5;
  const labelledMinors = decades * 9 <= limit ? [2, 3, 4, 5, 6, 7, 8, 9] : decades * 3 <= limit ? [2, 5] : [];
  const values: number[] = [];
  const resolutions: number[] = [];
  const minors: boolean[] = [];
  const labelled: boolean[] = [];
  for (let exponent = low; exponent <= high; exponent++) {
    for (let mantissa = 1; mantissa <= (withMinors ? 9 : 1); mantissa++) {
      const value = scaleByPowerOfTen(mantissa, exponent);
      if (value < min || value > max) continue;
      values.push(value);
      resolutions.push(exponent);
      minors.push(mantissa !== 1);
      labelled.push(mantissa === 1 ? exponent % stride === 0 : labelledMinors.includes(mantissa));
    }
  }
  const shown = values.filter((_, i) => labelled[i]);
  const texts = labelAxis(shown, resolutions.filter((_, i) => labelled[i]));
  let k = 0;
  return values.map((value, i) => ({ value, label: labelled[i] ? texts[k++]! : '', minor: minors[i]! }));
}

/**
 * A value as a numeric axis would label it alone (crosshair, tooltip header): at `step`'s
 * resolution when given, else 6 significant digits; same plain / SI / scientific rule.
 */
export function formatNumeric(value: number, step?: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const resolution = step !== undefined && step > 0 && Number.isFinite(step) ? resolutionExponent(step) : decadeOf(Math.abs(value)) - 5;
  return labelAxis([value], [resolution])[0]!;
}

/** Labels for `values`, each at its resolution (exponent of its finest digit), by the axis rule above. */
function labelAxis(values: readonly number[], resolutions: readonly number[]): string[] {
  const plain = values.map((v, i) => trimFraction(toFixed(v, -resolutions[i]!)));
  // toFixed writes 1e21 and beyond in exponent form: never plain.
  if (plain.every((text) => !text.includes('e') && text.replace('-', '').length <= PLAIN_LABEL_MAX)) return plain;
  const outside = values.some((v) => v !== 0 && siGroup(Math.abs(v)) === undefined);
  return values.map((v, i) => (v === 0 ? '0' : outside ? scientific(v, resolutions[i]!) : prefixed(v, resolutions[i]!)));
}

/** The SI group (a multiple of 3) of a magnitude > 0, or undefined beyond the prefixes. */
function siGroup(magnitude: number): number | undefined {
  const group = 3 * Math.floor(decadeOf(magnitude) / 3);
  return group >= SI_MIN_GROUP && group <= SI_MAX_GROUP ? group : undefined;
}

function prefixed(value: number, resolution: number): string {
  const group = siGroup(Math.abs(value))!;
  const scaled = value / scaleByPowerOfTen(1, group);
  return trimFraction(toFixed(scaled, group - resolution)) + SI_PREFIXES[group]!;
}

function scientific(value: number, resolution: number): string {
  const digits = Math.min(100, Math.max(0, decadeOf(Math.abs(value)) - resolution));
  const [mantissa, exponent] = value.toExponential(digits).split('e');
  return `${trimFraction(mantissa!)}e${exponent!.replace('+', '')}`;
}

function toFixed(value: number, decimals: number): string {
  const text = value.toFixed(Math.min(100, Math.max(0, decimals)));
  return /^-[0.]*$/.test(text) ? text.slice(1) : text;
}

function trimFraction(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
