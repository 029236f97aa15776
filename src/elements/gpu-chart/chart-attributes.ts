import type { ScaleKind, XAxisKind } from '../../core/scales.js';
import { SERIES_TYPES, type SeriesType } from '../../series/index.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { LayerName } from '../../config/config-stack.js';
import type { ChartConfigPatch } from '../../config/schema.js';

/** The attributes of `<gpu-chart>` that are configuration settings (as their properties). */
export interface ConfigAttributes {
  type?: SeriesType;
  theme?: 'light' | 'dark';
  timeZone?: string;
  yScale?: ScaleKind;
  xAxis?: XAxisKind;
  noGrid: boolean;
  noLegend: boolean;
  /** Heatmaps: `nearest`, `bilinear` or `bicubic`. */
  interpolation?: string;
  /** Heatmaps: a colormap name. */
  colormap?: string;
  /** Default of scatter series' density maps (issue 11). */
  density?: 'on' | 'off';
  /** Default of scatter series' grid clustering (issue 11). */
  cluster?: 'grid' | 'off';
  /** `max-points`: streaming.maxPoints (issue 16). */
  maxPoints?: number;
}

export const CONFIG_ATTRIBUTE_PROPERTIES = ['type', 'theme', 'timeZone', 'yScale', 'xAxis', 'noGrid', 'noLegend', 'interpolation', 'colormap', 'density', 'cluster', 'maxPoints'] as const;

/** The attributes that were set, as a configuration layer (between the config object and runtime updates). */
export function attributeLayer(attributes: ConfigAttributes): ChartConfigPatch {
  const layer: ChartConfigPatch = {};
  if (attributes.theme !== undefined) layer.theme = attributes.theme;
  if (attributes.timeZone !== undefined) layer.timeZone = attributes.timeZone;
  if (attributes.yScale !== undefined) layer.axes = { y: { scale: attributes.yScale } };
  if (attributes.xAxis !== undefined) layer.axes = { ...layer.axes, x: { type: attributes.xAxis } };
  if (attributes.type !== undefined) layer.series = { type: attributes.type };
  if (attributes.interpolation !== undefined || attributes.colormap !== undefined) {
    // Checked by the schema: a bad value is a gpu-config-error naming the attribute.
    const heatmap: Record<string, unknown> = {};
    if (attributes.interpolation !== undefined) heatmap.interpolation = attributes.interpolation;
    if (attributes.colormap !== undefined) heatmap.colormap = attributes.colormap;
    layer.series = { ...layer.series, heatmap: heatmap as NonNullable<ChartConfigPatch['series']>['heatmap'] };
  }
  if (attributes.density !== undefined) layer.series = { ...layer.series, density: attributes.density };
  if (attributes.cluster !== undefined) layer.series = { ...layer.series, cluster: attributes.cluster };
  if (attributes.maxPoints !== undefined && attributes.maxPoints !== null) layer.streaming = { maxPoints: attributes.maxPoints };
  if (attributes.noGrid) layer.grid = { visible: false };
  if (attributes.noLegend) layer.features = { legend: false };
  return layer;
}

/** Configuration paths of the attribute layer, by the attribute the author wrote. */
const ATTRIBUTE_NAMES: Record<string, string> = { theme: 'theme', timeZone: 'time-zone', 'axes.y.scale': 'y-scale', 'axes.x.type': 'x-axis', 'series.type': 'type', 'series.heatmap.interpolation': 'interpolation', 'series.heatmap.colormap': 'colormap', 'series.density': 'density', 'series.cluster': 'cluster', 'streaming.maxPoints': 'max-points' };

/** Issues of the attribute layer name the attribute (`y-scale`), not the path (`axes.y.scale`). */
export function nameAttributeIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return issues.map((issue) => (issue.source === 'attributes' ? { ...issue, path: ATTRIBUTE_NAMES[issue.path] ?? issue.path, source: 'attribute' } : issue));
}

/** Reports an attribute-level problem as `gpu-config-error` (path: the attribute's property). */
export type AttributeReport = (path: string, message: string) => void;

/** Reports a value outside `allowed`; true when it was one (the caller puts the last good value back). */
export function rejectChoice(path: string, value: unknown, allowed: readonly string[], report: AttributeReport): boolean {
  if (allowed.includes(value as string)) return false;
  report(path, `expected ${allowed.join(' | ')}, got "${String(value)}"`);
  return true;
}

/**
 * Some configuration attributes changed: `type` is checked (this version may not draw every
 * configured type), then the attributes become the configuration's `attributes` layer. Whatever
 * is refused is reported and the last good values go back on the element, so element and
 * configuration never disagree.
 */
export function applyConfigAttributes(
  element: ConfigAttributes,
  changed: ReadonlyMap<PropertyKey, unknown>,
  setLayer: (layer: LayerName, patch: ChartConfigPatch, source: string) => boolean,
  report: AttributeReport,
): void {
  if (!CONFIG_ATTRIBUTE_PROPERTIES.some((name) => changed.has(name))) return;
  if (element.type !== undefined && rejectChoice('type', element.type, SERIES_TYPES, report)) {
    element.type = changed.get('type') as SeriesType | undefined;
  } else if (!setLayer('attributes', attributeLayer(element), 'attributes')) {
    // The last good values stay, on the element as in the configuration.
    for (const name of CONFIG_ATTRIBUTE_PROPERTIES) if (changed.has(name)) (element as unknown as Record<string, unknown>)[name] = changed.get(name);
  }
}
