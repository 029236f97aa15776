import type { NormalizedData } from './columnar.js';
import { DataError } from './data-error.js';
import { findTimeKey, normalizeData } from './normalize.js';

/**
 * JSON text → validated columns. Accepts what `normalizeData` accepts (columns, records), also
 * wrapped as `{ "data": ... }`, the usual shape of API responses.
 */
export function parseJson(text: string, source = 'json'): NormalizedData {
  if (text.trim() === '') throw new DataError('the JSON is empty', { code: 'empty', source });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const place = errorPlace(text, reason);
    throw new DataError(`invalid JSON${place ? ` at line ${place.line}, column ${place.column}` : ''}: ${reason}`, {
      code: 'malformed-json',
      ...(place ? { line: place.line } : {}),
      source,
      cause,
    });
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const wrapper = value as Record<string, unknown>;
    if ('data' in wrapper && findTimeKey(wrapper) === undefined) value = wrapper.data;
  }
  return normalizeData(value, source);
}

/**
 * The engines' messages carry the place in different ways: V8 up to Node 20 says "at position
 * 12", newer V8 "(line 2 column 5)", and a truncated file is "Unexpected end of JSON input".
 */
function errorPlace(text: string, reason: string): { line: number; column: number } | null {
  const lineColumn = /line (\d+) column (\d+)/.exec(reason);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(reason);
  const offset = position ? Number(position[1]) : /end of (JSON )?(input|data)/i.test(reason) ? text.length : -1;
  if (offset < 0) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
