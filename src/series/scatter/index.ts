import { categoricalColor, packColormapColor, type Colormap } from '../../core/colormap/index.js';
import { MARKER_STRIDE, nextMarkersKey, type MarkersLayer, type Rgba } from '../../core/scene/frame-scene.js';
import type { SeriesStore } from '../../data/series-store.js';
import type { DrawTarget, ExtentQuery, NearestHit, PickTarget, SeriesContext, SeriesModule, SeriesValue } from '../series-type.js';
import { colormapKey, MAX_MARKER_SIZE, resolveScatter, type ScatterSettings } from './options.js';
import { PointGrid } from './point-grid.js';
// Issue 11 (density helper): density maps, grid clusters and error bars of scatter series.
import { pushDensityOrClusters } from '../shared/density-layers.js';
import { pushScatterErrorBars, scatterRangeExtent } from '../shared/scatter-ranges.js';
import { RangeCache } from '../shared/value-ranges.js';

export { DEFAULT_MARKER_SIZE, resolveScatter, scatterIssues, type ScatterIssue, type ScatterSettings } from './options.js';
export { PointGrid } from './point-grid.js';

/** Extra hit radius around a marker for hover, CSS px. */
const HIT_SLACK_CSS = 4;
/**
 * Zoomed in further than this fraction of the data's extent, the f32 offsets are taken from a
 * point near the view instead of the data's centre (f32 keeps ~7 digits: at 1/1000 of the extent
 * a 4000-px plot still has sub-pixel precision). The origin then snaps to a grid of view spans,
 * so panning re-uploads only about once per screen width.
 */
const REBASE_FRACTION = 1e-3;

/** Scales as a scatter reads them: `kind` of the x scale is optional until numeric x axes exist. */
type AnyScale = { readonly kind?: string; toPixel(v: number): number; fromPixel(p: number): number };
const isLog = (scale: AnyScale): boolean => scale.kind === 'log';
const toU = (v: number, log: boolean): number => (log ? (v > 0 ? Math.log10(v) : NaN) : v);

/** Straight RGBA 0..1 to packed RGBA8 (r | g << 8 | b << 16 | a << 24). */
function packRgba(c: Rgba): number {
  const b = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return (b(c[0]) | (b(c[1]) << 8) | (b(c[2]) << 16) | (b(c[3]) << 24)) >>> 0;
}

/** The linear map u → plot px of a scale over [0, length] px, as [scale, offset at `origin`]. */
function linearTransform(scale: AnyScale, length: number, origin: number, log: boolean, out: number[], at: number): void {
  const uA = toU(scale.fromPixel(0), log);
  const uB = toU(scale.fromPixel(length), log);
  const vA = log ? 10 ** uA : uA;
  const vB = log ? 10 ** uB : uB;
  const pA = scale.toPixel(vA);
  const pB = scale.toPixel(vB);
  const k = uB !== uA ? (pB - pA) / (uB - uA) : 0;
  out[at] = k;
  out[at + 1] = pA + (origin - uA) * k;
}

/**
 * A scatter series' state: the markers buffer (data space, rebuilt only when the data, the
 * options or the f32 origin change), the view extent cache, and the hover index.
 */
/** What dataExtent finds: x and y ranges in u-space, the largest size, the colour column's range. */
interface ScatterExtent {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  maxSize: number;
  minC: number;
  maxC: number;
}

function emptyExtent(): ScatterExtent {
  return { minX: NaN, maxX: NaN, minY: NaN, maxY: NaN, maxSize: 0, minC: NaN, maxC: NaN };
}

