import type { SceneLayer } from '../../core/scene/frame-scene.js';
import type { SvgLayerWriter } from './svg-layer.js';

/**
 * 3D layers (surface, points, bars, the axes box) are not exported as vectors: a camera projection
 * with hidden-surface removal has no faithful SVG form short of sorting every face. Asking for it
 * fails with a clear message instead of leaving the series out of the file; `toBlob()` exports the
 * 3D picture.
 */
export const threeDSvg: SvgLayerWriter<Extract<SceneLayer, { kind: 'surface3d' | 'points3d' | 'bars3d' | 'lines3d' }>> = (layer) => {
  throw new Error(`SVG export does not cover 3D charts (layer "${layer.id}" of kind ${layer.kind}): use toBlob('image/png') for a picture of them`);
};
