import type { PlotRect, Rgba } from './frame-scene.js';
import type { PolylineRuns } from './polyline-runs.js';
import { runSegments } from './polyline-runs.js';

/**
 * Dense level-of-detail lines rasterized on the CPU the way the WebGPU renderer rasterizes them:
 * every segment a rectangle half its width to each side and lengthened by half its width at both
 * ends (shaders/primitives.wgsl's square caps), tested at the four sample positions of 4× MSAA.
 * A line's samples are a union (a bit mask per pixel), so a translucent line blends once where it
 * overlaps itself; its coverage (samples / 4) then blends the line's colour over the lines splatted
 * before it into one straight-alpha RGBA image, which the Canvas2D renderer blits once.
 *
 * Why: Skia strokes a 1.5 px line as a polygon, ~5 ms for one chart-wide M4 line on a 2-core
 * machine, while the pixels such a line touches are a few per pixel column: testing them here is
 * a fraction of that, and one blit serves several lines. Only for dense lines (runs about a pixel
 * apart, so every segment's box is a few pixels wide); a sparse line's long diagonal segments
 * would make boxes of whole screens, and stay strokes.
 */
export interface LineSplatImage {
  /** width × height straight-alpha RGBA pixels (little-endian u32: 0xAABBGGRR), valid until the next begin(). */
  keys: Uint32Array<ArrayBuffer>;
  /** Canvas px of the image's top-left corner. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** 4× MSAA's standard sample positions within a pixel (D3D / Vulkan), bit i for sample i. */
const SAMPLE_X = [0.375, 0.875, 0.125, 0.625] as const;
const SAMPLE_Y = [0.125, 0.375, 0.625, 0.875] as const;
const ALL_SAMPLES = 0b1111;

/** Below this length a segment has no direction of its own: the shader then uses the x axis. */
const DEGENERATE_LENGTH = 1e-3;

/** Samples set in a 4-bit mask. */
const POPCOUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4] as const;

/** A 0..1 channel as a byte. */
const to8 = (v: number): number => Math.round(Math.min(1, Math.max(0, v)) * 255);

/** Bits of the samples whose offset within the pixel, from `origin`, lies in [lo, hi]. */
function sampleBits(offsets: readonly number[], origin: number, lo: number, hi: number): number {
  let bits = 0;
  for (let i = 0; i < 4; i++) {
    const s = origin + offsets[i]!;
    if (s >= lo && s <= hi) bits |= 1 << i;
  }
  return bits;
}

export class LineSplatter {
  private keys: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private masks = new Uint8Array(0);
  /** Per column of the region: the rows a line's samples touched, [rowLo, rowHi), reset per line. */
  private rowLo = new Int32Array(0);
  private rowHi = new Int32Array(0);
  private region: PlotRect = { x: 0, y: 0, width: 0, height: 0 };
  /** Rows of the image any line touched (the image blitted), [usedLo, usedHi). */
  private usedLo = 0;
  private usedHi = 0;
  /** Columns the current line touched, [colLo, colHi). */
  private colLo = 0;
  private colHi = 0;
  private lines = 0;

  /** Starts an image over `clip` (whole canvas px: the pane's scissor rectangle). */
  begin(clip: PlotRect): void {
    const size = clip.width * clip.height;
    if (this.keys.length < size) {
      this.keys = new Uint32Array(size);
      this.masks = new Uint8Array(size);
    } else {
      this.keys.fill(0, 0, size);
    }
    if (this.rowLo.length < clip.width) {
      this.rowLo = new Int32Array(clip.width);
      this.rowHi = new Int32Array(clip.width);
    }
    this.rowLo.fill(clip.height, 0, clip.width);
    this.rowHi.fill(0, 0, clip.width);
    this.region = clip;
    this.usedLo = clip.height;
    this.usedHi = 0;
    this.lines = 0;
  }

  /**
   * Splats one line (its runs, in coordinates relative to `origin`, the pane's unrounded corner, in
   * device px) in `color`, `width` device px wide (the shader's max(width, 1)), over the lines before.
   * `start`/`end`: only the segments of runs [start, end) (see runSegments), for a region that
   * is a strip of the pane.
   */
  add(runs: PolylineRuns, origin: { x: number; y: number }, color: Rgba, width: number, start = 0, end = runs.count): void {
    this.colLo = this.region.width;
    this.colHi = 0;
    const hw = Math.max(width, 1) / 2;
    // Region-relative: sample positions are pixel-relative, so the pane's corner moves the points.
    const dx = origin.x - this.region.x;
    const dy = origin.y - this.region.y;
    runSegments(runs, start, end, (ax, ay, bx, by) => this.segment(ax + dx, ay + dy, bx + dx, by + dy, hw));
    this.composite(color);
    this.lines++;
  }

  /** The image of the lines added since begin(), or null when none touched a pixel. */
  image(): LineSplatImage | null {
    if (this.lines === 0 || this.usedHi <= this.usedLo) return null;
    const { x, y, width } = this.region;
    const rows = this.usedHi - this.usedLo;
    return { keys: this.keys.subarray(this.usedLo * width, this.usedHi * width), left: x, top: y + this.usedLo, width, height: rows };
  }