export class ScatterState {
  data = new Float32Array(0);
  bits = new Uint32Array(0);
  /** Markers written (finite points); `skipped` rows had a non-finite x or y. */
  count = 0;
  skipped = 0;
  dataKey = 0;
  originX = 0;
  originY = 0;
  private buildKey = '';
  private builtStore: SeriesStore | null = null;
  private settingsFor: { spec: unknown; columns: string; settings: ScatterSettings } | null = null;
  /**
   * u-space extents of the data, one entry per pair of axis kinds (linear/log): drawing on a log
   * axis and the x bounds / view extent (linear u) both ask every frame, and a single entry would
   * rescan every point for each.
   */
  private readonly extents = new Map<string, { key: string; store: SeriesStore; extent: ScatterExtent }>();
  /** The extent the last build() used (the transform's axes). */
  extent: ScatterExtent = emptyExtent();
  private viewKey = '';
  private viewStore: SeriesStore | null = null;
  private viewMin = Infinity;
  private viewMax = -Infinity;
  private grid: PointGrid | null = null;
  private gridKey = '';
  private gridStore: SeriesStore | null = null;
  private readonly transform = [1, 0, 1, 0];
  /** Packed colours of a colormap's 256 rows (for the current colormap). */
  private lut = new Uint32Array(256);
  private lutOf: Colormap | null = null;

  settings(series: SeriesContext): ScatterSettings {
    const names = series.store.columnNames;
    const columns = names.join('\u0000');
    const cached = this.settingsFor;
    if (cached && cached.spec === series.spec && cached.columns === columns) return cached.settings;
    const settings = resolveScatter(series.spec, names);
    this.settingsFor = { spec: series.spec, columns, settings };
    return settings;
  }

  xs(store: SeriesStore, settings: ScatterSettings): Float64Array {
    return settings.x === null ? store.time : store.column(settings.x);
  }

