/**
 * Settings that were removed because they never did anything. A config that
 * still carries one is refused like any unknown key (the last good config
 * stays live), but the message names the full path of the removed setting and
 * says why, instead of a bare "unknown key" on its emptied parent group
 * (`data` for `data.chunkSize`). The schema has no warning channel, and a
 * setting silently ignored is what these were in the first place.
 */
import type { LocatedIssue } from './issues.js';
import { formatPath, isPlainObject, startsWithPath, type PathSegment } from './paths.js';

const REMOVED_MESSAGE = 'unknown key (a removed setting that never had an effect; delete it)';
const UNKNOWN_MESSAGE = 'unknown key';

/** Removed leaves, by path. */
const REMOVED_SETTINGS: ReadonlySet<string> = new Set([
  'data.chunkSize',
  'data.cache.enabled',
  'data.cache.maxEntries',
  'features.animations',
  'motion.reduced',
]);

/** Groups that held only removed settings, so the schema no longer knows them at all. */
const REMOVED_GROUPS: ReadonlySet<string> = new Set(['data', 'data.cache', 'motion']);

/** Groups that still exist but lost a setting: the only other places worth looking into. */
const SURVIVING_PARENTS: ReadonlySet<string> = new Set(['features']);

/**
 * Issues for every removed setting in `value`, and for any other key inside a removed group (the
 * schema stops at the group and would not report those). Paths name the deepest key, so a YAML or
 * TOML locator points at the line that has to go.
 */
export function findRemovedSettings(value: unknown): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  if (isPlainObject(value)) visit(value, [], false, issues);
  return issues;
}

function visit(object: Record<string, unknown>, path: PathSegment[], insideRemovedGroup: boolean, issues: LocatedIssue[]): void {
  for (const key of Object.keys(object)) {
    path.push(key);
    // formatPath quotes odd keys, so a single key spelled "data.chunkSize" does not match.
    const spelled = formatPath(path);
    const child = object[key];
    if (REMOVED_SETTINGS.has(spelled)) {
      report(path, REMOVED_MESSAGE, issues);
    } else if (REMOVED_GROUPS.has(spelled)) {
      // `data: {}` or `motion: null` still names a group that is gone.
      if (isPlainObject(child) && Object.keys(child).length > 0) visit(child, path, true, issues);
      else report(path, REMOVED_MESSAGE, issues);
    } else if (insideRemovedGroup) {
      report(path, UNKNOWN_MESSAGE, issues);
    } else if (SURVIVING_PARENTS.has(spelled) && isPlainObject(child)) {
      visit(child, path, false, issues);
    }
    path.pop();
  }
}

function report(path: readonly PathSegment[], message: string, issues: LocatedIssue[]): void {
  issues.push({ path: formatPath(path), message, segments: [...path] });
}

/** True when a schema issue at `segments` only repeats what a removed-setting issue says. */
export function coveredByRemoved(segments: readonly PathSegment[], removed: readonly LocatedIssue[]): boolean {
  return removed.some((issue) => startsWithPath(issue.segments, segments));
}
