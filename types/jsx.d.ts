import type {
  GpuAnnotation,
  GpuConfigErrorEvent,
  GpuChart,
  GpuReadyEvent,
  GpuViewportChangeEvent,
  GpuCrosshairEvent,
  GpuDataErrorEvent,
  GpuLoadProgressEvent,
  GpuTilesEvent,
  GpuFallbackEvent,
  GpuRecoveryEvent,
  GpuQualityChangeEvent,
  GpuCameraChangeEvent,
  GpuRendererChangeEvent,
  GpuConfigChangeEvent,
  GpuAnnotationChangeEvent,
  GpuDrawingModeEvent,
  GpuShaderErrorEvent,
  GpuShaderReadyEvent,
  GpuDrawingTools,
  GpuIndicator,
  GpuPerfOverlay,
  GpuShader,
} from "../dist/index.js";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

export type GpuAnnotationProps = {
  /** hline, vline, trend, ray, rect, text, arrow, range, fib or marker. */
  kind?: GpuAnnotation["kind"];
  /** `"time price; time price"` (times: epoch ms or date strings), or a JSON array of `{ time, price }`. */
  points?: GpuAnnotation["points"];
  /** Shortcut for one-point kinds: the time of a vline, marker or text. */
  time?: GpuAnnotation["time"];
  /** Shortcut for one-point kinds: the price of an hline, marker or text. */
  price?: GpuAnnotation["price"];
  /** `main` (default) or an indicator pane (its `pane` name or indicator id). */
  pane?: GpuAnnotation["pane"];
  /**  */
  color?: GpuAnnotation["color"];
  /**  */
  fill?: GpuAnnotation["fill"];
  /** Stroke width, CSS px. */
  width?: GpuAnnotation["width"];
  /** solid, dashed or dotted. */
  dash?: GpuAnnotation["dash"];
  /**  */
  label?: GpuAnnotation["label"];
  /** CSS font of its labels, e.g. `12px monospace`. */
  font?: GpuAnnotation["font"];
  /** Text of a text annotation (default: the element's text content). */
  text?: GpuAnnotation["text"];
  /** Markers: buy (arrow below the bar, pointing up) or sell (above, pointing down). */
  side?: GpuAnnotation["side"];
  /** Marker size, CSS px. */
  size?: GpuAnnotation["size"];
  /** Fib levels, comma-separated (default 0, 0.236, 0.382, 0.5, 0.618, 0.786, 1). */
  levels?: GpuAnnotation["levels"];
  /** Shows handles when selected: drag, nudge with arrow keys, Delete. Default on; `editable="false"` locks it. */
  editable?: GpuAnnotation["editable"];

  /** The annotation is invalid; `detail.issues` names the attribute (`gpu-annotation#id.points[1].price`). */
  "ongpu-config-error"?: (e: GpuConfigErrorEvent) => void;
};

