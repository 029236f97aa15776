import { checkReal } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Parabolic SAR (TA_SAR). Warm-up: 1 bar (the first bar only seeds the extreme point). */
export function sarLookback(): number {
  return 1;
}

/**
 * State of the SAR recursion, shared with the streaming stepper so both run the
 * exact same code.
 */
export interface SarState {
  isLong: boolean;
  sar: number;
  ep: number;
  af: number;
  newHigh: number;
  newLow: number;
}

/**
 * Initial direction, TA-Lib's rule: compare bar 1 with bar 0 like a one-period
 * directional movement; short if −DM1 > 0 (the down-move is positive and larger
 * than the up-move), long otherwise (ties go long). The first SAR (for bar 1)
 * is bar 0's low when long, its high when short; the extreme point is bar 1's
 * high (long) or low (short).
 */
export function sarInit(h0: number, l0: number, h1: number, l1: number, acceleration: number): SarState {
  const diffP = h1 - h0;
  const diffM = l0 - l1;
  const isLong = !(diffM > 0 && diffP < diffM);
  return {
    isLong,
    sar: isLong ? l0 : h0,
    ep: isLong ? h1 : l1,
    af: acceleration,
    // TA-Lib "cheats" on the first iteration: the previous bar's range is bar 1's own.
    newHigh: h1,
    newLow: l1,
  };
}

/** Processes one bar (from bar 1 on) and returns its SAR. */
export function sarStep(s: SarState, high: number, low: number, acceleration: number, maximum: number): number {
  const prevLow = s.newLow;
  const prevHigh = s.newHigh;
  s.newLow = low;
  s.newHigh = high;
  let out: number;
  if (s.isLong) {
    if (low <= s.sar) {
      // Switch to short: the SAR jumps to the extreme point, kept above the last two highs.
      s.isLong = false;
      s.sar = s.ep;
      if (s.sar < prevHigh) s.sar = prevHigh;
      if (s.sar < high) s.sar = high;
      out = s.sar;
      s.af = acceleration;
      s.ep = low;
      s.sar = s.sar + s.af * (s.ep - s.sar);
      if (s.sar < prevHigh) s.sar = prevHigh;
      if (s.sar < high) s.sar = high;
    } else {
      out = s.sar;
      if (high > s.ep) {
        s.ep = high;
        s.af += acceleration;
        if (s.af > maximum) s.af = maximum;
      }
      s.sar = s.sar + s.af * (s.ep - s.sar);
      if (s.sar > prevLow) s.sar = prevLow;
      if (s.sar > low) s.sar = low;
    }
  } else if (high >= s.sar) {
    s.isLong = true;
    s.sar = s.ep;
    if (s.sar > prevLow) s.sar = prevLow;
    if (s.sar > low) s.sar = low;
    out = s.sar;
    s.af = acceleration;
    s.ep = high;
    s.sar = s.sar + s.af * (s.ep - s.sar);
    if (s.sar > prevLow) s.sar = prevLow;
    if (s.sar > low) s.sar = low;
  } else {
    out = s.sar;
    if (low < s.ep) {
      s.ep = low;
      s.af += acceleration;
      if (s.af > maximum) s.af = maximum;
    }
    s.sar = s.sar + s.af * (s.ep - s.sar);
    if (s.sar < prevHigh) s.sar = prevHigh;
    if (s.sar < high) s.sar = high;
  }
  return out;
}

/** TA-Lib lowers the acceleration to the maximum when it exceeds it. */
export function sarAcceleration(acceleration: number, maximum: number): number {
  return acceleration > maximum ? maximum : acceleration;
}

export function sar(high: ArrayLike<number>, low: ArrayLike<number>, acceleration = 0.02, maximum = 0.2): Float64Array {
  checkReal('sar', 'acceleration', acceleration, 0);
  checkReal('sar', 'maximum', maximum, 0);
  const accel = sarAcceleration(acceleration, maximum);
  return onFiniteBars('sar', [high, low], ([h, l], n) => {
    const out = nanArray(n);
    if (n < 2) return [out];
    const s = sarInit(h![0]!, l![0]!, h![1]!, l![1]!, accel);
    for (let i = 1; i < n; i++) out[i] = sarStep(s, h![i]!, l![i]!, accel, maximum);
    return [out];
  })[0]!;
}
