/**
 * What changed between two resolved configs, and the least work the
 * renderer must do to apply it. Runs on every runtime update, so it walks
 * both configs once and classifies only the leaves that differ.
 *
 * Work levels are ordered; each includes the ones before it:
 *   none      → nothing on the GPU (CPU-side behaviour: zoom/pan, telemetry, tuner budget)
 *   uniforms  → rewrite uniform buffers / overlay and redraw (colors, widths, visibility, labels)
 *   pipelines → recreate render pipelines or targets (MSAA count, series type)
 *   buffers   → re-chunk / re-upload vertex data or resize render targets
 *               (resolution scale, LOD, GPU memory budget, data columns, indicator math)
 * The full table lives in RULES below and in docs/config.md.
 */
import { formatPath, isPlainObject, type PathSegment } from './paths.js';
import type { ChartConfig } from './schema.js';

export type Work = 'none' | 'uniforms' | 'pipelines' | 'buffers';

export interface ConfigDiff {
  changedPaths: string[];
  work: Work;
  subsystems: string[];
}

const WORK_ORDER: readonly Work[] = ['none', 'uniforms', 'pipelines', 'buffers'];

type Rule = readonly [work: Work, ...subsystems: string[]];

/**
 * Keyed by path with list indices written `[]`; the longest matching prefix wins.
 * A rule on a list itself (e.g. `series.items`) applies when items are added,
 * removed or reordered.
 */
export const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['theme', ['uniforms', 'theme']],
  ['colors', ['uniforms', 'theme']],
  ['timeZone', ['uniforms', 'axes']],
  ['axes', ['uniforms', 'axes']],
  ['grid', ['uniforms', 'grid']],
  ['series.type', ['pipelines', 'series']],
  ['series.lineWidth', ['uniforms', 'series']],
  ['series.areaOpacity', ['uniforms', 'series']],
  ['series.heatmap', ['uniforms', 'series']],
  ['series.density', ['pipelines', 'series']],
  ['series.densityScale', ['uniforms', 'series']],
  ['series.cluster', ['pipelines', 'series']],
  ['series.items', ['buffers', 'series', 'data']],
  ['series.items[].type', ['pipelines', 'series']],
  ['series.items[].column', ['buffers', 'series', 'data']],
  ['series.items[].color', ['uniforms', 'series']],
  ['series.items[].lineWidth', ['uniforms', 'series']],
  ['series.items[].name', ['uniforms', 'series']],
  ['series.items[].visible', ['uniforms', 'series']],
  ['indicators', ['buffers', 'indicators']],
  ['indicators[].type', ['buffers', 'indicators']],
  ['indicators[].params', ['buffers', 'indicators']],
  ['indicators[].pane', ['uniforms', 'indicators']],
  ['indicators[].color', ['uniforms', 'indicators']],
  ['indicators[].visible', ['uniforms', 'indicators']],
  ['shaders', ['pipelines', 'shaders']],
  // Annotations become a few batched scene layers, rebuilt by the next frame.
  ['annotations', ['buffers', 'annotations']],
  ['quality.resolutionScale', ['buffers', 'renderer']],
  ['quality.msaa', ['pipelines', 'renderer']],
  ['quality.lodAggressiveness', ['buffers', 'data']],
  ['quality.targetFps', ['none', 'autotune']],
  ['quality.maxGpuMemoryMB', ['buffers', 'renderer']],
  ['quality.tier', ['none', 'autotune']],
  ['features.crosshair', ['uniforms', 'interaction']],
  ['features.tooltip', ['uniforms', 'interaction']],
  ['features.legend', ['uniforms', 'interaction']],
  ['features.zoom', ['none', 'interaction']],
  ['features.pan', ['none', 'interaction']],
  ['features.autoTune', ['none', 'autotune']],
  ['telemetry', ['none', 'telemetry']],
  ['text', ['uniforms', 'text']],
  // 3D charts: the camera is one uniform per layer.
  ['camera', ['uniforms', 'camera']],
  // Stream bounds drop the oldest rows from the CPU store (the GPU draws the LOD scene of what is left).
  ['streaming', ['buffers', 'data']],
]);

/** A path no rule covers (a setting added without a rule) gets the safest answer. */
const FALLBACK: Rule = ['buffers', 'renderer'];

function ruleFor(segments: readonly PathSegment[]): Rule {
  let key = '';
  const keys: string[] = [];
  for (const segment of segments) {
    key = typeof segment === 'number' ? `${key}[]` : key === '' ? segment : `${key}.${segment}`;
    keys.push(key);
  }
  for (let i = keys.length - 1; i >= 0; i--) {
    const rule = RULES.get(keys[i] ?? '');
    if (rule) return rule;
  }
  return FALLBACK;
}

export function diffConfig(prev: ChartConfig, next: ChartConfig): ConfigDiff {
  const changed: PathSegment[][] = [];
  if (prev !== next) compare(prev, next, [], changed);

  let level = 0;
  const subsystems = new Set<string>();
  const changedPaths = changed.map((segments) => {
    const [work, ...systems] = ruleFor(segments);
    level = Math.max(level, WORK_ORDER.indexOf(work));
    for (const system of systems) subsystems.add(system);
    return formatPath(segments);
  });
  return { changedPaths, work: WORK_ORDER[level] ?? 'buffers', subsystems: [...subsystems].sort() };
}

function compare(a: unknown, b: unknown, path: PathSegment[], out: PathSegment[][]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    compareLists(a, b, path, out);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key in b) {
      path.push(key);
      compare(a[key], b[key], path, out);
      path.pop();
    }
    // Keys only in `a`: optional settings that were removed.
    for (const key in a) {
      if (!(key in b) && a[key] !== undefined) out.push([...path, key]);
    }
    return;
  }
  // Different primitives, or a type change (e.g. an optional object appearing).
  if (!(Number.isNaN(a) && Number.isNaN(b))) out.push([...path]);
}

function compareLists(a: readonly unknown[], b: readonly unknown[], path: PathSegment[], out: PathSegment[][]): void {
  if (a.length !== b.length) {
    out.push([...path]);
    return;
  }
  const identified = b.length > 0 && isPlainObject(b[0]) && 'id' in b[0];
  if (!identified) {
    // Lists of values (a palette): one change for the whole list.
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        out.push([...path]);
        return;
      }
    }
    return;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!isPlainObject(x) || !isPlainObject(y) || x.id !== y.id) {
      out.push([...path]); // reordered or replaced items: treat as a new list
      return;
    }
  }
  for (let i = 0; i < a.length; i++) {
    path.push(i);
    compare(a[i], b[i], path, out);
    path.pop();
  }
}
