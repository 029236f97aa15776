/**
 * YAML via the `yaml` package, imported on first use so that charts
 * configured with JSON or objects never load it.
 */
import { ConfigError, firstLine, type ConfigIssue } from '../errors.js';
import type { PathSegment } from '../paths.js';
import { lineStarts, positionAt } from './text-position.js';
import type { ParsedText } from './types.js';
import { findYamlNestingProblem } from './yaml-depth.js';

/** Billion-laughs guard: each alias expansion counts; real configs need a handful. */
const MAX_ALIAS_COUNT = 100;

export async function parseYamlText(text: string, source?: string): Promise<ParsedText> {
  const YAML = await import('yaml');
  const starts = lineStarts(text);
  const issueAt = (offset: number | undefined, message: string): ConfigIssue => {
    const issue: ConfigIssue = { path: '', message };
    if (offset !== undefined) Object.assign(issue, positionAt(starts, offset));
    if (source !== undefined) issue.source = source;
    return issue;
  };

  const nesting = findYamlNestingProblem(YAML.Lexer, text);
  if (nesting) throw new ConfigError([issueAt(nesting.offset, nesting.message)]);

  const doc = YAML.parseDocument(text, {
    version: '1.2',
    merge: false, // `<<` merge keys are YAML 1.1; keep one meaning per file.
    uniqueKeys: true,
    strict: true,
    prettyErrors: false, // we format positions ourselves
    // 'error', not 'silent': silent also drops the "multiple documents" error. Nothing is logged at this level.
    logLevel: 'error',
  });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((error) => issueAt(error.pos[0], firstLine(error.message))));
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    // Only the expansion limit is the attack; an alias without its anchor is a plain mistake.
    const message = /excessive alias count/i.test(detail)
      ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}); possible "billion laughs" document`
      : firstLine(detail);
    // "Unresolved alias (…): name" — point at the alias itself.
    const alias = /^Unresolved alias[^:]*: (\S+)/.exec(detail)?.[1];
    const offset = alias ? text.indexOf(`*${alias}`) : -1;
    throw new ConfigError([issueAt(offset >= 0 ? offset : undefined, message)], { cause });
  }

  return {
    // An empty document (or one with only comments) is an empty config.
    value: value ?? {},
    locate(segments: readonly PathSegment[]) {
      const offset = nodeOffset(YAML, doc, segments);
      return offset === undefined ? undefined : positionAt(starts, offset);
    },
  };
}

type YamlModule = typeof import('yaml');

/** Offset of the key of the last segment (mappings) or of the item (sequences). */
function nodeOffset(
  YAML: YamlModule,
  doc: import('yaml').Document.Parsed,
  segments: readonly PathSegment[],
): number | undefined {
  if (segments.length === 0) return doc.contents?.range[0];
  const parent = segments.length === 1 ? doc.contents : doc.getIn(segments.slice(0, -1), true);
  const last = segments[segments.length - 1];
  if (YAML.isMap(parent)) {
    for (const pair of parent.items) {
      if (YAML.isScalar(pair.key) && String(pair.key.value) === String(last)) return pair.key.range?.[0];
    }
    return undefined;
  }
  if (YAML.isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last];
    return YAML.isNode(item) ? item.range?.[0] : undefined;
  }
  return undefined;
}
