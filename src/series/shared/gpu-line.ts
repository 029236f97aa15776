import { columnBounds, lastFilledColumn } from '../../data/lod/column-bounds.js';
import type { SeriesStore } from '../../data/series-store.js';
import { GAP_Y, type ResidentColumn } from '../../core/scene/frame-scene.js';
import type { DrawTarget, SeriesContext } from '../series-type.js';
import type { GpuLineState, LineState } from './line-draw.js';

/** Points this far outside the plot are pulled in along their segment (as indicesToPoints). */
const CLIP_MARGIN_PX = 4;

function firstFinite(values: Float64Array, length: number): number {
  for (let i = 0; i < length; i++) if (Number.isFinite(values[i])) return values[i]!;
  return 0;
}

/** The resident column of this frame: the same key while the store only grew by appends. */
function residentColumn(state: LineState, store: SeriesStore, name: string): GpuLineState {
  const values = store.column(name);
  const length = store.length;
  const firstTime = length > 0 ? store.time[0]! : NaN;
  const previous = state.gpu;
  if (previous && previous.store === store && previous.columnName === name && length >= previous.rows && Object.is(firstTime, previous.firstTime)) {
    const column = previous.column;
    if (column.version !== store.version) {
      // An append may have replaced the last row in place ("update the last bar"): from there.
      column.appendedFrom = Math.max(0, previous.rows - 1);
      column.version = store.version;
    }
    column.values = values;
    column.length = length;
    previous.rows = length;
    return previous;
  }
  const column: ResidentColumn = { key: {}, values, length, version: store.version, appendedFrom: -1, origin: firstFinite(values, length) };
  state.gpu = { column, store, columnName: name, rows: length, firstTime, bounds: previous?.bounds ?? new Uint32Array(0) };
  return state.gpu;
}

/**
 * Draws a line series with GPU level of detail (ResidentLineLayer) when the renderer offers it,
 * the value scale is linear and the window holds more than four rows per pixel column; returns
 * false to leave the series to the CPU path (M4 over the min/max pyramid). The CPU's share here
 * is the column bounds (binary searches over the float64 times) and the two neighbour points,
 * computed exactly as indicesToPoints does.
 */
export function pushGpuLine(series: SeriesContext<LineState>, target: DrawTarget): boolean {
  const gpu = target.gpuLod;
  const { store, spec } = series;
  const length = store.length;
  if (!gpu || length < gpu.minRows || length > gpu.maxRows) return false;
  if (target.yScale.kind !== 'linear' || !Number.isFinite(target.lodColumns)) return false;
  const state = series.state;
  const time = store.time;
  const { xScale, yScale, pane, lodColumns } = target;
  const window = columnBounds(time, length, series.start, series.end, lodColumns, xScale.kind === 'log', state.gpu?.bounds);
  if (window.end - window.start <= window.columns * 4) return false;
  const gpuState = residentColumn(state, store, spec.column);
  gpuState.bounds = window.bounds;
  const values = gpuState.column.values;
  const origin = gpuState.column.origin;
  const columnWidth = pane.width / lodColumns;
  const { bounds, columns } = window;

  const y0 = yScale.toPixel(origin);
  const ay = yScale.toPixel(origin + 1) - y0;
  const pixelY = (row: number): number => {
    const y = yScale.toPixel(values[row]!);
    return y === y ? y : GAP_Y;
  };

  let before: [number, number] | null = null;
  if (window.hasBefore) {
    let x = xScale.toPixel(time[window.start]!);
    let y = pixelY(window.start);
    if (x !== x) [x, y] = [0, GAP_Y];
    // The successor is the first column's first row when that row is drawn (finite).
    const next = bounds[0]!;
    if (y !== GAP_Y && x < -CLIP_MARGIN_PX && Number.isFinite(values[next])) {
      const nx = xScale.toPixel(time[next]!);
      const ny = yScale.toPixel(values[next]!);
      if (ny === ny && nx > -CLIP_MARGIN_PX) {
        y = y + ((ny - y) * (-CLIP_MARGIN_PX - x)) / (nx - x);
        x = -CLIP_MARGIN_PX;
      }
    }
    before = [x, y];
  }

  let after: [number, number] | null = null;
  if (window.hasAfter) {
    const row = window.end - 1;
    let x = xScale.toPixel(time[row]!);
    let y = pixelY(row);
    if (x !== x) [x, y] = [0, GAP_Y];
    // The predecessor is the last filled column's last row, drawn at that column's centre.
    const last = lastFilledColumn(window);
    const right = pane.width + CLIP_MARGIN_PX;
    if (last >= 0 && y !== GAP_Y && x > right) {
      const previousRow = bounds[last + 1]! - 1;
      const previousX = (last + 0.5) * columnWidth;
      const previousY = yScale.toPixel(values[previousRow]!);
      if (Number.isFinite(previousY) && previousX < right) {
        y = previousY + ((y - previousY) * (right - previousX)) / (x - previousX);
        x = right;
      }
    }
    after = [x, y];
  }

  // At most four points per column (the exact number is only known on the GPU).
  let drawn = (before ? 1 : 0) + (after ? 1 : 0);
  for (let c = 0; c < columns; c++) drawn += Math.min(4, bounds[c + 1]! - bounds[c]!);
  target.layers.push({
    kind: 'resident-line',
    id: spec.id,
    column: gpuState.column,
    bounds,
    columns,
    columnWidth,
    ay,
    by: y0,
    before,
    after,
    count: drawn,
    color: series.color,
    width: spec.lineWidth * series.pixelRatio,
    pane,
  });
  target.lod.visiblePoints += window.inside;
  target.lod.drawnPoints += drawn;
  target.lod.mode = 'm4';
  return true;
}