export type GpuChartProps = {
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
  /** URL of a series on a tile server (`http://host/v1/series/NAME`, see server/): the chart asks
for the window it shows at its pixel width as the view moves (`gpu-tiles` events), and streams
the live tail. */
  tiles?: GpuChart["tiles"];
  /** `light` or `dark` (unset: from the configuration, default light). */
  theme?: GpuChart["theme"];
  /** IANA time zone for axis labels and tooltips, e.g. `America/New_York` (default UTC). */
  "time-zone"?: GpuChart["timeZone"];
  /** `linear` or `log` (default linear): the default value axis' scale. */
  "y-scale"?: GpuChart["yScale"];
  /** What the x axis measures: `time` (default; epoch ms, calendar ticks), or numbers on a `linear`
or `log` (log10) scale, with numeric labels. On numeric axes the data's key may be named `x`;
data without a key, or whose `x` is not ascending, is keyed by row index. */
  "x-axis"?: GpuChart["xAxis"];
  /** Hides the grid. */
  "no-grid"?: GpuChart["noGrid"];
  /** Hides the legend. */
  "no-legend"?: GpuChart["noLegend"];
  /** Heatmaps (grid data, or `type="heatmap"`): how pixels between cell centres are coloured,
`nearest` (default), `bilinear` or `bicubic` (Catmull-Rom). A series' own option wins. */
  interpolation?: GpuChart["interpolation"];
  /** Heatmaps: the colormap, `viridis` (default), `magma`, `inferno`, `plasma`, `turbo`, `cividis`
or `grays`; custom stops go in a series item's `colormap`. Unknown names fire `gpu-config-error`. */
  colormap?: GpuChart["colormap"];
  /** Bounded streaming (config `streaming.maxPoints`): keep at most this many rows; the oldest
drop as rows are appended (ring buffer: flat memory for a stream that runs forever). */
  "max-points"?: GpuChart["maxPoints"];
  /** `on`: scatter series draw density maps (every point binned on the GPU) unless they say otherwise. Config `series.density`. */
  density?: GpuChart["density"];
  /** `grid`: scatter series group their points per 40-px cell unless they say otherwise. Config `series.cluster`. */
  cluster?: GpuChart["cluster"];
  /** A built-in preset (performance, quality, balanced, mobile, realtime, bigdata, presentation, accessible), a registered one, or a URL. */
  preset?: GpuChart["preset"];
  /** URL of a YAML, JSON or TOML configuration file. */
  "config-src"?: GpuChart["configSrc"];
  /** Reloads `config-src` when it changes (polling with ETag / Last-Modified, or `config-events`). */
  "watch-config"?: GpuChart["watchConfig"];
  /** Polling interval for `watch-config`, ms. */
  "watch-interval"?: GpuChart["watchInterval"];
  /** A server-sent-events URL that announces config changes (instead of polling). */
  "config-events"?: GpuChart["configEvents"];
  /** Links this chart with every other chart of the same group on the page: zoom and pan move
them all, and the crosshair follows the pointer across them. */
  "sync-group"?: GpuChart["syncGroup"];
  /** Level of detail: `auto` (M4 decimation, pixel-exact) or `off` (draw every point; slow). */
  lod?: GpuChart["lod"];
  /** Accessible description; defaults to a summary of the data. */
  label?: GpuChart["label"];
  /** Shows the data-table alternative of the visible window on screen (it is always there, visually hidden, for screen readers). */
  "data-table"?: GpuChart["dataTable"];
  /** Shows small PNG / SVG / CSV download buttons over the chart. */
  "export-button"?: GpuChart["exportButton"];
  /** Which renderer to use: `auto` (the faster one here: Canvas2D on a software adapter, WebGPU on
a real GPU, switched by measured frames with hysteresis, reported by `gpu-renderer-change`;
Canvas2D also when WebGPU is unavailable or failing), `webgpu` (pinned; never fall back: show
a message instead), `canvas2d` (pinned). */
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
  /** Every annotation (children, `annotations:` config, drawn, edited) as JSON; setting it replaces them all (undoable). */
  annotations?: GpuChart["annotations"];
  /** The selected annotation's id (handles shown; arrow keys nudge it, Delete removes it), or null. */
  selectedAnnotation?: GpuChart["selectedAnnotation"];
  /** The renderer is ready; `detail.renderer` and `detail.adapter` say which. */
  "ongpu-ready"?: (e: GpuReadyEvent) => void;
  /** The visible window changed (zoom, pan, reset, API, live data). */
  "ongpu-viewport-change"?: (e: GpuViewportChangeEvent) => void;
  /** The pointer moved over the plot; `detail.time` and `detail.values`. */
  "ongpu-crosshair"?: (e: GpuCrosshairEvent) => void;
  /** Data was rejected (previous data stays) or accepted with gaps. */
  "ongpu-data-error"?: (e: GpuDataErrorEvent) => void;
  /** Progress of loading `src`. */
  "ongpu-load-progress"?: (e: GpuLoadProgressEvent) => void;
  /** Progress of the `tiles` feed: coarse, exact, live or error, with request and byte counts. */
  "ongpu-tiles"?: (e: GpuTilesEvent) => void;
  /** WebGPU is unavailable or failing; says why and what draws instead (Canvas2D, or nothing with `renderer="webgpu"`). */
  "ongpu-fallback"?: (e: GpuFallbackEvent) => void;
  /** Device-loss recovery: phases lost, retrying (per attempt), recovered or failed, with attempts and timings. */
  "ongpu-recovery"?: (e: GpuRecoveryEvent) => void;
  /** An attribute, property or config document was invalid; `detail.issues` name paths (and lines for files). The last good configuration stays. */
  "ongpu-config-error"?: (e: GpuConfigErrorEvent) => void;
  /** The quality tier changed (auto-tuning or configuration), with the reason and the frame measurements behind it. */
  "ongpu-quality-change"?: (e: GpuQualityChangeEvent) => void;
  /** A 3D chart's camera moved (drag, wheel, keys, reset, setCamera); `detail.camera`, `detail.source`. */
  "ongpu-camera-change"?: (e: GpuCameraChangeEvent) => void;
  /** `renderer="auto"` chose or changed the backend (adapter, trial, measured, reverted), with the frame measurements per backend. */
  "ongpu-renderer-change"?: (e: GpuRendererChangeEvent) => void;
  /** A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration. */
  "ongpu-config-change"?: (e: GpuConfigChangeEvent) => void;
  /** An annotation was added, changed or removed (pointer, keyboard, API, undo, redo); `detail.annotation` is its JSON. */
  "ongpu-annotation-change"?: (e: GpuAnnotationChangeEvent) => void;
  /** Drawing mode started (`detail.kind`) or ended (`detail.kind` null). */
  "ongpu-drawing-mode"?: (e: GpuDrawingModeEvent) => void;
  /** A custom WGSL hook (`shaders:` config, or bubbling from a `<gpu-shader>`) was refused, failed to compile, was disabled by the watchdog, or cannot run on Canvas2D; line:column in the hook's text. The series draws its default colour. */
  "ongpu-shader-error"?: (e: GpuShaderErrorEvent) => void;
  /** A custom WGSL hook compiled and draws from the next frame on. */
  "ongpu-shader-ready"?: (e: GpuShaderReadyEvent) => void;
};

