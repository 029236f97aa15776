import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChartModel } from '../../core/chart-model.js';
import { BAR_TYPES, hasOhlc, scatterIssues, SERIES_TYPES, type SeriesOptions, type SeriesType } from '../../series/index.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import type { XAxisKind } from '../../core/scales.js';
import { DEFAULT_Y_AXIS } from '../../core/chart-types.js';
import { unknownAxisMessage } from './chart-axes.js';
import type { ChartConfig } from '../../config/schema.js';
import type { ColumnarData, NormalizedData } from '../../data/columnar.js';
import { DataError } from '../../data/data-error.js';
import { gridFromLong, isGridColumnsInput, isGridInput, isLongGridInput, normalizeGrid, type GridStore } from '../../data/grid.js';
import { ColormapError, resolveColormap } from '../../core/colormap/index.js';
import { fetchText, loadUrl } from '../../data/load-url.js';
import { normalizeData } from '../../data/normalize.js';
import { TimeframeView } from '../../data/timeframe-view.js';
import { GpuDataErrorEvent, type GpuDataErrorDetail } from '../../events/gpu-data-error.js';
import { GpuLoadProgressEvent } from '../../events/gpu-load-progress.js';
import { retry, type BackoffOptions } from '../../recovery/retry.js';
import { resolveCssColor } from '../resolve-css-color.js';
import type { ChartIndicators } from './chart-indicators.js';
import type { OverlayStatus } from './chart-overlay.js';
import { Invalidation } from './invalidation.js';
import { loadSeriesType, seriesType } from '../../series/registry.js';
import type { Grid3d, Points3d } from '../../core/three/data-3d.js';
import { threeD, THREE_D_TYPES } from '../../core/three-d-lazy.js';

/** A series as users describe it from JS: like SeriesOptions, with a CSS colour string. */
export interface ChartSeriesOptions extends Omit<SeriesOptions, 'color'> {
  color?: string;
}

/** What data intake needs from its chart. */
export interface DataHost extends ReactiveControllerHost, EventTarget {
  readonly effectiveConfig: ChartConfig;
  /** Loading `src` retries with the backoff of device recovery. */
  readonly recoveryOptions: { readonly retry: BackoffOptions };
  /** What the x axis measures now (the `x-axis` property as soon as it is set, else the configuration's). */
  readonly xAxisKind: XAxisKind;
  /** The chart's series type now (the `type` property as soon as it is set, else the configuration's). */
  readonly chartType: string;
  invalidate(bits: number): void;
  viewportChanged(source: ViewportChangeSource, render?: boolean): void;
  /** An attribute-level problem (timeframe, series colours): `gpu-config-error`. */
  configError(path: string, message: string): void;
}

/** Where intake reports: the overlay's status part (loading, error) and telemetry's error counts. */
export interface DataReports {
  setStatus(change: Partial<OverlayStatus>): void;
  recordError(kind: 'data', code: string): void;
}

/** Worth another try: the network, or a server that may answer later. */
function isTransientLoadError(error: unknown): boolean {
  if (!(error instanceof DataError)) return false;
  if (error.code === 'network') return true;
  const status = typeof error.value === 'number' ? error.value : 0;
  return error.code === 'http' && (status >= 500 || status === 408 || status === 429);
}

/**
 * Everything that brings data into a chart: the `data` and `series` properties, streamed rows,
 * `src` (with retries of transient failures and progress), `timeframe` resampling, and the
 * reports of bad data. Invalid data never replaces good data.
 */
export class ChartData implements ReactiveController {
  /** The data as the page gave it (returned by the `data` getter). */
  given: unknown = null;
  /** The `series` property. */
  userSeries: ChartSeriesOptions[] | null = null;

  /** The data resampled to `timeframe`, when one is set. */
  private readonly timeframes = new TimeframeView();
  private timeframe: string | null = null;
  /** The time zone the resampled bars were cut in (a change of `time-zone` cuts them again). */
  private timeframeZone = 'UTC';
  private loadAbort: AbortController | null = null;
  /** The x axis kind the `data` shown was taken in for (its key depends on it). */
  private normalizedAs: XAxisKind | null = null;
  /** 3D charts: the kind of data `data` was taken in as ('grid', 'points'), or null (2D). */
  private takenAs3d: 'grid' | 'points' | null = null;
  private errorTimer = 0;

