import { M4Decimator } from '../../data/lod/m4.js';
import type { PyramidSource } from '../../data/lod/minmax-pyramid.js';
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
  /** What the last decimation was of (see `build`'s `version`): the same data and window reuse it. */
  private lastKey = '';
  private lastResult: ReturnType<M4Decimator['decimate']> | null = null;
  private lastBuffer: ArrayBufferLike | null = null;
  private lastOffset = -1;
  private lastPyramid: PyramidSource | null = null;

  /**
   * Decimates and converts; returns what LOD did (the caller decides what it counts). With the
   * data's `version` (SeriesStore.version: it changes with every change of the data), a frame
   * with the same data, x window and width as the previous one — only the y range or the styling
   * changed — reuses the previous decimation and only converts its points to pixels again.
   */
  build(time: Float64Array, values: Float64Array, length: number, pyramid: PyramidSource, start: number, end: number, target: DrawTarget, version?: number) {
    const { pane, xScale, yScale, lodColumns } = target;
    const log = xScale.kind === 'log';
    const key = version === undefined ? '' : `${version}|${length}|${start}|${end}|${lodColumns}|${log}`;
    // The same column too: its buffer, where the view starts, and its pyramid.
    const reuse = key !== '' && key === this.lastKey && this.lastResult !== null && values.buffer === this.lastBuffer && values.byteOffset === this.lastOffset && pyramid === this.lastPyramid;
    const result = reuse ? this.lastResult! : this.decimator.decimate(time, values, length, pyramid, start, end, lodColumns, log);
    this.lastKey = key;
    this.lastResult = key ? result : null;
    this.lastBuffer = values.buffer;
    this.lastOffset = values.byteOffset;
    this.lastPyramid = pyramid;
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
