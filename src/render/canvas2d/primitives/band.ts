import type { BandLayer } from '../../../core/scene/frame-scene.js';
import { isGapY } from '../../../core/scene/frame-scene.js';
import { cssColor, type Context2d, type DrawPrimitive } from './draw-primitive.js';

/**
 * A band, following `vs_band` in shaders/primitives.wgsl: each gap-separated run of two or more
 * rows becomes one polygon (line A forward, line B backward), all filled at once with the nonzero
 * rule, which covers both lobes where A and B cross, as the shader's crossing triangles do. A
 * row with a gap on either line breaks the band; a lone row between gaps draws nothing.
 */
function fillBand(ctx: Context2d, layer: BandLayer): void {
  const count = Math.min(Math.floor(layer.count), layer.points.length >> 2);
  if (count < 2) return;
  const p = layer.points;
  ctx.beginPath();
  let runStart = -1;
  const closeRun = (end: number): void => {
    if (runStart >= 0 && end - runStart >= 2) {
      ctx.moveTo(p[runStart * 4]!, p[runStart * 4 + 1]!);
      for (let i = runStart + 1; i < end; i++) ctx.lineTo(p[i * 4]!, p[i * 4 + 1]!);
      // Line B's first point is left out when it is line A's (a triangle: annotation markers): fill
      // closes the subpath back to it anyway, and one lineTo less per marker is a quarter of a
      // marker's path verbs (Chromium's lineTo was the largest part of drawing 5,000 markers).
      const last = p[runStart * 4 + 2] === p[runStart * 4] && p[runStart * 4 + 3] === p[runStart * 4 + 1] ? runStart + 1 : runStart;
      for (let i = end - 1; i >= last; i--) ctx.lineTo(p[i * 4 + 2]!, p[i * 4 + 3]!);
      // No closePath(): fill() closes every subpath anyway, and Chromium's closePath() costs time
      // growing with the path (thousands of closed runs, e.g. annotation markers, took 300 ms).
    }
    runStart = -1;
  };
  for (let i = 0; i < count; i++) {
    if (isGapY(p[i * 4 + 1]!) || isGapY(p[i * 4 + 3]!)) closeRun(i);
    else if (runStart < 0) runStart = i;
  }
  closeRun(count);
  ctx.fillStyle = cssColor(layer.fill);
  ctx.fill('nonzero');
}

export const drawBand: DrawPrimitive<BandLayer> = { draw: (ctx, layer) => fillBand(ctx, layer) };
