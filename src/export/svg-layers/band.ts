import { isGapY, type BandLayer } from '../../core/scene/frame-scene.js';
import { num, paint } from '../svg-format.js';
import type { SvgLayerWriter } from './svg-layer.js';

/** The region between lines A and B: per unbroken run, A forward then B backward, filled nonzero like the renderers. */
export const bandSvg: SvgLayerWriter<BandLayer> = (layer) => {
  const p = layer.points;
  const n = Math.min(layer.count, p.length >> 2);
  const polygons: string[] = [];
  let a: string[] = [];
  let b: string[] = [];
  const close = () => {
    if (a.length >= 2) polygons.push(`M${a.join('L')}L${b.reverse().join('L')}Z`);
    a = [];
    b = [];
  };
  for (let i = 0; i < n; i++) {
    const [xa, ya, xb, yb] = [p[i * 4]!, p[i * 4 + 1]!, p[i * 4 + 2]!, p[i * 4 + 3]!];
    if (isGapY(ya) || isGapY(yb) || ![xa, ya, xb, yb].every(Number.isFinite)) {
      close();
      continue;
    }
    a.push(`${num(xa)} ${num(ya)}`);
    b.push(`${num(xb)} ${num(yb)}`);
  }
  close();
  if (polygons.length === 0) return '';
  return `<path data-layer="${layer.id}" class="band" d="${polygons.join('')}" fill-rule="nonzero" ${paint('fill', layer.fill)}/>`;
};
