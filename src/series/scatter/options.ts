import { COLORMAP_NAMES, ColormapError, resolveColormap, type Colormap, type ColormapSpec } from '../../core/colormap/index.js';
import { MARKER_SHAPES, type MarkerShape } from '../../core/scene/frame-scene.js';
import type { SeriesSpec } from '../shared/series-spec.js';

/** The default marker diameter, CSS px. */
export const DEFAULT_MARKER_SIZE = 4;
/** Diameters (CSS px) are clamped to this (a size column with outliers stays drawable). */
export const MAX_MARKER_SIZE = 256;

/** What a scatter series' options mean, every one decided. */
export interface ScatterSettings {
  /** The x column; null: the row key. */
  x: string | null;
  /** The size column (values: diameters in CSS px); null: `markerSize` for every point. */
  size: string | null;
  /** The colour column; null: the series colour. */
  colorBy: string | null;
  /** Colours `colorBy` over its finite min..max (null when categorical or without colorBy). */
  colormap: Colormap | null;
  /** `colorBy` holds integer categories, coloured by categoricalColor(k). */
  categorical: boolean;
  marker: MarkerShape;
  /** Diameter, CSS px, of points without a size (or with a non-finite one). */
  markerSize: number;
}

/** A problem with one scatter option: the option's name and a message. */
export interface ScatterIssue {
  field: 'x' | 'size' | 'colorBy' | 'colormap' | 'categorical' | 'marker' | 'markerSize';
  message: string;
}

type ScatterOptionFields = Pick<SeriesSpec, 'x' | 'size' | 'colorBy' | 'colormap' | 'categorical' | 'marker' | 'markerSize'>;

/**
 * The problems of a series' scatter options against the data's column names (null: columns not
 * known yet, not checked). Empty when they are all usable. The element reports each as a
 * `gpu-config-error` at `series[i].<field>`.
 */
export function scatterIssues(options: ScatterOptionFields, columns: readonly string[] | null): ScatterIssue[] {
  const issues: ScatterIssue[] = [];
  const known = columns ? ` (columns: ${columns.join(', ')})` : '';
  for (const field of ['x', 'size', 'colorBy'] as const) {
    const name = options[field];
    if (name === undefined) continue;
    if (typeof name !== 'string' || name === '') issues.push({ field, message: `${field} must name a data column, got ${JSON.stringify(name)}` });
    else if (columns && !columns.includes(name) && !(field === 'x' && isKeyName(name))) issues.push({ field, message: `no column "${name}"${known}` });
  }
  if (options.marker !== undefined && !(MARKER_SHAPES as readonly string[]).includes(options.marker)) {
    issues.push({ field: 'marker', message: `unknown marker "${String(options.marker)}" (known: ${MARKER_SHAPES.join(', ')})` });
  }
  const size = options.markerSize;
  if (size !== undefined && !(typeof size === 'number' && size > 0 && size <= MAX_MARKER_SIZE)) {
    issues.push({ field: 'markerSize', message: `markerSize must be a number of CSS px in (0, ${MAX_MARKER_SIZE}], got ${JSON.stringify(size)}` });
  }
  if (options.categorical !== undefined && typeof options.categorical !== 'boolean') issues.push({ field: 'categorical', message: `categorical must be true or false, got ${JSON.stringify(options.categorical)}` });
  if (options.colormap !== undefined) {
    try {
      resolveColormap(options.colormap as ColormapSpec);
    } catch (error) {
      const message = error instanceof ColormapError || error instanceof Error ? error.message : String(error);
      issues.push({ field: 'colormap', message: typeof options.colormap === 'string' ? message : `invalid colormap stops: ${message}` });
    }
  }
  return issues;
}

/** Names of the row key a scatter's `x` may use to mean "the key". */
function isKeyName(name: string): boolean {
  return name === 'time' || name === 'key';
}

/**
 * The settings of a series against the data's columns: lenient (what scatterIssues reports falls
 * back to the default: an unknown column is not used, an unknown marker is a circle, an unknown
 * colormap is viridis), so that a frame never throws.
 */
export function resolveScatter(spec: ScatterOptionFields, columns: readonly string[]): ScatterSettings {
  const has = (name: string | undefined): name is string => typeof name === 'string' && columns.includes(name);
  const x = has(spec.x) ? spec.x : spec.x !== undefined && isKeyName(spec.x) ? null : spec.x === undefined && columns.includes('x') ? 'x' : null;
  const colorBy = has(spec.colorBy) ? spec.colorBy : null;
  const categorical = colorBy !== null && spec.categorical === true;
  let colormap: Colormap | null = null;
  if (colorBy !== null && !categorical) {
    try {
      colormap = resolveColormap((spec.colormap ?? 'viridis') as ColormapSpec);
    } catch {
      colormap = resolveColormap('viridis');
    }
  }
  const marker = spec.marker !== undefined && (MARKER_SHAPES as readonly string[]).includes(spec.marker) ? spec.marker : 'circle';
  const size = spec.markerSize;
  const markerSize = typeof size === 'number' && size > 0 ? Math.min(MAX_MARKER_SIZE, size) : DEFAULT_MARKER_SIZE;
  return { x, size: has(spec.size) ? spec.size : null, colorBy, colormap, categorical, marker, markerSize };
}

/** A string identifying a colormap option (names, or the stops). */
export function colormapKey(spec: ColormapSpec | undefined): string {
  return spec === undefined ? '' : typeof spec === 'string' ? spec : JSON.stringify(spec);
}

export { COLORMAP_NAMES };
