import type { NormalizedData } from './columnar.js';
import { DataError, describeValue } from './data-error.js';
import { TIME_COLUMN_NAMES } from './normalize.js';
import { parseTimeRange, parseTimeValue } from './parse-time.js';
import { checkOwnedColumnar, numberFromText } from './validate.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const MINUS = 45;
const DOT = 46;
const BOM = 0xfeff;

/**
 * CSV text → validated columns. A header row is required; the delimiter (`,` `;` or tab) is
 * whichever the header uses most. The time column is the one named time, timestamp, date,
 * datetime or t (any case), else the first. Quotes follow RFC 4180; line ends may be CRLF, LF or
 * CR; blank lines are skipped. Empty cells (and NaN, null, NA, N/A, none) are gaps.
 *
 * Speed matters (files of millions of rows): cells are read straight from the text by char
 * code, without splitting lines or creating a string per cell; only cells that are not plain
 * decimals (quoted, ISO times, exponents, errors) take a slower path.
 */
export function parseCsv(text: string, source = 'csv'): NormalizedData {
  const length = text.length;
  let pos = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  // Blank lines before the header are tolerated (hand-written files), and counted for messages.
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === LF) line++;
    else if (c === CR) {
      if (text.charCodeAt(pos + 1) !== LF) line++;
    } else break;
    pos++;
  }
  if (pos >= length) throw new DataError('the CSV is empty: a header row and data rows are needed', { code: 'empty', source });

  const delimiter = detectDelimiter(text, pos);
  const headerLine = line;
  const header = readHeader(text, pos, delimiter, source, headerLine);
  pos = header.end;
  line = header.endLine;
  const names = header.fields.map((f) => f.trim());
  const width = names.length;
  const timeIndex = findTimeColumn(names);
  checkHeader(names, timeIndex, headerLine, source);

  // Rows can't outnumber the remaining line breaks (+1 for a last line without one), so one
  // count sizes the arrays; only files mixing CR-only and LF line ends need the growth below.
  let capacity = 1;
  for (let i = text.indexOf('\n', pos); i !== -1; i = text.indexOf('\n', i + 1)) capacity++;
  if (capacity === 1) for (let i = text.indexOf('\r', pos); i !== -1; i = text.indexOf('\r', i + 1)) capacity++; // CR-only files
  let time = new Float64Array(capacity);
  let lines = new Int32Array(capacity);
  let targets: (Float64Array | null)[] = names.map((_, i) => (i === timeIndex ? null : new Float64Array(capacity)));
  const decimalComma = delimiter !== COMMA;

  let row = 0;
  while (pos < length) {
    let c = text.charCodeAt(pos);
    if (c === LF || c === CR) {
      // A blank line: skipped, but counted.
      pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    if (row === capacity) {
      capacity *= 2;
      time = grown(time, capacity);
      lines = grown(lines, capacity);
      targets = targets.map((target) => target && grown(target, capacity));
    }
    const recordStart = pos;
    const recordLine = line;
    let field = 0;
    for (;;) {
      if (field === width) throw fieldCountError(countFields(text, recordStart, delimiter), width, row, recordLine, source);
      let start = pos;
      let end: number;
      const cellLine = line; // a quoted cell may span lines: report where it starts
      let quoted: string | null = null;
      if (c === QUOTE) {
        const q = readQuoted(text, pos, line, source);
        quoted = q.value;
        line += q.newlines;
        pos = q.end;
        while (text.charCodeAt(pos) === SPACE) pos++;
        c = text.charCodeAt(pos);
        if (pos < length && c !== delimiter && c !== LF && c !== CR) {
          throw new DataError(`line ${line}, column "${names[field]}": unexpected text after a closing quote`, {
            code: 'malformed-csv',
            row,
            line,
            column: names[field]!,
            value: text.slice(start, pos + 1),
            source,
          });
        }
        start = end = pos;
      } else {
        while (pos < length && c !== delimiter && c !== LF && c !== CR) c = text.charCodeAt(++pos);
        end = pos;
      }

      const target = targets[field];
      if (target === null) {
        const t = quoted === null ? parseTimeRange(text, start, end) : parseTimeValue(quoted);
        if (t - t !== 0) {
          checkFieldCount(text, recordStart, delimiter, width, row, recordLine, source);
          throw timeError(quoted ?? text.slice(start, end), names[field]!, row, cellLine, source);
        }
        time[row] = t;
      } else {
        let v = quoted === null ? plainDecimal(text, start, end) : NaN;
        if (v !== v) {
          // NaN here only means "not a plain decimal": look closer.
          const cell = quoted ?? text.slice(start, end);
          const read = cellNumber(cell, decimalComma);
          if (read === undefined) {
            checkFieldCount(text, recordStart, delimiter, width, row, recordLine, source);
            throw new DataError(`line ${cellLine}, column "${names[field]}": ${describeValue(cell)} is not a number`, {
              code: 'invalid-number',
              row,
              line: cellLine,
              column: names[field]!,
              value: cell,
              source,
            });
          }
          v = read;
        }
        target[row] = v;
      }
      field++;

      if (pos < length && c === delimiter) {
        c = text.charCodeAt(++pos);
        continue;
      }
      break;
    }
    if (field !== width) throw fieldCountError(field, width, row, recordLine, source);
    if (c === CR) pos++;
    if (text.charCodeAt(pos) === LF) pos++;
    line++;
    lines[row] = recordLine;
    row++;
  }

  if (row === 0) throw new DataError(`the CSV has a header (line ${headerLine}) but no data rows`, { code: 'empty', line: headerLine, source });
  // Views share the buffer when nearly full; a mostly empty buffer (long quoted cells, blank
  // lines) is copied down so the chart doesn't hold the slack.
  const fit = (array: Float64Array): Float64Array => (capacity - row > capacity / 8 ? array.slice(0, row) : array.subarray(0, row));
  const columns: Record<string, Float64Array> = {};
  targets.forEach((target, i) => {
    if (target) columns[names[i]!] = fit(target);
  });
  return checkOwnedColumnar({ time: fit(time), columns }, source, (r) => lines[r]!);
}

