import { IndicatorError } from './errors.js';
import { MAX_PERIOD } from './internal/validate.js';
import type { IndicatorColumns, IndicatorDefinition, IndicatorInput, ParamSpec } from './types.js';
import { sma, smaLookback } from './sma.js';
import { ema, emaLookback } from './ema.js';
import { wma, wmaLookback } from './wma.js';
import { dema, demaLookback } from './dema.js';
import { tema, temaLookback } from './tema.js';
import { kama, kamaLookback } from './kama.js';
import { bbands, bbandsLookback } from './bbands.js';
import { rsi, rsiLookback } from './rsi.js';
import { macd, macdLookback } from './macd.js';
import { stoch, stochLookback } from './stoch.js';
import { atr, atrLookback } from './atr.js';
import { natr, natrLookback } from './natr.js';
import { obv, obvLookback } from './obv.js';
import { adx, adxLookback } from './adx.js';
import { cci, cciLookback } from './cci.js';
import { willr, willrLookback } from './willr.js';
import { mfi, mfiLookback } from './mfi.js';
import { sar, sarLookback } from './sar.js';
import { roc, rocLookback } from './roc.js';
import { mom, momLookback } from './mom.js';
import { stddev, stddevLookback } from './stddev.js';
import { trix, trixLookback } from './trix.js';
import { aroon, aroonLookback } from './aroon.js';
import { ad, adLookback } from './ad.js';
import { adosc, adoscLookback } from './adosc.js';
import { ultosc, ultoscLookback } from './ultosc.js';
import { vwap, vwapLookback, DAY_MS } from './vwap.js';
import { keltner, keltnerLookback } from './keltner.js';
import { donchian, donchianLookback } from './donchian.js';
import { ichimoku, ichimokuLookback, ichimokuLookbacks } from './ichimoku.js';

export type { IndicatorColumns, IndicatorDefinition, IndicatorInput, ParamSpec } from './types.js';
export { IndicatorError } from './errors.js';

type P = Record<string, number>;
type Cols = ArrayLike<number>[];

const int = (def: number, min: number, max = MAX_PERIOD): ParamSpec => ({ default: def, min, max, integer: true });
const real = (def: number, min: number, max?: number): ParamSpec =>
  max === undefined ? { default: def, min, integer: false } : { default: def, min, max, integer: false };

interface Spec {
  title: string;
  inputs: readonly IndicatorInput[];
  params: Record<string, ParamSpec>;
  outputs: readonly string[];
  overlay: boolean;
  lookback: (p: P) => number;
  lookbacks?: (p: P) => Record<string, number>;
  run: (cols: Cols, p: P) => Record<string, Float64Array> | Float64Array;
}

const HLC = ['high', 'low', 'close'] as const;
const HLCV = ['high', 'low', 'close', 'volume'] as const;
const period = (def: number, min = 1) => ({ period: int(def, min) });

