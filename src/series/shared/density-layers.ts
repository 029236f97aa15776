import { resolveColormap, type ColormapSpec } from '../../core/colormap/index.js';
import type { ClusterLayer, DensityLayer, PointTransform, Rgba } from '../../core/scene/frame-scene.js';
import type { SeriesStore } from '../../data/series-store.js';
import type { DrawTarget, SeriesContext } from '../series-type.js';

/**
 * Scatter points as the GPU keeps them for density maps and clusters: (u, v) f32 pairs in data
 * space, u = x (or log10 x on a log axis), relative to an origin (the first valid point) so that
 * f32 keeps the precision of large values (epoch milliseconds). Rebuilt only when the data
 * version, the columns or the axis kinds change: `version` then changes and the renderer uploads
 * the points again; otherwise a frame only computes a new `transform`.
 *
 * A point with a NaN coordinate (or ≤ 0 on a log axis) is stored far outside every pane
 * (u = 1e30), never as NaN: shader compilers may assume NaN never happens.
 */
export class DataSpacePoints {
  points = new Float32Array(0);
  count = 0;
  version = 0;
  private key = '';
  private store: SeriesStore | null = null;
  private storeVersion = -1;
  /** Data-space origin subtracted before the f32 conversion. */
  originU = 0;
  originV = 0;

  /** Makes sure the points match the data; returns whether they were rebuilt. */
  update(store: SeriesStore, xs: ArrayLike<number>, ys: ArrayLike<number>, n: number, xLog: boolean, yLog: boolean, key: string): boolean {
    const fullKey = `${key}|${xLog}|${yLog}`;
    if (this.store === store && this.storeVersion === store.version && this.key === fullKey && this.count === n) return false;
    this.store = store;
    this.storeVersion = store.version;
    this.key = fullKey;
    if (this.points.length < n * 2) this.points = new Float32Array(Math.max(n * 2, 256));
    const toU = (v: number, log: boolean): number => (log ? (v > 0 ? Math.log10(v) : NaN) : v);
    let first = 0;
    while (first < n && !(Number.isFinite(toU(xs[first]!, xLog)) && Number.isFinite(toU(ys[first]!, yLog)))) first++;
    this.originU = first < n ? toU(xs[first]!, xLog) : 0;
    this.originV = first < n ? toU(ys[first]!, yLog) : 0;
    const p = this.points;
    for (let i = 0; i < n; i++) {
      const u = toU(xs[i]!, xLog) - this.originU;
      const v = toU(ys[i]!, yLog) - this.originV;
      const ok = Number.isFinite(u) && Number.isFinite(v);
      p[i * 2] = ok ? u : FAR;
      p[i * 2 + 1] = ok ? v : FAR;
    }
    this.count = n;
    this.version++;
    return true;
  }

  /**
   * The f32 map from the stored (u, v) to pane px for this frame, from two toPixel() evaluations
   * per axis (the scales stay the authority; log axes are linear in u = log10 value).
   */
  transform(xScale: { toPixel(v: number): number }, yScale: { toPixel(v: number): number }, xLog: boolean, yLog: boolean, span: [number, number]): PointTransform {
    const axis = (scale: { toPixel(v: number): number }, origin: number, log: boolean, d: number): [number, number] => {
      const from = (u: number): number => (log ? 10 ** u : u);
      const step = d > 0 && Number.isFinite(d) ? d : 1;
      const p0 = scale.toPixel(from(origin));
      const p1 = scale.toPixel(from(origin + step));
      return [(p1 - p0) / step, p0];
    };
    const [ax, bx] = axis(xScale, this.originU, xLog, span[0]);
    const [ay, by] = axis(yScale, this.originV, yLog, span[1]);
    return [Math.fround(ax), Math.fround(bx), Math.fround(ay), Math.fround(by)];
  }
}

const FAR = 1e30;

const luts = new Map<string, Uint8Array>();

/**
 * The lookup table of a density map's colormap (a name, or custom stops; default viridis),
 * resolved once per distinct spec: the same array each frame, so the GPU copy is not rewritten.
 */