  /** One segment's rectangle: its samples' bits into the masks. */
  private segment(ax: number, ay: number, bx: number, by: number, hw: number): void {
    if (ax === bx) {
      this.verticalBox(ax - hw, ax + hw, Math.min(ay, by) - hw, Math.max(ay, by) + hw);
      return;
    }
    let ux = bx - ax;
    let uy = by - ay;
    const length = Math.hypot(ux, uy);
    if (length < DEGENERATE_LENGTH) {
      this.verticalBox(ax - hw, ax + hw, ay - hw, ay + hw);
      return;
    }
    if (uy === 0) {
      this.verticalBox(Math.min(ax, bx) - hw, Math.max(ax, bx) + hw, ay - hw, ay + hw);
      return;
    }
    ux /= length;
    uy /= length;
    const mx = (ax + bx) / 2;
    const my = (ay + by) / 2;
    const halfLength = length / 2 + hw;
    // The box of the rectangle's corners.
    const ex = Math.abs(ux) * halfLength + Math.abs(uy) * hw;
    const ey = Math.abs(uy) * halfLength + Math.abs(ux) * hw;
    const c0 = Math.max(0, Math.floor(mx - ex));
    const c1 = Math.min(this.region.width, Math.ceil(mx + ex));
    const r0 = Math.max(0, Math.floor(my - ey));
    const r1 = Math.min(this.region.height, Math.ceil(my + ey));
    const { masks } = this;
    const stride = this.region.width;
    for (let c = c0; c < c1; c++) {
      let lo = r1;
      let hi = r0;
      for (let r = r0; r < r1; r++) {
        let bits = 0;
        for (let i = 0; i < 4; i++) {
          const sx = c + SAMPLE_X[i]! - mx;
          const sy = r + SAMPLE_Y[i]! - my;
          if (Math.abs(sx * ux + sy * uy) <= halfLength && Math.abs(sy * ux - sx * uy) <= hw) bits |= 1 << i;
        }
        if (bits === 0) continue;
        masks[r * stride + c]! |= bits;
        if (r < lo) lo = r;
        hi = r + 1;
      }
      if (hi > lo) this.touch(c, lo, hi);
    }
  }

  /** An axis-aligned rectangle [x0, x1] × [y0, y1]: column bits and row bits, and'ed. */
  private verticalBox(x0: number, x1: number, y0: number, y1: number): void {
    const c0 = Math.max(0, Math.floor(x0));
    const c1 = Math.min(this.region.width, Math.ceil(x1));
    const r0 = Math.max(0, Math.floor(y0));
    const r1 = Math.min(this.region.height, Math.ceil(y1));
    if (c1 <= c0 || r1 <= r0) return;
    const { masks } = this;
    const stride = this.region.width;
    // Rows strictly inside take every sample their column's x bits allow.
    const fullFrom = Math.max(r0, Math.ceil(y0 - SAMPLE_Y[0]));
    const fullTo = Math.min(r1, Math.floor(y1 - SAMPLE_Y[3]) + 1);
    for (let c = c0; c < c1; c++) {
      const columnBits = sampleBits(SAMPLE_X, c, x0, x1);
      if (columnBits === 0) continue;
      for (let r = r0; r < r1; r++) {
        const rowBits = r >= fullFrom && r < fullTo ? ALL_SAMPLES : sampleBits(SAMPLE_Y, r, y0, y1);
        const bits = columnBits & rowBits;
        if (bits !== 0) masks[r * stride + c]! |= bits;
      }
      this.touch(c, r0, r1);
    }
  }

  private touch(column: number, lo: number, hi: number): void {
    if (lo < this.rowLo[column]!) this.rowLo[column] = lo;
    if (hi > this.rowHi[column]!) this.rowHi[column] = hi;
    if (column < this.colLo) this.colLo = column;
    if (column + 1 > this.colHi) this.colHi = column + 1;
  }

  /** The current line's coverage blended over the image, the masks and touched rows reset. */
  private composite(color: Rgba): void {
    const { masks, keys, rowLo, rowHi } = this;
    const stride = this.region.width;
    const [r, g, b, a] = color;
    const rgb = (to8(b) << 16) | (to8(g) << 8) | to8(r);
    const alpha = Math.min(1, Math.max(0, a));
    // Straight alpha over transparent for 1–4 samples: the common case, precomputed.
    const alone = [0, 1, 2, 3, 4].map((n) => ((Math.round(alpha * (n / 4) * 255) << 24) | rgb) >>> 0);
    const sr = to8(r);
    const sg = to8(g);
    const sb = to8(b);
    for (let c = this.colLo; c < this.colHi; c++) {
      const lo = rowLo[c]!;
      const hi = rowHi[c]!;
      if (hi <= lo) continue;
      if (lo < this.usedLo) this.usedLo = lo;
      if (hi > this.usedHi) this.usedHi = hi;
      for (let row = lo, at = lo * stride + c; row < hi; row++, at += stride) {
        const bits = masks[at]!;
        if (bits === 0) continue;
        masks[at] = 0;
        const n = POPCOUNT[bits]!;
        const below = keys[at]!;
        const belowAlpha = below >>> 24;
        if (belowAlpha === 0 || (n === 4 && alpha >= 1)) {
          keys[at] = alone[n]!;
          continue;
        }
        // Straight-alpha "over": what the canvas does when two strokes overlap.
        const src = (alpha * n) / 4;
        const dst = (belowAlpha / 255) * (1 - src);
        const out = src + dst;
        const mb = Math.round((sb * src + ((below >>> 16) & 255) * dst) / out);
        const mg = Math.round((sg * src + ((below >>> 8) & 255) * dst) / out);
        const mr = Math.round((sr * src + (below & 255) * dst) / out);
        keys[at] = ((Math.round(out * 255) << 24) | (mb << 16) | (mg << 8) | mr) >>> 0;
      }
      rowLo[c] = this.region.height;
      rowHi[c] = 0;
    }
  }
}
