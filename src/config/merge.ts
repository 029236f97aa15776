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

/** Every default, resolved once; never handed out (merging copies it). */
let defaults: ChartConfig | null = null;

/**
 * `resolveConfig` for layers that each passed `validatePatch` (what ConfigStack holds), without
 * validating the whole merged config again, which would repeat every check of every layer on
 * each change. What a layer's own validation cannot see is checked here: lists whose items are
 * merged by id from several layers (an item's required keys, the list's length) are validated
 * with the full schema. Defaults come from merging the layers onto the schema defaults. Same
 * result as `resolveConfig` for such layers (test/node/config-resolve.test.mjs compares them).
 */
export function resolveValidatedLayers(layers: readonly ConfigLayer[]): ResolveResult {
  defaults ??= v.parse(ChartConfigSchema, {});
  let merged: Record<string, unknown>;
  try {
    merged = mergeConfigs(defaults as ChartConfigPatch, ...layers) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, issues: error.issues };
    throw error;
  }
  const issues: ConfigIssue[] = [];
  checkMergedLists(ChartConfigSchema, merged, [], issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, config: merged as ChartConfig };
}

/**
 * A resolved config with a validated patch merged on top, as the highest layer would merge it,
 * sharing every object the patch does not touch with `base` (nothing is copied but the path to
 * each change; a patch that changes nothing returns `base` itself). Only for patches without
 * lists merged by id (see `hasIdList`): those need every layer's list.
 */
export function mergeOnto<T extends object>(base: T, patch: ChartConfigPatch): T {
  return mergeShared(base as Record<string, unknown>, patch as Record<string, unknown>, []) as T;
}

/** Whether a layer holds a list whose items merge by id (anywhere). */
export function hasIdList(value: unknown): boolean {
  if (Array.isArray(value)) return mergesById(value) || value.some(hasIdList);
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (hasIdList(value[key])) return true;
  return false;
}

function mergeShared(base: Record<string, unknown>, patch: Record<string, unknown>, path: PathSegment[]): Record<string, unknown> {
  if (path.length > DEFAULT_LIMITS.maxDepth) fail(path, `nested deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(patch)) {
    if (FORBIDDEN_KEYS.has(key)) fail([...path, key], `forbidden key "${key}"`);
    const next = patch[key];
    if (next === undefined || next === null) continue;
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    path.push(key);
    const value = isPlainObject(next) && isPlainObject(current) ? mergeShared(current, next, path) : cloneValue(next, path);
    path.pop();
    if (value !== current) {
      out ??= { ...base };
      out[key] = value;
    }
  }
  return out ?? base;
}

type AnySchema = v.GenericSchema & { wrapped?: AnySchema; entries?: Record<string, AnySchema>; item?: AnySchema };

/** The schema inside optional wrappers (pipes keep the wrapped schema's shape and entries). */
function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  while (current && (current.type === 'optional' || current.type === 'exact_optional' || current.type === 'nullish')) current = current.wrapped;
  return current;
}

/** Walks the merged config with its schema; every list of items with ids is validated whole. */
function checkMergedLists(schema: AnySchema | undefined, value: unknown, path: PathSegment[], issues: ConfigIssue[]): void {
  const inner = unwrap(schema);
  if (!inner || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (inner.type !== 'array' || !mergesById(value)) return;
    const result = v.safeParse(schema!, value, { abortPipeEarly: true });
    if (!result.success) {
      for (const issue of fromValibotIssues(result.issues)) issues.push({ path: formatPath([...path, ...issue.segments]), message: issue.message });
    }
    return;
  }
  if (!inner.entries) return;
  for (const key of Object.keys(value)) {
    path.push(key);
    checkMergedLists(inner.entries[key], (value as Record<string, unknown>)[key], path, issues);
    path.pop();
  }
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
