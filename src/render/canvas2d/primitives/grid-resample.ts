import type { GridLayer } from '../../../core/scene/frame-scene.js';
import { catmullRomWeights, cellCoordinate, colorPosition, gridTransform, lutIndex } from '../../../core/scene/grid-sampling.js';

/** The device-pixel rectangle a grid layer covers inside its clip (integers). */
export interface PixelWindow {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Every pixel of `window` sampled like shaders/grid.wgsl (pixel centres, f32 positions), into
 * straight-alpha RGBA. On linear axes a pixel's cell coordinate depends only on its column (u)
 * or row (v), so the taps and weights are worked out once per screen column and once per screen
 * row (log axes too: there u is 10^(…) of the column), and the inner loop only reads values: the
 * same numbers as `sampleGrid`, at a fraction of its cost per pixel.
 */
export function resampleGrid(layer: GridLayer, window: PixelWindow, paneX: number, paneY: number): ImageData {
  const { left, top, width, height } = window;
  const image = new ImageData(width, height);
  const out = new Uint32Array(image.data.buffer);
  const lut32 = new Uint32Array(layer.lut.buffer, layer.lut.byteOffset, 256);
  const { ax, bx, ay, by, cx, dx, cy, dy, logX, logY } = gridTransform(layer, paneX, paneY);
  const f32 = Math.fround;
  const fax = f32(ax);
  const fbx = f32(bx);
  const fay = f32(ay);
  const fby = f32(by);
  const us = new Float64Array(width);
  const vs = new Float64Array(height);
  for (let i = 0; i < width; i++) us[i] = cellCoordinate(f32(f32(f32(left + i + 0.5) * fax) + fbx), logX, cx, dx);
  for (let j = 0; j < height; j++) vs[j] = cellCoordinate(f32(f32(f32(top + j + 0.5) * fay) + fby), logY, cy, dy);
  const { min, max, scale, interpolation } = layer;
  // A linear colour scale inlined (the per-pixel hot path): index = round(clamp((v − min)/(max − min)) × 255),
  // what colorPosition + lutIndex give; a log scale goes through them.
  const span = max - min;
  const colour =
    scale === 'linear'
      ? (value: number): number => {
          if (value - value !== 0) return 0;
          const t = span === 0 ? 0.5 : (value - min) / span;
          return lut32[t <= 0 ? 0 : t >= 1 ? 255 : Math.floor(t * 255 + 0.5)]!;
        }
      : (value: number): number => {
          const t = colorPosition(value, min, max, scale);
          return t === t ? lut32[lutIndex(t)]! : 0;
        };
  const taps = tapTables(layer, us, vs);
  const cubic = interpolation === 'bicubic' ? cubicTables(layer, us, vs) : null;
  const values = layer.source.values;
  for (let j = 0; j < height; j++) {
    const rowNear = taps.rowNear[j]!;
    if (rowNear < 0) continue;
    const row0 = taps.row0[j]!;
    const row1 = taps.row1[j]!;
    const ty = taps.ty[j]!;
    const line = j * width;
    for (let i = 0; i < width; i++) {
      const colNear = taps.colNear[i]!;
      if (colNear < 0) continue;
      const nearest = values[colNear + rowNear]!;
      if (interpolation === 'nearest' || nearest - nearest !== 0) {
        out[line + i] = colour(nearest);
        continue;
      }
      if (cubic) {
        // Catmull-Rom over the 4×4 centres around the pixel; a missing tap falls back to bilinear (as sampleGrid).
        let sum = 0;
        let complete = true;
        for (let b = 0; b < 4 && complete; b++) {
          const rowOffset = cubic.rows[j * 4 + b]!;
          const wy = cubic.wy[j * 4 + b]!;
          for (let a = 0; a < 4; a++) {
            const value = values[cubic.cols[i * 4 + a]! + rowOffset]!;
            if (value - value !== 0) {
              complete = false;
              break;
            }
            sum += cubic.wx[i * 4 + a]! * wy * value;
          }
        }
        if (complete) {
          out[line + i] = colour(sum);
          continue;
        }
      }
      const tx = taps.tx[i]!;
      const col0 = taps.col0[i]!;
      const col1 = taps.col1[i]!;
      // Bilinear between the four cell centres; missing taps are left out and the rest renormalised (as sampleGrid).
      let sum = 0;
      let weight = 0;
      const w00 = (1 - tx) * (1 - ty);
      const w10 = tx * (1 - ty);
      const w01 = (1 - tx) * ty;
      const w11 = tx * ty;
      const v00 = values[col0 + row0]!;
      const v10 = values[col1 + row0]!;
      const v01 = values[col0 + row1]!;
      const v11 = values[col1 + row1]!;
      // (v − v === 0: finite, as !isMissing, inlined.)
      if (w00 > 0 && v00 - v00 === 0) (sum += w00 * v00), (weight += w00);
      if (w10 > 0 && v10 - v10 === 0) (sum += w10 * v10), (weight += w10);
      if (w01 > 0 && v01 - v01 === 0) (sum += w01 * v01), (weight += w01);
      if (w11 > 0 && v11 - v11 === 0) (sum += w11 * v11), (weight += w11);
      out[line + i] = colour(weight > 0 ? sum / weight : nearest);
    }
  }
  return image;
}

/**
 * Per screen column: the array offsets of its nearest cell and of the two bilinear taps (clamped
 * at the edges, ring-mapped), and the weight; per screen row the same. A cell's value is then
 * `values[colOffset + rowOffset]` in either layout (row-major: c + r·width; ring: p·rows + r).
 * -1 marks a pixel outside the grid.
 */
function tapTables(layer: GridLayer, us: Float64Array, vs: Float64Array) {
  const { cols } = layer;
  const rows = layer.source.rows;
  const { columnOffset, rowOffset } = cellOffsets(layer);
  const colNear = new Int32Array(us.length);
  const col0 = new Int32Array(us.length);
  const col1 = new Int32Array(us.length);
  const tx = new Float64Array(us.length);
  us.forEach((u, i) => {
    if (!(u >= 0 && u < cols)) return void (colNear[i] = -1);
    colNear[i] = columnOffset(Math.floor(u));
    const c0 = Math.floor(u - 0.5);
    col0[i] = columnOffset(c0);
    col1[i] = columnOffset(c0 + 1);
    tx[i] = u - 0.5 - c0;
  });
  const rowNear = new Int32Array(vs.length);
  const row0 = new Int32Array(vs.length);
  const row1 = new Int32Array(vs.length);
  const ty = new Float64Array(vs.length);
  vs.forEach((v, j) => {
    if (!(v >= 0 && v < rows)) return void (rowNear[j] = -1);
    rowNear[j] = rowOffset(Math.floor(v));
    const r0 = Math.floor(v - 0.5);
    row0[j] = rowOffset(r0);
    row1[j] = rowOffset(r0 + 1);
    ty[j] = v - 0.5 - r0;
  });
  return { colNear, col0, col1, tx, rowNear, row0, row1, ty };
}

/**
 * Bicubic taps: per screen column the offsets of the four columns around it (edges clamp) and
 * their Catmull-Rom weights; per screen row the same (4 entries each, flattened).
 */
function cubicTables(layer: GridLayer, us: Float64Array, vs: Float64Array) {
  const { columnOffset, rowOffset } = cellOffsets(layer);
  const colsOut = new Int32Array(us.length * 4);
  const wx = new Float64Array(us.length * 4);
  const rowsOut = new Int32Array(vs.length * 4);
  const wy = new Float64Array(vs.length * 4);
  const weights = new Float64Array(4);
  us.forEach((u, i) => {
    const c0 = Math.floor(u - 0.5);
    catmullRomWeights(u - 0.5 - c0, weights);
    for (let a = 0; a < 4; a++) {
      colsOut[i * 4 + a] = columnOffset(c0 - 1 + a);
      wx[i * 4 + a] = weights[a]!;
    }
  });
  vs.forEach((v, j) => {
    const r0 = Math.floor(v - 0.5);
    catmullRomWeights(v - 0.5 - r0, weights);
    for (let b = 0; b < 4; b++) {
      rowsOut[j * 4 + b] = rowOffset(r0 - 1 + b);
      wy[j * 4 + b] = weights[b]!;
    }
  });
  return { cols: colsOut, wx, rows: rowsOut, wy };
}

/**
 * Where cell (c, r) lives in `values`: `columnOffset(c) + rowOffset(r)` in either layout (row-major:
 * c + r·width; ring: p·rows + r with p the physical column), indices clamped into the grid.
 */
function cellOffsets(layer: GridLayer) {
  const { source, cols, ringOffset } = layer;
  const rows = source.rows;
  const ring = source.layout === 'columns';
  return {
    columnOffset: (c: number): number => {
      const cc = c < 0 ? 0 : c >= cols ? cols - 1 : c;
      return ring ? ((ringOffset + cc) % source.width) * rows : cc;
    },
    rowOffset: (r: number): number => {
      const rr = r < 0 ? 0 : r >= rows ? rows - 1 : r;
      return ring ? rr : rr * source.width;
    },
  };
}