  constructor(
    private readonly host: DataHost,
    private readonly model: ChartModel,
    private readonly indicators: ChartIndicators,
    private readonly reports: DataReports,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.loadAbort?.abort();
    this.loadAbort = null;
  }

  /** The `data` property. */
  set(value: unknown): void {
    this.given = value;
    if (value == null) return;
    // 3D charts: a grid (surface, bars3d) or point columns (points3d), checked whole; on a
    // problem the last good data stays drawn and gpu-data-error says what and where.
    const type = this.host.chartType;
    const three = seriesType(type)?.three;
    const code = threeD();
    // A 3D type whose chunk is still loading: the data waits (taken in by typeChanged once it has),
    // rather than being read as 2D rows and refused.
    if (!seriesType(type) && (THREE_D_TYPES as readonly string[]).includes(type)) {
      this.takenAs3d = null;
      return;
    }
    this.takenAs3d = three && code ? three.data : null;
    if (three && code) {
      this.take3d(() => (three.data === 'grid' ? code.parseGrid3d(value) : code.parsePoints3d(value)), 'data');
      return;
    }
    // A grid ({ rows, cols, values, … }, or { x, y, value } on a heatmap chart) is drawn as a heatmap.
    const long = this.model.options.defaultType === 'heatmap' && isLongGridInput(value) ? value : null;
    if (long || isGridInput(value)) {
      try {
        this.showGrid(long ? gridFromLong(long) : normalizeGrid(value));
      } catch (error) {
        this.reportError(error, 'data');
      }
      return;
    }
    const kind = this.host.xAxisKind;
    const normalized = this.normalize(() => normalizeData(value, 'data', kind), 'data');
    this.normalizedAs = kind;
    if (normalized) this.apply(normalized);
  }

  /** 3D data (a grid or points), parsed by `parse`: shown, or on a problem reported with the last good picture kept. */
  private take3d(parse: () => Grid3d | Points3d, source: string): void {
    try {
      const value = parse();
      if ('rows' in value) this.model.three.setGrid(value);
      else this.model.three.setPoints(value);
      this.clearError();
      this.host.invalidate(Invalidation.SERIES | Invalidation.VIEW | Invalidation.OVERLAY);
    } catch (error) {
      this.reportError(error, source);
    }
  }

  /**
   * `append()` on a 3D chart: points join a points3d cloud in place (only they are written and
   * uploaded while the box stays, see series/points3d); a surface takes columns (`{ columns }`, the
   * heatmap's shape) into its ring, the oldest dropping past `maxColumns` (only the new columns are written and
   * uploaded; the box's x range scrolls, core/three/surface-ring.ts); bars3d does not append.
   */
  private append3d(rows: unknown, kind: 'grid' | 'points'): void {
    try {
      const code = threeD();
      if (!code) throw new DataError('the 3D code is still loading: append once the chart is ready (await chart.nextFrame())', { code: 'invalid-grid', column: 'append', source: 'append' });
      if (kind === 'grid') {
        const grid = this.model.three.grid;
        if (this.host.chartType !== 'surface') throw new DataError('a bars3d chart does not append: set `data` to the new grid', { code: 'invalid-grid', column: 'append', source: 'append' });
        if (!grid) throw new DataError('a surface appends columns to its grid: set `data` first ({ rows, cols: 0, values: [], maxColumns, x0, dx, y0, dy } starts an empty one)', { code: 'invalid-grid', column: 'append', source: 'append' });
        if (code.appendGrid3d(grid, rows) === 0) return;
      } else {
        const points = this.model.three.points;
        if (!points) {
          this.model.three.setPoints(code.parsePoints3d(rows));
        } else if (code.appendPoints3d(points, rows) === 0) {
          return;
        }
      }
      this.clearError();
      this.host.invalidate(Invalidation.VIEW | Invalidation.OVERLAY);
    } catch (error) {
      this.reportError(error, 'append');
    }
  }

  /** The chart's type changed between 2D and 3D (or grid and points): `data` is taken in again. */
  typeChanged(): void {
    const wanted = seriesType(this.host.chartType)?.three?.data ?? null;
    if (this.given != null && wanted !== this.takenAs3d) this.set(this.given);
  }

