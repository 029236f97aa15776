import barsWgsl from '../../../../shaders/bars3d.wgsl';
import type { Bars3dLayer } from '../../../core/scene/layers-3d.js';
import { instancedKind } from './instanced-3d.js';
import { writeLight, writeViewProj } from './three-kind.js';

/** 3D bars (shaders/bars3d.wgsl): one box per bar, 36 vertices each, lit per face. */
export const bars3dKind = instancedKind<Bars3dLayer>({
  name: 'bars3d',
  source: barsWgsl,
  verticesPerInstance: 36,
  writeCamera: (floats, layer, rect, scene) => writeViewProj(floats, 0, layer.camera, rect, scene),
  writeExtra(floats, layer) {
    writeLight(floats, 16, layer.camera);
    floats[20] = layer.halfWidth[0];
    floats[21] = layer.halfWidth[1];
  },
});
