/**
 * GPU picking's read-back maths (render/webgpu/pick-3d.ts reads it; core/three re-exports it):
 * DOM-free, no imports, so that renderers may use it (they see only core/scene).
 */
/** A pixel of GPU picking's id read-back: its words and where it is (px of the read region). */
export interface IdPixel {
  /** First word: (tag << 8) | chunk, tag = the layer's place in the scene + 1 (0: nothing drawn there). */
  tag: number;
  chunk: number;
  /** Second word: the element's index in its draw. */
  local: number;
  x: number;
  y: number;
  distance: number;
}

/**
 * The id pixel nearest (cx, cy) within `radius` px in a read-back of GPU picking's id pass: rows
 * of `rowWords` u32 words (two per pixel, then padding), `width` × `height` pixels; (cx, cy) in
 * the region's px. The id pass is depth tested, so every pixel already holds the front-most
 * element there: the nearest covered pixel is what the user sees under (or next to) the pointer,
 * never a point hidden behind a surface. null when no covered pixel is within reach.
 */
export function nearestIdPixel(words: Uint32Array, width: number, height: number, rowWords: number, cx: number, cy: number, radius: number): IdPixel | null {
  let best: IdPixel | null = null;
  let bestD2 = radius * radius;
  for (let y = 0; y < height; y++) {
    const dy = y + 0.5 - cy;
    for (let x = 0; x < width; x++) {
      const at = y * rowWords + x * 2;
      const first = words[at]!;
      if (first === 0) continue;
      const dx = x + 0.5 - cx;
      const d2 = dx * dx + dy * dy;
      if (d2 > bestD2 || (best && d2 === bestD2)) continue;
      bestD2 = d2;
      best = { tag: first >>> 8, chunk: first & 255, local: words[at + 1]!, x, y, distance: Math.sqrt(d2) };
    }
  }
  return best;
}
