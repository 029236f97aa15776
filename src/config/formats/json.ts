/**
 * JSON: the engine's JSON.parse builds the values (fast, no dependency);
 * positions come from our own scanner, and only when an error needs them.
 */
import { ConfigError, firstLine, type ConfigIssue } from '../errors.js';
import { formatPath } from '../paths.js';
import { scanJson } from './json-scanner.js';
import { lineStarts, positionAt } from './text-position.js';
import type { ParsedText } from './types.js';

export function parseJsonText(text: string, source?: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const scan = scanJson(text);
    const issue: ConfigIssue = {
      path: '',
      // The scanner should always disagree with JSON.parse; if not, keep the engine's words.
      message: scan.error?.message ?? firstLine(cause instanceof Error ? cause.message : String(cause)),
      ...positionAt(lineStarts(text), scan.error?.offset ?? 0),
    };
    if (source !== undefined) issue.source = source;
    throw new ConfigError([issue], { cause });
  }

  let index: { positions: Map<string, number>; starts: number[] } | undefined;
  return {
    value,
    locate(segments) {
      index ??= { positions: scanJson(text).positions, starts: lineStarts(text) };
      const offset = index.positions.get(formatPath(segments));
      return offset === undefined ? undefined : positionAt(index.starts, offset);
    },
  };
}