  /** The data's extents in u-space (log10 on log axes) and the size and colour column ranges. */
  dataExtent(series: SeriesContext, settings: ScatterSettings, xLog: boolean, yLog: boolean): ScatterExtent {
    const store = series.store;
    const key = `${store.version}|${store.length}|${settings.x}|${series.spec.column}|${settings.size}|${settings.colorBy}`;
    const kinds = `${xLog}|${yLog}`;
    let entry = this.extents.get(kinds);
    if (entry && entry.key === key && entry.store === store) return entry.extent;
    entry ??= { key, store, extent: emptyExtent() };
    entry.key = key;
    entry.store = store;
    this.extents.set(kinds, entry);
    const xs = this.xs(store, settings);
    const ys = store.column(series.spec.column);
    const n = store.length;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = toU(xs[i]!, xLog);
      const y = toU(ys[i]!, yLog);
      if (x - x !== 0 || y - y !== 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const e = entry.extent;
    e.minX = minX;
    e.maxX = maxX;
    e.minY = minY;
    e.maxY = maxY;
    e.maxSize = 0;
    if (settings.size) {
      const sizes = store.column(settings.size);
      for (let i = 0; i < n; i++) if (sizes[i]! > e.maxSize) e.maxSize = sizes[i]!;
    }
    e.minC = Infinity;
    e.maxC = -Infinity;
    if (settings.colorBy) {
      const c = store.column(settings.colorBy);
      for (let i = 0; i < n; i++) {
        const v = c[i]!;
        if (v < e.minC) e.minC = v;
        if (v > e.maxC) e.maxC = v;
      }
    }
    return e;
  }

  /** The packed colour of row i (the markers' colour rule). */
  colorOf(series: SeriesContext, settings: ScatterSettings, i: number): number {
    const base = packRgba(series.color);
    if (!settings.colorBy) return base;
    const v = series.store.column(settings.colorBy)[i]!;
    if (v - v !== 0) return base;
    if (settings.categorical) return categoricalColor(v);
    const e = this.dataExtent(series, settings, false, false);
    const span = e.maxC - e.minC;
    return packColormapColor(settings.colormap!, span > 0 ? (v - e.minC) / span : 0.5);
  }

  private lutFor(map: Colormap): Uint32Array {
    if (this.lutOf !== map) {
      for (let k = 0; k < 256; k++) this.lut[k] = packColormapColor(map, k / 255);
      this.lutOf = map;
    }
    return this.lut;
  }

  /** Makes `data` hold the markers for this frame's axes and origin; returns the layer's transform. */
  build(series: SeriesContext, settings: ScatterSettings, target: DrawTarget | PickTarget): readonly [number, number, number, number] {
    const { store, spec } = series;
    const xScale = target.xScale as AnyScale;
    const yScale = target.yScale as AnyScale;
    const xLog = isLog(xScale);
    const yLog = isLog(yScale);
    const e = this.dataExtent(series, settings, xLog, yLog);
    this.extent = e;
    const { width, height } = target.pane;
    const originX = chooseOrigin(e.minX, e.maxX, toU(xScale.fromPixel(0), xLog), toU(xScale.fromPixel(width), xLog));
    const originY = chooseOrigin(e.minY, e.maxY, toU(yScale.fromPixel(height), yLog), toU(yScale.fromPixel(0), yLog));
    const color = packRgba(series.color);
    const key = `${store.version}|${store.length}|${settings.x}|${spec.column}|${settings.size}|${settings.colorBy}|${colormapKey(spec.colormap)}|${settings.categorical}|${settings.markerSize}|${color}|${series.pixelRatio}|${xLog}|${yLog}|${originX}|${originY}`;
    if (key !== this.buildKey || store !== this.builtStore) {
      this.fill(series, settings, xLog, yLog, originX, originY, color);
      this.buildKey = key;
      this.builtStore = store;
      this.dataKey = nextMarkersKey();
      this.originX = originX;
      this.originY = originY;
    }
    const t = this.transform;
    linearTransform(xScale, width, this.originX, xLog, t, 0);
    linearTransform(yScale, height, this.originY, yLog, t, 2);
    return t as unknown as readonly [number, number, number, number];
  }

  /** Writes every finite point: offsets from the origin (f32), diameter (device px), colour. */
  private fill(series: SeriesContext, settings: ScatterSettings, xLog: boolean, yLog: boolean, originX: number, originY: number, color: number): void {
    const { store, spec, pixelRatio } = series;
    const n = store.length;
    if (this.data.length < n * MARKER_STRIDE) {
      this.data = new Float32Array(Math.max(n, 256) * MARKER_STRIDE);
      this.bits = new Uint32Array(this.data.buffer);
    }
    const f = this.data;
    const u = this.bits;
    const xs = this.xs(store, settings);
    const ys = store.column(spec.column);
    const sizes = settings.size ? store.column(settings.size) : null;
    const fallbackSize = settings.markerSize * pixelRatio;
    const maxSize = MAX_MARKER_SIZE * pixelRatio;
    const colorValues = settings.colorBy ? store.column(settings.colorBy) : null;
    const lut = settings.colormap ? this.lutFor(settings.colormap) : null;
    const e = this.extent;
    const minC = e.minC;
    const scaleC = e.maxC > e.minC ? 255 / (e.maxC - e.minC) : 0;
    const categorical = settings.categorical;
    let o = 0;
    for (let i = 0; i < n; i++) {
      let x = xs[i]!;
      let y = ys[i]!;
      if (xLog) x = x > 0 ? Math.log10(x) : NaN;
      if (yLog) y = y > 0 ? Math.log10(y) : NaN;
      // x - x is 0 only for finite x: non-finite points are skipped (and counted).
      if (x - x !== 0 || y - y !== 0) continue;
      f[o] = x - originX;
      f[o + 1] = y - originY;
      let size = fallbackSize;
      if (sizes) {
        const s = sizes[i]! * pixelRatio;
        if (s >= 0) size = s < maxSize ? s : maxSize;
      }
      f[o + 2] = size;
      let c = color;
      if (colorValues) {
        const v = colorValues[i]!;
        if (v - v === 0) c = categorical ? categoricalColor(v) : lut![scaleC > 0 ? ((v - minC) * scaleC + 0.5) | 0 : 128]!;
      }
      u[o + 3] = c;
      o += MARKER_STRIDE;
    }
    this.count = o / MARKER_STRIDE;
    this.skipped = n - this.count;
  }

  /** min/max y (value space) of the finite points whose x is in [start, end]. */
  viewExtent(series: SeriesContext, settings: ScatterSettings, positiveOnly: boolean): [number, number] {
    const { store, spec, start, end } = series;
    const key = `${store.version}|${store.length}|${settings.x}|${spec.column}|${start}|${end}|${positiveOnly}`;
    if (!positiveOnly && (key !== this.viewKey || store !== this.viewStore)) {
      // The whole x extent in view (moving data resets the view every frame): the data's own y
      // extent, already known, spares a scan.
      const e = this.dataExtent(series, settings, false, false);
      if (start <= e.minX && end >= e.maxX) {
        this.viewMin = e.minY;
        this.viewMax = e.maxY;
        this.viewKey = key;
        this.viewStore = store;
      }
    }
    if (key !== this.viewKey || store !== this.viewStore) {
      const xs = this.xs(store, settings);
      const ys = store.column(spec.column);
      const n = store.length;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const x = xs[i]!;
        if (!(x >= start && x <= end)) continue;
        const y = ys[i]!;
        if (y - y !== 0 || (positiveOnly && !(y > 0))) continue;
        if (y < min) min = y;
        if (y > max) max = y;
      }
      this.viewMin = min;
      this.viewMax = max;
      this.viewKey = key;
      this.viewStore = store;
    }
    return [this.viewMin, this.viewMax];
  }

