import { IndicatorError } from '../errors.js';
import { getIndicator, resolveIndicatorParams } from '../registry.js';
import type { IndicatorInput } from '../types.js';
import { DemaStep, EmaStep, KamaStep, SmaStep, TemaStep, TrixStep, WmaStep } from './averages.js';
import { BbandsStep, DonchianStep, KeltnerStep, StdDevBarStep } from './bands.js';
import { AroonStep, CciStep, ChangeStep, MacdStep, RsiStep, StochStep, UltoscStep, WillrStep } from './momentum.js';
import { AdxStep, AtrBarStep, SarStep } from './volatility.js';
import { AdStep, AdoscStep, MfiStep, ObvStep, VwapStep } from './volume.js';
import { IchimokuStep } from './ichimoku.js';
import { SingleStep } from './single.js';
import type { BarStepper, IncrementalBar } from './types.js';

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

type P = Record<string, number>;
const FACTORIES: Record<string, (p: P) => BarStepper> = {
  sma: (p) => new SingleStep(new SmaStep(p.period!)),
  ema: (p) => new SingleStep(new EmaStep(p.period!)),
  wma: (p) => new SingleStep(new WmaStep(p.period!)),
  dema: (p) => new SingleStep(new DemaStep(p.period!)),
  tema: (p) => new SingleStep(new TemaStep(p.period!)),
  kama: (p) => new SingleStep(new KamaStep(p.period!)),
  trix: (p) => new SingleStep(new TrixStep(p.period!)),
  bbands: (p) => new BbandsStep(p.period!, p.nbDevUp!, p.nbDevDn!),
  stddev: (p) => new StdDevBarStep(p.period!, p.nbDev!),
  rsi: (p) => new SingleStep(new RsiStep(p.period!)),
  macd: (p) => new MacdStep(p.fast!, p.slow!, p.signal!),
  stoch: (p) => new StochStep(p.fastK!, p.slowK!, p.slowD!),
  willr: (p) => new WillrStep(p.period!),
  cci: (p) => new CciStep(p.period!),
  roc: (p) => new SingleStep(new ChangeStep(p.period!, true)),
  mom: (p) => new SingleStep(new ChangeStep(p.period!, false)),
  aroon: (p) => new AroonStep(p.period!),
  ultosc: (p) => new UltoscStep(p.period1!, p.period2!, p.period3!),
  atr: (p) => new AtrBarStep(p.period!, false),
  natr: (p) => new AtrBarStep(p.period!, true),
  adx: (p) => new AdxStep(p.period!),
  sar: (p) => new SarStep(p.acceleration!, p.maximum!),
  obv: () => new ObvStep(),
  ad: () => new AdStep(),
  adosc: (p) => new AdoscStep(p.fast!, p.slow!),
  mfi: (p) => new MfiStep(p.period!),
  vwap: (p) => new VwapStep(p.session!, p.offset!),
  keltner: (p) => new KeltnerStep(p.period!, p.multiplier!, p.atrPeriod!),
  donchian: (p) => new DonchianStep(p.period!),
  ichimoku: (p) => new IchimokuStep(p.tenkan!, p.kijun!, p.senkouB!, p.displacement!),
};

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
  const stepper = FACTORIES[def.type]!(params);
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
