import { isGapY } from '../../core/scene/frame-scene.js';
import { num } from '../svg-format.js';

/**
 * Runs of a polyline between gaps (GAP_Y), each as a list of `x y` strings, with points that fall
 * on the previous one's tenth of a pixel dropped (the scene is already M4-decimated to about four
 * points per pixel column; this keeps the file from repeating what rounds to the same place).
 */
export function polylineRuns(points: Float32Array, count: number, stride = 2, xAt = 0, yAt = 1): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let last = '';
  const n = Math.min(count, Math.floor(points.length / stride));
  for (let i = 0; i < n; i++) {
    const x = points[i * stride + xAt]!;
    const y = points[i * stride + yAt]!;
    if (isGapY(y) || !Number.isFinite(x) || !Number.isFinite(y)) {
      if (run.length > 0) runs.push(run);
      run = [];
      last = '';
      continue;
    }
    const xy = `${num(x)} ${num(y)}`;
    if (xy === last) continue;
    run.push(xy);
    last = xy;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** `M x y L x y …` for each run (a lone point draws as a zero-length segment, visible with round caps). */
export function polylinePath(points: Float32Array, count: number): string {
  return polylineRuns(points, count)
    .map((run) => (run.length === 1 ? `M${run[0]}L${run[0]}` : `M${run[0]}L${run.slice(1).join(' ')}`))
    .join('');
}
