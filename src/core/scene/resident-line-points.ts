import { GAP_Y, type LineLayer, type ResidentLineLayer } from './frame-scene.js';

const NO_ROW = 0xffffffff;

/**
 * The polyline shaders/m4.wgsl writes for a ResidentLineLayer, computed on the CPU with the same
 * f32 values and rules: what Canvas2D (and export) draw if such a layer ever reaches them, and the
 * reference the GPU's output is tested against. O(rows in the window): the GPU path exists
 * because this scan is too slow for 100M rows per frame.
 */
export function residentLinePoints(layer: ResidentLineLayer): { points: Float32Array; count: number } {
  const { bounds, columns, columnWidth, ay, by } = layer;
  const { values, origin } = layer.column;
  const f32 = (row: number): number => Math.fround(values[row]! - origin);
  const out = new Float32Array((columns * 4 + 2) * 2);
  let n = 0;
  const push = (x: number, y: number): void => {
    out[n * 2] = x;
    out[n * 2 + 1] = y;
    n++;
  };
  const pushRow = (x: number, row: number): void => push(x, row === NO_ROW ? GAP_Y : Math.fround(ay * f32(row) + by));
  if (layer.before) push(layer.before[0], layer.before[1]);
  const quad: number[] = [];
  for (let c = 0; c < columns; c++) {
    const a = bounds[c]!;
    const b = bounds[c + 1]!;
    if (b <= a) continue;
    const x = Math.fround((c + 0.5) * columnWidth);
    if (b - a <= 4) {
      for (let row = a; row < b; row++) pushRow(x, Number.isNaN(values[row]) ? NO_ROW : row);
      continue;
    }
    let lo = 0;
    let loRow = NO_ROW;
    let hi = 0;
    let hiRow = NO_ROW;
    for (let row = a; row < b; row++) {
      const v = f32(row);
      if (v !== v) continue;
      if (loRow === NO_ROW || v < lo) { lo = v; loRow = row; }
      if (hiRow === NO_ROW || v > hi) { hi = v; hiRow = row; }
    }
    if (loRow === NO_ROW) {
      pushRow(x, NO_ROW);
      continue;
    }
    quad.length = 0;
    if (!Number.isNaN(values[a])) quad.push(a);
    quad.push(loRow, hiRow);
    if (!Number.isNaN(values[b - 1])) quad.push(b - 1);
    quad.sort((p, q) => p - q);
    for (let k = 0; k < quad.length; k++) if (k === 0 || quad[k] !== quad[k - 1]) pushRow(x, quad[k]!);
  }
  if (layer.after) push(layer.after[0], layer.after[1]);
  return { points: out, count: n };
}

/** The same line as a plain LineLayer (for renderers that draw polylines from the CPU). */
export function residentLineAsLine(layer: ResidentLineLayer): LineLayer {
  const { points, count } = residentLinePoints(layer);
  return { kind: 'line', id: layer.id, points, count, color: layer.color, width: layer.width, pane: layer.pane };
}
