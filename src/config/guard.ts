/**
 * Structural checks that run on parsed documents and on runtime objects
 * before schema validation. They bound the work a hostile document can cause
 * (depth, size, alias cycles from YAML), refuse objects that are not plain
 * data (class instances, Dates, Maps …) and reject keys that could reach
 * Object.prototype — the schema would reject unknown keys too, but only
 * after a naive consumer might already have copied them.
 */
import type { LocatedIssue } from './issues.js';
import { FORBIDDEN_KEYS, formatPath, isPlainObject, type PathSegment } from './paths.js';

export interface GuardLimits {
  /** Deepest allowed nesting; real configs use about 5 levels. */
  maxDepth: number;
  /** Most values (objects, arrays, scalars) in one document. */
  maxNodes: number;
}

export const DEFAULT_LIMITS: GuardLimits = { maxDepth: 64, maxNodes: 100_000 };

export function guardValue(root: unknown, limits: GuardLimits = DEFAULT_LIMITS): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const path: PathSegment[] = [];
  let nodes = 0;
  let stop = false;

  const report = (message: string, extra?: PathSegment) => {
    const segments = extra === undefined ? [...path] : [...path, extra];
    issues.push({ path: formatPath(segments), message, segments });
  };

  const visit = (value: unknown, depth: number): void => {
    if (stop) return;
    if (++nodes > limits.maxNodes) {
      report(`document has more than ${limits.maxNodes} values`);
      stop = true;
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth > limits.maxDepth) {
      // One issue is enough; deeper levels (or an alias cycle) add nothing.
      report(`nested deeper than ${limits.maxDepth} levels`);
      stop = true;
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length && !stop; i++) {
        path.push(i);
        visit(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    if (!isPlainObject(value)) {
      // Dates, Maps, RegExps, class instances, typed arrays …: no setting takes one, and the schema
      // alone would accept any of them where an object is expected (as an empty one).
      report(`expected a plain object, list, string, number or boolean, got ${kindOf(value)}`);
      return;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        report(`forbidden key "${key}"`, key);
        continue;
      }
      path.push(key);
      visit(value[key], depth + 1);
      path.pop();
      if (stop) return;
    }
  };

  visit(root, 0);
  return issues;
}

/** A short name for an object's kind (its class), without trusting the object. */
function kindOf(value: object): string {
  try {
    const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
    if (typeof name === 'string' && name !== '') return name.length > 40 ? `${name.slice(0, 39)}…` : name;
  } catch {
    // A hostile prototype chain: fall back to the tag.
  }
  return Object.prototype.toString.call(value).slice(8, -1);
}
