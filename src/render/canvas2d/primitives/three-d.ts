import type { PlotRect } from '../../../core/scene/frame-scene.js';
import { shade, type Bars3dLayer, type Layer3dCamera, type Lines3dLayer, type Points3dLayer, type Surface3dLayer } from '../../../core/scene/layers-3d.js';
import { cssColor, type Context2d, type DrawPrimitive } from './draw-primitive.js';

/**
 * The Canvas2D fallback of 3D layers: a 2.5D picture by the painter's algorithm. Faces (surface
 * quads, bar faces) and points are projected with the layer's camera, sorted far to near and filled
 * in that order, lit by the same rule as the shaders (`shade`). The documented loss of detail:
 *
 * - a surface is drawn with at most SURFACE_SIDE quads per side (flat-shaded per quad, coloured by
 *   its mean height; the WebGPU surface is smooth-shaded per pixel at its own LOD stride);
 * - points are splatted into a depth buffer of their own (all of them once the camera settles;
 *   a moving camera draws the even sample of points-lod.ts, as WebGPU does); their discs have hard
 *   edges (no multisampling);
 * - sorting is per layer (faces of two layers do not interleave), and faces that intersect are
 *   not split: where two faces cross, one wins whole.
 */
export const SURFACE_SIDE = 96;

/** World → pane px for one layer: x, y (px) and depth (clip z / w), or false behind the eye. */
function projector(camera: Layer3dCamera, pane: PlotRect) {
  const m = camera.viewProj;
  const w2 = pane.width / 2;
  const h2 = pane.height / 2;
  return (x: number, y: number, z: number, out: Float64Array, at: number): boolean => {
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
    if (!(w > 1e-9)) return false;
    out[at] = ((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w + 1) * w2;
    out[at + 1] = (1 - (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w) * h2;
    out[at + 2] = (m[2]! * x + m[6]! * y + m[10]! * z + m[14]!) / w;
    return true;
  };
}

function rgbOf(lut: Uint8Array, t: number, light: number): string {
  const i = Math.round(Math.min(1, Math.max(0, t)) * 255) * 4;
  const ch = (v: number) => Math.round(Math.min(255, v * light));
  return `rgba(${ch(lut[i]!)}, ${ch(lut[i + 1]!)}, ${ch(lut[i + 2]!)}, ${lut[i + 3]! / 255})`;
}

function unpack(bits: number): [number, number, number, number] {
  return [bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) / 255];
}

function drawSurface(ctx: Context2d, layer: Surface3dLayer, pane: PlotRect): void {
  const { cols, rows, heights, xs, ys, zScale, zOffset } = layer;
  if (layer.count <= 0 || cols < 2 || rows < 2) return;
  const s = Math.max(1, Math.floor(layer.stride) || 1, Math.ceil((Math.max(cols, rows) - 1) / SURFACE_SIDE));
  // The drawn lattice: every s-th index and always the last.
  const ci: number[] = [];
  for (let c = 0; c < cols - 1; c += s) ci.push(c);
  ci.push(cols - 1);
  const ri: number[] = [];
  for (let r = 0; r < rows - 1; r += s) ri.push(r);
  ri.push(rows - 1);
  const nc = ci.length;
  const nr = ri.length;
  const project = projector(layer.camera, pane);
  const screen = new Float64Array(nc * nr * 3);
  const world = new Float64Array(nc * nr * 3);
  const ok = new Uint8Array(nc * nr);
  for (let j = 0; j < nr; j++) {
    for (let i = 0; i < nc; i++) {
      const k = j * nc + i;
      const x = xs[ci[i]!]!;
      const y = ys[ri[j]!]!;
      const z = heights[ri[j]! * cols + ci[i]!]! * zScale + zOffset;
      world[k * 3] = x;
      world[k * 3 + 1] = y;
      world[k * 3 + 2] = z;
      ok[k] = project(x, y, z, screen, k * 3) ? 1 : 0;
    }
  }
  const quads = (nc - 1) * (nr - 1);
  const depth = new Float64Array(quads);
  const order = new Uint32Array(quads);
  for (let q = 0; q < quads; q++) {
    const i = q % (nc - 1);
    const j = Math.floor(q / (nc - 1));
    const a = j * nc + i;
    depth[q] = screen[a * 3 + 2]! + screen[(a + 1) * 3 + 2]! + screen[(a + nc) * 3 + 2]! + screen[(a + nc + 1) * 3 + 2]!;
    order[q] = q;
  }
  // Far (large depth) first.
  order.sort((p, q) => depth[q]! - depth[p]!);
  const range = layer.max - layer.min || 1;
  const levels = Math.max(0, Math.floor(layer.contours));
  const wire = layer.wireframe ? cssColor(layer.wireframe) : null;
  const contour = levels > 0 ? cssColor(layer.contourColor) : null;
  ctx.lineJoin = 'round';
  for (const q of order) {
    const i = q % (nc - 1);
    const j = Math.floor(q / (nc - 1));
    const v = [j * nc + i, j * nc + i + 1, (j + 1) * nc + i + 1, (j + 1) * nc + i];
    if (!v.every((k) => ok[k])) continue;
    const h = v.map((k) => (world[k * 3 + 2]! - zOffset) / zScale);
    const mean = (h[0]! + h[1]! + h[2]! + h[3]!) / 4;
    // Normal: cross of the diagonals (world).
    const d1 = [0, 1, 2].map((e) => world[v[2]! * 3 + e]! - world[v[0]! * 3 + e]!);
    const d2 = [0, 1, 2].map((e) => world[v[3]! * 3 + e]! - world[v[1]! * 3 + e]!);
    const light = shade(d1[1]! * d2[2]! - d1[2]! * d2[1]!, d1[2]! * d2[0]! - d1[0]! * d2[2]!, d1[0]! * d2[1]! - d1[1]! * d2[0]!, layer.camera.light);
    const fill = rgbOf(layer.lut, (mean - layer.min) / range, light);
    ctx.beginPath();
    ctx.moveTo(screen[v[0]! * 3]!, screen[v[0]! * 3 + 1]!);
    for (let e = 1; e < 4; e++) ctx.lineTo(screen[v[e]! * 3]!, screen[v[e]! * 3 + 1]!);
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    // The same colour over the edges hides the seams between neighbouring quads.
    ctx.strokeStyle = wire ?? fill;
    ctx.lineWidth = wire ? 1 : 0.75;
    ctx.stroke();
    if (contour) contourSegments(ctx, v, h, screen, layer.min, range, levels, contour);
  }
}

/** Marching squares in one quad: a segment per level crossing it. */
function contourSegments(ctx: Context2d, v: number[], h: number[], screen: Float64Array, min: number, range: number, levels: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let l = 1; l <= levels; l++) {
    const level = min + (range * l) / (levels + 1);
    const points: number[] = [];
    for (let e = 0; e < 4; e++) {
      const a = e;
      const b = (e + 1) % 4;
      const ha = h[a]!;
      const hb = h[b]!;
      if ((ha < level) === (hb < level)) continue;
      const t = (level - ha) / (hb - ha);
      points.push(screen[v[a]! * 3]! + t * (screen[v[b]! * 3]! - screen[v[a]! * 3]!), screen[v[a]! * 3 + 1]! + t * (screen[v[b]! * 3 + 1]! - screen[v[a]! * 3 + 1]!));
    }
    for (let p = 0; p + 3 < points.length; p += 4) {
      ctx.moveTo(points[p]!, points[p + 1]!);
      ctx.lineTo(points[p + 2]!, points[p + 3]!);
    }
  }
  ctx.stroke();
}

