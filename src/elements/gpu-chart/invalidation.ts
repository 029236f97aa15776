/**
 * What a chart has to redo before its next picture, as one bit mask. Configuration changes, data
 * changes and interaction set bits; one commit per animation frame drains the mask and does only
 * the work its bits ask for, then draws. DOM-free: the table below is the whole mapping from
 * configuration paths to work.
 */

export const Invalidation = {
  NONE: 0,
  /** Theme colours: the theme attribute, DOM colour properties, colours read from CSS. */
  THEME: 1 << 0,
  /** Canvas size and pixel ratio (resize, resolution scale, degradation). */
  LAYOUT: 1 << 1,
  /** Series options resolved again (series list, default type, colours of items). */
  SERIES: 1 << 2,
  /** Model options: type, scale, time zone, grid, LOD, line width, autoscale. */
  OPTIONS: 1 << 3,
  /** The configured indicators (`indicators:`) computed again. */
  INDICATORS: 1 << 4,
  /** Renderer pipelines (MSAA sample count): a rebuilt WebGPU renderer. */
  PIPELINES: 1 << 5,
  /** Telemetry settings. */
  TELEMETRY: 1 << 6,
  /** Crosshair and tooltip features: hide the crosshair until the pointer moves again. */
  POINTER: 1 << 7,
  /** Legend, pane titles, aria summary, font: the DOM overlay's model-derived parts. */
  OVERLAY: 1 << 8,
  /** Only a new picture (viewport, data, pane sizes): nothing to prepare. */
  VIEW: 1 << 9,
} as const;

export const EVERYTHING = (1 << 10) - 1;

/**
 * Configuration path (longest matching prefix wins) → the work a change of it needs. Paths read
 * live when used (zoom and pan switches) or applied at once by the configuration step (quality
 * tier and target fps, for auto-tuning) need only a redraw.
 */
const CONFIG_TABLE: ReadonlyMap<string, number> = new Map([
  ['theme', Invalidation.THEME | Invalidation.OVERLAY],
  ['colors', Invalidation.THEME | Invalidation.OVERLAY],
  ['series.areaOpacity', Invalidation.THEME],
  ['timeZone', Invalidation.OPTIONS | Invalidation.OVERLAY],
  ['axes', Invalidation.OPTIONS | Invalidation.OVERLAY],
  // Another x axis kind keys the data differently: the series are resolved again.
  ['axes.x.type', Invalidation.OPTIONS | Invalidation.SERIES | Invalidation.OVERLAY | Invalidation.POINTER],
  ['grid', Invalidation.OPTIONS],
  // Stream bounds: the data is trimmed to them at once (the oldest rows drop).
  ['streaming', Invalidation.OPTIONS | Invalidation.OVERLAY],
  ['series.type', Invalidation.OPTIONS | Invalidation.SERIES | Invalidation.OVERLAY],
  ['series.lineWidth', Invalidation.OPTIONS],
  ['series.heatmap', Invalidation.OPTIONS | Invalidation.OVERLAY],
  ['series.density', Invalidation.OPTIONS],
  ['series.densityScale', Invalidation.OPTIONS],
  ['series.cluster', Invalidation.OPTIONS],
  ['series.items', Invalidation.SERIES | Invalidation.OVERLAY],
  ['indicators', Invalidation.INDICATORS | Invalidation.OVERLAY],
  // Hooks are handed over by ChartShaders when the config is applied (chart-element.ts); the picture follows.
  ['shaders', Invalidation.NONE],
  // Read (and validated) by the annotations controller when it draws: only a new picture.
  ['annotations', Invalidation.VIEW],
  ['quality.resolutionScale', Invalidation.LAYOUT],
  ['quality.msaa', Invalidation.PIPELINES],
  ['quality.lodAggressiveness', Invalidation.OPTIONS],
  ['quality.gpuLod', Invalidation.OPTIONS],
  ['quality.targetFps', Invalidation.NONE],
  ['quality.tier', Invalidation.NONE],
  // The renderer holds the budget: a change rebuilds it (rebuild() keeps one whose budget is unchanged).
  ['quality.maxGpuMemoryMB', Invalidation.PIPELINES],
  ['features.crosshair', Invalidation.POINTER],
  ['features.tooltip', Invalidation.POINTER],
  ['features.legend', Invalidation.OVERLAY],
  ['features.zoom', Invalidation.NONE],
  ['features.pan', Invalidation.NONE],
  ['features.autoTune', Invalidation.NONE],
  ['telemetry', Invalidation.TELEMETRY],
  ['text', Invalidation.OVERLAY],
  // 3D charts: the configured camera (applied in prepareChart, only when it changed).
  ['camera', Invalidation.OPTIONS],
]);

/** The work for one changed path (`series.items[0].color` → its table entry); unknown paths redo everything. */
export function invalidationOfPath(path: string): number {
  // List indices are not part of the table's keys.
  let key = path.replace(/\[\d+\]/g, '');
  for (;;) {
    const bits = CONFIG_TABLE.get(key);
    if (bits !== undefined) return bits;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return EVERYTHING;
    key = key.slice(0, dot);
  }
}

/** The work a configuration change needs: every changed path's, and always a redraw. */
export function invalidationOf(changedPaths: readonly string[]): number {
  let bits = Invalidation.VIEW;
  for (const path of changedPaths) bits |= invalidationOfPath(path);
  return bits;
}
