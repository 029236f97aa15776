import type { CameraMatrices } from '../../core/three/camera.js';
import type { Grid3d, Points3d } from '../../core/three/data-3d.js';
import type { Layer3dCamera } from '../../core/scene/layers-3d.js';
import type { Pick3dHit } from '../../core/three/pick.js';
import type { Bounds3, WorldMap } from '../../core/three/world.js';
import type { PlotRect, Rgba, SceneLayer } from '../../core/scene/frame-scene.js';
import type { Theme } from '../../core/theme.js';
import type { ColorBar, LodSummary } from './frame-parts.js';
import type { SeriesSpec } from './series-spec.js';

/** One 3D series as its module sees it (refilled per series, like SeriesContext). */
export interface Series3dContext<State = unknown> {
  spec: SeriesSpec;
  color: Rgba;
  state: State;
  theme: Theme;
  pixelRatio: number;
  /** The chart's grid (surface, bars3d) or point columns (points3d), whichever it holds. */
  grid: Grid3d | null;
  points: Points3d | null;
}

/** Where a 3D series draws in one frame. */
export interface Draw3dTarget {
  pane: PlotRect;
  /** Data → world (the box). */
  map: WorldMap;
  camera: Layer3dCamera;
  matrices: CameraMatrices;
  layers: SceneLayer[];
  colorBars: ColorBar[];
  lod: LodSummary;
  /** 'off': draw every vertex (the chart's `lod`); 'auto': a level of detail bounded by the pane's pixels. */
  detail: 'auto' | 'off';
  /** The camera is moving (a drag, wheel, keys, setCamera in the last moments): draw the reduced level of detail. */
  moving: boolean;
}

/** Where a 3D series is picked: the last frame's pane, map and camera. */
export interface Pick3dTarget {
  pane: PlotRect;
  map: WorldMap;
  matrices: CameraMatrices;
  /** Hit radius, device px. */
  radius: number;
}

/** The x, y, z of a picked element, and other values worth showing (a colour column). */
export interface Values3d {
  x: number;
  y: number;
  z: number;
  extra: [string, number][];
}

/**
 * What a series type drawn in 3D adds to its SeriesModule (`three`). A chart whose type has it is
 * in 3D mode: no time axis, an orbit camera, these methods instead of draw / extent / nearest.
 */
export interface Series3d<State = unknown> {
  /** The data it draws: the chart's grid or its point columns. */
  readonly data: 'grid' | 'points';
  /** Widens `out` by the data ranges the series covers. */
  bounds(series: Series3dContext<State>, out: Bounds3): void;
  /** Pushes the series' 3D layers (and colour bars). */
  draw(series: Series3dContext<State>, target: Draw3dTarget): void;
  /** The element (grid vertex / point / bar) nearest the pointer at pane px (px, py), or null. */
  pick(series: Series3dContext<State>, px: number, py: number, target: Pick3dTarget): Pick3dHit | null;
  values(series: Series3dContext<State>, index: number): Values3d;
}
