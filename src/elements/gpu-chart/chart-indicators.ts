import type { ChartModel, DerivedSeries } from '../../core/chart-model.js';
import { MAIN_PANE } from '../../core/panes.js';
import type { SeriesStore } from '../../data/series-store.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { IndicatorConfig } from '../../config/schema.js';
import type { IndicatorStream } from '../../indicators/indicator-stream.js';
import { IndicatorError } from '../../indicators/errors.js';
import { indicatorRuntime, loadIndicatorRuntime } from '../indicator-runtime.js';
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
  /** The indicators drawn now, with their streaming state. */
  private live: LiveIndicator[] = [];
  private scheduled = false;

  constructor(
    private readonly model: ChartModel,
    private readonly changed: () => void,
    private readonly reportConfig: (issues: ConfigIssue[]) => void,
  ) {}

  get size(): number {
    return this.indicators.size + this.configured.length;
  }

  /** Indicators from the configuration; computed at once (the chart's commit asks, before drawing). */
  setConfigured(items: readonly IndicatorConfig[]): void {
    this.configured = items;
    this.recompute();
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
      // Already done meanwhile (a recomputation asked for at once)?
      if (this.scheduled) this.recompute();
    });
  }

  /** Computes every valid indicator over the whole data (after new data or a change of indicators). */
  recompute(): void {
    this.scheduled = false;
    const store = this.model.data;
    const live: LiveIndicator[] = [];
    const runtime = indicatorRuntime();
    if (!runtime && this.size > 0) {
      // The indicators are a lazy chunk: load it, then compute (one frame later).
      void loadIndicatorRuntime().then(
        () => this.schedule(),
        (error) => this.reportConfig([{ path: 'indicators', message: `the indicators could not be loaded: ${error instanceof Error ? error.message : String(error)}`, source: 'config' }]),
      );
    }
    if (store && runtime) {
      const { getIndicator, IndicatorStream } = runtime;
      let newPanes = 0;
      for (const indicator of this.indicators) {
        if (indicator.hidden || !indicator.validate()) continue;
        const definition = getIndicator(indicator.type);
        const entry: LiveIndicator = {
          stream: new IndicatorStream(definition.type, indicator.params),
          id: indicator.id || definition.type,
          source: indicator.source,
          style: { color: indicator.color, lineWidth: indicator.lineWidth, pane: paneOf(indicator.pane, definition.overlay, () => `new:${indicator.id || definition.type}:${newPanes++}`) },
          report: (error) => indicator.report(error),
        };
        // e.g. MFI on data without volume: this indicator is not drawn, the chart goes on.
        if (attempt(entry.report, () => entry.stream.reset(indicatorColumns(store, entry.source), store.length))) {
          warnIfTooShort(entry, store.length);
          live.push(entry);
        }
      }
      for (const item of this.configured) {
        if (item.visible === false) continue;
        const report = (error: unknown) => this.reportConfig([{ path: `indicators.${item.id}`, message: error instanceof Error ? error.message : String(error), source: 'config' }]);
        attempt(report, () => {
          const definition = getIndicator(item.type);
          const entry: LiveIndicator = {
            stream: new IndicatorStream(definition.type, item.params ?? {}),
            id: item.id,
            source: null,
            style: { color: item.color ?? null, lineWidth: 1.5, pane: paneOf(item.pane ?? null, definition.overlay, () => `new:${item.id}`) },
            report,
          };
          entry.stream.reset(indicatorColumns(store, null), store.length);
          warnIfTooShort(entry, store.length);
          live.push(entry);
        });
      }
    }
    this.live = live;
    this.publish();
  }

  /**
   * Rows were appended to the data (and its last row possibly replaced): every indicator steps
   * over just those rows, O(1) per row for the recursive ones, instead of recomputing the series.
   */
  appended(appended: number, updatedLast: boolean, dropped = 0): void {
    const store = this.model.data;
    if (!store || this.scheduled) return; // a full recomputation is coming anyway
    this.live = this.live.filter((entry) => attempt(entry.report, () => entry.stream.sync(indicatorColumns(store, entry.source), store.length, appended, updatedLast, dropped)));
    this.publish();
  }

  /** Hands the live indicators' outputs to the model as derived series. */
  private publish(): void {
    const length = this.model.data?.length ?? 0;
    const derived: DerivedSeries[] = [];
    for (const { stream, id, style } of this.live) {
      const label = `${stream.type.toUpperCase()}(${Object.values(stream.params).join(', ')})`;
      const rgba = style.color ? resolveCssColor(style.color) : null;
      const many = stream.outputNames.length > 1;
      stream.outputNames.forEach((output, k) => {
        const histogram = HISTOGRAM_OUTPUTS.has(output);
        derived.push({
          id: `${id}:${output}:${derived.length}`,
          name: many ? `${label} ${output}` : label,
          label,
          // Spare capacity past `length`: the model reads rows [0, length) only.
          values: stream.column(output),
          length,
          pyramid: stream.pyramid(output),
          // A multi-output indicator's first line takes the chosen colour; the others take palette colours.
          color: k === 0 && !histogram ? rgba : null,
          lineWidth: style.lineWidth,
          pane: style.pane,
          style: histogram ? 'histogram' : 'line',
          ...(k === 0 ? { levels: levelsOf(stream.type) } : {}),
        });
      });
    }
    this.model.setDerived(derived);
    this.changed();
  }
}

/** The reference levels of an indicator type (RSI's 30 and 70), once the runtime is loaded. */
function levelsOf(type: string) {
  return indicatorRuntime()?.getIndicator(type).levels;
}

/** Runs a step of one indicator; on failure reports it (the caller drops the indicator) and returns false. */
function attempt(report: (error: unknown) => void, step: () => void): boolean {
  try {
    step();
    return true;
  } catch (error) {
    report(error);
    return false;
  }
}

/**
 * Data shorter than an indicator's warm-up (a period longer than the data) gives no value at all:
 * say so (the indicator stays, and appears once streaming brings enough rows).
 */
function warnIfTooShort(entry: LiveIndicator, length: number): void {
  const warmUp = Math.min(...Object.values(entry.stream.lookbacks));
  if (length === 0 || warmUp < length) return;
  const label = `${entry.stream.type.toUpperCase()}(${Object.values(entry.stream.params).join(', ')})`;
  entry.report(new IndicatorError('too-short', `${label} needs more than ${warmUp} rows before its first value; the data has ${length}`));
}

/** An indicator being drawn: its streaming state and how it is drawn. */
interface LiveIndicator {
  stream: IndicatorStream;
  id: string;
  source: string | null;
  style: { color: string | null; lineWidth: number; pane: string };
  report: (error: unknown) => void;
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
