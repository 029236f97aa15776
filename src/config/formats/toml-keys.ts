/**
 * Best-effort positions of keys in a TOML document, for schema errors.
 * smol-toml reports positions only for syntax errors, so this scanner maps
 * table headers (`[a.b]`, `[[a.b]]`) and `dotted.key = value` lines to paths.
 * Keys inside inline tables / arrays are not mapped: their issues fall back
 * to the line of the enclosing key. Only runs after the document parsed, so
 * it may assume well-formed input.
 */
import { formatPath, type PathSegment } from '../paths.js';
import type { SourcePosition } from '../validate.js';

const BARE = /[A-Za-z0-9_-]+/y;

/** Reads a dotted key starting at `i`; returns undefined when there is none. */
function readKey(line: string, i: number): { segments: string[]; end: number } | undefined {
  const segments: string[] = [];
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const c = line[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += c === '"' && line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return undefined;
      const raw = line.slice(i, j + 1);
      segments.push(c === '"' ? safeJsonString(raw) : raw.slice(1, -1));
      i = j + 1;
    } else {
      BARE.lastIndex = i;
      const match = BARE.exec(line);
      if (!match) return undefined;
      segments.push(match[0]);
      i = BARE.lastIndex;
    }
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== '.') return { segments, end: i };
    i++;
  }
}

function safeJsonString(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** Net count of `[`/`{` minus `]`/`}` outside strings and comments, plus whether a multi-line string stays open. */
function scanValue(text: string, from: number, openQuote: string | undefined) {
  let depth = 0;
  let quote = openQuote;
  for (let i = from; i < text.length; i++) {
    if (quote) {
      if (quote.length === 3 ? text.startsWith(quote, i) : text[i] === quote) {
        i += quote.length - 1;
        quote = undefined;
      } else if (text[i] === '\\' && quote[0] === '"') i++;
      continue;
    }
    const c = text[i];
    if (c === '#') break;
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      quote = triple ? c.repeat(3) : c;
      if (triple) i += 2;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return { depth, quote: quote && quote.length === 3 ? quote : undefined };
}

export function tomlKeyPositions(text: string): Map<string, SourcePosition> {
  const positions = new Map<string, SourcePosition>();
  const arrayCounts = new Map<string, number>();
  let table: PathSegment[] = [];
  let depth = 0; // open brackets of a multi-line value
  let quote: string | undefined; // open multi-line string

  const record = (segments: PathSegment[], line: number, column: number) => {
    const key = formatPath(segments);
    if (!positions.has(key)) positions.set(key, { line, column });
  };
  // `[[a]]` then `[a.b]` means a[last].b: insert the latest array index after each array-table prefix.
  const resolve = (segments: string[]): PathSegment[] => {
    const out: PathSegment[] = [];
    for (const segment of segments) {
      out.push(segment);
      const count = arrayCounts.get(formatPath(out));
      if (count !== undefined) out.push(count);
    }
    return out;
  };

  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (quote || depth > 0) {
      const state = scanValue(line, 0, quote);
      quote = state.quote;
      depth = Math.max(0, depth + state.depth);
      continue;
    }
    const start = line.search(/\S/);
    if (start === -1 || line[start] === '#') continue;

    if (line[start] === '[') {
      const isArray = line[start + 1] === '[';
      const key = readKey(line, start + (isArray ? 2 : 1));
      if (!key) continue;
      if (isArray) {
        const base = resolve(key.segments.slice(0, -1));
        base.push(key.segments[key.segments.length - 1] ?? '');
        const id = formatPath(base);
        const index = (arrayCounts.get(id) ?? -1) + 1;
        arrayCounts.set(id, index);
        record(base, n + 1, start + 1);
        table = [...base, index];
      } else {
        table = resolve(key.segments);
      }
      record(table, n + 1, start + 1);
      continue;
    }

    const key = readKey(line, start);
    if (!key || line[key.end] !== '=') continue;
    const full: PathSegment[] = [...table];
    for (const segment of key.segments) {
      full.push(segment);
      record(full, n + 1, start + 1);
    }
    const state = scanValue(line, key.end + 1, undefined);
    quote = state.quote;
    depth = Math.max(0, state.depth);
  }
  return positions;
}
