// Generated from custom-elements.json by scripts/framework-typings.mjs (`npm run manifest`); do not edit.
import { Directive, ElementRef, Input, inject } from '@angular/core';
import type { GpuAnnotation, GpuChart, GpuDrawingTools, GpuIndicator, GpuPerfOverlay, GpuShader } from 'gpu-charts';

/** `<gpu-annotation>` with typed property bindings. */
@Directive({ selector: 'gpu-annotation' })
export class GpuAnnotationDirective {
  /** The element itself, for its methods and read-only state. */
  readonly element: GpuAnnotation = inject<ElementRef<GpuAnnotation>>(ElementRef).nativeElement;

  /** hline, vline, trend, ray, rect, text, arrow, range, fib or marker. */
  @Input() set kind(value: GpuAnnotation['kind']) {
    this.element.kind = value;
  }

  /** `"time price; time price"` (times: epoch ms or date strings), or a JSON array of `{ time, price }`. */
  @Input() set points(value: GpuAnnotation['points']) {
    this.element.points = value;
  }

  /** Shortcut for one-point kinds: the time of a vline, marker or text. */
  @Input() set time(value: GpuAnnotation['time']) {
    this.element.time = value;
  }

  /** Shortcut for one-point kinds: the price of an hline, marker or text. */
  @Input() set price(value: GpuAnnotation['price']) {
    this.element.price = value;
  }

  /** `main` (default) or an indicator pane (its `pane` name or indicator id). */
  @Input() set pane(value: GpuAnnotation['pane']) {
    this.element.pane = value;
  }

  @Input() set color(value: GpuAnnotation['color']) {
    this.element.color = value;
  }

  @Input() set fill(value: GpuAnnotation['fill']) {
    this.element.fill = value;
  }

  /** Stroke width, CSS px. */
  @Input() set width(value: GpuAnnotation['width']) {
    this.element.width = value;
  }

  /** solid, dashed or dotted. */
  @Input() set dash(value: GpuAnnotation['dash']) {
    this.element.dash = value;
  }

  @Input() set label(value: GpuAnnotation['label']) {
    this.element.label = value;
  }

  /** CSS font of its labels, e.g. `12px monospace`. */
  @Input() set font(value: GpuAnnotation['font']) {
    this.element.font = value;
  }

  /** Text of a text annotation (default: the element's text content). */
  @Input() set text(value: GpuAnnotation['text']) {
    this.element.text = value;
  }

  /** Markers: buy (arrow below the bar, pointing up) or sell (above, pointing down). */
  @Input() set side(value: GpuAnnotation['side']) {
    this.element.side = value;
  }

  /** Marker size, CSS px. */
  @Input() set size(value: GpuAnnotation['size']) {
    this.element.size = value;
  }

  /** Fib levels, comma-separated (default 0, 0.236, 0.382, 0.5, 0.618, 0.786, 1). */
  @Input() set levels(value: GpuAnnotation['levels']) {
    this.element.levels = value;
  }

  /** Shows handles when selected: drag, nudge with arrow keys, Delete. Default on; `editable="false"` locks it. */
  @Input() set editable(value: GpuAnnotation['editable']) {
    this.element.editable = value;
  }
}

/** `<gpu-chart>` with typed property bindings. */
@Directive({ selector: 'gpu-chart' })
export class GpuChartDirective {
  /** The element itself, for its methods and read-only state. */
  readonly element: GpuChart = inject<ElementRef<GpuChart>>(ElementRef).nativeElement;

  /** How value columns are drawn unless `series` says otherwise: `line`, `area`, `baseline` (filled above and below a base value), `bar` (histogram from 0), `volume` (volume bars coloured by direction), `candlestick` or `ohlc` (from open/high/low/close columns). Unset: from the configuration (`series.type`, default line). */
  @Input() set type(value: GpuChart['type']) {
    this.element.type = value;
  }

  /** Shows the data resampled to bars of this timeframe: `1m`, `5m`, `15m`, `1h`, `4h`, `1d`, `1w`, `1M` (calendar months), `1y`…, with boundaries on the wall clock of `time-zone`. Ticks or bars in, OHLCV bars out; appended rows update the newest bar. The data as given is kept, so changing or removing the timeframe needs no reload. Invalid values fire `gpu-config-error`. */
  @Input() set timeframe(value: GpuChart['timeframe']) {
    this.element.timeframe = value;
  }

