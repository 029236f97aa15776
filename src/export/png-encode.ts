/**
 * A PNG encoder for the raster parts of an SVG export (heatmap grids, density maps), DOM-free: it
 * runs in browsers and in Node alike. Compression uses the platform's `CompressionStream('deflate')`
 * (zlib format, which is what PNG's IDAT holds), so no deflate implementation ships in the bundle;
 * each row is filtered with "Sub" (difference to the pixel on its left), which turns the smooth
 * ramps of a colormap into runs that deflate packs well.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The PNG file of an RGBA8 image (`rgba`: width × height × 4 bytes, rows top to bottom, straight alpha). */
export async function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Promise<Uint8Array> {
  if (!(width > 0 && height > 0) || rgba.length < width * height * 4) throw new RangeError(`encodePng: ${width}×${height} needs ${width * height * 4} bytes, got ${rgba.length}`);
  const stride = width * 4;
  const filtered = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    filtered[row] = 1; // Sub
    const source = y * stride;
    for (let i = 0; i < stride; i++) filtered[row + 1 + i] = (rgba[source + i]! - (i >= 4 ? rgba[source + i - 4]! : 0)) & 255;
  }
  const idat = await deflate(filtered);
  const chunks: [string, Uint8Array][] = [
    ['IHDR', ihdr(width, height)],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ];
  const size = 8 + chunks.reduce((sum, [, data]) => sum + 12 + data.length, 0);
  const out = new Uint8Array(size);
  out.set([137, 80, 78, 71, 13, 10, 26, 10], 0);
  const view = new DataView(out.buffer);
  let at = 8;
  for (const [type, data] of chunks) {
    view.setUint32(at, data.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
    out.set(data, at + 8);
    view.setUint32(at + 8 + data.length, crc32(out, at + 4, at + 8 + data.length));
    at += 12 + data.length;
  }
  return out;
}

function ihdr(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data[8] = 8; // bits per channel
  data[9] = 6; // RGBA
  return data; // compression, filter and interlace methods: 0
}

/** Base64 of bytes (chunked: String.fromCharCode over a huge array would overflow the stack). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A `data:image/png;base64,…` URL of an RGBA8 image. */
export async function pngDataUrl(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Promise<string> {
  return `data:image/png;base64,${base64(await encodePng(rgba, width, height))}`;
}
