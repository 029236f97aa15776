import type { ChartModel, DerivedSeries } from '../../core/chart-model.js';
import { getIndicator } from '../../indicators/registry.js';
import type { GpuIndicator } from '../gpu-indicator/gpu-indicator.js';
import { resolveCssColor } from '../resolve-css-color.js';

/**
 * The `<gpu-indicator>` children of a chart: computes each one's outputs over the chart's data
 * (TA-Lib-exact functions of src/indicators) and hands them to the model as derived line series.
 * Changes are coalesced into one recomputation per task.
 */
export class ChartIndicators {
  private readonly indicators = new Set<GpuIndicator>();
  private scheduled = false;

  constructor(
    private readonly model: ChartModel,
    private readonly changed: () => void,
  ) {}

  get size(): number {
    return this.indicators.size;
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
      for (const indicator of this.indicators) {
        if (indicator.hidden || !indicator.validate()) continue;
        const definition = getIndicator(indicator.type);
        const columns: Record<string, ArrayLike<number> | undefined> = { time: store.time };
        for (const name of store.columnNames) columns[name] = store.column(name);
        const source = indicator.source ?? (store.hasColumn('close') ? 'close' : store.columnNames[0]);
        if (source) columns.source = store.hasColumn(source) ? store.column(source) : undefined;
        let outputs: Record<string, Float64Array>;
        try {
          outputs = definition.compute(columns, indicator.params);
        } catch (error) {
          // e.g. MFI on data without volume: this indicator is not drawn, the chart goes on.
          indicator.report(error);
          continue;
        }
        const label = `${definition.type.toUpperCase()}(${Object.values(indicator.params).join(', ')})`;
        const color = indicator.color ? resolveCssColor(indicator.color) : null;
        for (const [output, values] of Object.entries(outputs)) {
          derived.push({ id: `${indicator.id || definition.type}:${output}:${derived.length}`, name: definition.outputs.length > 1 ? `${label} ${output}` : label, values, color, lineWidth: indicator.lineWidth });
        }
      }
    }
    this.model.setDerived(derived);
    this.changed();
  }
}
