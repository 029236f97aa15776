import { createDetailBudget, recordDraw, unitsWithin, type DetailBudget } from '../../../core/scene/detail-budget.js';
import type { PlotRect } from '../../../core/scene/frame-scene.js';
import { shade, surfaceHeightIndex, type Bars3dLayer, type Layer3dCamera, type Lines3dLayer, type Points3dLayer, type Surface3dLayer } from '../../../core/scene/layers-3d.js';
import { cssColor, type Context2d, type DrawPrimitive } from './draw-primitive.js';

/**
 * The Canvas2D fallback of 3D layers: a 2.5D picture by the painter's algorithm. Faces (surface
 * quads, bar faces) and points are projected with the layer's camera, sorted far to near and filled
 * in that order, lit by the same rule as the shaders (`shade`). The documented loss of detail:
 *
 * - a surface is drawn with at most SURFACE_SIDE quads per side (flat-shaded per quad, coloured by
 *   its mean height; the WebGPU surface is smooth-shaded per pixel at its own LOD stride);
 * - while the camera moves, detail follows a time budget (MOVING_BUDGET_MS for the layer's drawing,
 *   from the previous moving frames' measured time; core/scene/detail-budget.ts), not a fixed
 *   decimation: a surface is rasterised here into a half-resolution picture (as many quads as fit
 *   the budget, no wireframe or contours) and scaled up; a point cloud draws as long a prefix of
 *   its progressive order (an even sample, points-lod.ts) as fits. The settled frame is full detail;
 * - points are splatted into a depth buffer of their own (all of them once the camera settles);
 *   their discs have hard edges (no multisampling);
 * - sorting is per layer (faces of two layers do not interleave), and faces that intersect are
 *   not split: where two faces cross, one wins whole.
 */
export const SURFACE_SIDE = 96;

/**
 * Time a moving frame's 3D layer may take to draw, ms. The target is a rotation frame within 2× an
 * empty 3D chart's (the axes box and labels: 0.4–0.7 ms here once warm), and the layer's composite
 * adds a little that is not measured (the picture drawn onto the canvas is rasterised later). At
 * 0.3 ms a 1000² surface draws about 20 × 20 quads and a point cloud 3,000–4,000 points here.
 */
export const MOVING_BUDGET_MS = 0.3;

/** Budgets per layer (a chart's own machine time; forgotten with the layer). */
const surfaceBudgets = new WeakMap<object, DetailBudget>();
const pointBudgets = new WeakMap<object, DetailBudget>();

function budgetOf(budgets: WeakMap<object, DetailBudget>, layer: object, minUnits: number, firstUnits: number): DetailBudget {
  let budget = budgets.get(layer);
  if (!budget) budgets.set(layer, (budget = createDetailBudget(MOVING_BUDGET_MS, minUnits, firstUnits)));
  return budget;
}

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

/** The LUT colour at t lit by `light`, packed for a Uint32Array over RGBA8 pixels (little endian). */
function packedOf(lut: Uint8Array, t: number, light: number): number {
  const i = Math.round(Math.min(1, Math.max(0, t)) * 255) * 4;
  const r = Math.min(255, Math.round(lut[i]! * light));
  const g = Math.min(255, Math.round(lut[i + 1]! * light));
  const b = Math.min(255, Math.round(lut[i + 2]! * light));
  return (r | (g << 8) | (b << 16) | (lut[i + 3]! << 24)) >>> 0;
}

function unpack(bits: number): [number, number, number, number] {
  return [bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, (bits >>> 24) / 255];
}

