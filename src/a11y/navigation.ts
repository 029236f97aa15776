/**
 * Keyboard navigation point to point, as pure state changes: which key does what, where the
 * cursor (a series and a data row) goes, and which window keeps it in view. The element
 * (chart-a11y.ts) owns the DOM side: focus marker, live region, viewport.
 */

export type NavigationAction = 'previous' | 'next' | 'first' | 'last' | 'page-back' | 'page-forward' | 'previous-series' | 'next-series' | 'leave';

/**
 * The key map while point navigation is on (Enter turns it on, Escape off). Shift+arrows are left
 * to the view shortcuts (pan, zoom), as are `+`, `-` and `0`, which work in both modes.
 */
export function navigationAction(key: string, modifiers: { shift?: boolean; ctrl?: boolean; alt?: boolean; meta?: boolean } = {}): NavigationAction | null {
  if (modifiers.shift || modifiers.ctrl || modifiers.alt || modifiers.meta) return null;
  switch (key) {
    case 'ArrowLeft':
      return 'previous';
    case 'ArrowRight':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'PageUp':
      return 'page-back';
    case 'PageDown':
      return 'page-forward';
    case 'ArrowUp':
      return 'previous-series';
    case 'ArrowDown':
      return 'next-series';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

/** Where the focus marker is: a series (index among the navigable ones) and a data row. */
export interface PointCursor {
  series: number;
  row: number;
}

export interface CursorBounds {
  /** Rows of data. */
  rows: number;
  /** Navigable series. */
  series: number;
  /** Rows one PageUp/PageDown jumps. */
  page: number;
}

/** Rows a page jump moves: a tenth of the visible rows, at least one. */
export function pageSize(visibleRows: number): number {
  return Math.max(1, Math.round(visibleRows / 10));
}

/** The cursor after an action, clamped to the data (series wrap around). */
export function moveCursor(cursor: PointCursor, action: NavigationAction, bounds: CursorBounds): PointCursor {
  const last = Math.max(0, bounds.rows - 1);
  const clamp = (row: number) => Math.max(0, Math.min(last, row));
  const wrap = (series: number) => (bounds.series > 0 ? (series + bounds.series) % bounds.series : 0);
  switch (action) {
    case 'previous':
      return { ...cursor, row: clamp(cursor.row - 1) };
    case 'next':
      return { ...cursor, row: clamp(cursor.row + 1) };
    case 'first':
      return { ...cursor, row: 0 };
    case 'last':
      return { ...cursor, row: last };
    case 'page-back':
      return { ...cursor, row: clamp(cursor.row - bounds.page) };
    case 'page-forward':
      return { ...cursor, row: clamp(cursor.row + bounds.page) };
    case 'previous-series':
      return { ...cursor, series: wrap(cursor.series - 1) };
    case 'next-series':
      return { ...cursor, series: wrap(cursor.series + 1) };
    default:
      return cursor;
  }
}

/**
 * The window to show so that `x` is visible: null when [start, end] already holds it, else a
 * window of the same width (the same ratio on a log axis) centred on x, so the view jumps (no
 * animation: reduced motion is the default here) and keeps its zoom.
 */
export function windowContaining(start: number, end: number, x: number, log = false): [number, number] | null {
  if (x >= start && x <= end) return null;
  if (log && start > 0 && x > 0) {
    const half = Math.sqrt(end / start);
    return [x / half, x * half];
  }
  const half = (end - start) / 2;
  return [x - half, x + half];
}

/** Where the focus marker is on a heatmap: a shown column (0 = oldest) and a row (0 = lowest y). */
export interface CellCursor {
  col: number;
  row: number;
}

/**
 * The cell after an action on a heatmap, clamped to the grid: Left / Right move a column, Up /
 * Down a row (the keys series navigation uses: a grid has one series, so Up goes up, to a larger
 * y), Home / End go to the first and last column, PageUp / PageDown jump `page` columns.
 */
export function moveCell(cursor: CellCursor, action: NavigationAction, bounds: { cols: number; rows: number; page: number }): CellCursor {
  const col = (c: number) => Math.max(0, Math.min(Math.max(0, bounds.cols - 1), c));
  const row = (r: number) => Math.max(0, Math.min(Math.max(0, bounds.rows - 1), r));
  switch (action) {
    case 'previous':
      return { ...cursor, col: col(cursor.col - 1) };
    case 'next':
      return { ...cursor, col: col(cursor.col + 1) };
    case 'first':
      return { ...cursor, col: 0 };
    case 'last':
      return { ...cursor, col: col(bounds.cols - 1) };
    case 'page-back':
      return { ...cursor, col: col(cursor.col - bounds.page) };
    case 'page-forward':
      return { ...cursor, col: col(cursor.col + bounds.page) };
    case 'previous-series':
      return { ...cursor, row: row(cursor.row + 1) };
    case 'next-series':
      return { ...cursor, row: row(cursor.row - 1) };
    default:
      return cursor;
  }
}