  /** URL of a CSV or JSON file to load (progress in `gpu-load-progress`). */
  @Input() set src(value: GpuChart['src']) {
    this.element.src = value;
  }

  /** URL of a series on a tile server (`http://host/v1/series/NAME`, see server/): the chart asks for the window it shows at its pixel width as the view moves (`gpu-tiles` events), and streams the live tail. */
  @Input() set tiles(value: GpuChart['tiles']) {
    this.element.tiles = value;
  }

  /** `light` or `dark` (unset: from the configuration, default light). */
  @Input() set theme(value: GpuChart['theme']) {
    this.element.theme = value;
  }

  /** IANA time zone for axis labels and tooltips, e.g. `America/New_York` (default UTC). */
  @Input() set timeZone(value: GpuChart['timeZone']) {
    this.element.timeZone = value;
  }

  /** `linear` or `log` (default linear): the default value axis' scale. */
  @Input() set yScale(value: GpuChart['yScale']) {
    this.element.yScale = value;
  }

  /** What the x axis measures: `time` (default; epoch ms, calendar ticks), or numbers on a `linear` or `log` (log10) scale, with numeric labels. On numeric axes the data's key may be named `x`; data without a key, or whose `x` is not ascending, is keyed by row index. */
  @Input() set xAxis(value: GpuChart['xAxis']) {
    this.element.xAxis = value;
  }

  /** Hides the grid. */
  @Input() set noGrid(value: GpuChart['noGrid']) {
    this.element.noGrid = value;
  }

  /** Hides the legend. */
  @Input() set noLegend(value: GpuChart['noLegend']) {
    this.element.noLegend = value;
  }

  /** Heatmaps (grid data, or `type="heatmap"`): how pixels between cell centres are coloured, `nearest` (default), `bilinear` or `bicubic` (Catmull-Rom). A series' own option wins. */
  @Input() set interpolation(value: GpuChart['interpolation']) {
    this.element.interpolation = value;
  }

  /** Heatmaps: the colormap, `viridis` (default), `magma`, `inferno`, `plasma`, `turbo`, `cividis` or `grays`; custom stops go in a series item's `colormap`. Unknown names fire `gpu-config-error`. */
  @Input() set colormap(value: GpuChart['colormap']) {
    this.element.colormap = value;
  }

  /** Bounded streaming (config `streaming.maxPoints`): keep at most this many rows; the oldest drop as rows are appended (ring buffer: flat memory for a stream that runs forever). */
  @Input() set maxPoints(value: GpuChart['maxPoints']) {
    this.element.maxPoints = value;
  }

  /** `on`: scatter series draw density maps (every point binned on the GPU) unless they say otherwise. Config `series.density`. */
  @Input() set density(value: GpuChart['density']) {
    this.element.density = value;
  }

  /** `grid`: scatter series group their points per 40-px cell unless they say otherwise. Config `series.cluster`. */
  @Input() set cluster(value: GpuChart['cluster']) {
    this.element.cluster = value;
  }

  /** A built-in preset (performance, quality, balanced, mobile, realtime, bigdata, presentation, accessible), a registered one, or a URL. */
  @Input() set preset(value: GpuChart['preset']) {
    this.element.preset = value;
  }

  /** URL of a YAML, JSON or TOML configuration file. */
  @Input() set configSrc(value: GpuChart['configSrc']) {
    this.element.configSrc = value;
  }

  /** Reloads `config-src` when it changes (polling with ETag / Last-Modified, or `config-events`). */
  @Input() set watchConfig(value: GpuChart['watchConfig']) {
    this.element.watchConfig = value;
  }

  /** Polling interval for `watch-config`, ms. */
  @Input() set watchInterval(value: GpuChart['watchInterval']) {
    this.element.watchInterval = value;
  }

  /** A server-sent-events URL that announces config changes (instead of polling). */
  @Input() set configEvents(value: GpuChart['configEvents']) {
    this.element.configEvents = value;
  }

