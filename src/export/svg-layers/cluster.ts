import type { ClusterLayer } from '../../core/scene/frame-scene.js';
import { clusterCells, clusterCentroid, clusterRadius } from '../../core/scene/density-grid.js';
import { num, paint } from '../svg-format.js';
import type { SvgLayerWriter } from './svg-layer.js';

/**
 * Points grouped per screen cell, from the renderers' CPU reference (`clusterCells`): one disc per
 * non-empty cell at its centroid, with the count written on clusters of more than one point (as
 * the chart's overlay labels them). At most one element per cell, whatever the number of points.
 */
export const clusterSvg: SvgLayerWriter<ClusterLayer> = (layer, { rect }) => {
  const cells = clusterCells(layer, rect.width, rect.height);
  const centre = new Float64Array(2);
  const discs: string[] = [];
  const labels: string[] = [];
  for (let c = 0; c < cells.counts.length; c++) {
    const n = cells.counts[c]!;
    if (n === 0) continue;
    clusterCentroid(cells, c, centre);
    const [x, y] = [centre[0]!, centre[1]!];
    const r = clusterRadius(n, layer);
    discs.push(`<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}"/>`);
    if (n > 1) labels.push(`<text x="${num(x)}" y="${num(y)}">${n}</text>`);
  }
  if (discs.length === 0) return '';
  const text = labels.length > 0 ? `<g class="cluster-labels" fill="#fff" font-size="${num(Math.max(8, layer.minRadius))}" text-anchor="middle" dominant-baseline="central">${labels.join('')}</g>` : '';
  return `<g data-layer="${layer.id}" class="cluster" ${paint('fill', layer.color)}>${discs.join('')}</g>${text}`;
};
