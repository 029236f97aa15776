import type { LodMode } from '../../data/lod/m4.js';
import type { GridColorScale } from '../../core/scene/frame-scene.js';

// What series (2D and 3D) report besides layers; a leaf file, so that series-type.ts and
// shared/series-3d.ts can both use it without importing each other.

/** What level of detail did in a frame, summed over every series. */
export interface LodSummary {
  mode: LodMode;
  /** Data points inside the window, over all series. */
  visiblePoints: number;
  /** Points sent to the renderer, over all series. */
  drawnPoints: number;
}

/** A colour-bar legend a series asks the overlay to show (a heatmap's colormap and its range). */
export interface ColorBar {
  id: string;
  title: string;
  /** The colormap's name ('custom' for stops) and its 256-entry RGBA8 LUT. */
  colormap: string;
  lut: Uint8Array;
  /** Values at the bottom and top of the bar. */
  min: number;
  max: number;
  scale: GridColorScale;
}

