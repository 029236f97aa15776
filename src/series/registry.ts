import { areaSeries } from './area/index.js';
import { bandSeries } from './band/index.js';
import { barSeries } from './bar/index.js';
import { baselineSeries } from './baseline/index.js';
import { candlestickSeries } from './candlestick/index.js';
import { heatmapSeries } from './heatmap/index.js';
import { lineSeries } from './line/index.js';
import { ohlcSeries } from './ohlc/index.js';
import { scatterSeries } from './scatter/index.js';
import type { SeriesModule } from './series-type.js';
import type { SeriesType } from './shared/series-spec.js';
import { volumeSeries } from './volume/index.js';
import { surfaceSeries } from './surface/index.js';
import { points3dSeries } from './points3d/index.js';
import { bars3dSeries } from './bars3d/index.js';

const modules = new Map<string, SeriesModule>();

/** Every registered type, in registration order (kept up to date by `registerSeriesType`). */
export const SERIES_TYPES: SeriesType[] = [];
/** Types drawn from open/high/low/close rows (`priceBars`), e.g. candlestick and ohlc. */
export const BAR_TYPES: SeriesType[] = [];

/** Adds (or replaces) a series type: charts draw series of `module.type` with it from then on. */
export function registerSeriesType(module: SeriesModule<any>): void {
  // Types registered at run time are outside the built-in union; the lists hold them all the same.
  const type = module.type as SeriesType;
  if (!modules.has(type)) SERIES_TYPES.push(type);
  modules.set(type, module);
  const bar = BAR_TYPES.indexOf(type);
  if (module.priceBars && bar < 0) BAR_TYPES.push(type);
  if (!module.priceBars && bar >= 0) BAR_TYPES.splice(bar, 1);
}

/** The module of a type, or undefined when none is registered. */
export function seriesType(type: string): SeriesModule | undefined {
  return modules.get(type);
}

/** The module that draws a type: its own, else the line's (an unknown type is drawn as a line). */
export function seriesModuleFor(type: string): SeriesModule {
  return modules.get(type) ?? lineSeries;
}

for (const module of [lineSeries, areaSeries, baselineSeries, barSeries, volumeSeries, candlestickSeries, ohlcSeries, heatmapSeries, scatterSeries, bandSeries, surfaceSeries, points3dSeries, bars3dSeries]) registerSeriesType(module);