function drawSurface(ctx: Context2d, layer: Surface3dLayer, pane: PlotRect): void {
  const { cols, rows, heights, xs, ys, zScale, zOffset } = layer;
  if (layer.count <= 0 || cols < 2 || rows < 2) return;
  if (layer.moving) {
    drawMovingSurface(ctx, layer, pane);
    return;
  }
  const s = Math.max(1, Math.floor(layer.stride) || 1, Math.ceil((Math.max(cols, rows) - 1) / SURFACE_SIDE));
  // The drawn lattice: every s-th index and always the last.
  const ci = latticeOf(cols, s);
  const ri = latticeOf(rows, s);
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
      const z = heights[surfaceHeightIndex(layer, ri[j]!, ci[i]!)]! * zScale + zOffset;
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

/**
 * A picture drawn pixel by pixel here (points splatted with a depth buffer, a moving surface
 * rasterised), put into a canvas of its own and composited over the layers below. Reused while its
 * size stays; only the box the last frame wrote is cleared, only the box this frame writes is put.
 */
interface Picture {
  canvas: OffscreenCanvas;
  context: OffscreenCanvasRenderingContext2D;
  image: ImageData;
  pixels: Uint32Array;
  /** Per pixel depth (2: nothing), for points. */
  depth: Float32Array;
  /** The box written last (x0, y0, x1, y1; empty when x1 < x0). */
  dirty: [number, number, number, number];
}

const pictures = new Map<'points' | 'surface', Picture>();

/** The picture of `use`, `width` × `height`, cleared where the last frame wrote. */
function pictureFor(use: 'points' | 'surface', width: number, height: number): Picture {
  let picture = pictures.get(use);
  if (!picture || picture.image.width !== width || picture.image.height !== height) {
    const canvas = new OffscreenCanvas(width, height);
    // On the CPU, as the chart's own canvas is (canvas2d-renderer.ts): drawn from every frame, never read.
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const image = new ImageData(width, height);
    const depth = new Float32Array(use === 'points' ? width * height : 0).fill(2);
    picture = { canvas, context, image, pixels: new Uint32Array(image.data.buffer), depth, dirty: [0, 0, -1, -1] };
    pictures.set(use, picture);
  }
  const [x0, y0, x1, y1] = picture.dirty;
  const { pixels, depth } = picture;
  for (let y = y0; y <= y1; y++) {
    pixels.fill(0, y * width + x0, y * width + x1 + 1);
    if (depth.length > 0) depth.fill(2, y * width + x0, y * width + x1 + 1);
  }
  picture.dirty = [0, 0, -1, -1];
  return picture;
}

/** Puts the box a frame wrote and draws it onto the chart, `scale` pane px per picture px. */
function present(ctx: Context2d, picture: Picture, box: [number, number, number, number], scale: number): void {
  const width = picture.image.width;
  const height = picture.image.height;
  const x0 = Math.max(0, box[0]);
  const y0 = Math.max(0, box[1]);
  const x1 = Math.min(width - 1, box[2]);
  const y1 = Math.min(height - 1, box[3]);
  if (x1 < x0 || y1 < y0) return;
  picture.dirty = [x0, y0, x1, y1];
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  picture.context.putImageData(picture.image, 0, 0, x0, y0, w, h);
  // Scaled up by whole pixels (a moving frame): nearest neighbour, which costs less than filtering.
  const smoothing = ctx.imageSmoothingEnabled;
  ctx.imageSmoothingEnabled = scale === 1;
  ctx.drawImage(picture.canvas, x0, y0, w, h, x0 * scale, y0 * scale, w * scale, h * scale);
  ctx.imageSmoothingEnabled = smoothing;
}

/** Quads of a moving surface: never fewer (a recognisable shape on a slow machine); the first moving frame's guess. */
const MIN_MOVING_QUADS = 12 * 12;
const FIRST_MOVING_QUADS = 32 * 32;

/** Tolerance (picture px) of the triangle spans, so that neighbouring triangles leave no cracks. */
const SPAN_EPSILON = 1e-3;

/**
 * Fills triangle a, b, c (picture px) with `color`: per row, the span of pixel centres inside all
 * three edges. Each sloped edge bounds the span on one side (left or right
 * by its direction, the triangle turned counter-clockwise on screen) at an x that moves by a fixed
 * step per row; horizontal edges only bound the rows, which the vertices' extent already does.
 * Flat colour, no depth: the caller draws far to near.
 */
function fillTriangle(pixels: Uint32Array, width: number, height: number, ax: number, ay: number, bx: number, by: number, cx: number, cy: number, color: number): void {
  const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  if (!(area !== 0) || !Number.isFinite(area)) return;
  if (area < 0) {
    const tx = bx;
    const ty = by;
    bx = cx;
    by = cy;
    cx = tx;
    cy = ty;
  }
  const y0 = Math.max(0, Math.ceil(Math.min(ay, by, cy) - 0.5));
  const y1 = Math.min(height - 1, Math.floor(Math.max(ay, by, cy) - 0.5));
  if (y1 < y0) return;
  const xMin = Math.max(0, Math.ceil(Math.min(ax, bx, cx) - 0.5));
  const xMax = Math.min(width - 1, Math.floor(Math.max(ax, bx, cx) - 0.5));
  // Edge p → q keeps the centres (x + ½, y + ½) with (qx − px)(y + ½ − py) ≥ (qy − py)(x + ½ − px):
  // qy > py bounds x from above (a right edge), qy < py from below (a left edge), at
  // x = px + (qx − px)/(qy − py) · (y + ½ − py) − ½.
  let right0 = Infinity;
  let right1 = Infinity;
  let left0 = -Infinity;
  let left1 = -Infinity;
  let rightStep0 = 0;
  let rightStep1 = 0;
  let leftStep0 = 0;
  let leftStep1 = 0;
  let rights = 0;
  let lefts = 0;
  const row0 = y0 + 0.5;
  for (let e = 0; e < 3; e++) {
    const px = e === 0 ? ax : e === 1 ? bx : cx;
    const py = e === 0 ? ay : e === 1 ? by : cy;
    const qx = e === 0 ? bx : e === 1 ? cx : ax;
    const qy = e === 0 ? by : e === 1 ? cy : ay;
    const dy = qy - py;
    if (dy === 0) continue;
    const step = (qx - px) / dy;
    const at = px + step * (row0 - py) - 0.5;
    if (dy > 0) {
      if (rights++ === 0) {
        right0 = at;
        rightStep0 = step;
      } else {
        right1 = at;
        rightStep1 = step;
      }
    } else if (lefts++ === 0) {
      left0 = at;
      leftStep0 = step;
    } else {
      left1 = at;
      leftStep1 = step;
    }
  }
  for (let y = y0; y <= y1; y++) {
    const lo = Math.max(xMin, Math.ceil(Math.max(left0, left1) - SPAN_EPSILON));
    const hi = Math.min(xMax, Math.floor(Math.min(right0, right1) + SPAN_EPSILON));
    // A loop, not fill(): most spans are a few pixels, where the call costs more than the writes.
    for (let at = y * width + lo, end = y * width + hi; at <= end; at++) pixels[at] = color;
    left0 += leftStep0;
    left1 += leftStep1;
    right0 += rightStep0;
    right1 += rightStep1;
  }
}

/** Depth bins of the moving surface's far-to-near order (a counting sort: no comparison sort per frame). */
const DEPTH_BINS = 4096;

/**
 * The surface while the camera moves: as many quads as the time budget allows (an even lattice,
 * the last row and column always), flat-shaded as in the settled frame, sorted far to near by
 * binned depth and rasterised here into a half-resolution picture that is scaled up onto the pane.
 * No wireframe or contours. The time it took is recorded for the next moving frame.
 */
function drawMovingSurface(ctx: Context2d, layer: Surface3dLayer, pane: PlotRect): void {
  const started = performance.now();
  const { cols, rows, heights, xs, ys, zScale, zOffset, lut } = layer;
  const cells = (cols - 1) * (rows - 1);
  const budget = budgetOf(surfaceBudgets, layer, MIN_MOVING_QUADS, FIRST_MOVING_QUADS);
  const s = Math.max(1, Math.ceil(Math.sqrt(cells / unitsWithin(budget, cells))));
  const ci = latticeOf(cols, s);
  const ri = latticeOf(rows, s);
  const nc = ci.length;
  const nr = ri.length;
  const width = Math.max(1, Math.ceil(pane.width / 2));
  const height = Math.max(1, Math.ceil(pane.height / 2));
  const picture = pictureFor('surface', width, height);
  const m = layer.camera.viewProj;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = m as unknown as number[];
  const w2 = pane.width / 4;
  const h2 = pane.height / 4;
  const vertices = nc * nr;
  const { sx, sy, sz, wz, depth, order, starts } = movingScratch(vertices, (nc - 1) * (nr - 1));
  for (let j = 0; j < nr; j++) {
    const y = ys[ri[j]!]!;
    for (let i = 0; i < nc; i++) {
      const k = j * nc + i;
      const x = xs[ci[i]!]!;
      const z = heights[surfaceHeightIndex(layer, ri[j]!, ci[i]!)]! * zScale + zOffset;
      const w = m3! * x + m7! * y + m11! * z + m15!;
      wz[k] = z;
      if (!(w > 1e-9)) {
        sz[k] = NaN;
        continue;
      }
      sx[k] = ((m0! * x + m4! * y + m8! * z + m12!) / w + 1) * w2;
      sy[k] = (1 - (m1! * x + m5! * y + m9! * z + m13!) / w) * h2;
      sz[k] = (m2! * x + m6! * y + m10! * z + m14!) / w;
    }
  }
  // Far to near: quads binned by the sum of their corners' depth (NaN: a corner behind the eye, skipped).
  const quads = (nc - 1) * (nr - 1);
  let near = Infinity;
  let far = -Infinity;
  for (let j = 0, q = 0; j < nr - 1; j++) {
    for (let i = 0; i < nc - 1; i++, q++) {
      const a = j * nc + i;
      const d = sz[a]! + sz[a + 1]! + sz[a + nc]! + sz[a + nc + 1]!;
      depth[q] = d;
      if (d < near) near = d;
      if (d > far) far = d;
    }
  }
  const binOf = far > near ? (DEPTH_BINS - 1) / (far - near) : 0;
  starts.fill(0);
  for (let q = 0; q < quads; q++) {
    const d = depth[q]!;
    if (d === d) starts[Math.floor((far - d) * binOf) + 1]!++;
  }
  for (let b = 0; b < DEPTH_BINS; b++) starts[b + 1]! += starts[b]!;
  const drawn = starts[DEPTH_BINS]!;
  for (let q = 0; q < quads; q++) {
    const d = depth[q]!;
    if (d === d) order[starts[Math.floor((far - d) * binOf)]!++] = q;
  }
  const range = layer.max - layer.min || 1;
  const light = layer.camera.light;
  const pixels = picture.pixels;
  for (let o = 0; o < drawn; o++) {
    const q = order[o]!;
    const j = Math.floor(q / (nc - 1));
    const i = q - j * (nc - 1);
    const a = j * nc + i;
    const b = a + 1;
    const c = a + nc + 1;
    const d = a + nc;
    // Normal: cross of the diagonals (world), as in the settled frame.
    const d1x = xs[ci[i + 1]!]! - xs[ci[i]!]!;
    const d1y = ys[ri[j + 1]!]! - ys[ri[j]!]!;
    const d1z = wz[c]! - wz[a]!;
    const d2x = xs[ci[i]!]! - xs[ci[i + 1]!]!;
    const d2y = d1y;
    const d2z = wz[d]! - wz[b]!;
    const shadeBy = shade(d1y * d2z - d1z * d2y, d1z * d2x - d1x * d2z, d1x * d2y - d1y * d2x, light);
    const mean = (wz[a]! + wz[b]! + wz[c]! + wz[d]! - 4 * zOffset) / (4 * zScale);
    const color = packedOf(lut, (mean - layer.min) / range, shadeBy);
    fillTriangle(pixels, width, height, sx[a]!, sy[a]!, sx[b]!, sy[b]!, sx[c]!, sy[c]!, color);
    fillTriangle(pixels, width, height, sx[a]!, sy[a]!, sx[c]!, sy[c]!, sx[d]!, sy[d]!, color);
  }
  // The box the lattice covers (its projected vertices).
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k < vertices; k++) {
    if (sz[k] !== sz[k]) continue;
    if (sx[k]! < x0) x0 = sx[k]!;
    if (sx[k]! > x1) x1 = sx[k]!;
    if (sy[k]! < y0) y0 = sy[k]!;
    if (sy[k]! > y1) y1 = sy[k]!;
  }
  if (x1 >= x0) present(ctx, picture, [Math.floor(x0), Math.floor(y0), Math.ceil(x1), Math.ceil(y1)], 2);
  recordDraw(budget, drawn, performance.now() - started);
}

