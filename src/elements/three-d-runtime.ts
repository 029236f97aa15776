import { loadThreeD, THREE_D_TYPES } from '../core/three-d-lazy.js';
import { registerLazySeriesType } from '../series/registry.js';
import type * as Chunk from './three-d-chunk.js';

/** The element side of 3D (renderer kinds, orbit controller), once loaded. */
export type ThreeDElements = typeof Chunk;

let loaded: ThreeDElements | null = null;
let loading: Promise<ThreeDElements> | null = null;

/** The 3D renderer kinds and orbit controller, or null until their chunk has loaded. */
export function threeDElements(): ThreeDElements | null {
  return loaded;
}

/** Loads the element side of 3D (once): its import registers the renderers' 3D kinds. */
export function loadThreeDElements(): Promise<ThreeDElements> {
  loading ??= import('./three-d-chunk.js').then((module) => (loaded = module));
  return loading;
}

// The chart's 3D types load both halves together (one chunk in the CDN build: rollup.config.mjs),
// so that a 3D series is drawable, by either renderer, the moment its type is registered.
for (const type of THREE_D_TYPES) {
  registerLazySeriesType(type, () => Promise.all([loadThreeD(), loadThreeDElements()]).then(([core]) => core.THREE_D_SERIES[type]));
}
