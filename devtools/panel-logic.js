// The panel's pure logic (no DOM, no chrome.*): the expressions evaluated in the inspected page,
// the config patch computed from an edited configuration, and the formatting of stats and events.
// test/node/devtools-panel-logic.test.mjs covers it; panel.js draws with it.

/** The page-side registry (src/elements/gpu-chart/chart-devtools.ts). */
export const REGISTRY = 'globalThis.__GPU_CHARTS__';

/**
 * Expression returning `{ url, available, charts }` from the inspected page; only the chart
 * `detail` (the one the panel shows) carries its configuration, frames and events.
 */
export function snapshotExpression(detail = null) {
  const arg = detail === null || detail === undefined ? '' : JSON.stringify(String(detail));
  return `(() => { const r = ${REGISTRY}; return { url: location.href, available: !!(r && r.version === 1), charts: r && r.version === 1 ? r.snapshot(${arg}) : [] }; })()`;
}

/** Expression applying `patch` to chart `id` through its updateConfig: `{ ok, issues }`. */
export function updateConfigExpression(id, patch) {
  return `${REGISTRY}.updateConfig(${JSON.stringify(String(id))}, ${JSON.stringify(patch)})`;
}

/** Expression scrolling chart `id` into view and outlining it. */
export function revealExpression(id) {
  return `${REGISTRY}.reveal(${JSON.stringify(String(id))})`;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The smallest patch turning `before` into `after` for `updateConfig` (which merges objects key by
 * key): changed leaves only; arrays that differ are sent whole. Keys deleted in `after` cannot be
 * expressed (a merge skips missing keys) and are listed in `removed` so the panel can say so.
 */
export function configPatch(before, after, path = '') {
  const patch = {};
  const removed = [];
  if (!isObject(after)) throw new TypeError('the configuration must be a JSON object');
  for (const [key, value] of Object.entries(after)) {
    const old = isObject(before) ? before[key] : undefined;
    const here = path ? `${path}.${key}` : key;
    if (isObject(value) && isObject(old)) {
      const inner = configPatch(old, value, here);
      if (Object.keys(inner.patch).length > 0) patch[key] = inner.patch;
      removed.push(...inner.removed);
    } else if (JSON.stringify(value) !== JSON.stringify(old)) {
      patch[key] = value;
    }
  }
  if (isObject(before)) {
    for (const key of Object.keys(before)) if (!(key in after)) removed.push(path ? `${path}.${key}` : key);
  }
  return { patch, removed };
}

/** Parses the edited JSON; a syntax error comes back as a message, never thrown. */
export function parseEditedConfig(text) {
  try {
    const value = JSON.parse(text);
    if (!isObject(value)) return { error: 'The configuration must be a JSON object ({ … }).' };
    return { value };
  } catch (error) {
    return { error: `Invalid JSON: ${error.message}` };
  }
}

/** "2.41 ms", "n/a" for null. */
export function ms(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a';
}

/** "12.0 MiB" and the like. */
export function bytes(value) {
  if (!Number.isFinite(value)) return 'n/a';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${unit === 0 ? v : v.toFixed(1)} ${units[unit]}`;
}

/** Median and 95th percentile of the recorded frames' CPU and GPU times. */
export function frameSummary(frames) {
  const pick = (key) => frames.map((f) => f[key]).filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
  const cpu = pick('cpuMs');
  const gpu = pick('gpuMs');
  return { frames: frames.length, cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), gpuP50: quantile(gpu, 0.5), gpuP95: quantile(gpu, 0.95) };
}

/** One line saying what an event means, from its detail. */
export function describeEvent(event) {
  const d = event.detail ?? {};
  switch (event.type) {
    case 'gpu-ready':
      return `ready: ${d.renderer ?? '?'}${d.adapter ? ` on ${[d.adapter.vendor, d.adapter.architecture].filter(Boolean).join(' ')}` : ''}`;
    case 'gpu-recovery':
      return `recovery ${d.phase}${d.attempt ? ` (attempt ${d.attempt})` : ''}${d.reason ? `: ${d.reason}` : ''}`;
    case 'gpu-fallback':
      return `fallback to ${d.renderer}: ${d.reason}${d.message ? ` — ${d.message}` : ''}`;
    case 'gpu-quality-change':
      return `quality ${d.previous ?? '—'} → ${d.tier} (${d.reason ?? ''})`;
    case 'gpu-config-change':
      return `config ${d.layer}: ${(d.changedPaths ?? []).join(', ') || 'nothing'} → ${d.work}`;
    case 'gpu-config-error':
      return `config error: ${(d.issues ?? []).map((i) => `${i.path}: ${i.message}`).join('; ')}`;
    case 'gpu-data-error':
      return `data ${d.severity ?? 'error'}: ${d.message ?? d.code}`;
    default:
      return event.type;
  }
}

/** The name a chart goes by in the list. */
export function chartTitle(chart) {
  return chart.elementId ? `#${chart.elementId}` : chart.label ? chart.label : chart.id;
}
