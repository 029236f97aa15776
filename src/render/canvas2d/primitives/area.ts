import type { AreaLayer } from '../../../core/scene/frame-scene.js';
import { isGapY } from '../../../core/scene/frame-scene.js';
import { cssColor, type Context2d, type DrawPrimitive } from './draw-primitive.js';

/**
 * An area: each gap-separated run of two or more points becomes a polygon closed down to the
 * baseline, all filled at once (nonzero), so neighbouring runs and lobes on both sides of the
 * baseline are filled once each. A lone point between gaps draws nothing, as on the GPU.
 */
function fillArea(ctx: Context2d, layer: AreaLayer): void {
  if (layer.count < 2) return;
  const p = layer.points;
  const base = layer.baseline;
  ctx.beginPath();
  let runStart = -1;
  const closeRun = (end: number): void => {
    // [runStart, end) are the run's points.
    if (runStart >= 0 && end - runStart >= 2) {
      ctx.moveTo(p[runStart * 2]!, base);
      for (let i = runStart; i < end; i++) ctx.lineTo(p[i * 2]!, p[i * 2 + 1]!);
      ctx.lineTo(p[(end - 1) * 2]!, base);
      ctx.closePath();
    }
    runStart = -1;
  };
  for (let i = 0; i < layer.count; i++) {
    if (isGapY(p[i * 2 + 1]!)) closeRun(i);
    else if (runStart < 0) runStart = i;
  }
  closeRun(layer.count);
  ctx.fillStyle = cssColor(layer.fill);
  ctx.fill('nonzero');
}

export const drawArea: DrawPrimitive<AreaLayer> = { draw: (ctx, layer) => fillArea(ctx, layer) };