  /** Links this chart with every other chart of the same group on the page: zoom and pan move them all, and the crosshair follows the pointer across them. */
  @Input() set syncGroup(value: GpuChart['syncGroup']) {
    this.element.syncGroup = value;
  }

  /** Level of detail: `auto` (M4 decimation, pixel-exact) or `off` (draw every point; slow). */
  @Input() set lod(value: GpuChart['lod']) {
    this.element.lod = value;
  }

  /** Accessible description; defaults to a summary of the data. */
  @Input() set label(value: GpuChart['label']) {
    this.element.label = value;
  }

  /** Shows the data-table alternative of the visible window on screen (it is always there, visually hidden, for screen readers). */
  @Input() set dataTable(value: GpuChart['dataTable']) {
    this.element.dataTable = value;
  }

  /** Shows small PNG / SVG / CSV download buttons over the chart. */
  @Input() set exportButton(value: GpuChart['exportButton']) {
    this.element.exportButton = value;
  }

  /** Which renderer to use: `auto` (the faster one here: Canvas2D on a software adapter, WebGPU on a real GPU, switched by measured frames with hysteresis, reported by `gpu-renderer-change`; Canvas2D also when WebGPU is unavailable or failing), `webgpu` (pinned; never fall back: show a message instead), `canvas2d` (pinned). */
  @Input() set renderer(value: GpuChart['renderer']) {
    this.element.renderer = value;
  }

  /** The data: `{ time, value }` (or any named value columns) as typed or plain arrays, or an array of records `[{ time, value }]`. Times are epoch ms, Dates or ISO strings. Invalid data fires `gpu-data-error` and the previous data stays. */
  @Input() set data(value: GpuChart['data']) {
    this.element.data = value;
  }

  /** Per-series options: `[{ column, type, name, color, lineWidth, visible }]`. */
  @Input() set series(value: GpuChart['series']) {
    this.element.series = value;
  }

  /** A configuration object (YAML/JSON shape, see docs/config.md), layered above the preset and the config file and below attributes. Invalid objects fire `gpu-config-error`; the last good configuration stays. */
  @Input() set config(value: GpuChart['config']) {
    this.element.config = value;
  }

  /** Receives telemetry batches instead of `telemetry.endpoint` (config). Telemetry is opt-in: nothing is collected unless `telemetry.enabled` is true. Fields: docs/telemetry.md. */
  @Input() set telemetryCallback(value: GpuChart['telemetryCallback']) {
    this.element.telemetryCallback = value;
  }

  /** Every annotation (children, `annotations:` config, drawn, edited) as JSON; setting it replaces them all (undoable). */
  @Input() set annotations(value: GpuChart['annotations']) {
    this.element.annotations = value;
  }

  /** The selected annotation's id (handles shown; arrow keys nudge it, Delete removes it), or null. */
  @Input() set selectedAnnotation(value: GpuChart['selectedAnnotation']) {
    this.element.selectedAnnotation = value;
  }
}

/** `<gpu-drawing-tools>` with typed property bindings. */
@Directive({ selector: 'gpu-drawing-tools' })
export class GpuDrawingToolsDirective {
  /** The element itself, for its methods and read-only state. */
  readonly element: GpuDrawingTools = inject<ElementRef<GpuDrawingTools>>(ElementRef).nativeElement;

  /** Id of the chart to draw on (default: the enclosing `<gpu-chart>`). */
  @Input() set for(value: GpuDrawingTools['for']) {
    this.element.for = value;
  }

  /** Tools shown, comma-separated (default all: trend, ray, arrow, hline, vline, rect, range, fib, text, buy, sell). */
  @Input() set tools(value: GpuDrawingTools['tools']) {
    this.element.tools = value;
  }
}

/** `<gpu-indicator>` with typed property bindings. */
@Directive({ selector: 'gpu-indicator' })
export class GpuIndicatorDirective {
  /** The element itself, for its methods and read-only state. */
  readonly element: GpuIndicator = inject<ElementRef<GpuIndicator>>(ElementRef).nativeElement;

