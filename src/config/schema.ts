/**
 * The chart configuration schema: the single source of truth for every
 * setting, its type, range and default. Types, validation, the JSON Schema
 * for editors (presets/schema.json) and the settings table in docs/config.md
 * are all derived from this file.
 *
 * One builder produces two schemas:
 * - `ChartConfigSchema` (full): fills defaults; validates a merged config.
 * - `ChartConfigPatchSchema` (patch): same shapes and ranges, but no defaults
 *   and no required fields except list-item ids, so a layer (preset, file,
 *   attribute set, runtime update) can carry only what it changes — a file
 *   may contain just `theme: dark`, and an update may be
 *   `{ indicators: [{ id: 'ema20', visible: false }] }`.
 */
import * as v from 'valibot';
import { CSS_COLOR_PATTERN, isCssColor } from './css-color.js';
import { isTimeZone } from '../time/time-zone-validation.js';

export const THEMES = ['light', 'dark'] as const;
export const TIERS = ['low', 'medium', 'high', 'ultra'] as const;
export const SERIES_TYPES = ['line', 'area', 'baseline', 'step', 'bar', 'volume', 'scatter', 'candlestick', 'ohlc', 'heatmap', 'band', 'surface', 'points3d', 'bars3d'] as const;
/** The colormap names of src/core/colormap (config may not import core; a Node test keeps them equal). */
export const COLORMAP_NAMES = ['viridis', 'magma', 'inferno', 'plasma', 'turbo', 'cividis', 'grays'] as const;
/** Heatmap interpolations (src/core/scene GRID_INTERPOLATIONS). */
export const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic'] as const;
export const GRID_STYLES = ['solid', 'dashed', 'dotted'] as const;
/** Scatter marker shapes (MARKER_SHAPES in core/scene; config/ may not import core, a test keeps them equal). */
export const SCATTER_MARKERS = ['circle', 'square', 'triangle', 'cross', 'diamond'] as const;
/** Colormap names a scatter's colorBy may use (COLORMAP_NAMES in core/colormap; kept equal by a test). */
export const SCATTER_COLORMAPS = ['viridis', 'magma', 'inferno', 'plasma', 'turbo', 'cividis', 'grays'] as const;

export type Theme = (typeof THEMES)[number];
export type Tier = (typeof TIERS)[number];
export type SeriesType = (typeof SERIES_TYPES)[number];

const COLOR_MESSAGE =
  'expected a CSS color (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla() or a color name)';

/** Shared instance so the JSON Schema can emit it once, as a definition. */
export const CssColorSchema = v.pipe(
  v.string(),
  v.regex(CSS_COLOR_PATTERN, COLOR_MESSAGE),
  v.check(isCssColor, COLOR_MESSAGE),
);

type Mode = 'full' | 'patch';

