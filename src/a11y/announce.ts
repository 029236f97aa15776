import { formatNumeric } from '../core/ticks/numeric-ticks.js';
import { formatValue } from '../core/ticks/value-ticks.js';
import { formatTime } from '../time/time-zone.js';

/**
 * The words screen readers hear: a point as the tooltip shows it (x header, then "name: value"
 * lines), the focused series first, and where the point lies among the rows.
 */

export interface AnnouncedValue {
  name: string;
  /** Already formatted the tooltip's way ('—' when missing). */
  value: string;
}

export interface PointAnnouncement {
  /** The tooltip's header: a date and time, or the x with its axis title. */
  x: string;
  /** The focused series' name. */
  series: string;
  values: readonly AnnouncedValue[];
  /** Row (0-based) and row count. */
  row: number;
  rows: number;
}

/** "close: 101.5, open: 100. 2024-03-01 12:00. Point 5 of 1,000, close." */
export function announcePoint({ x, series, values, row, rows }: PointAnnouncement): string {
  const own = values.filter((v) => v.name === series || v.name.startsWith(`${series} `));
  const others = values.filter((v) => !own.includes(v));
  const list = [...own, ...others].map((v) => `${v.name}: ${v.value}`).join(', ');
  const where = `point ${(row + 1).toLocaleString('en')} of ${rows.toLocaleString('en')}`;
  return `${x}. ${list || 'no value'}. ${series}, ${where}.`;
}

/** What Enter announces: the mode and its keys. */
export function navigationHelp(seriesCount: number): string {
  const series = seriesCount > 1 ? ' Up and Down arrows change series.' : '';
  return `Point navigation. Left and Right arrows move between points, Home and End go to the first and last, Page Up and Page Down jump.${series} Escape leaves.`;
}

/** The keys of the chart, for aria-describedby on the focusable part. */
export const KEYBOARD_HELP =
  'Press Enter to explore the data point by point. Arrow keys pan and zoom; plus and minus zoom; 0 resets the view.';

/** Row indices a data table shows for rows [first, end): all of them, or `max` evenly spread, first and last included. */
export function tableRows(first: number, end: number, max: number): number[] {
  const n = end - first;
  if (n <= 0 || max <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => first + i);
  if (max === 1) return [first];
  const rows: number[] = [];
  for (let k = 0; k < max; k++) {
    const row = first + Math.round((k * (n - 1)) / (max - 1));
    if (rows[rows.length - 1] !== row) rows.push(row);
  }
  return rows;
}

/**
 * A point's x as the tooltip writes it: a date and time on time axes (milliseconds when the window
 * spans under 5 s, seconds under two days), the number after the axis title on numeric ones.
 */
export function formatPointX(x: number, axis: { kind: 'time' | 'linear' | 'log'; timeZone: string; span: number; title?: string }): string {
  if (axis.kind !== 'time') return axis.title ? `${axis.title}: ${formatNumeric(x)}` : formatNumeric(x);
  const unit = axis.span < 5_000 ? 'millisecond' : axis.span < 2 * 86_400_000 ? 'second' : 'minute';
  return formatTime(x, axis.timeZone, unit);
}

/** A value as the tooltip writes it, '—' when missing. */
export function formatPointValue(value: number): string {
  return Number.isFinite(value) ? formatValue(value) : '—';
}

export interface CellAnnouncement {
  /** The cell's x (centre) as the tooltip writes it. */
  x: string;
  /** Its y (centre), formatted, after the y axis title when there is one. */
  y: string;
  /** Its value, formatted ('—' when missing). */
  value: string;
  /** Shown column and row (0-based; row 0 is the lowest y), and their counts. */
  col: number;
  row: number;
  cols: number;
  rows: number;
}

/** "2024-03-01 12:00, y 3.5: value 0.82. Column 5 of 40, row 3 of 8." */
export function announceCell({ x, y, value, col, row, cols, rows }: CellAnnouncement): string {
  return `${x}, ${y}: value ${value}. Column ${(col + 1).toLocaleString('en')} of ${cols.toLocaleString('en')}, row ${(row + 1).toLocaleString('en')} of ${rows.toLocaleString('en')}.`;
}

/** What Enter announces on a heatmap: the mode and its keys. */
export const CELL_NAVIGATION_HELP =
  'Cell navigation. Left and Right arrows move between columns, Up and Down arrows between rows, Home and End go to the first and last column, Page Up and Page Down jump. Escape leaves.';
