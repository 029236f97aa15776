import type { DrawTarget, SeriesContext } from '../series-type.js';
import { LinePath } from './line-path.js';
import type { ResidentColumn } from '../../core/scene/frame-scene.js';
import type { SeriesStore } from '../../data/series-store.js';

/** The state of the types drawn as one line through a value column (line, area, baseline). */
export interface LineState {
  path: LinePath;
  /** GPU level of detail's per-series state (line series only; created on first use). */
  gpu?: GpuLineState;
}

/** What a line series keeps between frames for GPU level of detail. */
export interface GpuLineState {
  /** The resident copy's identity: one per store and column (a new one re-uploads everything). */
  column: ResidentColumn;
  store: SeriesStore;
  columnName: string;
  /** The store's length and first time at the last frame: a longer store with the same first time grew by appends. */
  rows: number;
  firstTime: number;
  bounds: Uint32Array;
}

export function createLineState(): LineState {
  return { path: new LinePath() };
}

/** Builds a series' line path and counts it in the frame's LOD summary; returns the path. */
export function buildSeriesPath(series: SeriesContext<LineState>, target: DrawTarget): LinePath {
  const { store, spec, state } = series;
  // The store's version lets a frame that changes only the y range reuse the decimation.
  const result = state.path.build(store.time, store.column(spec.column), store.length, store.lazyPyramid(spec.column), series.start, series.end, target, store.version);
  target.lod.visiblePoints += result.visiblePoints;
  target.lod.drawnPoints += state.path.count;
  if (result.mode === 'm4') target.lod.mode = 'm4';
  return state.path;
}

/** The series' line layer over what `buildSeriesPath` built. */
export function pushSeriesLine(series: SeriesContext<LineState>, target: DrawTarget): void {
  target.layers.push(series.state.path.layer(series.spec.id, series.color, series.spec.lineWidth * series.pixelRatio, target));
}
