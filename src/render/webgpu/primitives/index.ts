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
/** Layer kinds whose primitives live in a lazy chunk (3D), registered by registerPrimitiveKinds when it loads. */
export type LateKind = 'surface3d' | 'points3d' | 'bars3d' | 'lines3d';
type KindTable<K extends SceneLayer['kind']> = { [P in K]: PrimitiveKind<Extract<SceneLayer, { kind: P }>> };

export const PRIMITIVE_KINDS: KindTable<Exclude<SceneLayer['kind'], LateKind>> & Partial<KindTable<LateKind>> = {
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
};

/** The kinds in table order (late ones appended); a kind's index here numbers its slots. */
export const PRIMITIVE_KIND_LIST: PrimitiveKind[] = Object.values(PRIMITIVE_KINDS) as PrimitiveKind[];

/** The primitive of a layer kind, or undefined while its chunk has not loaded. */
export function primitiveKind(kind: SceneLayer['kind']): PrimitiveKind | undefined {
  return (PRIMITIVE_KINDS as Partial<Record<SceneLayer['kind'], PrimitiveKind>>)[kind];
}

/**
 * Adds the kinds of a lazy chunk (3D). Renderers made before take them up at their next frame
 * (bind group layout, pipeline, slots: WebGpuRenderer.adoptLateKinds); until then such layers
 * are skipped. A kind already there is kept.
 */
export function registerPrimitiveKinds(kinds: KindTable<LateKind>): void {
  for (const [name, kind] of Object.entries(kinds) as [LateKind, PrimitiveKind][]) {
    if (primitiveKind(name)) continue;
    (PRIMITIVE_KINDS as Partial<Record<SceneLayer['kind'], PrimitiveKind>>)[name] = kind;
    PRIMITIVE_KIND_LIST.push(kind);
  }
}

export type { PipelineKind, PrimitiveKind, ShaderName } from './primitive-kind.js';
