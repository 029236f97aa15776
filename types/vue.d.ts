import type {
  DefineComponent,
} from "vue";
import type {
  GpuChart,
  GpuReadyEvent,
  GpuViewportChangeEvent,
  GpuCrosshairEvent,
  GpuDataErrorEvent,
  GpuLoadProgressEvent,
  GpuFallbackEvent,
  GpuRecoveryEvent,
  GpuConfigErrorEvent,
  GpuQualityChangeEvent,
  GpuConfigChangeEvent,
  GpuIndicator,
  GpuConfigErrorEvent,
  GpuDataErrorEvent,
  GpuPerfOverlay,
} from "../dist/index.js";

type GpuChartProps = {
  /** How value columns are drawn unless `series` says otherwise: `line`, `area`, `baseline` (filled
above and below a base value), `bar` (histogram from 0), `volume` (volume bars coloured by
direction), `candlestick` or `ohlc` (from open/high/low/close columns). Unset: from the
configuration (`series.type`, default line). */
  type?: GpuChart["type"];
  /** Shows the data resampled to bars of this timeframe: `1m`, `5m`, `15m`, `1h`, `4h`, `1d`, `1w`,
`1M` (calendar months), `1y`…, with boundaries on the wall clock of `time-zone`. Ticks or bars
in, OHLCV bars out; appended rows update the newest bar. The data as given is kept, so changing
or removing the timeframe needs no reload. Invalid values fire `gpu-config-error`. */
  timeframe?: GpuChart["timeframe"];
  /** URL of a CSV or JSON file to load (progress in `gpu-load-progress`). */
  src?: GpuChart["src"];
  /** `light` or `dark` (unset: from the configuration, default light). */
  theme?: GpuChart["theme"];
  /** IANA time zone for axis labels and tooltips, e.g. `America/New_York` (default UTC). */
  timeZone?: GpuChart["timeZone"];
  /** `linear` or `log` (default linear): the default value axis' scale. */
  yScale?: GpuChart["yScale"];
  /** What the x axis measures: `time` (default; epoch ms, calendar ticks), or numbers on a `linear`
or `log` (log10) scale, with numeric labels. On numeric axes the data's key may be named `x`;
data without a key, or whose `x` is not ascending, is keyed by row index. */
  xAxis?: GpuChart["xAxis"];
  /** Hides the grid. */
  noGrid?: GpuChart["noGrid"];
  /** Hides the legend. */
  noLegend?: GpuChart["noLegend"];
  /** Heatmaps (grid data, or `type="heatmap"`): how pixels between cell centres are coloured,
`nearest` (default), `bilinear` or `bicubic` (Catmull-Rom). A series' own option wins. */
  interpolation?: GpuChart["interpolation"];
  /** Heatmaps: the colormap, `viridis` (default), `magma`, `inferno`, `plasma`, `turbo`, `cividis`
or `grays`; custom stops go in a series item's `colormap`. Unknown names fire `gpu-config-error`. */
  colormap?: GpuChart["colormap"];
  /** `on`: scatter series draw density maps (every point binned on the GPU) unless they say otherwise. Config `series.density`. */
  density?: GpuChart["density"];
  /** `grid`: scatter series group their points per 40-px cell unless they say otherwise. Config `series.cluster`. */
  cluster?: GpuChart["cluster"];
  /** A built-in preset (performance, quality, balanced, mobile, realtime, bigdata, presentation, accessible), a registered one, or a URL. */
  preset?: GpuChart["preset"];
  /** URL of a YAML, JSON or TOML configuration file. */
  configSrc?: GpuChart["configSrc"];
  /** Reloads `config-src` when it changes (polling with ETag / Last-Modified, or `config-events`). */
  watchConfig?: GpuChart["watchConfig"];
  /** Polling interval for `watch-config`, ms. */
  watchInterval?: GpuChart["watchInterval"];
  /** A server-sent-events URL that announces config changes (instead of polling). */
  configEvents?: GpuChart["configEvents"];
  /** Links this chart with every other chart of the same group on the page: zoom and pan move
them all, and the crosshair follows the pointer across them. */
  syncGroup?: GpuChart["syncGroup"];
  /** Level of detail: `auto` (M4 decimation, pixel-exact) or `off` (draw every point; slow). */
  lod?: GpuChart["lod"];
  /** Accessible description; defaults to a summary of the data. */
  label?: GpuChart["label"];
  /** Which renderer to use: `auto` (WebGPU, Canvas2D when WebGPU is unavailable or failing), `webgpu` (never fall back: show a message instead), `canvas2d`. */
  renderer?: GpuChart["renderer"];
  /** The data: `{ time, value }` (or any named value columns) as typed or plain arrays, or an
array of records `[{ time, value }]`. Times are epoch ms, Dates or ISO strings. Invalid data
fires `gpu-data-error` and the previous data stays. */
  data?: GpuChart["data"];
  /** Per-series options: `[{ column, type, name, color, lineWidth, visible }]`. */
  series?: GpuChart["series"];
  /** A configuration object (YAML/JSON shape, see docs/config.md), layered above the preset and
the config file and below attributes. Invalid objects fire `gpu-config-error`; the last good
configuration stays. */
  config?: GpuChart["config"];
  /** Receives telemetry batches instead of `telemetry.endpoint` (config). Telemetry is opt-in:
nothing is collected unless `telemetry.enabled` is true. Fields: docs/telemetry.md. */
  telemetryCallback?: GpuChart["telemetryCallback"];
  /** The renderer is ready; `detail.renderer` and `detail.adapter` say which. */
  onGpuReady?: (e: GpuReadyEvent) => void;
  /** The visible window changed (zoom, pan, reset, API, live data). */
  onGpuViewportChange?: (e: GpuViewportChangeEvent) => void;
  /** The pointer moved over the plot; `detail.time` and `detail.values`. */
  onGpuCrosshair?: (e: GpuCrosshairEvent) => void;
  /** Data was rejected (previous data stays) or accepted with gaps. */
  onGpuDataError?: (e: GpuDataErrorEvent) => void;
  /** Progress of loading `src`. */
  onGpuLoadProgress?: (e: GpuLoadProgressEvent) => void;
  /** WebGPU is unavailable or failing; says why and what draws instead (Canvas2D, or nothing with `renderer="webgpu"`). */
  onGpuFallback?: (e: GpuFallbackEvent) => void;
  /** Device-loss recovery: phases lost, retrying (per attempt), recovered or failed, with attempts and timings. */
  onGpuRecovery?: (e: GpuRecoveryEvent) => void;
  /** An attribute, property or config document was invalid; `detail.issues` name paths (and lines for files). The last good configuration stays. */
  onGpuConfigError?: (e: GpuConfigErrorEvent) => void;
  /** The quality tier changed (auto-tuning or configuration), with the reason and the frame measurements behind it. */
  onGpuQualityChange?: (e: GpuQualityChangeEvent) => void;
  /** A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration. */
  onGpuConfigChange?: (e: GpuConfigChangeEvent) => void;
};

