/**
 * TOML via smol-toml, imported on first use so that charts configured with
 * JSON or objects never load it.
 */
import { ConfigError, firstLine, type ConfigIssue } from '../errors.js';
import { formatPath } from '../paths.js';
import type { SourcePosition } from '../validate.js';
import { tomlKeyPositions } from './toml-keys.js';
import type { ParsedText } from './types.js';

/** Inline arrays/tables deeper than this are refused by the parser itself (the guard allows 64 overall). */
const MAX_INLINE_DEPTH = 64;

export async function parseTomlText(text: string, source?: string): Promise<ParsedText> {
  const { parse, TomlError } = await import('smol-toml');
  let value: unknown;
  try {
    // 'keep' so unsafe keys reach the guard, which reports them with a path like every other format.
    value = parse(text, { maxDepth: MAX_INLINE_DEPTH, unsafeKeyBehaviour: 'keep' });
  } catch (cause) {
    const issue: ConfigIssue = { path: '', message: 'invalid TOML' };
    if (cause instanceof TomlError) {
      issue.message = firstLine(cause.message).replace(/^Invalid TOML document:\s*/i, '');
      issue.line = cause.line;
      issue.column = cause.column;
    } else if (cause instanceof Error) {
      issue.message = firstLine(cause.message);
    }
    if (source !== undefined) issue.source = source;
    throw new ConfigError([issue], { cause });
  }

  let positions: Map<string, SourcePosition> | undefined;
  return {
    value,
    locate(segments) {
      positions ??= tomlKeyPositions(text);
      return positions.get(formatPath(segments));
    },
  };
}
