import { bars3dKind } from './bars3d.js';
import { lines3dKind } from './lines3d.js';
import { points3dKind } from './points3d.js';
import { surface3dKind } from './surface3d.js';

/**
 * The 3D primitive kinds, in a lazy chunk with the rest of 3D (elements/three-d-chunk.ts
 * registers them); gpu-charts/webgpu registers them at once for direct users of the renderer.
 */
export const THREE_D_KINDS = { surface3d: surface3dKind, points3d: points3dKind, bars3d: bars3dKind, lines3d: lines3dKind };
