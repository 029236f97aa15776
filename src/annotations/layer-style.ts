import type { PlotRect, Rgba, SceneLayer } from '../core/scene/frame-scene.js';
import type { ShapeLabel } from './geometry.js';

/** How annotations are coloured and where their data comes from; one per chart, changed rarely. */
export interface LayerStyle {
  /** CSS colour → straight RGBA (the browser's parser in the element; any parser in tests). */
  resolveColor(css: string): Rgba | null;
  /** Strokes without a colour of their own. */
  defaultColor: Rgba;
  /** Rising ranges and buy markers; falling ranges and sell markers. */
  upColor: Rgba;
  downColor: Rgba;
  /** Colours of fib levels (cycled) when the fib has no colour of its own. */
  fibColors: readonly Rgba[];
  /** The chart's label font (CSS). */
  font: string;
  /** Labels' text colour on boxed labels, and their box. */
  textColor: Rgba;
  boxColor: Rgba;
}

/** A label for the overlay, placed in canvas device px and clipped to its pane. */
export interface PlacedLabel {
  x: number;
  y: number;
  text: string;
  color: Rgba;
  font: string;
  align: ShapeLabel['align'];
  baseline: ShapeLabel['baseline'];
  boxed: boolean;
  clip: PlotRect;
}

/** What one pane's annotations become: a few batched layers and the labels of the overlay. */
export interface PaneAnnotations {
  layers: SceneLayer[];
  labels: PlacedLabel[];
}
