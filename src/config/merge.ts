/**
 * Layered configuration: schema defaults < preset < config file / object <
 * element attributes < runtime property updates. `mergeConfigs` combines
 * layers (later wins); `resolveConfig` then validates the result with the
 * full schema and fills defaults.
 *
 * Merge rules:
 * - plain objects merge key by key; `undefined` and `null` values are skipped
 *   (a layer cannot "unset" a lower layer's value, only override it);
 * - a list whose items all carry an `id` merges into the lower list by id
 *   (matching items merge, new ids are appended, unmentioned items stay —
 *   ECharts' "normal merge"); any other list, including `[]`, replaces the
 *   lower list wholesale;
 * - `__proto__`, `constructor` and `prototype` keys are refused anywhere.
 * The result never shares objects with the layers, so mutating it (or a
 * layer) later cannot affect the other.
 */
import * as v from 'valibot';
import { ConfigError, type ConfigIssue } from './errors.js';
import { DEFAULT_LIMITS } from './guard.js';
import { fromValibotIssues } from './issues.js';
import { FORBIDDEN_KEYS, formatPath, isPlainObject, type PathSegment } from './paths.js';
import { ChartConfigSchema, type ChartConfig, type ChartConfigPatch } from './schema.js';

export type ConfigLayer = ChartConfigPatch | null | undefined;

export function mergeConfigs(...layers: ConfigLayer[]): ChartConfigPatch {
  const result: Record<string, unknown> = {};
  layers.forEach((layer, index) => {
    if (layer == null) return;
    if (!isPlainObject(layer)) fail([], `layer ${index} must be a plain object`);
    mergeObject(result, layer, []);
  });
  return result as ChartConfigPatch;
}

export type ResolveResult = { ok: true; config: ChartConfig } | { ok: false; issues: ConfigIssue[] };

export function resolveConfig(layers: readonly ConfigLayer[]): ResolveResult {
  let merged: ChartConfigPatch;
  try {
    merged = mergeConfigs(...layers);
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, issues: error.issues };
    throw error;
  }
  const result = v.safeParse(ChartConfigSchema, merged, { abortPipeEarly: true });
  if (result.success) return { ok: true, config: result.output };
  return { ok: false, issues: fromValibotIssues(result.issues).map(({ segments: _, ...issue }) => issue) };
}

function fail(path: PathSegment[], message: string): never {
  throw new ConfigError([{ path: formatPath(path), message }]);
}

function mergeObject(target: Record<string, unknown>, source: Record<string, unknown>, path: PathSegment[]): void {
  // Also stops cyclic runtime objects, which would otherwise recurse forever.
  if (path.length > DEFAULT_LIMITS.maxDepth) fail(path, `nested deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) fail([...path, key], `forbidden key "${key}"`);
    const next = source[key];
    if (next === undefined || next === null) continue;
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    path.push(key);
    if (isPlainObject(next)) {
      if (isPlainObject(current)) mergeObject(current, next, path);
      else target[key] = cloneValue(next, path);
    } else if (Array.isArray(next)) {
      target[key] = Array.isArray(current) && mergesById(next) ? mergeById(current, next, path) : cloneValue(next, path);
    } else {
      target[key] = next;
    }
    path.pop();
  }
}

type Identified = Record<string, unknown> & { id: string };

function mergesById(list: readonly unknown[]): list is Identified[] {
  return list.length > 0 && list.every((item) => isPlainObject(item) && typeof item.id === 'string');
}

/** `current` is already owned by the result, so it is updated in place. */
function mergeById(current: unknown[], incoming: readonly Identified[], path: PathSegment[]): unknown[] {
  const byId = new Map<string, Record<string, unknown>>();
  for (const item of current) {
    if (isPlainObject(item) && typeof item.id === 'string') byId.set(item.id, item);
  }
  incoming.forEach((item, index) => {
    path.push(index);
    const existing = byId.get(item.id);
    if (existing) mergeObject(existing, item, path);
    else {
      const copy = cloneValue(item, path) as Record<string, unknown>;
      current.push(copy);
      byId.set(item.id, copy);
    }
    path.pop();
  });
  return current;
}

function cloneValue(value: unknown, path: PathSegment[]): unknown {
  if (Array.isArray(value)) {
    if (path.length > DEFAULT_LIMITS.maxDepth) fail(path, `nested deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
    return value.map((item, index) => {
      path.push(index);
      const copy = cloneValue(item, path);
      path.pop();
      return copy;
    });
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    mergeObject(copy, value, path);
    return copy;
  }
  return value;
}