export type GpuDrawingToolsProps = {
  /** Id of the chart to draw on (default: the enclosing `<gpu-chart>`). */
  for?: GpuDrawingTools["for"];
  /** Tools shown, comma-separated (default all: trend, ray, arrow, hline, vline, rect, range, fib, text, buy, sell). */
  tools?: GpuDrawingTools["tools"];
};

export type GpuIndicatorProps = {
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
  "line-width"?: GpuIndicator["lineWidth"];

  /** The type or a parameter is invalid; `detail.issues` says which. */
  "ongpu-config-error"?: (e: GpuConfigErrorEvent) => void;
  /** The data lacks a column the indicator needs (e.g. volume for MFI), or (a warning) is shorter than the indicator's warm-up, so it has no value yet. */
  "ongpu-data-error"?: (e: GpuDataErrorEvent) => void;
};

export type GpuPerfOverlayProps = {
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

export type GpuShaderProps = {
  /** The id of the series the hook colours: its `id` (`series` property, `series.items[].id`), else its column name (e.g. `value`; OHLC bars: `ohlc`). */
  for?: GpuShader["for"];
  /** Which hook: `color` (lines, areas, scatter markers, candles and OHLC bars with their volume, volume and bar series, bands) or `colormap` (heatmaps, density maps). */
  hook?: GpuShader["hook"];
  /** A curated hook by name (`gradient-by-value`, `glow`, `heat-by-density`, `dashed-by-distance`, `up-down`) instead of code. */
  library?: GpuShader["library"];
  /** Time budget of a frame drawn with this hook, ms (default 1000); three frames over it in a row disable it. */
  "budget-ms"?: GpuShader["budgetMs"];
  /** Keeps the element but draws the series' default colour. */
  disabled?: GpuShader["disabled"];
  /** The WGSL source, overriding the element's text (the shader playground sets it). */
  wgsl?: GpuShader["wgsl"];
  /** The hook was refused (validation, compilation), disabled by the watchdog, or cannot run (Canvas2D). */
  "ongpu-shader-error"?: (e: GpuShaderErrorEvent) => void;
  /** The hook compiled and draws from the next frame on. */
  "ongpu-shader-ready"?: (e: GpuShaderReadyEvent) => void;
};

export type CustomElements = {
  /**
   * A trend line, level, range, Fibonacci retracement, text or marker on the enclosing `<gpu-chart>`.
   * ---
   *
   *
   * ### **Events:**
   *  - **gpu-config-error** - The annotation is invalid; `detail.issues` names the attribute (`gpu-annotation#id.points[1].price`).
   *
   * ### **Methods:**
   *  - **toJSON(): _Record<string, unknown>_** - The annotation as declared (JSON, not yet validated: the chart validates it).
   * - **report(issues: _readonly AnnotationIssue[]_): _void_** - Reports why it is not drawn as declared (once per distinct problem).
   */
  "gpu-annotation": Partial<GpuAnnotationProps & BaseProps & BaseEvents>;

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
   * - **gpu-tiles** - Progress of the `tiles` feed: coarse, exact, live or error, with request and byte counts.
   * - **gpu-fallback** - WebGPU is unavailable or failing; says why and what draws instead (Canvas2D, or nothing with `renderer="webgpu"`).
   * - **gpu-recovery** - Device-loss recovery: phases lost, retrying (per attempt), recovered or failed, with attempts and timings.
   * - **gpu-config-error** - An attribute, property or config document was invalid; `detail.issues` name paths (and lines for files). The last good configuration stays.
   * - **gpu-quality-change** - The quality tier changed (auto-tuning or configuration), with the reason and the frame measurements behind it.
   * - **gpu-camera-change** - A 3D chart's camera moved (drag, wheel, keys, reset, setCamera); `detail.camera`, `detail.source`.
   * - **gpu-renderer-change** - `renderer="auto"` chose or changed the backend (adapter, trial, measured, reverted), with the frame measurements per backend.
   * - **gpu-config-change** - A configuration change was applied: changed paths, the least work it needed, touched subsystems, measured duration.
   * - **gpu-annotation-change** - An annotation was added, changed or removed (pointer, keyboard, API, undo, redo); `detail.annotation` is its JSON.
   * - **gpu-drawing-mode** - Drawing mode started (`detail.kind`) or ended (`detail.kind` null).
   * - **gpu-shader-error** - A custom WGSL hook (`shaders:` config, or bubbling from a `<gpu-shader>`) was refused, failed to compile, was disabled by the watchdog, or cannot run on Canvas2D; line:column in the hook's text. The series draws its default colour.
   * - **gpu-shader-ready** - A custom WGSL hook compiled and draws from the next frame on.
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
   * - **getCamera(): _Camera | null_** - 3D charts (surface, points3d, bars3d): the orbit camera now, to save a view; null until the chart's 3D code has loaded (a 2D chart, or a 3D one on its first frame).
   * - **setCamera(camera: _Partial<Camera>_): _void_** - 3D charts: sets the camera (missing keys keep theirs); outside sane bounds it is refused with `gpu-config-error`.
   * - **nextFrame(): _Promise<void>_** - Resolves after the next frame is drawn (at once when nothing is pending); while no renderer is ready yet, after its first frame; while a lazy series type in use (3D) loads, after the first frame drawn with it.
   * - **renderNow(): _FrameStats | null_** - Draws a frame now, synchronously, instead of at the next animation frame (benchmarks, or
   * code that must read the canvas right away). Returns what it cost.
   * - **snapshot(): _Promise<FramePixels>_** - Draws the current state and returns its pixels (RGBA, rows top to bottom).
   * - **refreshStyles(): _void_** - Re-reads colours from CSS custom properties (after a page changes them).
   * - **onFrame(listener: _FrameListener_): _() => void_** - Calls `listener` after every frame with its measured stats (perf overlay, profiler,
   * telemetry). GPU times arrive later through the same listener (`gpuMs` set, same `frame`).
   * Returns the function that removes the listener.
   * - **profile(ms: _number_): _Promise<TraceDocument>_** - Records `ms` of frames and resolves with a Chrome Trace Event document (open it in Perfetto
   * or chrome://tracing): per-frame scene and render phases, GPU time, points and memory.
   * - **toBlob(type, quality: _number_): _Promise<Blob>_** - The picture as an image (`image/png`, `image/jpeg`, `image/webp`): the drawn pixels with the axes' text, titles and legend composited.
   * - **toSVG(): _Promise<string>_** - The scene as a standalone SVG document (axes, every layer, legend), reduced to what the pixels show.
   * - **toCSV(): _string_** - The rows of the visible window as CSV: time (ISO 8601) or x, then every data column.
   * - **download(filename: _string_): _Promise<void>_** - Saves the chart: `.svg`, `.csv`, `.jpg`, `.webp` by the name's extension, PNG otherwise (default `chart.png`).
   * - **toggleDataTable(show): _boolean_** - Shows (or hides, or with no argument toggles) the data table on screen; returns whether it shows.
   * - **setPointNavigation(on: _boolean_): _void_** - Turns keyboard point navigation on or off (Enter and Escape do the same on the focused chart).
   * - **startDrawing(kind: _AnnotationKind_, style: _Partial<AnnotationJson>_): _void_** - Drawing mode: the next press on a pane draws a `kind` (two-point kinds: drag, or click twice), styled by `style`.
   * - **stopDrawing(): _void_** - Leaves drawing mode.
   * - **removeAnnotation(id: _string_): _boolean_** - Removes an annotation (undoable); false when none has that id.
   * - **undo(): _boolean_** - Undoes the last annotation edit (Ctrl+Z / ⌘Z); false when there is none.
   * - **redo(): _boolean_** - Redoes the last undone edit (Ctrl+Shift+Z, Ctrl+Y); false when there is none.
   *
   *
   * - **invalidate(bits: _number_): _void_** - Marks work to do (bits of Invalidation, default: only a new picture): one commit at the next animation frame.
   *
   * ### **Slots:**
   *  - _default_ - Child elements: `<gpu-indicator>` (drawn over the price series), `<gpu-annotation>` (drawings), `<gpu-drawing-tools>`, `<gpu-shader>` (a sandboxed WGSL hook colouring one series) and `<gpu-perf-overlay>` (drawn over the chart).
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
   *  - **container** - The box holding canvas, axes and overlays; focusable for keyboard control (Enter: point navigation).
   * - **focus-marker** - The ring on the point keyboard navigation is at.
   * - **data-table** - The table alternative of the visible window (visually hidden unless `data-table`).
   * - **export-buttons** - The PNG / SVG / CSV buttons of `export-button` (each part `export-button`).
   * - **canvas** - The canvas the chart is drawn on (WebGPU or Canvas2D).
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
  "gpu-chart": Partial<GpuChartProps & BaseProps & BaseEvents>;

  /**
   * Drawing toolbar of a `<gpu-chart>`.
   * ---
   *
   *
   * ### **CSS Parts:**
   *  - **button** - Each button; `aria-pressed="true"` on the active tool.
   */
  "gpu-drawing-tools": Partial<GpuDrawingToolsProps & BaseProps & BaseEvents>;

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
   * - **load(): _Promise<void>_** - Loads the indicators' code (a lazy chunk, otherwise fetched when the first indicator connects,
   * which then appears a frame later). Pages that always show indicators may call it at start-up.
   * - **validate(): _boolean_** - Checks type and parameters; reports the first problem and returns false.
   * - **report(error: _unknown_): _void_** - Reports why this indicator is not drawn: a missing data column as `gpu-data-error`, anything
   * else (type, parameter, pane) as `gpu-config-error`. Both bubble to the chart and the page.
   */
  "gpu-indicator": Partial<GpuIndicatorProps & BaseProps & BaseEvents>;

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
  "gpu-perf-overlay": Partial<GpuPerfOverlayProps & BaseProps & BaseEvents>;

  /**
   * A sandboxed custom WGSL colour or colormap hook of one series.
   * ---
   *
   *
   * ### **Events:**
   *  - **gpu-shader-error** - The hook was refused (validation, compilation), disabled by the watchdog, or cannot run (Canvas2D).
   * - **gpu-shader-ready** - The hook compiled and draws from the next frame on.
   *
   * ### **Methods:**
   *  - **define(name): _void_** - Registers the element; safe to call more than once.
   */
  "gpu-shader": Partial<GpuShaderProps & BaseProps & BaseEvents>;
};