const SPECS: Record<string, Spec> = {
  sma: { title: 'Simple Moving Average', inputs: ['source'], params: period(30), outputs: ['value'], overlay: true, lookback: (p) => smaLookback(p.period), run: ([x], p) => sma(x!, p.period) },
  ema: { title: 'Exponential Moving Average', inputs: ['source'], params: period(30), outputs: ['value'], overlay: true, lookback: (p) => emaLookback(p.period), run: ([x], p) => ema(x!, p.period) },
  wma: { title: 'Weighted Moving Average', inputs: ['source'], params: period(30), outputs: ['value'], overlay: true, lookback: (p) => wmaLookback(p.period), run: ([x], p) => wma(x!, p.period) },
  dema: { title: 'Double Exponential Moving Average', inputs: ['source'], params: period(30), outputs: ['value'], overlay: true, lookback: (p) => demaLookback(p.period), run: ([x], p) => dema(x!, p.period) },
  tema: { title: 'Triple Exponential Moving Average', inputs: ['source'], params: period(30), outputs: ['value'], overlay: true, lookback: (p) => temaLookback(p.period), run: ([x], p) => tema(x!, p.period) },
  kama: { title: 'Kaufman Adaptive Moving Average', inputs: ['source'], params: period(30), outputs: ['value'], overlay: true, lookback: (p) => kamaLookback(p.period), run: ([x], p) => kama(x!, p.period) },
  bbands: {
    title: 'Bollinger Bands', inputs: ['source'], params: { period: int(5, 2), nbDevUp: real(2, 0, 100), nbDevDn: real(2, 0, 100) },
    outputs: ['upper', 'middle', 'lower'], overlay: true, lookback: (p) => bbandsLookback(p.period),
    run: ([x], p) => ({ ...bbands(x!, p.period, p.nbDevUp, p.nbDevDn) }),
  },
  rsi: { title: 'Relative Strength Index', inputs: ['source'], params: period(14, 2), outputs: ['value'], overlay: false, lookback: (p) => rsiLookback(p.period), run: ([x], p) => rsi(x!, p.period) },
  macd: {
    title: 'Moving Average Convergence/Divergence', inputs: ['source'], params: { fast: int(12, 2), slow: int(26, 2), signal: int(9, 1) },
    outputs: ['macd', 'signal', 'histogram'], overlay: false, lookback: (p) => macdLookback(p.fast, p.slow, p.signal),
    run: ([x], p) => ({ ...macd(x!, p.fast, p.slow, p.signal) }),
  },
  stoch: {
    title: 'Stochastic', inputs: HLC, params: { fastK: int(5, 1), slowK: int(3, 1), slowD: int(3, 1) },
    outputs: ['k', 'd'], overlay: false, lookback: (p) => stochLookback(p.fastK, p.slowK, p.slowD),
    run: ([h, l, c], p) => ({ ...stoch(h!, l!, c!, p.fastK, p.slowK, p.slowD) }),
  },
  atr: { title: 'Average True Range', inputs: HLC, params: period(14), outputs: ['value'], overlay: false, lookback: (p) => atrLookback(p.period), run: ([h, l, c], p) => atr(h!, l!, c!, p.period) },
  natr: { title: 'Normalized Average True Range', inputs: HLC, params: period(14), outputs: ['value'], overlay: false, lookback: (p) => natrLookback(p.period), run: ([h, l, c], p) => natr(h!, l!, c!, p.period) },
  obv: { title: 'On Balance Volume', inputs: ['source', 'volume'], params: {}, outputs: ['value'], overlay: false, lookback: () => obvLookback(), run: ([x, v]) => obv(x!, v!) },
  adx: { title: 'Average Directional Movement Index', inputs: HLC, params: period(14, 2), outputs: ['value'], overlay: false, lookback: (p) => adxLookback(p.period), run: ([h, l, c], p) => adx(h!, l!, c!, p.period) },
  cci: { title: 'Commodity Channel Index', inputs: HLC, params: period(14, 2), outputs: ['value'], overlay: false, lookback: (p) => cciLookback(p.period), run: ([h, l, c], p) => cci(h!, l!, c!, p.period) },
  willr: { title: "Williams' %R", inputs: HLC, params: period(14, 2), outputs: ['value'], overlay: false, lookback: (p) => willrLookback(p.period), run: ([h, l, c], p) => willr(h!, l!, c!, p.period) },
  mfi: { title: 'Money Flow Index', inputs: HLCV, params: period(14, 2), outputs: ['value'], overlay: false, lookback: (p) => mfiLookback(p.period), run: ([h, l, c, v], p) => mfi(h!, l!, c!, v!, p.period) },
  sar: {
    title: 'Parabolic SAR', inputs: ['high', 'low'], params: { acceleration: real(0.02, 0, 1), maximum: real(0.2, 0, 1) },
    outputs: ['value'], overlay: true, lookback: () => sarLookback(), run: ([h, l], p) => sar(h!, l!, p.acceleration, p.maximum),
  },
  roc: { title: 'Rate of Change', inputs: ['source'], params: period(10), outputs: ['value'], overlay: false, lookback: (p) => rocLookback(p.period), run: ([x], p) => roc(x!, p.period) },
  mom: { title: 'Momentum', inputs: ['source'], params: period(10), outputs: ['value'], overlay: false, lookback: (p) => momLookback(p.period), run: ([x], p) => mom(x!, p.period) },
  stddev: {
    title: 'Standard Deviation', inputs: ['source'], params: { period: int(5, 2), nbDev: real(1, 0, 100) },
    outputs: ['value'], overlay: false, lookback: (p) => stddevLookback(p.period), run: ([x], p) => stddev(x!, p.period, p.nbDev),
  },
  trix: { title: 'TRIX (1-bar rate of change of a triple EMA)', inputs: ['source'], params: period(30), outputs: ['value'], overlay: false, lookback: (p) => trixLookback(p.period), run: ([x], p) => trix(x!, p.period) },
  aroon: {
    title: 'Aroon', inputs: ['high', 'low'], params: period(14, 2), outputs: ['down', 'up'], overlay: false,
    lookback: (p) => aroonLookback(p.period), run: ([h, l], p) => ({ ...aroon(h!, l!, p.period) }),
  },
  ad: { title: 'Chaikin A/D Line', inputs: HLCV, params: {}, outputs: ['value'], overlay: false, lookback: () => adLookback(), run: ([h, l, c, v]) => ad(h!, l!, c!, v!) },
  adosc: {
    title: 'Chaikin A/D Oscillator', inputs: HLCV, params: { fast: int(3, 2), slow: int(10, 2) }, outputs: ['value'], overlay: false,
    lookback: (p) => adoscLookback(p.fast, p.slow), run: ([h, l, c, v], p) => adosc(h!, l!, c!, v!, p.fast, p.slow),
  },
  ultosc: {
    title: 'Ultimate Oscillator', inputs: HLC, params: { period1: int(7, 1), period2: int(14, 1), period3: int(28, 1) }, outputs: ['value'], overlay: false,
    lookback: (p) => ultoscLookback(p.period1, p.period2, p.period3), run: ([h, l, c], p) => ultosc(h!, l!, c!, p.period1, p.period2, p.period3),
  },
  vwap: {
    title: 'Volume Weighted Average Price', inputs: ['high', 'low', 'close', 'volume', 'time'],
    // session: length in ms (0 = never reset); offset shifts the session boundaries (e.g. -5 h for New York midnight).
    params: { session: int(DAY_MS, 0, Number.MAX_SAFE_INTEGER), offset: int(0, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) },
    outputs: ['value'], overlay: true, lookback: () => vwapLookback(), run: ([h, l, c, v, t], p) => vwap(h!, l!, c!, v!, t!, p.session, p.offset),
  },
  keltner: {
    title: 'Keltner Channels', inputs: HLC, params: { period: int(20, 1), multiplier: real(2, 0, 100), atrPeriod: int(10, 1) },
    outputs: ['upper', 'middle', 'lower'], overlay: true, lookback: (p) => keltnerLookback(p.period, p.multiplier, p.atrPeriod),
    run: ([h, l, c], p) => ({ ...keltner(h!, l!, c!, p.period, p.multiplier, p.atrPeriod) }),
  },
  donchian: {
    title: 'Donchian Channels', inputs: ['high', 'low'], params: period(20), outputs: ['upper', 'middle', 'lower'], overlay: true,
    lookback: (p) => donchianLookback(p.period), run: ([h, l], p) => ({ ...donchian(h!, l!, p.period) }),
  },
  ichimoku: {
    title: 'Ichimoku Kinko Hyo', inputs: HLC, params: { tenkan: int(9, 1), kijun: int(26, 1), senkouB: int(52, 1), displacement: int(26, 0, 10_000) },
    outputs: ['tenkan', 'kijun', 'senkouA', 'senkouB', 'chikou'], overlay: true,
    lookback: (p) => ichimokuLookback(p.tenkan, p.kijun, p.senkouB, p.displacement),
    lookbacks: (p) => ichimokuLookbacks(p.tenkan, p.kijun, p.senkouB, p.displacement),
    run: ([h, l, c], p) => ({ ...ichimoku(h!, l!, c!, p.tenkan, p.kijun, p.senkouB, p.displacement) }),
  },
};