  /**
   * The x axis changed kind: `data` is taken in again, since its key depends on it (a time on time
   * axes; `x`, or the row index, on numeric ones).
   */
  xAxisChanged(): void {
    if (this.given == null || this.normalizedAs === this.host.xAxisKind) return;
    this.set(this.given);
  }

  setSeries(value: ChartSeriesOptions[] | null): void {
    this.userSeries = value;
    this.host.invalidate(Invalidation.SERIES | Invalidation.OVERLAY);
  }

  /**
   * Streams rows in (same shapes as `data`); a first row at the last row's time replaces it. A
   * heatmap takes `{ columns }`: k × rows values, column after column (see GridStore.append); so
   * does a surface (see core/three/surface-ring.ts), a points3d chart `{ x, y, z, … }` points.
   */
  append(rows: unknown): void {
    const three = seriesType(this.host.chartType)?.three;
    if (three) {
      this.append3d(rows, three.data);
      return;
    }
    if (this.model.gridData) {
      try {
        if (!isGridColumnsInput(rows)) throw new DataError('a heatmap appends { columns: Float32Array(rows × k) }, k columns of rows values each', { code: 'invalid-grid', column: 'columns', source: 'append' });
        this.model.appendGrid(rows.columns);
        this.host.invalidate(Invalidation.VIEW | Invalidation.OVERLAY);
        this.host.viewportChanged('data', false);
      } catch (error) {
        this.reportError(error, 'append');
      }
      return;
    }
    const normalized = this.normalize(() => normalizeData(rows, 'append', this.host.xAxisKind, this.model.data?.length ?? 0), 'append');
    if (!normalized) return;
    try {
      const hadData = this.model.data !== null;
      // With a timeframe, the rows update the resampled bars (the newest one, or new ones).
      const shown = this.timeframes.active ? this.timeframes.append(normalized.data) : normalized.data;
      if (shown.time.length === 0) return;
      const { appended, updatedLast, dropped } = this.model.append(shown);
      if (!hadData) this.resolveSeries();
      // Indicators follow the stream, stepping over the new rows only (O(1) per row for most).
      if (!hadData) this.indicators.recompute();
      else if (this.indicators.size > 0) this.indicators.appended(appended, updatedLast, dropped);
      this.host.invalidate(Invalidation.VIEW | Invalidation.OVERLAY);
      this.host.viewportChanged('data', false);
    } catch (error) {
      this.reportError(error, 'append');
    }
  }

  /**
   * The stream bounds (config `streaming`): the store keeps at most `maxPoints` rows / `windowMs`
   * of time, dropping the oldest; indicators drop the same rows.
   */
  setStreamBounds(maxPoints: number | null, windowMs: number | null): void {
    const dropped = this.model.setStreamBounds({ maxPoints, windowMs });
    if (dropped > 0 && this.indicators.size > 0) this.indicators.appended(0, false, dropped);
  }

  /** `timeframe` changed (null or '' shows the data as given again). */
  setTimeframe(value: string | null): void {
    this.timeframe = value || null;
    this.applyTimeframe();
  }

  /** The time zone changed: resampled bars are cut again on the new wall clock. */
  timeZoneChanged(zone: string): void {
    if (this.timeframes.active && zone !== this.timeframeZone) this.applyTimeframe();
  }

