// Series types as modules: one folder per type, a registry from `type` to module, and the
// building blocks types share.
export * from './series-type.js';
export * from './registry.js';
export * from './shared/series-spec.js';
export { resolveSeries } from './resolve-series.js';
export { lineSeries } from './line/index.js';
export { areaSeries } from './area/index.js';
export { baselineSeries } from './baseline/index.js';
export { barSeries } from './bar/index.js';
export { volumeSeries } from './volume/index.js';
export { candlestickSeries } from './candlestick/index.js';
export { ohlcSeries } from './ohlc/index.js';
export { heatmapSeries, heatmapRange } from './heatmap/index.js';
export { scatterSeries, ScatterState, PointGrid, resolveScatter, scatterIssues, DEFAULT_MARKER_SIZE, type ScatterIssue, type ScatterSettings } from './scatter/index.js';
export { LinePath } from './shared/line-path.js';
export { HistogramLayer } from './shared/histogram-layer.js';
export { CandleLayers, RectBuffer, packColor, type BarStyle } from './shared/candle-layers.js';
export { indicesToPoints } from './shared/series-points.js';
export { columnExtent, columnTooltip, columnValue, includeValue, seriesColumnExtent, withAlpha } from './shared/value-column.js';
export { buildSeriesPath, createLineState, pushSeriesLine, type LineState } from './shared/line-draw.js';
export { bandSeries } from './band/index.js';
export { RangeCache, RangeRows, errorBarSegments, bandRows, rangeExtent, hasRanges, type RangeSource } from './shared/value-ranges.js';
export { pushErrorBars, columnAndRangeExtent } from './shared/error-bars.js';
export { DataSpacePoints, densityLayer, clusterLayer, densityLut, pushDensityOrClusters, CLUSTER_CELL_CSS } from './shared/density-layers.js';
