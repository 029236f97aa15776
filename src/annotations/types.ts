/**
 * The annotation model: drawings anchored in data coordinates (a time on the x axis, a value on
 * a pane's y axis), serialised as plain JSON. DOM-free: validated, hit-tested, edited and turned
 * into scene layers here; the elements only forward pointer and keyboard input.
 */

/** Every kind of annotation. */
export const ANNOTATION_KINDS = ['hline', 'vline', 'trend', 'ray', 'rect', 'text', 'arrow', 'range', 'fib', 'marker'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** Line dash styles, as the grid has them. */
export const DASH_STYLES = ['solid', 'dashed', 'dotted'] as const;
export type DashStyle = (typeof DASH_STYLES)[number];

/** Marker sides: a buy arrow below the bar pointing up, a sell arrow above it pointing down. */
export const MARKER_SIDES = ['buy', 'sell'] as const;
export type MarkerSide = (typeof MARKER_SIDES)[number];

/** The pane every annotation is drawn in unless it names another. */
export const DEFAULT_PANE = 'main';

/** Fibonacci retracement levels drawn when an annotation gives none. */
export const DEFAULT_FIB_LEVELS: readonly number[] = [0, 0.236, 0.382, 0.5, 0.618, 0.786, 1];

/** A point in data coordinates: x (epoch ms on a time axis) and a value on the pane's y axis. */
export interface AnnotationPoint {
  time: number;
  price: number;
}

/**
 * A validated annotation. Points: hline 1 (its price; time only places the handle), vline 1 (its
 * time), text and marker 1, every other kind 2. Marker prices are optional (NaN: at the bar's low
 * for buys, high for sells).
 */
export interface Annotation {
  id: string;
  kind: AnnotationKind;
  points: AnnotationPoint[];
  pane: string;
  /** Stroke (and marker, text) colour, a CSS colour; null: the kind's default. */
  color: string | null;
  /** Fill colour of rect, range and fib bands; null: the stroke colour, translucent. */
  fill: string | null;
  /** Stroke width, CSS px. */
  width: number;
  dash: DashStyle;
  /** Shown beside the drawing (text annotations show `text`). */
  label: string | null;
  /** CSS font of labels and text; null: the chart's. */
  font: string | null;
  /** Text of a text annotation. */
  text: string | null;
  side: MarkerSide;
  /** Marker size, CSS px. */
  size: number;
  /** Fibonacci levels (fractions of the move from the second point back to the first). */
  levels: number[];
  /** Shows handles when selected; can be dragged, nudged and deleted. */
  editable: boolean;
  visible: boolean;
}

/** The JSON an annotation serialises to (and is declared with): defaults left out. */
export interface AnnotationJson {
  id: string;
  kind: AnnotationKind;
  points: { time?: number; price?: number }[];
  pane?: string;
  color?: string;
  fill?: string;
  width?: number;
  dash?: DashStyle;
  label?: string;
  font?: string;
  text?: string;
  side?: MarkerSide;
  size?: number;
  levels?: number[];
  editable?: boolean;
  visible?: boolean;
}

/** Points each kind needs. */
export function pointCount(kind: AnnotationKind): number {
  return kind === 'hline' || kind === 'vline' || kind === 'text' || kind === 'marker' ? 1 : 2;
}

/** Whether a kind's points use their time / their price. */
export function usesTime(kind: AnnotationKind): boolean {
  return kind !== 'hline';
}
export function usesPrice(kind: AnnotationKind): boolean {
  return kind !== 'vline';
}

export const DEFAULTS = {
  width: 1.5,
  dash: 'solid' as DashStyle,
  side: 'buy' as MarkerSide,
  size: 12,
  pane: DEFAULT_PANE,
  editable: true,
  visible: true,
};

/** The annotation as JSON: its kind's coordinates, and only the style that differs from the defaults. */
export function toJson(a: Annotation): AnnotationJson {
  const out: AnnotationJson = {
    id: a.id,
    kind: a.kind,
    points: a.points.map((p) => {
      const point: { time?: number; price?: number } = {};
      if (usesTime(a.kind)) point.time = p.time;
      if (usesPrice(a.kind) && Number.isFinite(p.price)) point.price = p.price;
      return point;
    }),
  };
  if (a.pane !== DEFAULTS.pane) out.pane = a.pane;
  if (a.color !== null) out.color = a.color;
  if (a.fill !== null) out.fill = a.fill;
  if (a.width !== DEFAULTS.width) out.width = a.width;
  if (a.dash !== DEFAULTS.dash) out.dash = a.dash;
  if (a.label !== null) out.label = a.label;
  if (a.font !== null) out.font = a.font;
  if (a.text !== null) out.text = a.text;
  if (a.kind === 'marker') {
    out.side = a.side;
    if (a.size !== DEFAULTS.size) out.size = a.size;
  }
  if (a.kind === 'fib' && !sameLevels(a.levels, DEFAULT_FIB_LEVELS)) out.levels = a.levels.slice();
  if (a.editable !== DEFAULTS.editable) out.editable = a.editable;
  if (a.visible !== DEFAULTS.visible) out.visible = a.visible;
  return out;
}

function sameLevels(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A deep copy (annotations are treated as values: edits make new ones). */
export function cloneAnnotation(a: Annotation): Annotation {
  return { ...a, points: a.points.map((p) => ({ ...p })), levels: a.levels.slice() };
}

/** Whether two annotations are the same value. */
export function sameAnnotation(a: Annotation, b: Annotation): boolean {
  return JSON.stringify(toJson(a)) === JSON.stringify(toJson(b));
}
