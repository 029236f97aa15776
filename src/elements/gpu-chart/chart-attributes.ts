import type { ScaleKind, XAxisKind } from '../../core/scales.js';
import type { SeriesType } from '../../series/index.js';
import type { ConfigIssue } from '../../config/errors.js';
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
}

export const CONFIG_ATTRIBUTE_PROPERTIES = ['type', 'theme', 'timeZone', 'yScale', 'xAxis', 'noGrid', 'noLegend'] as const;

/** The attributes that were set, as a configuration layer (between the config object and runtime updates). */
export function attributeLayer(attributes: ConfigAttributes): ChartConfigPatch {
  const layer: ChartConfigPatch = {};
  if (attributes.theme !== undefined) layer.theme = attributes.theme;
  if (attributes.timeZone !== undefined) layer.timeZone = attributes.timeZone;
  if (attributes.yScale !== undefined) layer.axes = { y: { scale: attributes.yScale } };
  if (attributes.xAxis !== undefined) layer.axes = { ...layer.axes, x: { type: attributes.xAxis } };
  if (attributes.type !== undefined) layer.series = { type: attributes.type };
  if (attributes.noGrid) layer.grid = { visible: false };
  if (attributes.noLegend) layer.features = { legend: false };
  return layer;
}

/** Configuration paths of the attribute layer, by the attribute the author wrote. */
const ATTRIBUTE_NAMES: Record<string, string> = { theme: 'theme', timeZone: 'time-zone', 'axes.y.scale': 'y-scale', 'axes.x.type': 'x-axis', 'series.type': 'type' };

/** Issues of the attribute layer name the attribute (`y-scale`), not the path (`axes.y.scale`). */
export function nameAttributeIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return issues.map((issue) => (issue.source === 'attributes' ? { ...issue, path: ATTRIBUTE_NAMES[issue.path] ?? issue.path, source: 'attribute' } : issue));
}
