import type { GpuLod } from '../../series/series-type.js';
import type { ChartModel } from '../../core/chart-model.js';
import { SERIES_TYPES, type SeriesType } from '../../series/index.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ChartConfig } from '../../config/schema.js';
import { yAxesOf } from './chart-axes.js';
import type { ChartCanvas } from './chart-canvas.js';
import type { ChartData } from './chart-data.js';
import type { ChartFrameLoop } from './chart-frame-loop.js';
import type { ChartIndicators } from './chart-indicators.js';
import type { ChartOverlay } from './chart-overlay.js';
import type { ChartTheme } from './chart-theme.js';
import { Invalidation } from './invalidation.js';

/** The parts of a chart a commit works on. */
export interface CommitParts {
  readonly model: ChartModel;
  readonly theme: ChartTheme;
  readonly intake: ChartData;
  readonly indicators: ChartIndicators;
  readonly canvas: ChartCanvas;
  readonly frames: ChartFrameLoop;
  readonly overlay: ChartOverlay;
  /** A renderer with the configured sample count (the renderer controller decides whether one is needed). */
  rebuildPipelines(): void;
  /** What GPU level of detail the current renderer offers under this setting (null: none). */
  gpuLod(setting: ChartConfig['quality']['gpuLod']): GpuLod | null;
}

/**
 * The work an invalidation mask asks for, everything but drawing: each bit does its own part
 * and nothing else (a line width does not read the theme, measure the canvas or resolve series).
 */
export function prepareChart(bits: number, config: ChartConfig, parts: CommitParts): void {
  const { model } = parts;
  if (bits & Invalidation.THEME) model.setOptions({ theme: parts.theme.apply(config) });
  if (bits & Invalidation.OPTIONS) {
    const xAxis = config.axes.x.type;
    const xChanged = xAxis !== model.options.xAxis;
    model.setOptions({
      defaultType: drawnSeriesType(config),
      yScale: config.axes.y.scale,
      xAxis,
      xTitle: config.axes.x.title,
      xUnit: config.axes.x.unit,
      ySide: config.axes.y.position,
      yTitle: config.axes.y.title,
      yUnit: config.axes.y.unit,
      yAxes: yAxesOf(config),
      timeZone: config.timeZone,
      grid: config.grid.visible,
      gridStyle: config.grid.style,
      lodAggressiveness: config.quality.lodAggressiveness,
      gpuLod: parts.gpuLod(config.quality.gpuLod),
      lineWidth: config.series.lineWidth,
      heatmap: config.series.heatmap,
      seriesDefaults: { density: config.series.density, densityScale: config.series.densityScale, cluster: config.series.cluster },
    });
    // 3D charts: a changed configured camera becomes the view and its home (refused ones were reported by the schema).
    model.configureCamera(config.camera);
    parts.intake.timeZoneChanged(config.timeZone);
    parts.intake.setStreamBounds(config.streaming.maxPoints ?? null, config.streaming.windowMs ?? null);
    // The data is keyed differently on time and numeric axes: it is taken in again.
    if (xChanged) parts.intake.xAxisChanged();
    // 2D ↔ 3D (or a 3D type that wants other data): the data is taken in again.
    parts.intake.typeChanged();
    // Autoscale switched off: the y range stays where it is now.
    if (!config.axes.y.autoscale && model.viewport.autoY && model.data) {
      const [min, max] = model.yRange();
      model.viewport.setY(min, max);
    }
  }
  if (bits & Invalidation.SERIES) parts.intake.resolveSeries();
  if (bits & Invalidation.INDICATORS) parts.indicators.setConfigured(config.indicators);
  if (bits & Invalidation.LAYOUT) parts.canvas.measure();
  if (bits & Invalidation.PIPELINES) parts.rebuildPipelines();
  if (bits & Invalidation.TELEMETRY) parts.frames.configureTelemetry(config);
  if (bits & Invalidation.POINTER) parts.overlay.pointerLeft();
  // Without a renderer no frame follows: the overlay shows the model as it is now.
  if (bits & Invalidation.OVERLAY && !parts.frames.renderer) parts.overlay.refresh();
}

/** The default series type drawn: the configured one, or lines where this version does not draw it. */
export function drawnSeriesType(config: ChartConfig): SeriesType {
  const type = config.series.type as SeriesType;
  return SERIES_TYPES.includes(type) ? type : 'line';
}

/** The issue of a configured series type this version does not draw (reported when configured). */
export function seriesTypeIssue(config: ChartConfig, source: string): ConfigIssue | null {
  const type = config.series.type;
  if (drawnSeriesType(config) === type) return null;
  return { path: 'series.type', message: `"${type}" is not drawn by this version yet (expected ${SERIES_TYPES.join(' | ')}); drawing lines`, source };
}