/** The moving surface's per-frame arrays, kept between frames (rotating allocates nothing). */
let scratch = { sx: new Float32Array(0), sy: new Float32Array(0), sz: new Float32Array(0), wz: new Float32Array(0), depth: new Float32Array(0), order: new Uint32Array(0), starts: new Uint32Array(DEPTH_BINS + 1) };

function movingScratch(vertices: number, quads: number): typeof scratch {
  if (scratch.sx.length < vertices || scratch.depth.length < quads) {
    const v = Math.max(vertices, scratch.sx.length);
    const q = Math.max(quads, scratch.depth.length);
    scratch = { sx: new Float32Array(v), sy: new Float32Array(v), sz: new Float32Array(v), wz: new Float32Array(v), depth: new Float32Array(q), order: new Uint32Array(q), starts: scratch.starts };
  }
  return scratch;
}

/** Every s-th index of 0..n−1, and always the last. */
function latticeOf(n: number, s: number): number[] {
  const at: number[] = [];
  for (let k = 0; k < n - 1; k += s) at.push(k);
  at.push(n - 1);
  return at;
}

/** Points of a moving cloud: never fewer than this (or all, when fewer). */
const MIN_MOVING_POINTS = 2_000;

/**
 * Points, with a depth buffer of their own: each point drawn is projected and its disc written
 * into a pane-sized picture where it is nearer than what is there, the same coverage rule as the
 * shader (pixel centres within the radius), then the picture is composited over the layers below.
 * Settled, every point is drawn (no sort, no cap): a million points cost one pass over them, and
 * what is in front wins as on the GPU. Moving, a prefix of the progressive order (an even sample)
 * as long as the time budget allows. Returns the points drawn.
 */
