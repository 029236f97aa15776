import type { SceneLayer } from '../../../core/scene/frame-scene.js';
import { areaKind } from './area.js';
import { gridKind } from './grid.js';
import { markersKind } from './markers.js';
import { bandKind } from './band.js';
import { clusterKind } from './cluster.js';
import { densityKind } from './density.js';
import { polylineKind } from './polyline.js';
import type { PrimitiveKind } from './primitive-kind.js';
import { rectsKind } from './rects.js';
import { residentLineKind } from './resident-line.js';
import { segmentsKind } from './segments.js';
import { bars3dKind } from './bars3d.js';
import { lines3dKind } from './lines3d.js';
import { points3dKind } from './points3d.js';
import { surface3dKind } from './surface3d.js';

/**
 * The primitive kinds the WebGPU renderer draws, by scene layer kind.
 *
 * Adding a kind (instanced markers, a textured heatmap grid, a triangle mesh) is: a new layer type
 * in core/scene/frame-scene.ts, a module here implementing PrimitiveKind (its shader, bind group
 * layout, bytes per element of each storage buffer, params, vertex and instance counts), and one
 * entry in this table. The generic path (layer-buffers.ts, the renderer's draw loop) reads only
 * the PrimitiveKind interface: markers give instanceCount > 1; a kind whose pipeline needs other
 * pipeline state (depth testing for 3D) sets it in its own createPipeline. Textures (the heatmap
 * grid) come through the optional `createResources`: per-slot resources bound after the storage
 * buffers, rebound only when they change. A depth attachment for the pass would be the next
 * feature that needs PrimitiveKind to grow a field.
 */
export const PRIMITIVE_KINDS: { readonly [K in SceneLayer['kind']]: PrimitiveKind<Extract<SceneLayer, { kind: K }>> } = {
  line: polylineKind,
  area: areaKind,
  segments: segmentsKind,
  rects: rectsKind,
  grid: gridKind,
  markers: markersKind,
  band: bandKind,
  density: densityKind,
  cluster: clusterKind,
  'resident-line': residentLineKind,
  surface3d: surface3dKind,
  points3d: points3dKind,
  bars3d: bars3dKind,
  lines3d: lines3dKind,
};

/** The kinds in table order; a kind's index here numbers its slots. */
export const PRIMITIVE_KIND_LIST: readonly PrimitiveKind[] = Object.values(PRIMITIVE_KINDS) as PrimitiveKind[];

export type { PipelineKind, PrimitiveKind, ShaderName } from './primitive-kind.js';