function grown<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Powers of ten that are exact doubles, for the fast decimal path. */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** A mantissa of at most 15 digits is an exact double (< 2^53). */
const MAX_FAST_DIGITS = 15;

/**
 * `text[start, end)` as `-ddd.ddd`, or NaN if it is anything else. With an exact integer
 * mantissa and an exact power of ten, one IEEE division rounds correctly (Clinger's fast path),
 * so this gives the same double as `Number()` without making a substring.
 */
function plainDecimal(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let dot = false;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      digits++;
      if (dot) fractionDigits++;
    } else if (d === DOT - 48 && !dot) dot = true;
    else return NaN;
  }
  if (digits === 0) return NaN;
  // Too many digits to be exact here (e.g. String(Math.random())), but the format is checked
  // already, so `Number` can read it without the slow path's regex.
  if (digits > MAX_FAST_DIGITS) return Number(text.slice(start, end));
  const value = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits]!;
  return negative ? -value : value;
}

const DECIMAL_COMMA = /^\s*[+-]?\d*,\d+\s*$/;

/** The slow path for a value cell: exponents, spaces, missing markers, decimal commas; undefined if none fits. */
function cellNumber(cell: string, decimalComma: boolean): number | undefined {
  const v = numberFromText(cell);
  if (v !== undefined) return v;
  // "1,5" in a `;`-separated file is the European way of writing 1.5.
  if (decimalComma && DECIMAL_COMMA.test(cell)) return Number(cell.replace(',', '.'));
  return undefined;
}

function fieldCountError(found: number, width: number, row: number, line: number, source: string): DataError {
  return new DataError(`line ${line} has ${found} field${found === 1 ? '' : 's'} but the header has ${width}`, { code: 'malformed-csv', row, line, value: found, source });
}

/**
 * Called before reporting a bad cell: a row with the wrong number of fields is the real problem
 * then (a missing delimiter shifts every cell), so that is what gets reported.
 */
function checkFieldCount(text: string, start: number, delimiter: number, width: number, row: number, line: number, source: string): void {
  const found = countFields(text, start, delimiter);
  if (found !== width) throw fieldCountError(found, width, row, line, source);
}

