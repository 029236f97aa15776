import type { ChartModel, DerivedSeries } from '../../core/chart-model.js';
import { MAIN_PANE } from '../../core/panes.js';
import type { SeriesStore } from '../../data/series-store.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { IndicatorConfig } from '../../config/schema.js';
import { getIndicator, resolveIndicatorParams } from '../../indicators/registry.js';
import type { GpuIndicator } from '../gpu-indicator/gpu-indicator.js';
import { resolveCssColor } from '../resolve-css-color.js';

/** The data's columns as indicator inputs; `source` is the chosen column, else close, else the first. */
function indicatorColumns(store: SeriesStore, source: string | null): Record<string, ArrayLike<number> | undefined> {
  const columns: Record<string, ArrayLike<number> | undefined> = { time: store.time };
  for (const name of store.columnNames) columns[name] = store.column(name);
  const chosen = source ?? (store.hasColumn('close') ? 'close' : store.columnNames[0]);
  columns.source = chosen && store.hasColumn(chosen) ? store.column(chosen) : undefined;
  return columns;
}

/**
 * The `<gpu-indicator>` children of a chart: computes each one's outputs over the chart's data
 * (TA-Lib-exact functions of src/indicators) and hands them to the model as derived line series.
 * Changes are coalesced into one recomputation per task.
 */
export class ChartIndicators {
  private readonly indicators = new Set<GpuIndicator>();
  /** Indicators declared in the configuration (`indicators:`, merged by id across layers). */
  private configured: readonly IndicatorConfig[] = [];
  private scheduled = false;

  constructor(
    private readonly model: ChartModel,
    private readonly changed: () => void,
    private readonly reportConfig: (issues: ConfigIssue[]) => void,
  ) {}

  get size(): number {
    return this.indicators.size + this.configured.length;
  }

  setConfigured(items: readonly IndicatorConfig[]): void {
    this.configured = items;
    this.schedule();
  }

  add(indicator: GpuIndicator): void {
    this.indicators.add(indicator);
    this.schedule();
  }

  remove(indicator: GpuIndicator): void {
    if (this.indicators.delete(indicator)) this.schedule();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.recompute();
    });
  }

  /** Computes every valid indicator over the whole data (after new data or an append). */
  recompute(): void {
    const store = this.model.data;
    const derived: DerivedSeries[] = [];
    if (store) {
      let newPanes = 0;
      for (const indicator of this.indicators) {
        if (indicator.hidden || !indicator.validate()) continue;
        const definition = getIndicator(indicator.type);
        const columns = indicatorColumns(store, indicator.source);
        let outputs: Record<string, Float64Array>;
        try {
          outputs = definition.compute(columns, indicator.params);
        } catch (error) {
          // e.g. MFI on data without volume: this indicator is not drawn, the chart goes on.
          indicator.report(error);
          continue;
        }
        const pane = paneOf(indicator.pane, definition.overlay, () => `new:${indicator.id || definition.type}:${newPanes++}`);
        this.push(derived, indicator.id || definition.type, definition.type, indicator.params, outputs, { color: indicator.color, lineWidth: indicator.lineWidth, pane });
      }
      for (const item of this.configured) {
        if (item.visible === false) continue;
        try {
          const definition = getIndicator(item.type);
          const params = resolveIndicatorParams(item.type, item.params ?? {});
          const pane = paneOf(item.pane ?? null, definition.overlay, () => `new:${item.id}`);
          this.push(derived, item.id, definition.type, params, definition.compute(indicatorColumns(store, null), params), { color: item.color ?? null, lineWidth: 1.5, pane });
        } catch (error) {
          this.reportConfig([{ path: `indicators.${item.id}`, message: error instanceof Error ? error.message : String(error), source: 'config' }]);
        }
      }
    }
    this.model.setDerived(derived);
    this.changed();
  }

  private push(derived: DerivedSeries[], id: string, type: string, params: Record<string, number>, outputs: Record<string, Float64Array>, style: { color: string | null; lineWidth: number; pane: string }): void {
    const label = `${type.toUpperCase()}(${Object.values(params).join(', ')})`;
    const rgba = style.color ? resolveCssColor(style.color) : null;
    const entries = Object.entries(outputs);
    entries.forEach(([output, values], k) => {
      // A multi-output indicator's first line takes the chosen colour; the others take palette colours.
      const color = k === 0 ? rgba : null;
      derived.push({
        id: `${id}:${output}:${derived.length}`,
        name: entries.length > 1 ? `${label} ${output}` : label,
        label,
        values,
        color: HISTOGRAM_OUTPUTS.has(output) ? null : color,
        lineWidth: style.lineWidth,
        pane: style.pane,
        style: HISTOGRAM_OUTPUTS.has(output) ? 'histogram' : 'line',
      });
    });
  }
}

/** Outputs drawn as histograms from 0 (MACD's), the others as lines. */
const HISTOGRAM_OUTPUTS = new Set(['histogram']);

/**
 * The pane an indicator is drawn in: `overlay` → the main (price) pane; `new` → a pane of its own;
 * any other value → the pane of that id, shared by every indicator naming it. Without a choice,
 * overlay indicators (averages, bands) go on the price pane and oscillators (RSI, MACD) get their own.
 */
function paneOf(requested: string | null, overlay: boolean, fresh: () => string): string {
  const choice = requested === null || requested === '' ? (overlay ? 'overlay' : 'new') : requested;
  if (choice === 'overlay' || choice === MAIN_PANE) return MAIN_PANE;
  if (choice === 'new') return fresh();
  return `pane:${choice}`;
}