  /** The hover index over the points in u-space, built on first use per data version and axes. */
  pointGrid(series: SeriesContext, settings: ScatterSettings, xLog: boolean, yLog: boolean): PointGrid {
    const store = series.store;
    const key = `${store.version}|${store.length}|${settings.x}|${series.spec.column}|${xLog}|${yLog}`;
    if (this.grid && key === this.gridKey && store === this.gridStore) return this.grid;
    const n = store.length;
    let xs: ArrayLike<number> = this.xs(store, settings);
    let ys: ArrayLike<number> = store.column(series.spec.column);
    if (xLog) xs = Float64Array.from({ length: n }, (_, i) => toU(xs[i]!, true));
    if (yLog) ys = Float64Array.from({ length: n }, (_, i) => toU(ys[i]!, true));
    this.grid = new PointGrid(xs, ys, n);
    this.gridKey = key;
    this.gridStore = store;
    return this.grid;
  }
}

/**
 * The f32 origin of one axis (u-space): the data's centre, unless the view is a small part of
 * the data's extent, then a multiple of the view's span near the view.
 */
function chooseOrigin(min: number, max: number, viewA: number, viewB: number): number {
  if (!(max >= min)) return 0;
  const centre = (min + max) / 2;
  const span = Math.abs(viewB - viewA);
  if (!(span > 0) || !(span < (max - min) * REBASE_FRACTION)) return centre;
  return Math.round((viewA + viewB) / 2 / span) * span;
}

/**
 * Points at (x, y) from two columns, x in any order: one marker each, sized and coloured per
 * point (see ScatterSettings), drawn by the markers primitive in data space, so that a pan or
 * zoom reuses the uploaded markers. Hover finds the nearest point through a grid index.
 */