  /**
   * Series from the `series` property, else from the configuration's `series.items`; resampled
   * bars drawn as lines or areas show the close, not one line per OHLCV column.
   */
  resolveSeries(): void {
    const fromConfig = this.host.effectiveConfig.series.items.map((item) => ({ ...item, column: item.column ?? item.id }));
    const barsAsLine = this.timeframes.active && !BAR_TYPES.includes(this.model.options.defaultType) ? [{ column: 'close', name: `close (${this.timeframe})` }] : null;
    const list: (Omit<ChartSeriesOptions, 'type'> & { type?: string })[] | null = this.userSeries ?? (fromConfig.length > 0 ? fromConfig : barsAsLine);
    // Scatter options (marker, colormap, columns) are checked first: a bad one is reported at its
    // path and the series shown so far stay (the last good picture).
    const columns = this.model.data?.columnNames ?? null;
    let scatterBad = false;
    list?.forEach((s, i) => {
      if (s.type !== 'scatter') return;
      const at = this.userSeries ? `series[${i}]` : `series.items[${i}]`;
      for (const issue of scatterIssues(s, columns)) {
        scatterBad = true;
        this.host.configError(`${at}.${issue.field}`, issue.message);
      }
    });
    if (scatterBad) return;
    const options = list?.map((s, i): SeriesOptions => {
      const color = s.color ? resolveCssColor(s.color) : null;
      if (s.color && !color) this.host.configError(`series[${i}].color`, `"${s.color}" is not a CSS colour`);
      if (s.colormap !== undefined) {
        try {
          resolveColormap(s.colormap);
        } catch (error) {
          if (error instanceof ColormapError) this.host.configError(`series[${i}].${error.field}`, error.message);
        }
      }
      // Configured items are checked with the configuration (series.items[i].yAxis); the property here.
      if (this.userSeries && s.yAxis !== undefined && s.yAxis !== DEFAULT_Y_AXIS && !this.model.yAxes.some((a) => a.id === s.yAxis)) {
        this.host.configError(`series[${i}].yAxis`, unknownAxisMessage(s.yAxis, [DEFAULT_Y_AXIS, ...this.model.yAxes.map((a) => a.id)]));
      }
      // Types this version does not draw yet fall back to the chart's default.
      const type = SERIES_TYPES.find((known) => known === s.type) as SeriesType | undefined;
      return { ...s, type, color: color ?? null };
    });
    this.model.setSeriesOptions(options ?? null);
  }

  /**
   * Rows from the tile server (chart-tiles.ts) in place of `data`: the view is kept (reset on the
   * first tiles), and the x bounds are the whole series' on the server, not the rows held.
   */
  showTiles(data: ColumnarData, bounds: [number, number], resetView: boolean): void {
    this.model.setData(data, !resetView);
    this.resolveSeries();
    if (this.indicators.size > 0) this.indicators.recompute();
    // After resolveSeries, which sets the bounds to the rows held.
    this.model.viewport.setDataBounds(bounds[0], bounds[1], resetView);
    this.host.invalidate(Invalidation.VIEW | Invalidation.OVERLAY);
    this.host.viewportChanged('data', false);
  }

  /** Loads `src`: transient failures retried with backoff, applied only once fully parsed. */
  async load(url: string): Promise<void> {
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    let loaded = 0;
    this.reports.setStatus({ loading: { loaded: 0, total: null } });
    this.host.dispatchEvent(new GpuLoadProgressEvent({ url, phase: 'start', loaded: 0, total: null }));
    // 3D charts parse the file their own way (points or a grid; see core/three/data-3d-text.ts).
    // A 3D type still loading: wait for it, so the file is read as 3D data (not as 2D rows).
    const type = this.host.chartType;
    if (!seriesType(type) && (THREE_D_TYPES as readonly string[]).includes(type)) await loadSeriesType(type).catch(() => null);
    if (this.loadAbort !== abort) return;
    const three = seriesType(type)?.three;
    try {
      const normalized = await retry<NormalizedData | { text: string; format: 'csv' | 'json' }>(
        () =>
          (three ? fetchText : loadUrl)(new URL(url, document.baseURI).href, {
            signal: abort.signal,
            onProgress: (bytes, total) => {
              if (abort.signal.aborted) return;
              loaded = bytes;
              this.reports.setStatus({ loading: { loaded: bytes, total } });
              this.host.dispatchEvent(new GpuLoadProgressEvent({ url, phase: 'progress', loaded: bytes, total }));
            },
          }),
        { ...this.host.recoveryOptions.retry, signal: abort.signal, shouldRetry: isTransientLoadError },
      );
      if (abort.signal.aborted) return;
      this.reports.setStatus({ loading: null });
      this.host.dispatchEvent(new GpuLoadProgressEvent({ url, phase: 'done', loaded, total: loaded }));
      if ('text' in normalized) {
        this.take3d(() => threeD()!.parseData3dText(normalized.text, normalized.format, url, three?.data ?? 'points'), url);
        return;
      }
      const checked = this.normalize(() => normalized, url);
      if (checked) this.apply(checked);
    } catch (error) {
      if (this.loadAbort !== abort) return;
      this.reports.setStatus({ loading: null });
      const aborted = error instanceof DataError && error.code === 'aborted';
      this.host.dispatchEvent(new GpuLoadProgressEvent({ url, phase: aborted ? 'aborted' : 'error', loaded: 0, total: null }));
      if (!aborted) this.reportError(error, url);
    } finally {
      if (this.loadAbort === abort) this.loadAbort = null;
    }
  }

