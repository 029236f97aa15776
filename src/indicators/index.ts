/**
 * gpu-charts/indicators — technical indicators as pure functions over columnar
 * arrays, matching TA-Lib's definitions and warm-up (lookback) conventions.
 * Every output is aligned to the input (same length, NaN during the warm-up).
 * See docs/indicators.md for formulas, defaults and deviations from TA-Lib.
 */
export { IndicatorError, type IndicatorErrorCode } from './errors.js';
export type { IndicatorColumns, IndicatorDefinition, IndicatorInput, ParamSpec } from './types.js';
export { INDICATORS, getIndicator, resolveIndicatorParams, resolveIndicatorInputs } from './registry.js';
export { createIncremental, type IncrementalIndicator, type IncrementalBar } from './incremental/index.js';

export { sma, smaLookback } from './sma.js';
export { ema, emaLookback } from './ema.js';
export { wma, wmaLookback } from './wma.js';
export { dema, demaLookback } from './dema.js';
export { tema, temaLookback } from './tema.js';
export { kama, kamaLookback } from './kama.js';
export { bbands, bbandsLookback, type BollingerBands } from './bbands.js';
export { rsi, rsiLookback } from './rsi.js';
export { macd, macdLookback, type MacdResult } from './macd.js';
export { stoch, stochLookback, type StochResult } from './stoch.js';
export { atr, atrLookback } from './atr.js';
export { natr, natrLookback } from './natr.js';
export { obv, obvLookback } from './obv.js';
export { adx, adxLookback } from './adx.js';
export { cci, cciLookback } from './cci.js';
export { willr, willrLookback } from './willr.js';
export { mfi, mfiLookback } from './mfi.js';
export { sar, sarLookback } from './sar.js';
export { roc, rocLookback } from './roc.js';
export { mom, momLookback } from './mom.js';
export { stddev, stddevLookback } from './stddev.js';
export { trix, trixLookback } from './trix.js';
export { aroon, aroonLookback, type AroonResult } from './aroon.js';
export { ad, adLookback } from './ad.js';
export { adosc, adoscLookback } from './adosc.js';
export { ultosc, ultoscLookback } from './ultosc.js';
export { vwap, vwapLookback, DAY_MS, type VwapSession } from './vwap.js';
export { keltner, keltnerLookback, type KeltnerChannels } from './keltner.js';
export { donchian, donchianLookback, type DonchianChannels } from './donchian.js';
export { ichimoku, ichimokuLookback, ichimokuLookbacks, ichimokuProjection, type IchimokuResult } from './ichimoku.js';
