import { DEFAULT_Y_AXIS, type YAxisSpec } from '../../core/chart-types.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ChartConfig } from '../../config/schema.js';

// The configured value axes: as model options, and their problems (gpu-config-error).

/** The declared value axes as the model takes them (the config's, with sides and scales decided). */
export function yAxesOf(config: ChartConfig): YAxisSpec[] {
  const seen = new Set<string>([DEFAULT_Y_AXIS]);
  const axes: YAxisSpec[] = [];
  for (const axis of config.axes.yAxes) {
    if (seen.has(axis.id)) continue;
    seen.add(axis.id);
    axes.push({ id: axis.id, side: axis.side ?? 'right', scale: axis.scale ?? 'linear', min: axis.min, max: axis.max, title: axis.title, unit: axis.unit });
  }
  return axes;
}

/**
 * The configured value axes' problems: an axis id used twice or "y" (the default axis), and a
 * series naming an axis that is not declared (it is drawn against the default axis).
 */
export function yAxisIssues(config: ChartConfig, source: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ids = new Set<string>([DEFAULT_Y_AXIS]);
  config.axes.yAxes.forEach((axis, i) => {
    if (axis.id === DEFAULT_Y_AXIS) issues.push({ path: `axes.yAxes[${i}].id`, message: `"${DEFAULT_Y_AXIS}" is the default value axis: configure it in axes.y`, source });
    else if (ids.has(axis.id)) issues.push({ path: `axes.yAxes[${i}].id`, message: `value axis "${axis.id}" is declared twice`, source });
    ids.add(axis.id);
  });
  config.series.items.forEach((item, i) => {
    if (item.yAxis !== undefined && !ids.has(item.yAxis)) issues.push({ path: `series.items[${i}].yAxis`, message: unknownAxisMessage(item.yAxis, ids), source });
  });
  return issues;
}

/** "no value axis "p" (declared: y, temp); drawing against the default axis" */
export function unknownAxisMessage(id: string, declared: Iterable<string>): string {
  return `no value axis "${id}" (declared: ${[...declared].join(', ')}); drawing against the default axis`;
}
