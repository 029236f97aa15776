import pointsWgsl from '../../../../shaders/points3d.wgsl';
import type { Points3dLayer } from '../../../core/scene/layers-3d.js';
import { instancedKind } from './instanced-3d.js';
import { writeViewProj } from './three-kind.js';

/** Point clouds (shaders/points3d.wgsl): one screen-facing disc per point, six vertices each. */
export const points3dKind = instancedKind<Points3dLayer>({
  name: 'points3d',
  source: pointsWgsl,
  verticesPerInstance: 6,
  writeCamera: (floats, layer, rect, scene) => writeViewProj(floats, 0, layer.camera, rect, scene),
  writeExtra(floats, _layer, scene) {
    floats[16] = scene.width;
    floats[17] = scene.height;
  },
});
