import { IndicatorError } from '../errors.js';
import { getIndicator, resolveIndicatorParams } from '../registry.js';
import type { IndicatorInput } from '../types.js';
import { createStepper } from './steppers.js';
import type { IncrementalBar } from './types.js';

export type { IncrementalBar } from './types.js';

export interface IncrementalIndicator {
  readonly type: string;
  readonly outputs: readonly string[];
  readonly params: Readonly<Record<string, number>>;
  /** Leading NaN count, as for the batch function. */
  readonly lookback: number;
  /**
   * Bars between the bar just pushed and the bar an output value belongs to;
   * 0 for everything except Ichimoku's chikou (−displacement).
   */
  readonly outputOffsets: Readonly<Record<string, number>>;
  /** Appends a bar and returns the outputs for it. */
  push(bar: IncrementalBar): Record<string, number>;
  /** Replaces the last pushed bar (e.g. the live, still-forming candle) and returns its outputs. */
  updateLast(bar: IncrementalBar): Record<string, number>;
}


function readBar(type: string, inputs: readonly IndicatorInput[], bar: IncrementalBar, into: number[]): boolean {
  let finite = true;
  for (let j = 0; j < inputs.length; j++) {
    const name = inputs[j]!;
    const v = name === 'source' ? (bar.source ?? bar.close) : bar[name];
    if (typeof v !== 'number') {
      const what = name === 'source' ? '"source" (or "close")' : `"${name}"`;
      throw new IndicatorError('missing-input', `${type}: bar has no ${what} value`, { input: name });
    }
    into[j] = v;
    if (!Number.isFinite(v)) finite = false;
  }
  return finite;
}

/**
 * Streaming form of a registry indicator. O(1) per bar for the recursive ones
 * (EMA family, RSI, MACD, ATR, ADX, SAR, OBV, AD, ADOSC, VWAP, MFI, ULTOSC, ...),
 * O(period) for those that rescan a window (STOCH, WILLR, AROON, CCI, Donchian,
 * Ichimoku). Values equal the batch functions' bit for bit, missing bars
 * (non-finite inputs) included: they yield NaN and are skipped.
 */
export function createIncremental(type: string, rawParams: Record<string, unknown> = {}): IncrementalIndicator {
  const def = getIndicator(type);
  const params = resolveIndicatorParams(def.type, rawParams);
  const stepper = createStepper(def.type, params);
  const outputs = def.outputs;
  const values: number[] = new Array<number>(def.inputs.length).fill(0);
  const offsets: Record<string, number> = Object.fromEntries(outputs.map((o) => [o, 0]));
  if (def.type === 'ichimoku') offsets.chikou = -params.displacement!;
  let hasLast = false;

  const run = (bar: IncrementalBar): Record<string, number> => {
    const result: Record<string, number> = {};
    if (readBar(def.type, def.inputs, bar, values)) {
      stepper.step(values);
      outputs.forEach((o, k) => (result[o] = stepper.out[k]!));
    } else {
      for (const o of outputs) result[o] = NaN;
    }
    return result;
  };

  return {
    type: def.type,
    outputs,
    params: Object.freeze({ ...params }),
    lookback: def.lookback(params),
    outputOffsets: Object.freeze(offsets),
    push(bar) {
      // readBar validates the whole bar before the stepper is touched, so a
      // throwing push leaves the state as it was.
      stepper.checkpoint();
      const result = run(bar);
      hasLast = true;
      return result;
    },
    updateLast(bar) {
      if (!hasLast) throw new IndicatorError('no-bar', `${def.type}: updateLast() called before any push()`);
      stepper.rollback();
      return run(bar);
    },
  };
}
