/**
 * A tiny JSON scanner that only finds positions: where a syntax error is
 * (engines' JSON.parse messages differ and often omit the offset) and where
 * each key sits (for schema errors). JSON.parse still builds the values; this
 * runs only when something went wrong, so it favours clarity over speed.
 */
import { formatPath, type PathSegment } from '../paths.js';

export interface JsonScan {
  /** Offset of the key (object members) or the value (array items), by formatted path. */
  positions: Map<string, number>;
  error?: { offset: number; message: string };
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** maxDepth bounds recursion; deeper documents stop with an error at that point. */
export function scanJson(text: string, maxDepth = 256): JsonScan {
  const positions = new Map<string, number>();
  const path: PathSegment[] = [];
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new ScanError(message, at);
  };
  const describeHere = (): string =>
    i >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(text[i])}`;
  const skipSpace = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };

  const scanString = (): string => {
    const start = i++;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) break; // "
      if (c < 0x20) fail('control character in string');
      if (c === 92) {
        // backslash
        const e = text[i + 1];
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) fail('invalid \\u escape');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('invalid escape');
        i += 2;
        continue;
      }
      i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };

  const scanValue = (depth: number): void => {
    skipSpace();
    if (depth > maxDepth) fail(`nested deeper than ${maxDepth} levels`);
    const c = text[i];
    if (c === '{') return scanObject(depth);
    if (c === '[') return scanArray(depth);
    if (c === '"') {
      scanString();
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail('invalid number');
      i = NUMBER.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(describeHere());
  };

  const scanObject = (depth: number): void => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describeHere().replace(/^unexpected /, '')}`);
      const keyAt = i;
      path.push(scanString());
      positions.set(formatPath(path), keyAt);
      skipSpace();
      if (text[i] !== ':') fail(`expected ':' after property name`);
      i++;
      scanValue(depth + 1);
      path.pop();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after property value`);
    }
  };

  const scanArray = (depth: number): void => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      skipSpace();
      path.push(index);
      positions.set(formatPath(path), i);
      scanValue(depth + 1);
      path.pop();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after array element`);
    }
  };

  try {
    scanValue(0);
    skipSpace();
    if (i < text.length) fail('unexpected content after the JSON document');
    return { positions };
  } catch (error) {
    if (error instanceof ScanError) return { positions, error: { offset: error.offset, message: error.message } };
    // Only a stack overflow can get here; report it at the current offset.
    return { positions, error: { offset: i, message: 'document too complex to scan' } };
  }
}