function timeError(cell: string, column: string, row: number, line: number, source: string): DataError {
  if (cell.trim() === '') {
    return new DataError(`line ${line}, column "${column}": the time is empty`, { code: 'missing-time', row, line, column, value: cell, source });
  }
  return new DataError(`line ${line}, column "${column}": ${describeValue(cell)} is not a valid time (use epoch milliseconds or ISO-8601)`, {
    code: 'invalid-time',
    row,
    line,
    column,
    value: cell,
    source,
  });
}

/** Reads a quoted field starting at the opening quote: its unescaped text, where it ends, how many line breaks it spans. */
function readQuoted(text: string, open: number, line: number, source: string): { value: string; end: number; newlines: number } {
  let value = '';
  let from = open + 1;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) throw new DataError(`line ${line}: a quoted field is never closed`, { code: 'malformed-csv', line, value: text.slice(open, open + 40), source });
    if (text.charCodeAt(close + 1) === QUOTE) {
      // "" is an escaped quote inside the field.
      value += text.slice(from, close + 1);
      from = close + 2;
      continue;
    }
    value += text.slice(from, close);
    let newlines = 0;
    for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) newlines++;
    return { value, end: close + 1, newlines };
  }
}

/** The header's fields, and where (offset, line) the first data row begins. */
function readHeader(text: string, start: number, delimiter: number, source: string, line: number): { fields: string[]; end: number; endLine: number } {
  const fields: string[] = [];
  let pos = start;
  for (;;) {
    let c = text.charCodeAt(pos);
    if (c === QUOTE) {
      const q = readQuoted(text, pos, line, source);
      fields.push(q.value);
      line += q.newlines;
      pos = q.end;
      while (text.charCodeAt(pos) === SPACE) pos++;
    } else {
      const from = pos;
      while (pos < text.length && c !== delimiter && c !== LF && c !== CR) c = text.charCodeAt(++pos);
      fields.push(text.slice(from, pos));
    }
    c = text.charCodeAt(pos);
    if (c === delimiter) {
      pos++;
      continue;
    }
    if (pos < text.length && c !== LF && c !== CR) {
      throw new DataError(`line ${line}: unexpected text after a closing quote in the header`, { code: 'malformed-csv', line, source });
    }
    if (c === CR) pos++;
    if (text.charCodeAt(pos) === LF) pos++;
    return { fields, end: pos, endLine: line + 1 };
  }
}

/** The delimiter the first line uses most (outside quotes); a comma when it uses none. */
function detectDelimiter(text: string, start: number): number {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === LF || c === CR) break;
    else if (c === COMMA) commas++;
    else if (c === SEMICOLON) semicolons++;
    else if (c === TAB) tabs++;
  }
  if (tabs > commas && tabs >= semicolons) return TAB;
  if (semicolons > commas) return SEMICOLON;
  return COMMA;
}

function findTimeColumn(names: string[]): number {
  const lower = names.map((n) => n.toLowerCase());
  for (const name of TIME_COLUMN_NAMES) {
    const index = lower.indexOf(name);
    if (index !== -1) return index;
  }
  return 0;
}

function checkHeader(names: string[], timeIndex: number, line: number, source: string): void {
  if (names.length < 2) {
    throw new DataError(
      `the CSV header (line ${line}) has one column ${describeValue(names[0])}: a time column and at least one value column are needed, separated by , ; or a tab`,
      { code: 'no-value-columns', line, source },
    );
  }
  // A header is required; a first line of numbers means the file has none, which would
  // otherwise silently drop the first row and name the columns after its values.
  if (names.every((n) => n !== '' && !Number.isNaN(parseTimeValue(n)))) {
    throw new DataError(`line ${line} looks like data, not a header: the first row must name the columns, e.g. time,value`, {
      code: 'malformed-csv',
      line,
      value: names.join(','),
      source,
    });
  }
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name === '' && i !== timeIndex) {
      throw new DataError(`the CSV header (line ${line}) has no name for column ${i + 1}`, { code: 'malformed-csv', line, source });
    }
    if (seen.has(name)) throw new DataError(`the CSV header (line ${line}) names column "${name}" twice`, { code: 'malformed-csv', line, column: name, source });
    seen.add(name);
  });
}

/** Counts the fields of the record at `start` (quotes respected), for the message about a too-long row. */
function countFields(text: string, start: number, delimiter: number): number {
  let count = 1;
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === delimiter) count++;
    else if (c === LF || c === CR) break;
  }
  return count;
}