/** The pane-sized picture and depth buffer points are splatted into (reused while the size stays). */
let splat: { canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D; image: ImageData; pixels: Uint32Array; depth: Float32Array; dirty: [number, number, number, number] } | null = null;

function splatTarget(width: number, height: number) {
  if (!splat || splat.image.width !== width || splat.image.height !== height) {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d')!;
    const image = new ImageData(width, height);
    const depth = new Float32Array(width * height).fill(2);
    splat = { canvas, context, image, pixels: new Uint32Array(image.data.buffer), depth, dirty: [0, 0, -1, -1] };
  }
  return splat;
}

/**
 * Points, with a depth buffer of their own: each point (the first `drawCount`, all when settled)
 * is projected and its disc written into a pane-sized picture where it is nearer than what is
 * there, the same coverage rule as the shader (pixel centres within the radius), then the picture
 * is composited over the layers below. Every point is drawn (no sort, no cap): a million points
 * cost one pass over them, and what is in front wins as on the GPU.
 */
function drawPoints(ctx: Context2d, layer: Points3dLayer, pane: PlotRect): void {
  const total = Math.max(0, Math.min(layer.count, layer.data.length >> 2, layer.colors.length));
  const count = Math.max(0, Math.min(total, Math.floor(layer.drawCount ?? total)));
  if (count === 0) return;
  const width = Math.max(1, Math.ceil(pane.width));
  const height = Math.max(1, Math.ceil(pane.height));
  const target = splatTarget(width, height);
  const { canvas, context, image, pixels, depth } = target;
  // Only the box the last frame wrote is cleared, only the box this one writes is put and drawn:
  // a cloud covering part of the pane costs that part.
  const [dx0, dy0, dx1, dy1] = target.dirty;
  for (let y = dy0; y <= dy1; y++) {
    pixels.fill(0, y * width + dx0, y * width + dx1 + 1);
    depth.fill(2, y * width + dx0, y * width + dx1 + 1);
  }
  let bx0 = width;
  let by0 = height;
  let bx1 = -1;
  let by1 = -1;
  const m = layer.camera.viewProj;
  const d = layer.data;
  const colors = layer.colors;
  const w2 = pane.width / 2;
  const h2 = pane.height / 2;
  for (let k = 0; k < count; k++) {
    const x = d[k * 4]!;
    const y = d[k * 4 + 1]!;
    const z = d[k * 4 + 2]!;
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
    if (!(w > 1e-9)) continue;
    const depthK = (m[2]! * x + m[6]! * y + m[10]! * z + m[14]!) / w;
    if (!(depthK >= 0 && depthK <= 1)) continue;
    const sx = ((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w + 1) * w2;
    const sy = (1 - (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w) * h2;
    const r = Math.max(0.5, d[k * 4 + 3]! / 2);
    const r2 = r * r;
    const x0 = Math.max(0, Math.ceil(sx - r - 0.5));
    const x1 = Math.min(width - 1, Math.floor(sx + r - 0.5));
    const y0 = Math.max(0, Math.ceil(sy - r - 0.5));
    const y1 = Math.min(height - 1, Math.floor(sy + r - 0.5));
    const color = colors[k]!;
    if (x0 > x1 || y0 > y1) continue;
    if (x0 < bx0) bx0 = x0;
    if (x1 > bx1) bx1 = x1;
    if (y0 < by0) by0 = y0;
    if (y1 > by1) by1 = y1;
    for (let py = y0; py <= y1; py++) {
      const dy = py + 0.5 - sy;
      const row = py * width;
      for (let px = x0; px <= x1; px++) {
        const dx = px + 0.5 - sx;
        if (dx * dx + dy * dy > r2) continue;
        const at = row + px;
        if (depthK < depth[at]!) {
          depth[at] = depthK;
          pixels[at] = color;
        }
      }
    }
  }
  target.dirty = [bx0, by0, bx1, by1];
  if (bx1 < bx0 || by1 < by0) return;
  const w = bx1 - bx0 + 1;
  const h = by1 - by0 + 1;
  context.putImageData(image, 0, 0, bx0, by0, w, h);
  ctx.drawImage(canvas, bx0, by0, w, h, bx0, by0, w, h);
}

/** Faces of a unit box: axis, sign, and its four corners (indices into the 8 corners, bit 0 x, 1 y, 2 z). */
const BOX_FACES: [number, number[]][] = [
  [0, [1, 3, 7, 5]],
  [0, [0, 2, 6, 4]],
  [1, [2, 3, 7, 6]],
  [1, [0, 1, 5, 4]],
  [2, [4, 5, 7, 6]],
  [2, [0, 1, 3, 2]],
];

function drawBars(ctx: Context2d, layer: Bars3dLayer, pane: PlotRect): void {
  const count = Math.max(0, Math.min(layer.count, layer.data.length >> 2, layer.colors.length));
  if (count === 0) return;
  const project = projector(layer.camera, pane);
  const corners = new Float64Array(count * 8 * 3);
  const good = new Uint8Array(count);
  const [hx, hy] = layer.halfWidth;
  for (let i = 0; i < count; i++) {
    const d = layer.data;
    let all = true;
    for (let c = 0; c < 8; c++) {
      const x = d[i * 4]! + (c & 1 ? hx : -hx);
      const y = d[i * 4 + 1]! + (c & 2 ? hy : -hy);
      const z = c & 4 ? d[i * 4 + 3]! : d[i * 4 + 2]!;
      all = project(x, y, z, corners, (i * 8 + c) * 3) && all;
    }
    good[i] = all ? 1 : 0;
  }
  const faces: number[] = [];
  const depth: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!good[i]) continue;
    for (let f = 0; f < 6; f++) {
      let z = 0;
      for (const c of BOX_FACES[f]![1]) z += corners[(i * 8 + c) * 3 + 2]!;
      faces.push(i * 6 + f);
      depth.push(z);
    }
  }
  const order = Uint32Array.from({ length: faces.length }, (_, k) => k).sort((p, q) => depth[q]! - depth[p]!);
  const light = layer.camera.light;
  const shades = [0, 1, 2].map((axis) => shade(axis === 0 ? 1 : 0, axis === 1 ? 1 : 0, axis === 2 ? 1 : 0, light));
  for (const k of order) {
    const face = faces[k]!;
    const i = Math.floor(face / 6);
    const [axis, cs] = BOX_FACES[face % 6]!;
    const [r, g, b, a] = unpack(layer.colors[i]!);
    const l = shades[axis]!;
    const fill = `rgba(${Math.round(r * l)}, ${Math.round(g * l)}, ${Math.round(b * l)}, ${a})`;
    ctx.beginPath();
    cs.forEach((c, e) => {
      const at = (i * 8 + c) * 3;
      if (e === 0) ctx.moveTo(corners[at]!, corners[at + 1]!);
      else ctx.lineTo(corners[at]!, corners[at + 1]!);
    });
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = fill;
    ctx.lineWidth = 0.75;
    ctx.stroke();
  }
}

