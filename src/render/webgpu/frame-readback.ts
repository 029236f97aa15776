/** One band of rows copied from a frame into a mappable buffer (see WebGpuRenderer.capture). */
export interface ReadbackBand {
  buffer: GPUBuffer;
  y: number;
  rows: number;
}

/**
 * Maps the bands and assembles the frame's RGBA8 pixels, rows top to bottom (dropping each row's
 * padding to 256 bytes); a BGRA target's red and blue are swapped back.
 */
export async function readBands(bands: readonly ReadbackBand[], width: number, height: number, bytesPerRow: number, bgra: boolean): Promise<Uint8Array> {
  const data = new Uint8Array(width * height * 4);
  for (const band of bands) {
    await band.buffer.mapAsync(GPUMapMode.READ);
    const mapped = new Uint8Array(band.buffer.getMappedRange());
    for (let row = 0; row < band.rows; row++) {
      data.set(mapped.subarray(row * bytesPerRow, row * bytesPerRow + width * 4), (band.y + row) * width * 4);
    }
    band.buffer.unmap();
  }
  if (bgra) {
    for (let i = 0; i < data.length; i += 4) {
      const red = data[i]!;
      data[i] = data[i + 2]!;
      data[i + 2] = red;
    }
  }
  return data;
}