function buildSchema(mode: Mode) {
  const patch = mode === 'patch';

  // A setting with a default. Patch mode drops the default so that a layer
  // never "sets" values it did not mention (they would override lower layers).
  function opt<const S extends v.GenericSchema, const D extends v.Default<S, undefined>>(
    schema: S,
    fallback: D,
  ): v.OptionalSchema<S, D> {
    return (patch ? v.optional(schema) : v.optional(schema, fallback)) as v.OptionalSchema<S, D>;
  }

  // Required in a complete list item, optional in a patch that addresses the item by id.
  function req<S extends v.GenericSchema>(schema: S): S {
    return (patch ? v.optional(schema) : schema) as unknown as S;
  }

  const doc = <S extends v.GenericSchema>(schema: S, text: string) => v.pipe(schema, v.description(text));

  const range = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max));
  const intRange = (min: number, max: number) =>
    v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
  const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
  const id = () => v.pipe(v.string(), v.minLength(1), v.maxLength(128));
  const color = () => CssColorSchema;
  const flag = (fallback: boolean, description: string) => opt(doc(v.boolean(), description), fallback);

  const colors = v.strictObject({
    background: v.optional(doc(color(), 'Plot background; overrides the theme.')),
    text: v.optional(doc(color(), 'Labels and legend text.')),
    grid: v.optional(doc(color(), 'Grid lines.')),
    axis: v.optional(doc(color(), 'Axis lines and ticks.')),
    crosshair: v.optional(doc(color(), 'Crosshair lines and their labels.')),
    up: v.optional(doc(color(), 'Rising candles / bars.')),
    down: v.optional(doc(color(), 'Falling candles / bars.')),
    series: v.optional(
      doc(v.pipe(v.array(color()), v.maxLength(64)), 'Series palette, used in order by series without a color.'),
    ),
  });

  const axisTitleText = () => v.optional(doc(text(128), 'Axis title, drawn beside the axis.'));
  const axisUnit = () => v.optional(doc(text(32), 'Unit appended to the title in parentheses: "Voltage (mV)".'));

  // A value axis besides the default one (`axes.y`); series name it with `yAxis`.
  const yAxisItem = v.strictObject({
    id: doc(id(), 'Axis id, named by series.items[].yAxis; "y" is the default axis (configure it in axes.y).'),
    side: v.optional(doc(v.picklist(['left', 'right']), 'Side of the plot (default right); axes of one side stack outwards in list order.')),
    scale: v.optional(doc(v.picklist(['linear', 'log']), 'Scale (default linear).')),
    min: v.optional(doc(v.pipe(v.number(), v.finite()), 'Fixed lower bound; omitted: follows the visible data of the axis\' series.')),
    max: v.optional(doc(v.pipe(v.number(), v.finite()), 'Fixed upper bound; omitted: follows the visible data of the axis\' series.')),
    title: axisTitleText(),
    unit: axisUnit(),
  });

  const axes = v.strictObject({
    x: opt(
      v.strictObject({
        type: opt(doc(v.picklist(['time', 'linear', 'log']), 'What x is: time (epoch ms, calendar ticks) or numbers on a linear or log10 scale (data keyed by `x`, or by row index).'), 'time'),
        visible: flag(true, 'Show the time / x axis.'),
        labels: flag(true, 'Show x axis tick labels.'),
        title: axisTitleText(),
        unit: axisUnit(),
      }),
      {},
    ),
    y: opt(
      v.strictObject({
        scale: opt(doc(v.picklist(['linear', 'log']), 'Value axis scale.'), 'linear'),
        visible: flag(true, 'Show the value axis.'),
        position: opt(doc(v.picklist(['left', 'right']), 'Side of the plot the value axis sits on.'), 'right'),
        autoscale: flag(true, 'Fit the value range to the visible data while panning and zooming.'),
        title: axisTitleText(),
        unit: axisUnit(),
      }),
      {},
    ),
    yAxes: opt(doc(v.pipe(v.array(yAxisItem), v.maxLength(8)), 'More value axes for the main pane, besides the default one (axes.y).'), []),
  });

  const grid = v.strictObject({
    visible: flag(true, 'Show grid lines.'),
    style: opt(doc(v.picklist(GRID_STYLES), 'Grid line style.'), 'solid'),
  });

  const unit = () => v.pipe(v.number(), v.minValue(0), v.maxValue(1));
  const colormapStops = v.pipe(
    v.array(
      v.strictObject({
        offset: doc(unit(), 'Position of the stop, 0..1, ascending.'),
        color: doc(v.tuple([unit(), unit(), unit(), unit()]), 'Straight RGBA, each 0..1.'),
      }),
    ),
    v.minLength(2),
    v.maxLength(256),
  );
  const colormap = () => v.union([v.picklist(COLORMAP_NAMES), colormapStops]);
  const heatmap = v.strictObject({
    interpolation: opt(doc(v.picklist(INTERPOLATIONS), 'Heatmaps: how pixels between cell centres are coloured (bicubic: Catmull-Rom).'), 'nearest'),
    colormap: opt(doc(v.picklist(COLORMAP_NAMES), 'Heatmaps: default colormap.'), 'viridis'),
    colorScale: opt(doc(v.picklist(['linear', 'log']), 'Heatmaps: value to colour mapping.'), 'linear'),
  });

  const seriesItem = v.strictObject({
    id: doc(id(), 'Stable identity; layers merge list items by id.'),
    column: v.optional(doc(text(128), 'Data column this series draws (defaults to the id).')),
    type: v.optional(doc(v.picklist(SERIES_TYPES), 'Overrides series.type for this series.')),
    color: v.optional(doc(color(), 'Overrides the palette color.')),
    lineWidth: v.optional(doc(range(1, 10), 'Overrides series.lineWidth (CSS px).')),
    name: v.optional(doc(text(256), 'Legend / tooltip label.')),
    visible: v.optional(doc(v.boolean(), 'Hide without removing.')),
    baseValue: v.optional(doc(v.pipe(v.number(), v.finite()), 'A baseline series\' base value (default: the first visible value).')),
    yAxis: v.optional(doc(id(), 'Id of the value axis (axes.yAxes[].id) this series is drawn against; default: the default axis "y".')),
    interpolation: v.optional(doc(v.picklist(INTERPOLATIONS), 'Heatmap: overrides series.heatmap.interpolation.')),
    colormap: v.optional(doc(colormap(), 'Heatmap, and scatter colorBy: a colormap name, or at least 2 stops { offset, color: [r, g, b, a] }.')),
    colorScale: v.optional(doc(v.picklist(['linear', 'log']), 'Heatmap: overrides series.heatmap.colorScale.')),
    colorMin: v.optional(doc(v.pipe(v.number(), v.finite()), 'Heatmap: value at the bottom of the colormap (default: the finite minimum).')),
    colorMax: v.optional(doc(v.pipe(v.number(), v.finite()), 'Heatmap: value at the top of the colormap (default: the finite maximum).')),
    x: v.optional(doc(text(128), 'Scatter: the x column (default: a column named "x" if the data has one, else the row key).')),
    size: v.optional(doc(text(128), 'Scatter: a column of marker diameters in CSS px (default: markerSize for every point).')),
    colorBy: v.optional(doc(text(128), 'Scatter: a column that colours the points through the colormap, over its finite min..max.')),
    categorical: v.optional(doc(v.boolean(), 'Scatter: colorBy holds integer categories, each its own colour (instead of a colormap).')),
    marker: v.optional(doc(v.picklist(SCATTER_MARKERS), 'Scatter: marker shape (default circle).')),
    markerSize: v.optional(doc(range(0.5, 256), 'Scatter: marker diameter in CSS px (default 4).')),
    yError: v.optional(doc(text(128), 'Error bars (line, scatter): a column of symmetric errors; each bar spans value ± error, with small caps. A band series uses it as its half width.')),
    yLow: v.optional(doc(text(128), 'Error bars (line, scatter; with yHigh): a column of low values. A band series: its lower edge.')),
    yHigh: v.optional(doc(text(128), 'Error bars (line, scatter; with yLow): a column of high values. A band series: its upper edge.')),
    density: v.optional(doc(v.picklist(['on', 'off']), 'Scatter series: "on" draws a density map (a 2D histogram of every point, binned on the GPU) instead of markers.')),
    densityScale: v.optional(doc(v.picklist(['log', 'linear']), 'How density counts map to the colormap (default log).')),
    cluster: v.optional(doc(v.picklist(['grid', 'off']), 'Scatter series: "grid" draws one marker per screen cell (40 px) holding points, sized by log(count) and labelled with the count.')),
    y: v.optional(doc(text(128), 'Points3d: the y column (default "y"; `x` names the x column, default "x").')),
    z: v.optional(doc(text(128), 'Points3d: the z column (default "z").')),
    wireframe: v.optional(doc(v.boolean(), 'Surface: draw the grid lines over the surface.')),
    contours: v.optional(doc(intRange(0, 64), 'Surface: this many iso-height contour lines, evenly spaced over the colour range (0: none).')),
  });

  // The orbit camera of 3D charts (src/core/three/camera.ts CAMERA_BOUNDS: the same sane bounds).
  const camera = v.strictObject({
    projection: v.optional(doc(v.picklist(['perspective', 'orthographic']), '3D charts: perspective (default) or orthographic projection.')),
    azimuth: v.optional(doc(range(-1e6, 1e6), 'Degrees around the vertical axis (0: looking from +x; default -55).')),
    elevation: v.optional(doc(range(-89, 89), 'Degrees above the horizontal (default 28).')),
    distance: v.optional(doc(range(0.5, 100), 'Distance from the target in box half-widths (default 5.8); orthographic: sets the view size.')),
    fov: v.optional(doc(range(5, 150), 'Vertical field of view in degrees (default 32).')),
    target: v.optional(doc(v.tuple([range(-10, 10), range(-10, 10), range(-10, 10)]), 'The point orbited, world units (the box spans [-1, 1] in x and y; default [0, 0, 0]).')),
  });

  const series = v.strictObject({
    type: opt(doc(v.picklist(SERIES_TYPES), 'Default series type.'), 'line'),
    lineWidth: opt(doc(range(1, 10), 'Default line width in CSS px.'), 1.5),
    areaOpacity: opt(doc(range(0, 1), 'Fill opacity of area series.'), 0.2),
    density: opt(doc(v.picklist(['on', 'off']), 'Default of scatter series\' `density` (attribute `density`): "on" draws density maps instead of markers.'), 'off'),
    densityScale: opt(doc(v.picklist(['log', 'linear']), 'Default of series\' `densityScale`: how density counts map to the colormap.'), 'log'),
    cluster: opt(doc(v.picklist(['grid', 'off']), 'Default of scatter series\' `cluster` (attribute `cluster`): "grid" groups points per 40-px cell.'), 'off'),
    items: opt(doc(v.pipe(v.array(seriesItem), v.maxLength(256)), 'The series to draw.'), []),
    heatmap: opt(heatmap, {}),
  });

  const indicator = v.strictObject({
    id: doc(id(), 'Stable identity; layers merge list items by id.'),
    type: req(doc(text(64), 'Indicator kind, e.g. "sma"; checked against the indicator registry later.')),
    pane: v.optional(doc(text(64), 'Pane to draw in; defaults to the main pane.')),
    color: v.optional(doc(color(), 'Line color.')),
    visible: v.optional(doc(v.boolean(), 'Hide without removing.')),
    params: v.optional(
      doc(
        v.pipe(
          v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(64)), v.pipe(v.number(), v.finite())),
          v.maxEntries(32),
        ),
        'Numeric parameters, e.g. { period: 20 }.',
      ),
    ),
  });

  // Annotations are checked one by one by src/annotations/validate.ts when drawn: a bad one is
  // reported (gpu-config-error with its path) and left out while the others draw, so the schema
  // asks only for an id (to merge by) and leaves the other keys to that validator.
  const annotation = v.looseObject({
    id: doc(id(), 'Stable identity; layers merge list items by id.'),
    kind: v.optional(doc(v.string(), 'hline | vline | trend | ray | rect | text | arrow | range | fib | marker; points, style: see docs/annotations.md.')),
  });

  const quality = v.strictObject({
    resolutionScale: opt(
      doc(range(0.25, 2), 'Canvas backing-store scale relative to CSS px × devicePixelRatio.'),
      1,
    ),
    msaa: opt(doc(v.picklist([1, 4]), 'Multisample count (WebGPU supports 1 or 4).'), 4),
    lodAggressiveness: opt(
      doc(range(0, 1), 'Level of detail: up to 0.5, one M4 column per device pixel (pixel-exact); above, wider columns, up to four pixels at 1 (a quarter of the points, coarser lines).'),
      0.5,
    ),
    gpuLod: opt(
      doc(
        v.picklist(['auto', 'on', 'off']),
        'Level of detail for line series on the GPU (a compute pass over GPU-resident values instead of the CPU\'s min/max pyramid): "auto" on a real GPU for series of 1M rows or more, never on a software adapter or with Canvas2D; "on" whenever WebGPU draws; "off" always on the CPU. Both paths pick the same points.',
      ),
      'auto',
    ),
    targetFps: opt(doc(range(15, 240), 'Frame rate the auto-tuner budgets for.'), 60),
    maxGpuMemoryMB: v.optional(
      doc(
        intRange(16, 65536),
        "GPU memory this chart's renderer may hold, MiB; an allocation past it is handled like out-of-memory: the chart degrades (LOD, MSAA, resolution, then Canvas2D). Unset: no budget beyond the device's own limits.",
      ),
    ),
    tier: opt(
      doc(v.picklist(['auto', ...TIERS]), 'Quality tier; "auto" picks from the hardware, anything else pins it.'),
      'auto',
    ),
  });

  const features = v.strictObject({
    crosshair: flag(true, 'Crosshair that follows the pointer.'),
    tooltip: flag(true, 'Value tooltip.'),
    legend: flag(true, 'Series legend.'),
    zoom: flag(true, 'Wheel / pinch zoom.'),
    pan: flag(true, 'Drag / touch pan.'),
    autoTune: flag(true, 'Let the auto-tuner move between quality tiers at runtime (ignored when quality.tier is pinned).'),
  });

  const telemetry = v.strictObject({
    enabled: flag(false, 'Report frame-time telemetry (opt-in).'),
    sampling: opt(doc(range(0, 1), 'Fraction of sessions that report.'), 0.1),
    endpoint: v.optional(
      doc(
        v.pipe(
          v.string(),
          v.maxLength(2048),
          v.url('expected an absolute URL'),
          v.check((url) => /^https?:\/\//i.test(url), 'expected an http(s) URL'),
        ),
        'Where reports are POSTed.',
      ),
    ),
    batchSize: opt(doc(intRange(1, 1000), 'Reports per request.'), 50),
  });

  const streaming = v.strictObject({
    maxPoints: v.optional(
      doc(
        intRange(16, 2 ** 31),
        'Keep at most this many rows of a stream (attribute `max-points`): the oldest drop as new ones are appended (a ring buffer), so a stream runs forever in flat memory. Data set larger than this keeps its newest rows. Unset: keep every row.',
      ),
    ),
    windowMs: v.optional(
      doc(range(1, 1e13), 'Keep only rows no older than this many milliseconds (x units on a numeric axis) before the newest; combines with maxPoints. Unset: no time window.'),
    ),
  });

  const textSettings = v.strictObject({
    fontSize: opt(doc(range(8, 48), 'Label font size in CSS px.'), 12),
    fontFamily: opt(doc(text(256), 'CSS font-family for labels.'), 'system-ui, sans-serif'),
  });

  const shader = v.strictObject({
    id: doc(id(), 'Stable identity; layers merge list items by id. Events (gpu-shader-error, gpu-shader-ready) name it.'),
    for: req(doc(id(), 'The id of the series the hook colours: series.items[].id, else its column name (e.g. "value"; OHLC bars: "ohlc").')),
    hook: v.optional(doc(v.picklist(['color', 'colormap']), 'Which hook: "color" (`fn color(p: PointInput) -> vec4f`: line, area, scatter markers, candles, OHLC bars, volume, bar (histogram) and band series) or "colormap" (`fn colormap(t: f32) -> vec4f`: heatmap, density). Default "color".')),
    wgsl: v.optional(doc(v.pipe(v.string(), v.maxLength(65536)), 'The hook\'s WGSL source (validated by the sandbox before compiling; see docs/shaders.md).')),
    library: v.optional(doc(text(64), 'A curated hook by name instead of `wgsl`: gradient-by-value, glow, heat-by-density, dashed-by-distance, up-down.')),
    budgetMs: v.optional(doc(range(0.001, 60000), 'GPU time budget of a frame drawn with the hook, ms (default 1000); three frames in a row over it disable the hook.')),
    enabled: v.optional(doc(v.boolean(), 'Turn the hook off without removing it.')),
  });

  return v.strictObject({
    theme: opt(doc(v.picklist(THEMES), 'Base color theme.'), 'light'),
    colors: opt(doc(colors, 'Color overrides on top of the theme.'), {}),
    timeZone: opt(
      doc(
        v.pipe(
          v.string(),
          v.maxLength(64),
          v.check(isTimeZone, 'expected an IANA time zone such as "UTC" or "America/New_York"'),
        ),
        'IANA time zone for time axis labels.',
      ),
      'UTC',
    ),
    axes: opt(axes, {}),
    grid: opt(grid, {}),
    series: opt(series, {}),
    indicators: opt(doc(v.pipe(v.array(indicator), v.maxLength(64)), 'Technical indicators.'), []),
    shaders: opt(doc(v.pipe(v.array(shader), v.maxLength(64)), 'Custom WGSL hooks (sandboxed): a colour or colormap function for one series.'), []),
    annotations: opt(doc(v.pipe(v.array(annotation), v.maxLength(50000)), 'Drawings anchored in data coordinates (trend lines, levels, ranges, Fibonacci retracements, markers): see docs/annotations.md.'), []),
    quality: opt(quality, {}),
    features: opt(features, {}),
    telemetry: opt(telemetry, {}),
    text: opt(textSettings, {}),
    camera: opt(doc(camera, '3D charts (surface, points3d, bars3d): the initial orbit camera; double-click returns to it.'), {}),
    streaming: opt(streaming, {}),
  });
}