export const scatterSeries: SeriesModule<ScatterState> = {
  type: 'scatter',
  columns: [],
  createState: () => new ScatterState(),
  extent(series, query: ExtentQuery) {
    const settings = series.state.settings(series);
    const [min, max] = series.state.viewExtent(series, settings, query.positiveOnly);
    if (min < query.min) query.min = min;
    if (max > query.max) query.max = max;
    // Issue 11: error bars (yError, yLow/yHigh) stay in view.
    scatterRangeExtent(series, query, series.state.xs(series.store, settings), () => new RangeCache());
  },
  xExtent(series, out) {
    const state = series.state;
    const settings = state.settings(series);
    const e = state.dataExtent(series, settings, false, false);
    if (e.minX < out[0]) out[0] = e.minX;
    if (e.maxX > out[1]) out[1] = e.maxX;
  },
  draw(series, target) {
    const state = series.state;
    const settings = state.settings(series);
    // Issue 11 (density helper): error bars under the points; with density="on" or cluster="grid"
    // a density map or clusters of ALL the points (GPU-resident, binned per frame) replace the markers.
    const xs = state.xs(series.store, settings);
    pushScatterErrorBars(series, target, xs, () => new RangeCache());
    const radius = (settings.markerSize * series.pixelRatio) / 2;
    if (pushDensityOrClusters(series, target, xs, series.store.column(series.spec.column), series.store.length, { xColumn: settings.x ?? '', colormap: series.spec.colormap, markerRadius: radius })) return;
    const transform = state.build(series, settings, target);
    const layer: MarkersLayer = {
      kind: 'markers',
      id: series.spec.id,
      data: state.data,
      count: state.count,
      shape: settings.marker,
      transform: [transform[0], transform[1], transform[2], transform[3]],
      dataKey: state.dataKey,
      pane: target.pane,
    };
    target.layers.push(layer);
    target.lod.visiblePoints += state.count;
    target.lod.drawnPoints += state.count;
    // Colour by a column through a colormap: the overlay shows its colour bar (categories have none).
    if (settings.colorBy && settings.colormap && !settings.categorical) {
      const e = state.dataExtent(series, settings, isLog(target.xScale as AnyScale), isLog(target.yScale as AnyScale));
      if (e.maxC >= e.minC) {
        const title = `${series.spec.name}: ${settings.colorBy}`;
        target.colorBars?.push({ id: series.spec.id, title, colormap: settings.colormap.name, lut: settings.colormap.lut, min: e.minC, max: e.maxC, scale: 'linear' });
      }
    }
  },
  nearest(series, px, py, target): NearestHit | null {
    const state = series.state;
    const settings = state.settings(series);
    const xScale = target.xScale as AnyScale;
    const yScale = target.yScale as AnyScale;
    const xLog = isLog(xScale);
    const yLog = isLog(yScale);
    const grid = state.pointGrid(series, settings, xLog, yLog);
    const t = state.build(series, settings, target);
    const e = state.extent;
    const ratio = series.pixelRatio;
    const radius = (Math.max(settings.markerSize, e.maxSize > 0 ? Math.min(e.maxSize, MAX_MARKER_SIZE) : 0) / 2 + HIT_SLACK_CSS) * ratio;
    const qx = toU(xScale.fromPixel(px), xLog);
    const qy = toU(yScale.fromPixel(py), yLog);
    const index = grid.nearest(qx, qy, t[0], t[2], radius);
    if (index < 0) return null;
    const x = xScale.toPixel(state.xs(series.store, settings)[index]!);
    const y = yScale.toPixel(series.store.column(series.spec.column)[index]!);
    return { index, distance: Math.hypot(x - px, y - py), x, y };
  },
  tooltip(series, index, out: SeriesValue[]) {
    const { spec, store } = series;
    const state = series.state;
    const settings = state.settings(series);
    const packed = state.colorOf(series, settings, index);
    const color: Rgba = [(packed & 0xff) / 255, ((packed >>> 8) & 0xff) / 255, ((packed >>> 16) & 0xff) / 255, (packed >>> 24) / 255];
    const row = (id: string, name: string, value: number): void => {
      out.push({ id, name, color, value, index });
    };
    row(spec.id, spec.name, store.column(spec.column)[index]!);
    row(`${spec.id}:x`, settings.x ?? 'x', state.xs(store, settings)[index]!);
    if (settings.size) row(`${spec.id}:size`, settings.size, store.column(settings.size)[index]!);
    if (settings.colorBy) row(`${spec.id}:color`, settings.colorBy, store.column(settings.colorBy)[index]!);
  },
  legendValue(series, index) {
    return series.store.column(series.spec.column)[index]!;
  },
};
