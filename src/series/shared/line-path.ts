import { M4Decimator } from '../../data/lod/m4.js';
import type { MinMaxPyramid } from '../../data/lod/minmax-pyramid.js';
import type { Rgba, SceneLayer } from '../../core/scene/frame-scene.js';
import type { DrawTarget } from '../series-type.js';
import { indicesToPoints } from './series-points.js';

/**
 * A value column as polyline points in pane pixels, through M4 level of detail: the decimator and
 * the points array are kept and grown, never reallocated frame after frame.
 */
export class LinePath {
  private readonly decimator = new M4Decimator();
  points = new Float32Array(4096);
  count = 0;
  /** The data indices behind the points (valid until the next `build`). */
  indices: Uint32Array = new Uint32Array(0);
  indexCount = 0;

  /** Decimates and converts; returns what LOD did (the caller decides what it counts). */
  build(time: Float64Array, values: Float64Array, length: number, pyramid: MinMaxPyramid, start: number, end: number, target: DrawTarget) {
    const { pane, xScale, yScale, lodColumns } = target;
    const result = this.decimator.decimate(time, values, length, pyramid, start, end, lodColumns, xScale.kind === 'log');
    if (this.points.length < result.count * 2) this.points = new Float32Array(Math.max(result.count * 2, this.points.length * 2));
    this.count = indicesToPoints(result.indices, result.columns, result.count, time, values, xScale, yScale, pane.width, this.points, pane.width / lodColumns);
    this.indices = result.indices;
    this.indexCount = result.count;
    return result;
  }

  /** The polyline layer of the last `build`. */
  layer(id: string, color: Rgba, width: number, target: DrawTarget): SceneLayer {
    return { kind: 'line', id, points: this.points, count: this.count, color, width, pane: target.pane };
  }
}