function drawPoints(ctx: Context2d, layer: Points3dLayer, pane: PlotRect): number {
  const started = performance.now();
  const total = Math.max(0, Math.min(layer.count, layer.data.length >> 2, layer.colors.length));
  const budget = layer.moving ? budgetOf(pointBudgets, layer, MIN_MOVING_POINTS, layer.drawCount ?? total) : null;
  const count = budget ? unitsWithin(budget, total) : Math.max(0, Math.min(total, Math.floor(layer.drawCount ?? total)));
  if (count === 0) return 0;
  const width = Math.max(1, Math.ceil(pane.width));
  const height = Math.max(1, Math.ceil(pane.height));
  const picture = pictureFor('points', width, height);
  const { pixels, depth } = picture;
  let bx0 = width;
  let by0 = height;
  let bx1 = -1;
  let by1 = -1;
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = layer.camera.viewProj as unknown as number[];
  const d = layer.data;
  const colors = layer.colors;
  const w2 = pane.width / 2;
  const h2 = pane.height / 2;
  for (let k = 0; k < count; k++) {
    const x = d[k * 4]!;
    const y = d[k * 4 + 1]!;
    const z = d[k * 4 + 2]!;
    const w = m3! * x + m7! * y + m11! * z + m15!;
    if (!(w > 1e-9)) continue;
    const depthK = (m2! * x + m6! * y + m10! * z + m14!) / w;
    if (!(depthK >= 0 && depthK <= 1)) continue;
    const sx = ((m0! * x + m4! * y + m8! * z + m12!) / w + 1) * w2;
    const sy = (1 - (m1! * x + m5! * y + m9! * z + m13!) / w) * h2;
    const r = Math.max(0.5, d[k * 4 + 3]! / 2);
    const r2 = r * r;
    const x0 = Math.max(0, Math.ceil(sx - r - 0.5));
    const x1 = Math.min(width - 1, Math.floor(sx + r - 0.5));
    const y0 = Math.max(0, Math.ceil(sy - r - 0.5));
    const y1 = Math.min(height - 1, Math.floor(sy + r - 0.5));
    if (x0 > x1 || y0 > y1) continue;
    const color = colors[k]!;
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
  present(ctx, picture, [bx0, by0, bx1, by1], 1);
  if (budget) recordDraw(budget, count, performance.now() - started);
  return count;
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
