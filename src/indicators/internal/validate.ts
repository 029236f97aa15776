import { IndicatorError } from '../errors.js';

/** TA-Lib's own upper bound for every period parameter. */
export const MAX_PERIOD = 100_000;

/**
 * Validates an integer parameter of a direct indicator call. The registry runs
 * the same checks with its own metadata; this guard keeps `sma(x, 0)` or
 * `rsi(x, 2.5)` from silently producing garbage when called without it.
 */
export function checkInt(fn: string, name: string, value: number, min: number, max = MAX_PERIOD): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new IndicatorError('invalid-param', `${fn}: parameter "${name}" must be a number, got ${String(value)}`, { param: name });
  }
  if (!Number.isInteger(value)) {
    throw new IndicatorError('not-integer', `${fn}: parameter "${name}" must be an integer, got ${value}`, { param: name });
  }
  if (value < min || value > max) {
    throw new IndicatorError('out-of-range', `${fn}: parameter "${name}" must be between ${min} and ${max}, got ${value}`, { param: name });
  }
  return value;
}

/** Validates a real-valued parameter (multipliers, SAR acceleration...). */
export function checkReal(fn: string, name: string, value: number, min: number, max = Number.MAX_VALUE): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new IndicatorError('invalid-param', `${fn}: parameter "${name}" must be a finite number, got ${String(value)}`, { param: name });
  }
  if (value < min || value > max) {
    throw new IndicatorError('out-of-range', `${fn}: parameter "${name}" must be between ${min} and ${max}, got ${value}`, { param: name });
  }
  return value;
}