type GpuIndicatorProps = {
  /** Indicator type, e.g. `sma`, `ema`, `bbands`, `sar`, `vwap` (see docs/indicators.md). */
  type?: GpuIndicator["type"];
  /** The data column an indicator of one series reads (default `close`, else the first column). */
  source?: GpuIndicator["source"];
  /** Line colour (a CSS colour); default: the next palette colour. */
  color?: GpuIndicator["color"];
  /** Where it is drawn: `overlay` (over the price series), `new` (a pane of its own), or a pane id
shared with the other indicators naming it (e.g. two oscillators in one pane). Default: overlay
for averages and bands, `new` for oscillators. */
  pane?: GpuIndicator["pane"];
  /** Line width in CSS px. */
  lineWidth?: GpuIndicator["lineWidth"];

  /** The type or a parameter is invalid; `detail.issues` says which. */
  onGpuConfigError?: (e: GpuConfigErrorEvent) => void;
  /** The data lacks a column the indicator needs (e.g. volume for MFI), or (a warning) is shorter than the indicator's warm-up, so it has no value yet. */
  onGpuDataError?: (e: GpuDataErrorEvent) => void;
};

type GpuPerfOverlayProps = {
  /**  */
  hidden?: GpuPerfOverlay["undefined"];
  /** Id of the chart to watch (in the same document or shadow root); unset: the enclosing `<gpu-chart>`. */
  for?: GpuPerfOverlay["htmlFor"];
  /** Corner of the chart: `top-left`, `top-right` (default), `bottom-left`, `bottom-right`. */
  position?: GpuPerfOverlay["position"];
  /** `compact` (fps, CPU, GPU, sparkline) or `expanded` (everything); a click toggles it. */
  mode?: GpuPerfOverlay["mode"];
  /** The chart (or any object with `onFrame`) to watch; overrides `for` and the enclosing chart.
Reading it gives the one set here, else the one watched now (null while hidden). */
  chart?: GpuPerfOverlay["chart"];
};

