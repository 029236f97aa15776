import { IndicatorError } from './errors.js';
import { checkReal } from './internal/validate.js';
import { onFiniteBars } from './internal/missing.js';
import { typicalPrice } from './cci.js';

/** One UTC day, the default session. */
export const DAY_MS = 86_400_000;

/**
 * How VWAP sessions are cut: a function mapping a bar's time (ms since the
 * epoch) to its session's start — a new session begins whenever that value
 * changes — or a session length in ms (sessions are [offset + k·length,
 * offset + (k+1)·length)), or 0 for one session over the whole series
 * ("anchored" VWAP from the first bar).
 */
export type VwapSession = number | ((timeMs: number) => number);

/** VWAP has no warm-up: every bar with volume in its session has a value. */
export function vwapLookback(): number {
  return 0;
}

/** Maps a time to a session key; exported for the streaming stepper. */
export function sessionKey(session: number, offsetMs: number, timeMs: number): number {
  return session === 0 ? 0 : Math.floor((timeMs - offsetMs) / session);
}

/**
 * Not in TA-Lib. VWAP = Σ(typical price · volume) / Σ volume, both sums reset
 * at each session start, typical price = (high + low + close) / 3. While the
 * session has had no volume yet the VWAP is undefined: NaN.
 */
export function vwap(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  time: ArrayLike<number>,
  session: VwapSession = DAY_MS,
  offsetMs = 0,
): Float64Array {
  let keyOf: (t: number) => number;
  if (typeof session === 'function') {
    keyOf = session;
  } else {
    checkReal('vwap', 'session', session, 0);
    checkReal('vwap', 'offset', offsetMs, -Number.MAX_VALUE);
    keyOf = (t) => sessionKey(session, offsetMs, t);
  }
  if (!time) throw new IndicatorError('missing-input', 'vwap: a "time" column is required to find session boundaries', { input: 'time' });
  return onFiniteBars('vwap', [high, low, close, volume, time], ([h, l, c, v, t], n) => {
    const out = new Float64Array(n);
    let pv = 0;
    let vol = 0;
    let key = NaN;
    for (let i = 0; i < n; i++) {
      const k = keyOf(t![i]!);
      if (k !== key) {
        key = k;
        pv = 0;
        vol = 0;
      }
      pv += typicalPrice(h![i]!, l![i]!, c![i]!) * v![i]!;
      vol += v![i]!;
      out[i] = vol > 0 ? pv / vol : NaN;
    }
    return [out];
  })[0]!;
}
