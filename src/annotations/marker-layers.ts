import { GAP_Y, type BandLayer } from '../core/scene/frame-scene.js';
import type { FrameArrays } from './frame-arrays.js';
import { MARKER_GAP } from './geometry.js';
import type { PaneView } from './pane-view.js';
import { lowerBound, type PreparedMarkers } from './prepared.js';

/** Floats per marker in a band layer: three rows (apex, base, gap) of four. */
const FLOATS_PER_MARKER = 12;

/**
 * Markers as filled triangles of `band` layers, one per colour (buys and sells by default: two):
 * each marker is three rows (apex, base, a gap), so the band between the apex→left and
 * apex→right edges is the triangle. Bands are plain triangles for the rasterizer, one per marker;
 * the `markers` primitive would splat into a pixel buffer of its whole rectangle and composite
 * it every frame, a fixed cost per layer that software WebGPU (SwiftShader) pays for the whole
 * pane even for a hundred markers.
 *
 * Per frame this only projects: the groups are sorted by time (prepareAnnotations), so the markers
 * in view are found by binary search and nothing else is touched; a pan over 10,000 markers with
 * half of them in view writes those 5,000 into one typed array per colour, without building a
 * shape or a string per marker. The arrays written are the pane's `arrays`, reused frame after
 * frame (see FrameArrays: allocating them per frame cost ten times the projection in Chromium).
 */
export function markerLayers(groups: readonly PreparedMarkers[], view: PaneView, ratio: number, arrays: FrameArrays): BandLayer[] {
  const { rect } = view;
  const layers: BandLayer[] = [];
  const gap = MARKER_GAP * ratio;
  let k = 0;
  for (const group of groups) {
    const reach = group.maxRadius + 1;
    // The x axis is increasing (linear, time or log): times past the edges by more than a marker cannot show.
    const tLo = view.x.fromPixel(-reach);
    const tHi = view.x.fromPixel(rect.width + reach);
    const first = Number.isFinite(tLo) ? lowerBound(group.times, group.count, tLo) : 0;
    const end = Number.isFinite(tHi) ? Math.min(group.count, lowerBound(group.times, group.count, tHi) + 1) : group.count;
    if (end <= first) continue;
    const out = arrays.float32(k, (end - first) * FLOATS_PER_MARKER);
    let n = 0;
    // Markers of one colour, side and size at the same whole pixel look the same: drawn once (zoomed
    // out, thousands of markers share a few hundred pixel columns). Sorted by time, markers of one
    // pixel column come one after another: a bitmap of (row, side) for the current column, cleared
    // when the column changes, finds repeats without a hash per marker.
    const rowOffset = Math.ceil(reach) + 2;
    const rows = Math.ceil(rect.height) + 2 * rowOffset;
    const seen = arrays.zeroedBytes(0, rows * 2);
    const touched = arrays.int32(0, Math.min(rows * 2, end - first));
    let touchedCount = 0;
    let column = NaN;
    for (let i = first; i < end; i++) {
      const r = group.radius[i]!;
      const x = view.x.toPixel(group.times[i]!);
      const anchor = view.y.toPixel(group.prices[i]!);
      const sell = group.sell[i] === 1;
      // The arrow sits beside its anchor: below it for buys (pointing up), above for sells (down).
      const y = sell ? anchor - r - gap : anchor + r + gap;
      if (!(x > -r - 1 && x < rect.width + r + 1 && y > -r - 1 && y < rect.height + r + 1)) continue;
      if (r === group.commonRadius) {
        const rx = Math.round(x);
        if (rx !== column) {
          for (let t = 0; t < touchedCount; t++) seen[touched[t]!] = 0;
          touchedCount = 0;
          column = rx;
        }
        const spot = (Math.round(y) + rowOffset) * 2 + (sell ? 1 : 0);
        if (seen[spot] === 1) continue;
        seen[spot] = 1;
        touched[touchedCount++] = spot;
      }
      const apex = sell ? y + r : y - r;
      const foot = sell ? y - r : y + r;
      const o = n * FLOATS_PER_MARKER;
      out[o] = x;
      out[o + 1] = apex;
      out[o + 2] = x;
      out[o + 3] = apex;
      out[o + 4] = x - r;
      out[o + 5] = foot;
      out[o + 6] = x + r;
      out[o + 7] = foot;
      out[o + 8] = x;
      out[o + 9] = GAP_Y;
      out[o + 10] = x;
      out[o + 11] = GAP_Y;
      n++;
    }
    // `seen` is zero again for the next group and frame.
    for (let t = 0; t < touchedCount; t++) seen[touched[t]!] = 0;
    if (n === 0) continue;
    layers.push({ kind: 'band', id: `annotations:markers:${view.id}:${k++}`, points: out.subarray(0, n * FLOATS_PER_MARKER), count: n * 3, fill: group.fill, pane: rect });
  }
  return layers;
}