function listTypes(): string {
  return Object.keys(SPECS).sort().join(', ');
}

function specFor(type: string): [string, Spec] {
  const key = typeof type === 'string' ? type.trim().toLowerCase() : '';
  const spec = SPECS[key];
  if (!spec) {
    throw new IndicatorError('unknown-indicator', `Unknown indicator type "${String(type)}". Valid types: ${listTypes()}`, { param: 'type' });
  }
  return [key, spec];
}

function toNumber(type: string, name: string, value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new IndicatorError('invalid-param', `${type}: parameter "${name}" is NaN`, { param: name });
    return value;
  }
  // Attribute values arrive as strings: accept a complete numeric literal only.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  throw new IndicatorError('invalid-param', `${type}: parameter "${name}" must be a number, got ${JSON.stringify(value) ?? String(value)}`, { param: name });
}

function describeRange(spec: ParamSpec): string {
  const kind = spec.integer ? 'an integer' : 'a number';
  return spec.max === undefined ? `${kind} ≥ ${spec.min}` : `${kind} from ${spec.min} to ${spec.max}`;
}

/**
 * Fills defaults and validates raw parameters (numbers, or numeric strings as
 * they come from HTML attributes). Throws IndicatorError naming the indicator
 * and the parameter: unknown type (with the valid list), unknown parameter,
 * NaN / non-numeric, non-integer, or out of range (period ≤ 0 included).
 */