  /** Indicator type, e.g. `sma`, `ema`, `bbands`, `sar`, `vwap` (see docs/indicators.md). */
  @Input() set type(value: GpuIndicator['type']) {
    this.element.type = value;
  }

  /** The data column an indicator of one series reads (default `close`, else the first column). */
  @Input() set source(value: GpuIndicator['source']) {
    this.element.source = value;
  }

  /** Line colour (a CSS colour); default: the next palette colour. */
  @Input() set color(value: GpuIndicator['color']) {
    this.element.color = value;
  }

  /** Where it is drawn: `overlay` (over the price series), `new` (a pane of its own), or a pane id shared with the other indicators naming it (e.g. two oscillators in one pane). Default: overlay for averages and bands, `new` for oscillators. */
  @Input() set pane(value: GpuIndicator['pane']) {
    this.element.pane = value;
  }

  /** Line width in CSS px. */
  @Input() set lineWidth(value: GpuIndicator['lineWidth']) {
    this.element.lineWidth = value;
  }
}

/** `<gpu-perf-overlay>` with typed property bindings. */
@Directive({ selector: 'gpu-perf-overlay' })
export class GpuPerfOverlayDirective {
  /** The element itself, for its methods and read-only state. */
  readonly element: GpuPerfOverlay = inject<ElementRef<GpuPerfOverlay>>(ElementRef).nativeElement;

  /** Id of the chart to watch (in the same document or shadow root); unset: the enclosing `<gpu-chart>`. */
  @Input() set htmlFor(value: GpuPerfOverlay['htmlFor']) {
    this.element.htmlFor = value;
  }

  /** Corner of the chart: `top-left`, `top-right` (default), `bottom-left`, `bottom-right`. */
  @Input() set position(value: GpuPerfOverlay['position']) {
    this.element.position = value;
  }

  /** `compact` (fps, CPU, GPU, sparkline) or `expanded` (everything); a click toggles it. */
  @Input() set mode(value: GpuPerfOverlay['mode']) {
    this.element.mode = value;
  }

  /** The chart (or any object with `onFrame`) to watch; overrides `for` and the enclosing chart. Reading it gives the one set here, else the one watched now (null while hidden). */
  @Input() set chart(value: GpuPerfOverlay['chart']) {
    this.element.chart = value;
  }
}

/** `<gpu-shader>` with typed property bindings. */
@Directive({ selector: 'gpu-shader' })
export class GpuShaderDirective {
  /** The element itself, for its methods and read-only state. */
  readonly element: GpuShader = inject<ElementRef<GpuShader>>(ElementRef).nativeElement;

  /** The id of the series the hook colours: its `id` (`series` property, `series.items[].id`), else its column name (e.g. `value`; OHLC bars: `ohlc`). */
  @Input() set for(value: GpuShader['for']) {
    this.element.for = value;
  }

  /** Which hook: `color` (lines, areas, scatter markers, candles and OHLC bars with their volume, volume and bar series, bands) or `colormap` (heatmaps, density maps). */
  @Input() set hook(value: GpuShader['hook']) {
    this.element.hook = value;
  }

  /** A curated hook by name (`gradient-by-value`, `glow`, `heat-by-density`, `dashed-by-distance`, `up-down`) instead of code. */
  @Input() set library(value: GpuShader['library']) {
    this.element.library = value;
  }

  /** Time budget of a frame drawn with this hook, ms (default 1000); three frames over it in a row disable it. */
  @Input() set budgetMs(value: GpuShader['budgetMs']) {
    this.element.budgetMs = value;
  }

  /** Keeps the element but draws the series' default colour. */
  @Input() set disabled(value: GpuShader['disabled']) {
    this.element.disabled = value;
  }

  /** The WGSL source, overriding the element's text (the shader playground sets it). */
  @Input() set wgsl(value: GpuShader['wgsl']) {
    this.element.wgsl = value;
  }
}

/** Every element directive, for a standalone component's `imports`. */
export const GPU_CHARTS_DIRECTIVES = [GpuAnnotationDirective, GpuChartDirective, GpuDrawingToolsDirective, GpuIndicatorDirective, GpuPerfOverlayDirective, GpuShaderDirective] as const;
