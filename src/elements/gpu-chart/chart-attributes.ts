import type { ScaleKind } from '../../core/scales.js';
import type { SeriesType } from '../../series/index.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ChartConfigPatch } from '../../config/schema.js';

/** The attributes of `<gpu-chart>` that are configuration settings (as their properties). */
export interface ConfigAttributes {
  type?: SeriesType;
  theme?: 'light' | 'dark';
  timeZone?: string;
  yScale?: ScaleKind;
  noGrid: boolean;
  noLegend: boolean;
  /** Default of scatter series' density maps (issue 11). */
  density?: 'on' | 'off';
  /** Default of scatter series' grid clustering (issue 11). */
  cluster?: 'grid' | 'off';
}

export const CONFIG_ATTRIBUTE_PROPERTIES = ['type', 'theme', 'timeZone', 'yScale', 'noGrid', 'noLegend', 'density', 'cluster'] as const;

/** The attributes that were set, as a configuration layer (between the config object and runtime updates). */
export function attributeLayer(attributes: ConfigAttributes): ChartConfigPatch {
  const layer: ChartConfigPatch = {};
  if (attributes.theme !== undefined) layer.theme = attributes.theme;
  if (attributes.timeZone !== undefined) layer.timeZone = attributes.timeZone;
  if (attributes.yScale !== undefined) layer.axes = { y: { scale: attributes.yScale } };
  if (attributes.type !== undefined) layer.series = { type: attributes.type };
  if (attributes.density !== undefined) layer.series = { ...layer.series, density: attributes.density };
  if (attributes.cluster !== undefined) layer.series = { ...layer.series, cluster: attributes.cluster };
  if (attributes.noGrid) layer.grid = { visible: false };
  if (attributes.noLegend) layer.features = { legend: false };
  return layer;
}

/** Configuration paths of the attribute layer, by the attribute the author wrote. */
const ATTRIBUTE_NAMES: Record<string, string> = { theme: 'theme', timeZone: 'time-zone', 'axes.y.scale': 'y-scale', 'series.type': 'type', 'series.density': 'density', 'series.cluster': 'cluster' };

/** Issues of the attribute layer name the attribute (`y-scale`), not the path (`axes.y.scale`). */
export function nameAttributeIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return issues.map((issue) => (issue.source === 'attributes' ? { ...issue, path: ATTRIBUTE_NAMES[issue.path] ?? issue.path, source: 'attribute' } : issue));
}
