import type { ClusterLayer } from '../../core/scene/frame-scene.js';
import { clusterCellWords } from '../../core/scene/cluster-cells.js';
import { clusterDiscs, clusterLabels, clusterStyle, layerClusterGrid } from '../../core/scene/cluster-discs.js';
import { num, paint } from '../svg-format.js';
import type { SvgLayerWriter } from './svg-layer.js';

/**
 * Points grouped per data-anchored cell, from the renderers' CPU reference (`clusterCellWords`):
 * one disc per non-empty cell where the chart draws it (`clusterDiscs`: between its centroid and
 * its parents' at this zoom), with the counts the chart's overlay writes (`clusterLabels`). At most
 * one element per cell, whatever the number of points.
 */
export const clusterSvg: SvgLayerWriter<ClusterLayer> = (layer, { rect }) => {
  const grid = layerClusterGrid(layer, rect.width, rect.height);
  const style = clusterStyle(layer);
  const words = clusterCellWords(layer, grid);
  const discs = clusterDiscs(words, grid, style).map((d) => {
    const opacity = d.alpha < style.alpha && style.alpha > 0 ? ` fill-opacity="${num(d.alpha)}"` : '';
    return `<circle cx="${num(d.x)}" cy="${num(d.y)}" r="${num(d.radius)}"${opacity}/>`;
  });
  if (discs.length === 0) return '';
  const labels = clusterLabels(words, grid, style).map((l) => `<text x="${num(l.x)}" y="${num(l.y)}">${l.count}</text>`);
  const text = labels.length > 0 ? `<g class="cluster-labels" fill="#fff" font-size="${num(Math.max(8, layer.minRadius))}" text-anchor="middle" dominant-baseline="central">${labels.join('')}</g>` : '';
  return `<g data-layer="${layer.id}" class="cluster" ${paint('fill', layer.color)}>${discs.join('')}</g>${text}`;
};
