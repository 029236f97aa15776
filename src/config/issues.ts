/**
 * Turns valibot issues into ConfigIssues with short, uniform messages
 * (`expected 1 | 4, got 3`) instead of valibot's defaults, and keeps the
 * raw path segments so format modules can look up line/column.
 */
import type * as v from 'valibot';
import type { ConfigIssue } from './errors.js';
import { formatPath, type PathSegment } from './paths.js';

export interface LocatedIssue extends ConfigIssue {
  segments: PathSegment[];
}

const MAX_SHOWN = 60;

function shown(text: string | null | undefined): string {
  if (text == null) return 'nothing';
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** valibot wraps alternatives in parentheses: `(1 | 4)` → `1 | 4`. */
function unwrap(expected: string | null): string {
  if (expected === null) return 'a valid value';
  return expected.startsWith('(') && expected.endsWith(')') ? expected.slice(1, -1) : expected;
}

function describe(issue: v.BaseIssue<unknown>): string {
  const got = shown(issue.received);
  if (issue.kind === 'schema') {
    if (issue.type === 'strict_object' || issue.type === 'object') {
      if (issue.expected === 'never') return 'unknown key';
      if (issue.received === 'undefined') return 'missing required key';
    }
    return `expected ${unwrap(issue.expected)}, got ${got}`;
  }
  switch (issue.type) {
    case 'min_length':
    case 'max_length':
      return `expected length ${issue.expected}, got ${got}`;
    case 'max_entries':
      return `expected ${issue.expected} entries, got ${got}`;
    case 'integer':
      return `expected an integer, got ${got}`;
    case 'finite':
      return `expected a finite number, got ${got}`;
    case 'min_value':
    case 'max_value':
      return `expected ${issue.expected}, got ${got}`;
    default:
      // check / regex / url carry a hand-written message in the schema.
      return `${issue.message}, got ${got}`;
  }
}

function segmentsOf(issue: v.BaseIssue<unknown>): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const item of issue.path ?? []) {
    const key = item.key;
    segments.push(typeof key === 'number' ? key : String(key));
  }
  return segments;
}

export function fromValibotIssues(issues: readonly v.BaseIssue<unknown>[]): LocatedIssue[] {
  return issues.map((issue) => {
    const segments = segmentsOf(issue);
    return { path: formatPath(segments), message: describe(issue), segments };
  });
}