export function resolveIndicatorParams(type: string, raw: Record<string, unknown> = {}): Record<string, number> {
  const [key, spec] = specFor(type);
  const given = raw ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in spec.params)) {
      const valid = Object.keys(spec.params);
      throw new IndicatorError(
        'unknown-param',
        `${key}: unknown parameter "${name}". ${valid.length ? `Valid parameters: ${valid.join(', ')}` : `${key} takes no parameters`}`,
        { param: name },
      );
    }
  }
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(spec.params)) {
    const value = given[name] === undefined ? p.default : toNumber(key, name, given[name]);
    if (!Number.isFinite(value)) {
      throw new IndicatorError('invalid-param', `${key}: parameter "${name}" must be finite, got ${value}`, { param: name });
    }
    if (p.integer && !Number.isInteger(value)) {
      throw new IndicatorError('not-integer', `${key}: parameter "${name}" must be ${describeRange(p)}, got ${value} (not an integer)`, { param: name });
    }
    if (value < p.min || (p.max !== undefined && value > p.max)) {
      throw new IndicatorError('out-of-range', `${key}: parameter "${name}" must be ${describeRange(p)}, got ${value}`, { param: name });
    }
    out[name] = value;
  }
  return out;
}

/**
 * The input arrays of `type`, in its `inputs` order. 'source' falls back to
 * 'close'. Throws IndicatorError('missing-input') naming the first missing column.
 */
export function resolveIndicatorInputs(type: string, columns: IndicatorColumns): ArrayLike<number>[] {
  const [key, spec] = specFor(type);
  return spec.inputs.map((name) => {
    const col = name === 'source' ? (columns.source ?? columns.close) : columns[name];
    if (!col || typeof col.length !== 'number') {
      const what = name === 'source' ? 'a "source" column (or "close")' : `a "${name}" column`;
      const given = Object.keys(columns).filter((k) => columns[k]);
      throw new IndicatorError(
        'missing-input',
        `${key} requires ${what}; columns given: ${given.length ? given.join(', ') : 'none'}`,
        { input: name },
      );
    }
    return col;
  });
}

/**
 * Reference levels traders read these oscillators against: overbought / oversold bands, or the
 * zero line of the unbounded momentum measures.
 */
const LEVELS: Readonly<Record<string, readonly number[]>> = {
  rsi: [30, 70],
  stoch: [20, 80],
  willr: [-80, -20],
  cci: [-100, 100],
  mfi: [20, 80],
  ultosc: [30, 70],
  roc: [0],
  mom: [0],
  adosc: [0],
};

function define(type: string, spec: Spec): IndicatorDefinition {
  const params = (p?: Record<string, unknown>) => resolveIndicatorParams(type, p ?? {});
  const lookback = (p?: Record<string, number>) => spec.lookback(params(p));
  return Object.freeze({
    type,
    title: spec.title,
    inputs: Object.freeze([...spec.inputs]),
    params: Object.freeze({ ...spec.params }),
    outputs: Object.freeze([...spec.outputs]),
    overlay: spec.overlay,
    levels: Object.freeze([...(LEVELS[type] ?? [])]),
    lookback,
    lookbacks(p?: Record<string, number>): Record<string, number> {
      const resolved = params(p);
      if (spec.lookbacks) return spec.lookbacks(resolved);
      const lb = spec.lookback(resolved);
      return Object.fromEntries(spec.outputs.map((o) => [o, lb]));
    },
    compute(columns: IndicatorColumns, p?: Record<string, unknown>): Record<string, Float64Array> {
      const resolved = params(p);
      const inputs = resolveIndicatorInputs(type, columns);
      const result = spec.run(inputs, resolved);
      return result instanceof Float64Array ? { value: result } : result;
    },
  });
}

export const INDICATORS: Readonly<Record<string, IndicatorDefinition>> = Object.freeze(
  Object.fromEntries(Object.entries(SPECS).map(([type, spec]) => [type, define(type, spec)])),
);

/** Looks an indicator up by type (case-insensitive); throws on unknown types. */
export function getIndicator(type: string): IndicatorDefinition {
  return INDICATORS[specFor(type)[0]]!;
}
