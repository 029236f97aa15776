/**
 * Validation of one layer (a parsed file, a preset, a runtime object):
 * structural guard first, then the patch schema. Shared by the text parser,
 * the preset registry and the element's property setter so every entry point
 * enforces the same rules.
 */
import * as v from 'valibot';
import type { ConfigIssue } from './errors.js';
import { DEFAULT_LIMITS, guardValue, type GuardLimits } from './guard.js';
import { fromValibotIssues, type LocatedIssue } from './issues.js';
import { formatPath, isPlainObject, startsWithPath, type PathSegment } from './paths.js';
import { coveredByRemoved, findRemovedSettings } from './removed-settings.js';
import { ChartConfigPatchSchema, type ChartConfigPatch } from './schema.js';

export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds where a path sits in the source text; undefined when it cannot tell. */
export type Locator = (segments: readonly PathSegment[]) => SourcePosition | undefined;

export interface ValidateOptions {
  source?: string;
  locate?: Locator;
  limits?: GuardLimits;
}

export type ValidationResult<T> = { ok: true; config: T } | { ok: false; issues: ConfigIssue[] };

/** abortPipeEarly: one message per value (a bad color is reported once, not by regex and check). */
const PARSE_CONFIG = { abortPipeEarly: true } as const;

export function validatePatch(value: unknown, options: ValidateOptions = {}): ValidationResult<ChartConfigPatch> {
  const guardIssues = guardValue(value, options.limits ?? DEFAULT_LIMITS);
  if (guardIssues.length > 0) return { ok: false, issues: placeIssues(guardIssues, options) };
  const result = v.safeParse(ChartConfigPatchSchema, value, PARSE_CONFIG);
  const removedIssues = findRemovedSettings(value);
  // Also on failure: the output holds what was built so far.
  const shapeIssues: LocatedIssue[] = [];
  findListsAsObjects(value, result.output, [], shapeIssues);
  if (result.success && shapeIssues.length === 0 && removedIssues.length === 0) return { ok: true, config: result.output };
  // A list's items read as keys ("unknown key 0") say nothing more than "a list, not an object";
  // "unknown key data" says less than "data.chunkSize was removed".
  const below = (issue: LocatedIssue) => shapeIssues.some((shape) => startsWithPath(issue.segments, shape.segments));
  const schemaIssues = result.success
    ? []
    : fromValibotIssues(result.issues).filter((issue) => !below(issue) && !coveredByRemoved(issue.segments, removedIssues));
  return { ok: false, issues: placeIssues([...removedIssues, ...shapeIssues, ...schemaIssues], options) };
}

/**
 * valibot's object schemas take any object, lists included (`quality: []` would pass as an empty
 * `quality`, `[{ … }]` would report a key "0"). The output has a plain object wherever the schema
 * wanted one, so a list in the input at such a place is an error.
 */
function findListsAsObjects(input: unknown, output: unknown, path: PathSegment[], issues: LocatedIssue[]): void {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) {
      issues.push({ path: formatPath(path), message: 'expected an object, got a list', segments: [...path] });
      return;
    }
    for (let i = 0; i < output.length; i++) {
      path.push(i);
      findListsAsObjects(input[i], output[i], path, issues);
      path.pop();
    }
    return;
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return;
  for (const key of Object.keys(output)) {
    path.push(key);
    findListsAsObjects(input[key], output[key], path, issues);
    path.pop();
  }
}

/** Adds source and line/column (of the path, or its nearest locatable ancestor), in document order. */
export function placeIssues(issues: readonly LocatedIssue[], options: ValidateOptions): ConfigIssue[] {
  const placed = issues.map(({ segments, ...issue }) => {
    const out: ConfigIssue = { ...issue };
    if (options.source !== undefined) out.source = options.source;
    if (options.locate) {
      for (let n = segments.length; n >= 0; n--) {
        const position = safeLocate(options.locate, segments.slice(0, n));
        if (position) {
          out.line = position.line;
          out.column = position.column;
          break;
        }
      }
    }
    return out;
  });
  return placed.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

// A locator failing must not turn a useful schema message into a crash.
function safeLocate(locate: Locator, segments: PathSegment[]): SourcePosition | undefined {
  try {
    return locate(segments);
  } catch {
    return undefined;
  }
}