/** Validates a complete (merged) config and fills every default. */
export const ChartConfigSchema = buildSchema('full');

export type ChartConfigInput = v.InferInput<typeof ChartConfigSchema>;
export type ChartConfig = v.InferOutput<typeof ChartConfigSchema>;

/**
 * What one layer may carry: every setting optional at every depth, list items
 * identified by `id`. Every `ChartConfigInput` is also a valid patch.
 */
export type ChartConfigPatch = DeepPatch<ChartConfigInput>;

type DeepPatch<T> = T extends readonly (infer U)[]
  ? PatchItem<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPatch<T[K]> }
    : T;
type PatchItem<U> = U extends { id: string }
  ? { id: string } & { [K in Exclude<keyof U, 'id'>]?: DeepPatch<U[K]> }
  : U;

/** Validates one layer: no defaults, nothing required but list-item ids. */
export const ChartConfigPatchSchema = buildSchema('patch') as unknown as v.GenericSchema<
  unknown,
  ChartConfigPatch
>;

export type SeriesItem = ChartConfig['series']['items'][number];
export type IndicatorConfig = ChartConfig['indicators'][number];
export type ShaderConfig = ChartConfig['shaders'][number];
export type QualityConfig = ChartConfig['quality'];
export type YAxisConfig = ChartConfig['axes']['yAxes'][number];

/** The config with every default, e.g. for docs or a "reset" button. */
export function defaultConfig(): ChartConfig {
  return v.parse(ChartConfigSchema, {});
}
