import { resolveColormap, type Colormap, type ColormapSpec } from '../../core/colormap/index.js';
import type { GridLayer, GridLogMap } from '../../core/scene/frame-scene.js';
import type { GridStore } from '../../data/grid.js';
import type { SeriesContext, SeriesModule } from '../series-type.js';

/** The colour range of a grid: fixed ends where given, else its finite min / max (log: positive). */
export function heatmapRange(grid: GridStore, scale: 'linear' | 'log', colorMin?: number, colorMax?: number): [number, number] {
  const [lo, hi] = grid.range();
  let min = colorMin ?? lo;
  let max = colorMax ?? hi;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return scale === 'log' ? [1, 10] : [0, 1];
  if (scale === 'log') {
    if (max <= 0) max = 1;
    // A log scale starts at a positive value: the smallest shown positive value is not tracked,
    // so an auto range with zeros or negatives spans three decades below the maximum.
    if (min <= 0) min = max / 1000;
  }
  return [min, max];
}

interface HeatmapState {
  layer: GridLayer;
  /** The colormap spec last resolved, and what it gave (a spec that fails gives viridis). */
  spec: ColormapSpec | undefined;
  colormap: Colormap;
  lutKey: string;
}

function colormapOf(state: HeatmapState, spec: ColormapSpec): void {
  if (state.spec === spec) return;
  state.spec = spec;
  try {
    state.colormap = resolveColormap(spec);
    state.lutKey = typeof spec === 'string' ? spec : JSON.stringify(spec);
  } catch {
    // The element reports bad colormaps (gpu-config-error) where they are set; drawing goes on.
    state.colormap = resolveColormap('viridis');
    state.lutKey = 'viridis';
  }
}

function settings(series: SeriesContext<HeatmapState>) {
  const spec = series.spec;
  const defaults = series.heatmap;
  return {
    interpolation: spec.interpolation ?? defaults?.interpolation ?? 'nearest',
    colormap: spec.colormap ?? defaults?.colormap ?? 'viridis',
    scale: spec.colorScale ?? defaults?.colorScale ?? 'linear',
  } as const;
}

/** The value of the grid cell under (column `index`, the pointer's y), or NaN. */
function cellAt(series: SeriesContext<HeatmapState>, index: number): number {
  const grid = series.grid;
  if (!grid || index < 0 || index >= grid.count) return NaN;
  const y = series.cursorY;
  if (y === undefined) return NaN;
  const r = Math.floor((y - grid.y0) / grid.dy);
  return r >= 0 && r < grid.rows ? grid.value(index, r) : NaN;
}

/** Far beyond any pane (device px): where a grid edge at or below 0 sits on a log axis. */
const FAR_PX = 1e7;

/** A grid edge's pixel; on a log axis an edge ≤ 0 has none and goes `beyond` (far left or down). */
function edgePixel(scale: { kind: string; toPixel(v: number): number }, value: number, beyond: number): number {
  return scale.kind === 'log' && !(value > 0) ? beyond : scale.toPixel(value);
}

/**
 * A log axis' pixel → cell map (GridLayer.xLog): log10 of the value at pane px p is p·a + b (read
 * off the scale at two pixels), and cells run uniformly over [start, end] in `cells` steps.
 */
function logMap(scale: { fromPixel(p: number): number }, start: number, end: number, cells: number): GridLogMap {
  const l0 = Math.log10(scale.fromPixel(0));
  const l1 = Math.log10(scale.fromPixel(1000));
  const a = (l1 - l0) / 1000;
  const c = cells / (end - start);
  return { a, b: l0, c, d: -start * c };
}

/**
 * A heatmap / spectrogram: the chart's grid (ChartModel.setData with a GridStore) drawn as one
 * `grid` layer, textured on the GPU; its colour range and colormap also go to the overlay as a
 * colour bar. The y extent is the grid's, exactly.
 */
export const heatmapSeries: SeriesModule<HeatmapState> = {
  type: 'heatmap',
  columns: [],
  createState() {
    const viridis = resolveColormap('viridis');
    return {
      spec: undefined,
      colormap: viridis,
      lutKey: 'viridis',
      layer: {
        kind: 'grid',
        id: 'heatmap',
        source: null as unknown as GridStore,
        count: 0,
        cols: 0,
        ringOffset: 0,
        x0: 0,
        x1: 0,
        yBottom: 0,
        yTop: 0,
        min: 0,
        max: 1,
        scale: 'linear',
        interpolation: 'nearest',
        lut: viridis.lut,
        lutKey: 'viridis',
      },
    };
  },
  extent(series, query) {
    const grid = series.grid;
    if (!grid || grid.count === 0) return;
    let lo = grid.y0;
    const hi = grid.yEnd;
    if (query.positiveOnly && lo <= 0) lo = grid.dy;
    query.min = Math.min(query.min, lo);
    query.max = Math.max(query.max, hi);
    query.exact = true;
  },
  draw(series, target) {
    const grid = series.grid;
    if (!grid || grid.count === 0) return;
    const { xScale, yScale } = target;
    // On a log axis, edges at or below 0 lie beyond the pane's side (the quad is clipped to it).
    const xLog = xScale.kind === 'log';
    const yLog = yScale.kind === 'log';
    const x0 = edgePixel(xScale, grid.xStart, -FAR_PX);
    const x1 = edgePixel(xScale, grid.xEnd, -FAR_PX);
    const yBottom = edgePixel(yScale, grid.y0, FAR_PX);
    const yTop = edgePixel(yScale, grid.yEnd, FAR_PX);
    if (![x0, x1, yBottom, yTop].every(Number.isFinite) || x0 === x1 || yBottom === yTop) return;
    const state = series.state;
    const { interpolation, colormap, scale } = settings(series);
    colormapOf(state, colormap);
    const [min, max] = heatmapRange(grid, scale, series.spec.colorMin, series.spec.colorMax);
    const layer = state.layer;
    layer.id = `heatmap:${series.spec.id}`;
    layer.pane = target.pane;
    layer.source = grid;
    layer.count = 1;
    layer.cols = grid.count;
    layer.ringOffset = grid.ringOffset;
    layer.x0 = x0;
    layer.x1 = x1;
    layer.yBottom = yBottom;
    layer.yTop = yTop;
    layer.min = min;
    layer.max = max;
    layer.scale = scale;
    layer.interpolation = interpolation;
    layer.lut = state.colormap.lut;
    layer.lutKey = state.lutKey;
    // Cells are uniform in data units, pixels in decades: the renderers map each pixel through 10^.
    layer.xLog = xLog ? logMap(xScale, grid.xStart, grid.xEnd, grid.count) : null;
    layer.yLog = yLog ? logMap(yScale, grid.y0, grid.yEnd, grid.rows) : null;
    target.layers.push(layer);
    target.lod.visiblePoints += grid.count * grid.rows;
    target.colorBars?.push({ id: series.spec.id, title: series.spec.name, colormap: state.colormap.name, lut: state.colormap.lut, min, max, scale });
  },
  tooltip(series, index, out) {
    out.push({ id: series.spec.id, name: series.spec.name, color: series.color, value: cellAt(series, index), index });
  },
  legendValue(series, index) {
    const column = series.store.hasColumn(series.spec.column) ? series.store.column(series.spec.column) : null;
    return column && index >= 0 && index < column.length ? column[index]! : NaN;
  },
};