export function densityLut(spec: ColormapSpec | undefined): Uint8Array {
  const key = typeof spec === 'string' ? spec : spec ? JSON.stringify(spec) : 'viridis';
  let lut = luts.get(key);
  if (!lut) {
    lut = resolveColormap(spec ?? 'viridis').lut;
    luts.set(key, lut);
  }
  return lut;
}

/** CSS px of one cluster cell side. */
export const CLUSTER_CELL_CSS = 40;

/** The density layer of a scatter series (one cell per CSS pixel). */
export function densityLayer(id: string, points: DataSpacePoints, transform: PointTransform, colormap: Uint8Array, scale: 'log' | 'linear', target: DrawTarget, pixelRatio: number): DensityLayer {
  return { kind: 'density', id, points: points.points, count: points.count, version: points.version, transform, cellSize: Math.max(1, Math.round(pixelRatio)), colormap, scale, pane: target.pane };
}

/** The cluster layer of a scatter series: 40-CSS-px cells, discs from the marker size up. */
export function clusterLayer(id: string, points: DataSpacePoints, transform: PointTransform, color: Rgba, markerRadius: number, target: DrawTarget, pixelRatio: number): ClusterLayer {
  const cell = CLUSTER_CELL_CSS * pixelRatio;
  return {
    kind: 'cluster',
    id,
    points: points.points,
    count: points.count,
    version: points.version,
    transform,
    cellSize: cell,
    color,
    pointRadius: markerRadius,
    // 2 points: 4 CSS px; each doubling +1 px: 1,000 points ≈ 13 px, 100,000 ≈ 20 px (half a cell).
    minRadius: Math.max(markerRadius + pixelRatio, 4 * pixelRatio),
    radiusStep: pixelRatio,
    pane: target.pane,
  };
}

/** Each scatter series' data-space points, kept beside its state (the scatter module's state is its own). */
const dataSpace = new WeakMap<object, DataSpacePoints>();

/**
 * For a scatter series with `density: 'on'` or `cluster: 'grid'`: pushes its density or cluster
 * layer (built from ALL its points, kept on the GPU in data space) and returns true, so that the
 * scatter module draws no markers; false otherwise. `xs`/`ys` are the series' x and y columns
 * (`n` rows), `colormap` its colormap spec, `markerRadius` its marker radius in device px.
 */
export function pushDensityOrClusters(
  series: SeriesContext<object>,
  target: DrawTarget,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  n: number,
  options: { xColumn: string; colormap?: ColormapSpec; markerRadius: number },
): boolean {
  const { spec } = series;
  const density = spec.density === 'on';
  const cluster = !density && spec.cluster === 'grid';
  if (!density && !cluster) return false;
  let points = dataSpace.get(series.state);
  if (!points) dataSpace.set(series.state, (points = new DataSpacePoints()));
  const xScale = target.xScale as DrawTarget['xScale'] & { kind?: string };
  const xLog = xScale.kind === 'log';
  const yLog = target.yScale.kind === 'log';
  points.update(series.store, xs, ys, n, xLog, yLog, `${options.xColumn}|${spec.column}`);
  // The span of the pane in data units sets the step of the two toPixel() evaluations.
  const span = (scale: { fromPixel(px: number): number }, size: number, log: boolean): number => {
    const a = scale.fromPixel(0);
    const b = scale.fromPixel(size);
    return Math.abs(log ? Math.log10(b) - Math.log10(a) : b - a);
  };
  const { pane } = target;
  const transform = points.transform(target.xScale, target.yScale, xLog, yLog, [span(target.xScale, pane.width, xLog), span(target.yScale, pane.height, yLog)]);
  const ratio = series.pixelRatio;
  target.lod.visiblePoints += points.count;
  target.lod.drawnPoints += points.count;
  if (density) target.layers.push(densityLayer(`${spec.id}:density`, points, transform, densityLut(options.colormap), spec.densityScale ?? 'log', target, ratio));
  else target.layers.push(clusterLayer(`${spec.id}:clusters`, points, transform, series.color, options.markerRadius, target, ratio));
  return true;
}