  private normalize(run: () => NormalizedData, source: string): NormalizedData | null {
    try {
      const normalized = run();
      if (normalized.nonFinite) {
        const { count, firstRow, firstColumn } = normalized.nonFinite;
        this.host.dispatchEvent(
          new GpuDataErrorEvent({
            code: 'non-finite',
            severity: 'warning',
            source,
            count,
            row: firstRow,
            column: firstColumn,
            message: `${count} non-finite value${count === 1 ? '' : 's'} (NaN, Infinity or empty) drawn as gaps; first at row ${firstRow}, column "${firstColumn}"`,
          }),
        );
      }
      return normalized;
    } catch (error) {
      this.reportError(error, source);
      return null;
    }
  }

  private apply(normalized: NormalizedData): void {
    this.show(this.timeframes.active ? this.timeframes.setData(normalized.data) : normalized.data, false);
  }

  /** Draws a grid as a heatmap (its column centres are the chart's row keys). */
  private showGrid(grid: GridStore): void {
    this.model.setData(grid.keyData('value'), false, grid);
    this.resolveSeries();
    if (this.indicators.size > 0) this.indicators.recompute();
    this.clearError();
    this.host.invalidate(Invalidation.VIEW | Invalidation.OVERLAY);
    this.host.viewportChanged('data', false);
  }

  /** Draws this data (already resampled when a timeframe is set). */
  private show(data: ColumnarData, keepView: boolean): void {
    this.model.setData(data, keepView);
    this.resolveSeries();
    if (this.indicators.size > 0) this.indicators.recompute();
    const type = this.model.options.defaultType;
    if ((type === 'candlestick' || type === 'ohlc') && !hasOhlc(Object.keys(data.columns))) {
      const missing = ['open', 'high', 'low', 'close'].filter((name) => !(name in data.columns));
      this.reportError(new DataError(`a ${type} chart needs open, high, low and close columns; missing ${missing.join(', ')} (drawing lines instead)`, { code: 'no-value-columns', column: missing[0]! }), 'data');
    } else if (type === 'heatmap') {
      // Columns of rows are no grid: a heatmap draws nothing from them, and says so.
      this.reportError(new DataError('a heatmap chart needs grid data: { rows, cols, values, x0, dx, y0, dy } or { x, y, value } cells', { code: 'invalid-grid', column: 'data' }), 'data');
    } else {
      this.clearError();
    }
    this.host.invalidate(Invalidation.VIEW | Invalidation.OVERLAY);
    this.host.viewportChanged('data', false);
  }

  /**
   * Applies the timeframe: resamples the data as given (kept aside) to bars, or shows it as given
   * again when the timeframe is removed. An invalid timeframe is reported and changes nothing.
   */
  private applyTimeframe(): void {
    const wanted = this.timeframe;
    const zone = this.model.options.timeZone;
    try {
      let shown: ColumnarData | null;
      if (wanted) {
        const store = this.model.data;
        // The first timeframe takes the data shown so far (as given) as its source.
        const source = !this.timeframes.active && store ? { time: store.time.slice(0, store.length), columns: Object.fromEntries(store.columnNames.map((name) => [name, store.column(name).slice()])) } : null;
        shown = this.timeframes.configure(wanted, zone);
        if (source) shown = this.timeframes.setData(source);
      } else {
        shown = this.timeframes.release();
      }
      this.timeframeZone = zone;
      if (shown) this.show(shown, true);
    } catch (error) {
      this.host.configError('timeframe', error instanceof Error ? error.message : String(error));
    }
  }

  private reportError(error: unknown, source: string): void {
    const detail: GpuDataErrorDetail =
      error instanceof DataError
        ? { code: error.code, message: error.message, severity: 'error', source: error.source ?? source, row: error.row, line: error.line, column: error.column, value: error.value }
        : { code: 'unknown', message: error instanceof Error ? error.message : String(error), severity: 'error', source };
    this.reports.recordError('data', detail.code);
    this.reports.setStatus({ error: detail.message });
    clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => this.clearError(), 8000);
    this.host.dispatchEvent(new GpuDataErrorEvent(detail));
  }

  private clearError(): void {
    clearTimeout(this.errorTimer);
    this.reports.setStatus({ error: null });
  }
}
