// The DOM-free part of 3D charts, loaded as one lazy chunk (core/three-d-lazy.ts): the 3D series
// types, the view that builds their frames, and the checks of 3D data. Nothing here is imported
// statically by the chart: pages without a 3D chart never download it.
import { bars3dSeries } from '../series/bars3d/index.js';
import { points3dSeries } from '../series/points3d/index.js';
import { surfaceSeries } from '../series/surface/index.js';
import type { SeriesModule } from '../series/series-type.js';

export { ThreeView } from './three/three-view.js';
export { appendGrid3d, appendPoints3d, parseGrid3d, parsePoints3d } from './three/data-3d.js';
export { parseData3dText } from './three/data-3d-text.js';
export { CAMERA_BOUNDS, DEFAULT_CAMERA, cloneCamera, validateCamera } from './three/camera.js';

/** The 3D series modules by type. */
export const THREE_D_SERIES: Readonly<Record<'surface' | 'points3d' | 'bars3d', SeriesModule<any>>> = {
  surface: surfaceSeries,
  points3d: points3dSeries,
  bars3d: bars3dSeries,
};
