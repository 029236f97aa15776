/**
 * A uniform grid over points in data space, for nearest-point queries (scatter hover): O(points in
 * the cells around the pointer) per query instead of a scan of every point.
 *
 * Built in two passes (a counting sort of the points by cell): O(n) time, 4 bytes per point plus 4
 * per cell. Cells are square in the data's normalised extent and hold about two points each on
 * average (at most 2048 × 2048 cells). Non-finite points are left out. Clustered data puts more
 * points in some cells, which costs time only where the pointer is over a cluster.
 */
export class PointGrid {
  readonly count: number;
  private readonly xs: ArrayLike<number>;
  private readonly ys: ArrayLike<number>;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cellW: number;
  private readonly cellH: number;
  private readonly gx: number;
  private readonly gy: number;
  /** Cell c holds items[cellStart[c] .. cellStart[c + 1]). */
  private readonly cellStart: Int32Array;
  /** Row indices, grouped by cell. */
  private readonly items: Uint32Array;

  /** Indexes rows [0, n) of the two coordinate columns (in the space distances are measured in). */
  constructor(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number) {
    this.xs = xs;
    this.ys = ys;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (x - x !== 0 || y - y !== 0) continue;
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    this.count = count;
    const side = Math.max(1, Math.min(2048, Math.ceil(Math.sqrt(count / 2))));
    const gx = maxX > minX ? side : 1;
    const gy = maxY > minY ? side : 1;
    this.gx = gx;
    this.gy = gy;
    this.minX = count > 0 ? minX : 0;
    this.minY = count > 0 ? minY : 0;
    // A hair wider than the extent, so that the maximum falls in the last cell.
    this.cellW = maxX > minX ? ((maxX - minX) / gx) * (1 + 1e-9) : 1;
    this.cellH = maxY > minY ? ((maxY - minY) / gy) * (1 + 1e-9) : 1;
    const cells = gx * gy;
    const start = new Int32Array(cells + 1);
    const cellOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (x - x !== 0 || y - y !== 0) {
        cellOf[i] = -1;
        continue;
      }
      const c = this.cellIndex(x, y);
      cellOf[i] = c;
      start[c + 1]!++;
    }
    for (let c = 0; c < cells; c++) start[c + 1]! += start[c]!;
    const next = start.slice(0, cells);
    const items = new Uint32Array(count);
    for (let i = 0; i < n; i++) {
      const c = cellOf[i]!;
      if (c >= 0) items[next[c]!++] = i;
    }
    this.cellStart = start;
    this.items = items;
  }

  /** Bytes held (not counting the indexed columns). */
  get byteLength(): number {
    return this.cellStart.byteLength + this.items.byteLength;
  }

  private column(x: number): number {
    return Math.min(this.gx - 1, Math.max(0, Math.floor((x - this.minX) / this.cellW)));
  }

  private row(y: number): number {
    return Math.min(this.gy - 1, Math.max(0, Math.floor((y - this.minY) / this.cellH)));
  }

  private cellIndex(x: number, y: number): number {
    return this.row(y) * this.gx + this.column(x);
  }

  /**
   * The row nearest to (qx, qy) within `radius`, distances measured after scaling x by `kx` and y
   * by `ky` (pixels per data unit, of either sign: a scatter's screen distance), or -1. Ties go to
   * the lower row.
   */
  nearest(qx: number, qy: number, kx: number, ky: number, radius: number): number {
    if (this.count === 0 || !(radius >= 0) || !(kx !== 0) || !(ky !== 0)) return -1;
    const ax = Math.abs(kx);
    const ay = Math.abs(ky);
    const rx = radius / ax;
    const ry = radius / ay;
    // Cells outside the extent hold nothing; clamping keeps the loops inside the grid.
    if (qx + rx < this.minX || qy + ry < this.minY || qx - rx > this.minX + this.cellW * this.gx || qy - ry > this.minY + this.cellH * this.gy) return -1;
    const c0 = this.column(qx - rx);
    const c1 = this.column(qx + rx);
    const r0 = this.row(qy - ry);
    const r1 = this.row(qy + ry);
    const xs = this.xs;
    const ys = this.ys;
    const items = this.items;
    const start = this.cellStart;
    let best = -1;
    let bestD2 = radius * radius;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.gx + c;
        for (let k = start[cell]!; k < start[cell + 1]!; k++) {
          const i = items[k]!;
          const dx = (xs[i]! - qx) * ax;
          const dy = (ys[i]! - qy) * ay;
          const d2 = dx * dx + dy * dy;
          if (d2 < bestD2 || (d2 === bestD2 && best >= 0 && i < best) || (d2 === bestD2 && best < 0)) {
            bestD2 = d2;
            best = i;
          }
        }
      }
    }
    return best;
  }
}
