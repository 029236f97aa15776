// 3D charts, DOM-free: camera maths, world mapping, axes layout, picking, input checks, layers.
export { BOX_HEIGHT, CAMERA_BOUNDS, DEFAULT_CAMERA, cameraFrame, cameraMatrices, clipToPane, cloneCamera, orbit, pan, validateCamera, viewHalfHeight, zoom } from './camera.js';
export type { Camera, CameraIssue, CameraMatrices } from './camera.js';
export { identity, invert, lookAt, multiply, orthographic, perspective, transformPoint } from './mat4.js';
export type { Mat4, Vec3 } from './mat4.js';
export { BOX, emptyBounds, toData, worldMap } from './world.js';
export type { Bounds3, WorldMap } from './world.js';
export { backFaces, labelEdges, layoutAxes3d } from './axes-3d.js';
export type { Axes3dLayout, Axis3dLabel } from './axes-3d.js';
export { nearestIdPixel, pickNearest, pickStride } from './pick.js';
export type { IdPixel, Pick3dHit } from './pick.js';
export { LEVELS, MOVING_POINTS, pointsToDraw, progressiveOrder, scatterStride } from './points-lod.js';
export type { PointsOrder } from './points-lod.js';
export { LatestOnly } from './latest-only.js';
export { parseGrid3d, parsePoints3d } from './data-3d.js';
export type { Grid3d, Points3d } from './data-3d.js';
export { AMBIENT, BAR3D_STRIDE, POINT3D_STRIDE, shade } from '../scene/layers-3d.js';
export type { Bars3dLayer, Layer3d, Layer3dCamera, Lines3dLayer, Points3dLayer, Surface3dLayer } from '../scene/layers-3d.js';
export { ThreeView } from './three-view.js';