export type CustomElements = {
  /**
   * Line and area charts of large time series, drawn with WebGPU.
   * ---
   *
   *
   * ### **Events:**
   *  - **gpu-ready** - The renderer is ready; `detail.renderer` and `detail.adapter` say which.
   * - **gpu-viewport-change** - The visible window changed (zoom, pan, reset, API, live data).
   * - **gpu-crosshair** - The pointer moved over the plot; `detail.time` and `detail.values`.
   * - **gpu-data-error** - Data was rejected (previous data stays) or accepted with gaps.
   * - **gpu-load-progress** - Progress of loading `src`.
   * - **gpu-fallback** - WebGPU is unavailable or failing; says why and what draws instead (Canvas2D, or nothing with `renderer="webgpu"`).
   * - **gpu-recovery** - Device-loss recovery: phases lost, retrying (per attempt), recovered or failed, with attempts and timings.
   * - **gpu-config-error** - An attribute, property or config document was invalid; `detail.issues` name paths (and lines for files). The last good configuration stays.
   * - **gpu-quality-change** - The quality tier changed (auto-tuning or configuration), with the reason and the frame measurements behind it.
   * - **gpu-config-change** - A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration.
   *
   * ### **Methods:**
   *  - **define(name): _void_** - Registers the element; safe to call more than once (or from two copies of the bundle).
   * - **updateConfig(patch: _ChartConfigPatch_): _boolean_** - Merges a change into the runtime layer, the highest one: `chart.updateConfig({ theme: 'dark' })`.
   * - **append(items: _unknown[]_): _void_** - Streams rows in when given data; DOM nodes and strings go to `Element.append` as usual (so
   * frameworks that append children keep working). See `appendData`.
   * - **appendData(rows: _unknown_): _void_** - Streams rows in (same shapes as `data`). A first row at the last row's time replaces it
   * (updating the live bar). A window showing the newest data follows it.
   * - **resetView(): _void_** - Shows all data again, with y following it.
   * - **setViewport(start: _number_, end: _number_, yMin: _number_, yMax: _number_): _void_** - Shows the window [start, end] (epoch ms on time axes, data units on numeric ones); optionally a fixed y range (default axis).
   * - **getViewport(): _{ start: number; end: number; yMin: number; yMax: number; autoY: boolean }_** - The visible window and y range.
   * - **nextFrame(): _Promise<void>_** - Resolves after the next frame is drawn (at once when nothing is pending); while no renderer is ready yet, after its first frame.
   * - **renderNow(): _FrameStats | null_** - Draws a frame now, synchronously, instead of at the next animation frame (benchmarks, or
   * code that must read the canvas right away). Returns what it cost.
   * - **snapshot(): _Promise<FramePixels>_** - Draws the current state and returns its pixels (RGBA, rows top to bottom).
   * - **refreshStyles(): _void_** - Re-reads colours from CSS custom properties (after a page changes them).
   * - **onFrame(listener: _FrameListener_): _() => void_** - Calls `listener` after every frame with its measured stats (perf overlay, profiler,
   * telemetry). GPU times arrive later through the same listener (`gpuMs` set, same `frame`).
   * Returns the function that removes the listener.
   * - **profile(ms: _number_): _Promise<TraceDocument>_** - Records `ms` of frames and resolves with a Chrome Trace Event document (open it in Perfetto
   * or chrome://tracing): per-frame scene and render phases, GPU time, points and memory.
   *
   * - **invalidate(bits: _number_): _void_** - Marks work to do (bits of Invalidation, default: only a new picture): one commit at the next animation frame.
   *
   * ### **Slots:**
   *  - _default_ - Child elements: `<gpu-indicator>` (drawn over the price series) and `<gpu-perf-overlay>` (drawn over the chart).
   *
   * ### **CSS Properties:**
   *  - **--gpu-chart-background** - Plot background. _(default: undefined)_
   * - **--gpu-chart-text-color** - Legend and tooltip text. _(default: undefined)_
   * - **--gpu-chart-grid-color** - Grid lines. _(default: undefined)_
   * - **--gpu-chart-axis-color** - Axis labels. _(default: undefined)_
   * - **--gpu-chart-crosshair-color** - Crosshair lines. _(default: undefined)_
   * - **--gpu-chart-tooltip-background** - Tooltip background. _(default: undefined)_
   * - **--gpu-chart-up-color** - Rising candles, bars and volume. _(default: undefined)_
   * - **--gpu-chart-down-color** - Falling candles, bars and volume. _(default: undefined)_
   * - **--gpu-chart-series-1** - Colour of the first series (and -2 … -8 for the next ones). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **container** - The box holding canvas, axes and overlays; focusable for keyboard control.
   * - **canvas** - The WebGPU canvas.
   * - **x-axis** - Time axis labels.
   * - **y-axis** - Value axis labels.
   * - **legend** - Series names, colours and values.
   * - **tooltip** - Values under the crosshair.
   * - **loading** - Shown while `src` loads.
   * - **message** - Shown instead of the chart when no renderer can draw (or `renderer="webgpu"` forbids the fallback).
   * - **fallback-badge** - A small label while the Canvas2D fallback draws the chart.
   * - **pane-separator** - The draggable line between two panes (indicator panes below the price).
   * - **pane-title** - An indicator pane's title (e.g. "RSI(14)").
   */
  "gpu-chart": DefineComponent<GpuChartProps>;

  /**
   * A technical indicator of the enclosing `<gpu-chart>`.
   * ---
   *
   *
   * ### **Events:**
   *  - **gpu-config-error** - The type or a parameter is invalid; `detail.issues` says which.
   * - **gpu-data-error** - The data lacks a column the indicator needs (e.g. volume for MFI), or (a warning) is shorter than the indicator's warm-up, so it has no value yet.
   *
   * ### **Methods:**
   *  - **define(name): _void_** - Registers the element; safe to call more than once.
   * - **validate(): _boolean_** - Checks type and parameters; reports the first problem and returns false.
   * - **report(error: _unknown_): _void_** - Reports why this indicator is not drawn: a missing data column as `gpu-data-error`, anything
   * else (type, parameter, pane) as `gpu-config-error`. Both bubble to the chart and the page.
   */
  "gpu-indicator": DefineComponent<GpuIndicatorProps>;

  /**
   * Live frame-time, fps, points and memory figures over a chart.
   * ---
   *
   *
   * ### **Methods:**
   *  - **define(name): _void_** - Registers the element; safe to call more than once (or from two copies of the bundle).
   *
   * ### **CSS Properties:**
   *  - **--gpu-perf-overlay-background** - Panel background. _(default: undefined)_
   * - **--gpu-perf-overlay-color** - Text colour. _(default: undefined)_
   * - **--gpu-perf-overlay-accent** - CPU line of the sparkline, focus ring. _(default: undefined)_
   * - **--gpu-perf-overlay-gpu-color** - GPU line of the sparkline. _(default: undefined)_
   * - **--gpu-perf-overlay-budget-color** - The 16.7 ms (60 Hz) line of the sparkline. _(default: undefined)_
   * - **--gpu-perf-overlay-font** - Font shorthand. _(default: undefined)_
   * - **--gpu-perf-overlay-offset** - Distance from the chart's corner. _(default: undefined)_
   * - **--gpu-perf-overlay-radius** - Corner radius. _(default: undefined)_
   * - **--gpu-perf-overlay-z-index** - Stacking above the chart (default 10). _(default: undefined)_
   *
   * ### **CSS Parts:**
   *  - **panel** - The box holding everything.
   * - **summary** - The always-visible line (fps, CPU, GPU, sparkline); a button that toggles `mode`.
   * - **value** - Each figure.
   * - **sparkline** - The frame-time graph (SVG) of the last 120 frames.
   * - **details** - The expanded figures (points, memory, renderer, quality).
   * - **profile-button** - Records 2 s of frames and downloads a Chrome trace (expanded, when the chart can profile).
   */
  "gpu-perf-overlay": DefineComponent<GpuPerfOverlayProps>;
};

declare module "vue" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalComponents extends CustomElements {}
}

declare global {
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface IntrinsicElements extends CustomElements {}
  }
}
