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

const modules = new Map<string, SeriesModule>();

/** Every registered type, in registration order (kept up to date by `registerSeriesType`). */
export const SERIES_TYPES: SeriesType[] = [];
/** Types drawn from open/high/low/close rows (`priceBars`), e.g. candlestick and ohlc. */
export const BAR_TYPES: SeriesType[] = [];

/** Adds (or replaces) a series type: charts draw series of `module.type` with it from then on. */
export function registerSeriesType(module: SeriesModule<any>): void {
  // Types registered at run time are outside the built-in union; the lists hold them all the same.
  const type = module.type as SeriesType;
  if (!modules.has(type) && !SERIES_TYPES.includes(type)) SERIES_TYPES.push(type);
  modules.set(type, module);
  // Registered outright (e.g. with the rest of its chunk): no longer lazy.
  lazyTypes.delete(type);
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
  const module = modules.get(type);
  if (module) return module;
  const lazy = lazyTypes.get(type);
  if (!lazy) return lineSeries;
  // Started once; a failure is said once (its series keep drawing nothing).
  if (!lazy.loading) loadSeriesType(type).catch((error) => console.error(`gpu-charts: series type "${type}" could not be loaded`, error));
  return pendingSeries;
}

// ——— lazy series types: heavy modules (3D meshes, …) in chunks of their own ———

const lazyTypes = new Map<string, { load: () => Promise<SeriesModule<any>>; loading: Promise<SeriesModule> | null }>();
const loadListeners = new Set<(type: string) => void>();

/**
 * Registers a type whose module is loaded the first time a chart draws a series of it, e.g.
 * `registerLazySeriesType('surface', () => import('./surface/index.js').then((m) => m.surfaceSeries))`:
 * the bundler makes the module a chunk of its own, so pages without that type never download it.
 * Until it has loaded, such series draw nothing (not a line that would then jump); once loaded,
 * every chart is told (`onSeriesTypeLoaded`) and draws it.
 */
export function registerLazySeriesType(type: string, load: () => Promise<SeriesModule<any>>): void {
  if (modules.has(type)) return;
  lazyTypes.set(type, { load, loading: null });
  if (!SERIES_TYPES.includes(type as SeriesType)) SERIES_TYPES.push(type as SeriesType);
}

/** Loads a lazy type now (a page may preload it); resolves with its module (registered), or undefined for other types. */
export function loadSeriesType(type: string): Promise<SeriesModule | undefined> {
  const known = modules.get(type);
  if (known) return Promise.resolve(known);
  const lazy = lazyTypes.get(type);
  if (!lazy) return Promise.resolve(undefined);
  lazy.loading ??= lazy.load().then((module) => {
    if (module.type !== type) throw new Error(`lazy series type "${type}" loaded a module of type "${module.type}"`);
    registerSeriesType(module);
    lazyTypes.delete(type);
    for (const listener of loadListeners) listener(type);
    return module;
  });
  return lazy.loading;
}

/** The type is registered lazily and its module has not loaded yet. */
export function isLazySeriesType(type: string): boolean {
  return lazyTypes.has(type);
}

/** Calls `listener` whenever a lazy series type has loaded (charts then draw again). Returns the remover. */
export function onSeriesTypeLoaded(listener: (type: string) => void): () => void {
  loadListeners.add(listener);
  return () => loadListeners.delete(listener);
}

/** What draws a lazy type's series while its module loads: nothing. */
const pendingSeries: SeriesModule<null> = {
  type: 'pending',
  columns: [],
  createState: () => null,
  extent: () => {},
  draw: () => {},
  tooltip: () => {},
  legendValue: () => Number.NaN,
};

for (const module of [lineSeries, areaSeries, baselineSeries, barSeries, volumeSeries, candlestickSeries, ohlcSeries, heatmapSeries, scatterSeries, bandSeries]) registerSeriesType(module);
// The 3D types (surface, points3d, bars3d) are lazy: core/three-d-lazy.ts registers them.
