import { registerLazySeriesType, registerSeriesType } from '../series/registry.js';
import type * as ThreeDChunk from './three-d-chunk.js';

/** The lazily loaded 3D code (core/three-d-chunk.ts). */
export type ThreeD = typeof ThreeDChunk;

/** The series types whose modules live in the 3D chunk. */
export const THREE_D_TYPES = ['surface', 'points3d', 'bars3d'] as const;

let loaded: ThreeD | null = null;
let loading: Promise<ThreeD> | null = null;

/**
 * 3D charts are a lazy chunk (issue 14.7): the camera maths, the 3D view, the mesh builders and
 * their renderer kinds are a fifth of the bundle, and most pages draw no 3D chart. The first
 * series of a 3D type loads it (the registry's lazy types, below); until then this is null, and
 * the chart model is not in 3D mode (it draws nothing of such a series, then redraws).
 */
export function threeD(): ThreeD | null {
  return loaded;
}

/** Loads the 3D code (once; later calls get the same promise); all three 3D types are registered with it. */
export function loadThreeD(): Promise<ThreeD> {
  loading ??= import('./three-d-chunk.js').then((module) => {
    loaded = module;
    for (const type of THREE_D_TYPES) registerSeriesType(module.THREE_D_SERIES[type]);
    return module;
  });
  return loading;
}

// DOM-free users (Node, gpu-charts/core) get the types through this loader; the chart element
// registers its own (elements/three-d-runtime.ts), which also loads the renderers' 3D kinds.
for (const type of THREE_D_TYPES) registerLazySeriesType(type, () => loadThreeD().then((module) => module.THREE_D_SERIES[type]));
