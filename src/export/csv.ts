import { lowerBound, upperBound } from '../data/lod/search.js';

/** A named column of values, row-aligned with the keys. */
export interface CsvColumn {
  name: string;
  values: ArrayLike<number>;
}

/** What `rowsCsv` writes. */
export interface CsvInput {
  /** Name of the key column: `time` on time axes, `x` on numeric ones. */
  keyName: string;
  /** The row keys (epoch ms, or x), ascending. */
  keys: ArrayLike<number>;
  /** Rows held (the arrays may be longer). */
  length: number;
  columns: readonly CsvColumn[];
  /** Rows [first, end) to write. */
  first: number;
  end: number;
  /** Key cells: ISO 8601 (UTC) on time axes, the number otherwise. */
  time: boolean;
}

/** Rows [first, end) whose key lies in the window [start, end] (inclusive, as the chart draws them). */
export function windowRows(keys: ArrayLike<number>, length: number, start: number, end: number): [number, number] {
  const first = lowerBound(keys, length, start);
  return [first, upperBound(keys, length, end, first)];
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as a CSV cell: shortest round-trip form; missing (NaN, ±Infinity) as an empty cell. */
function numberCell(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? String(value) : '';
}

/**
 * The rows as CSV (RFC 4180, header first, `\r\n` line ends): the key, then each column. Values
 * are written in full precision (the shortest text that reads back as the same double), so a
 * round trip through the chart's own CSV loader gives the same data.
 */
export function rowsCsv(input: CsvInput): string {
  const { keys, columns } = input;
  const first = Math.max(0, input.first);
  const end = Math.min(input.length, input.end);
  const lines = [[input.keyName, ...columns.map((c) => c.name)].map(csvCell).join(',')];
  for (let i = first; i < end; i++) {
    const key = keys[i]!;
    const keyCell = input.time && Number.isFinite(key) ? new Date(key).toISOString() : numberCell(key);
    let line = keyCell;
    for (const column of columns) line += `,${numberCell(column.values[i])}`;
    lines.push(line);
  }
  return `${lines.join('\r\n')}\r\n`;
}
