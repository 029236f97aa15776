/**
 * Typed arrays a pane's annotation projection writes into, kept from frame to frame (grown by
 * doubling, never shrunk) instead of allocated per frame.
 *
 * Why: in Chromium a typed array of a few hundred KB costs far more to allocate than to fill (its
 * backing store is zeroed outside the JS heap and counted as external memory, which drives
 * garbage collections). Measured in headless Chromium on this repo's 2-core machine: projecting
 * 5,000 markers into a fresh 240 KB Float32Array took 1.14 ms, into a reused one 0.11 ms; an
 * allocation plus `slice()` of the result 3.1 ms. Layers get `subarray()` views (no copy) of them.
 *
 * What a frame's layers point at is overwritten by the next projection of the same pane. Both
 * renderers consume a scene while drawing it (WebGPU copies with `writeBuffer`, Canvas2D draws at
 * once), and the layer builder returns the same layers for an unchanged view, so a scene is never
 * drawn after a newer projection of its pane replaced its contents.
 */
export class FrameArrays {
  private readonly floats: Float32Array[] = [];
  private readonly bytes: Uint8Array[] = [];
  private readonly ints: Int32Array[] = [];

  /** Float array `slot` with room for `length` values; its contents are whatever the last frame left. */
  float32(slot: number, length: number): Float32Array {
    const have = this.floats[slot];
    if (have && have.length >= length) return have;
    return (this.floats[slot] = new Float32Array(grown(have?.length ?? 0, length)));
  }

  /** Byte array `slot` with room for `length`, all zero: callers must zero what they set before they return. */
  zeroedBytes(slot: number, length: number): Uint8Array {
    const have = this.bytes[slot];
    if (have && have.length >= length) return have;
    return (this.bytes[slot] = new Uint8Array(grown(have?.length ?? 0, length)));
  }

  /** Int32 array `slot` with room for `length`; contents left from the last frame. */
  int32(slot: number, length: number): Int32Array {
    const have = this.ints[slot];
    if (have && have.length >= length) return have;
    return (this.ints[slot] = new Int32Array(grown(have?.length ?? 0, length)));
  }
}

/** The next capacity: at least `need`, at least double the current one (amortised growth while zooming out). */
function grown(current: number, need: number): number {
  return Math.max(need, current * 2, 64);
}
