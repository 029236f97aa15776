/**
 * Keyboard point navigation of 3D charts (DOM-free): which element the next key reaches, and
 * what is announced. Grids (surfaces, 3D bars) move by cell: ←/→ along x (a column), ↑/↓ along y
 * (a row), PageUp/PageDown ten rows, Home/End the first / last cell. Point clouds move through
 * the points in data order: ←/→ one point, ↑/↓ and PageUp/PageDown a hundredth of the cloud
 * (at least one), Home/End the first / last point.
 */
export type Shape3d = { kind: 'grid'; rows: number; cols: number } | { kind: 'points'; count: number };

export function navigationStep3d(shape: Shape3d, index: number, key: string): number | null {
  if (shape.kind === 'grid') {
    const { rows, cols } = shape;
    if (rows <= 0 || cols <= 0) return null;
    const r = Math.floor(index / cols);
    const c = index % cols;
    const at = (rr: number, cc: number) => Math.min(rows - 1, Math.max(0, rr)) * cols + Math.min(cols - 1, Math.max(0, cc));
    switch (key) {
      case 'ArrowLeft':
        return at(r, c - 1);
      case 'ArrowRight':
        return at(r, c + 1);
      case 'ArrowUp':
        return at(r + 1, c);
      case 'ArrowDown':
        return at(r - 1, c);
      case 'PageUp':
        return at(r + 10, c);
      case 'PageDown':
        return at(r - 10, c);
      case 'Home':
        return 0;
      case 'End':
        return rows * cols - 1;
      default:
        return null;
    }
  }
  const n = shape.count;
  if (n <= 0) return null;
  const big = Math.max(1, Math.round(n / 100));
  const clamp = (i: number) => Math.min(n - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowUp':
    case 'PageUp':
      return clamp(index + big);
    case 'ArrowDown':
    case 'PageDown':
      return clamp(index - big);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
    default:
      return null;
  }
}

/** A number as the announcement reads it: up to 4 significant digits, no exponent for ordinary values. */
function say(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** What the screen reader hears for an element: "Point 12 of 3,000: x 1.5, y 2, z -0.25, magnitude 3.1." */
export function announce3d(shape: Shape3d, index: number, values: { x: number; y: number; z: number; extra: [string, number][] }, titles: { x: string; y: string; z: string }): string {
  const where =
    shape.kind === 'grid'
      ? `Cell row ${Math.floor(index / shape.cols) + 1} of ${shape.rows}, column ${(index % shape.cols) + 1} of ${shape.cols}`
      : `Point ${(index + 1).toLocaleString('en')} of ${shape.count.toLocaleString('en')}`;
  const parts = [`${titles.x} ${say(values.x)}`, `${titles.y} ${say(values.y)}`, `${titles.z} ${say(values.z)}`, ...values.extra.map(([name, v]) => `${name} ${say(v)}`)];
  return `${where}: ${parts.join(', ')}.`;
}

/** Said when navigation starts. */
export const NAVIGATION_HELP_3D = 'Point navigation: arrow keys move, Page Up and Page Down jump, Home and End go to the ends, Escape leaves.';
