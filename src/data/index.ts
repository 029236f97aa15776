// The data layer's public API: user data in any accepted shape → validated columnar arrays.
export type { ColumnarData, NonFiniteReport, NormalizedData } from './columnar.js';
export { DataError, type DataErrorCode, type DataErrorDetails } from './data-error.js';
export { validateColumnar } from './validate.js';
export { normalizeData, TIME_COLUMN_NAMES, type KeyAxis } from './normalize.js';
export { parseTimeValue } from './parse-time.js';
export { parseCsv } from './parse-csv.js';
export { parseJson } from './parse-json.js';
export { loadUrl, type LoadUrlOptions, type DataFormat } from './load-url.js';
export { SeriesStore } from './series-store.js';
export { MinMaxPyramid } from './lod/minmax-pyramid.js';
export { M4Decimator, visibleRange, GAP, type LodResult, type LodMode } from './lod/m4.js';
export { PrefixSum } from './lod/prefix-sum.js';
export { OhlcAggregator } from './lod/ohlc-aggregate.js';
export type { OhlcAggregate, OhlcAggregatorOptions, OhlcMode } from './lod/ohlc-aggregate.js';
export { resample, parseTimeframe, createResampler, type Timeframe } from './resample.js';
export type { BarInput, ResampledBar, ResampledBars, ResampleInput, ResampleOptions, Resampler, TimeframeUnit } from './resample.js';
export { TimeframeView } from './timeframe-view.js';
export { GridStore, normalizeGrid, gridFromLong, isGridInput, isLongGridInput, isGridColumnsInput, ringWrites, ringOffset, type GridInput, type LongGridInput, type GridColumnsInput } from './grid.js';
