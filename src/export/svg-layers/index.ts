import { areaSvg } from './area.js';
import { bandSvg } from './band.js';
import { clusterSvg } from './cluster.js';
import { densitySvg } from './density.js';
import { gridSvg } from './grid.js';
import { lineSvg } from './line.js';
import { markersSvg } from './markers.js';
import { rectsSvg } from './rects.js';
import { residentLineSvg } from './resident-line.js';
import { threeDSvg } from './three-d.js';
import { segmentsSvg } from './segments.js';
import type { SvgLayerTable } from './svg-layer.js';

export type { SvgLayerContext, SvgLayerTable, SvgLayerWriter } from './svg-layer.js';

/**
 * The SVG writer of every scene layer kind. Typed as a mapped type over the SceneLayer union: a
 * kind added to the union without a writer here fails the type check instead of silently
 * vanishing from exports.
 */
export const SVG_LAYERS: SvgLayerTable = {
  line: lineSvg,
  area: areaSvg,
  segments: segmentsSvg,
  rects: rectsSvg,
  grid: gridSvg,
  markers: markersSvg,
  band: bandSvg,
  density: densitySvg,
  cluster: clusterSvg,
  'resident-line': residentLineSvg,
  surface3d: threeDSvg,
  points3d: threeDSvg,
  bars3d: threeDSvg,
  lines3d: threeDSvg,
};