function drawLines(ctx: Context2d, layer: Lines3dLayer, pane: PlotRect): void {
  const count = Math.max(0, Math.min(layer.count, Math.floor(layer.points.length / 6)));
  if (count === 0) return;
  const project = projector(layer.camera, pane);
  const a = new Float64Array(3);
  const b = new Float64Array(3);
  ctx.strokeStyle = cssColor(layer.color);
  ctx.lineWidth = Math.max(0.5, layer.width);
  ctx.lineCap = 'butt';
  ctx.beginPath();
  const p = layer.points;
  for (let i = 0; i < count; i++) {
    if (!project(p[i * 6]!, p[i * 6 + 1]!, p[i * 6 + 2]!, a, 0) || !project(p[i * 6 + 3]!, p[i * 6 + 4]!, p[i * 6 + 5]!, b, 0)) continue;
    ctx.moveTo(a[0]!, a[1]!);
    ctx.lineTo(b[0]!, b[1]!);
  }
  ctx.stroke();
}

export const drawSurface3d: DrawPrimitive<Surface3dLayer> = { draw: (ctx, layer, pane) => drawSurface(ctx, layer, pane) };
export const drawPoints3d: DrawPrimitive<Points3dLayer> = { draw: (ctx, layer, pane) => drawPoints(ctx, layer, pane) };
export const drawBars3d: DrawPrimitive<Bars3dLayer> = { draw: (ctx, layer, pane) => drawBars(ctx, layer, pane) };
export const drawLines3d: DrawPrimitive<Lines3dLayer> = { draw: (ctx, layer, pane) => drawLines(ctx, layer, pane) };
