// The element side of 3D charts, in the 3D lazy chunk with core/three-d-chunk.ts: the renderers'
// 3D kinds (WebGPU meshes and instanced points/bars with their shaders; the Canvas2D 2.5D
// fallback) and the orbit controller. Importing it registers the kinds with both renderers.
import { registerDrawPrimitives } from '../render/canvas2d/canvas2d-renderer.js';
import { drawBars3d, drawLines3d, drawPoints3d, drawSurface3d } from '../render/canvas2d/primitives/three-d.js';
import { registerPrimitiveKinds } from '../render/webgpu/primitives/index.js';
import { THREE_D_KINDS } from '../render/webgpu/primitives/three-d-kinds.js';

export { ChartOrbit } from './gpu-chart/chart-orbit.js';

registerPrimitiveKinds(THREE_D_KINDS);
registerDrawPrimitives({ surface3d: drawSurface3d, points3d: drawPoints3d, bars3d: drawBars3d, lines3d: drawLines3d });
