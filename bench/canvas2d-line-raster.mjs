// Rasterization cost of one dense level-of-detail line in Chromium's Canvas2D (CPU raster, as on
// a GPU-less machine), drawn the ways src/render/canvas2d/primitives/strokes.ts could: every
// segment its own square-capped subpath (the GPU's rectangles), each pixel column's vertical run as
// one subpath (what it does), one polyline (other joins: not the GPU's shape), runs as fillRect
// (separate fills: edges antialiased twice), the runs stroked in pieces of 8–128 runs (one path
// each, shared endpoints: what it does for opaque lines, 32) or in pixel-aligned clipped bands
// (seamless, slower). 1,130 columns × 4 points, 1.5 px and 1 px lines;
// median of 31 draws + 1×1 read-back each, ms.   node bench/canvas2d-line-raster.mjs
import { chromium } from './playwright.mjs';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'] });
const page = await browser.newPage();
const r = await page.evaluate(() => {
  const W = 1130, H = 650, cols = 1130, REPS = 31;
  const pts = [];
  let v = 300;
  for (let c = 0; c < cols; c++) {
    const x = c + 0.5;
    const ys = [];
    for (let k = 0; k < 4; k++) { v += (Math.random() - 0.5) * 20; v = Math.max(20, Math.min(630, v)); ys.push(v); }
    for (const y of ys) pts.push(x, y);
  }
  const n = pts.length / 2;
  const canvas = document.createElement('canvas'); canvas.width = W; canvas.height = H; document.body.append(canvas);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const variants = {
    separate(ctx) { ctx.beginPath(); for (let i = 0; i < n - 1; i++) { ctx.moveTo(pts[2*i], pts[2*i+1]); ctx.lineTo(pts[2*i+2], pts[2*i+3]); } ctx.lineCap = 'square'; ctx.lineJoin = 'bevel'; ctx.stroke(); },
    mergedVertical(ctx) { ctx.beginPath(); let i = 0; let px = NaN, py = NaN; while (i < n) { const x = pts[2*i]; let lo = pts[2*i+1], hi = lo; const first = lo; let j = i + 1; while (j < n && pts[2*j] === x) { const y = pts[2*j+1]; if (y < lo) lo = y; if (y > hi) hi = y; j++; } if (px === px) { ctx.moveTo(px, py); ctx.lineTo(x, first); } if (hi > lo) { ctx.moveTo(x, lo); ctx.lineTo(x, hi); } px = x; py = pts[2*j-1]; i = j; } ctx.lineCap = 'square'; ctx.stroke(); },
    ...Object.fromEntries([8, 16, 32, 64, 128].map((size) => [`mergedVerticalPieces${size}`, (ctx) => { let i = 0; let px = NaN, py = NaN; let runs = 0; ctx.lineCap = 'square'; ctx.beginPath(); while (i < n) { const x = pts[2*i]; let lo = pts[2*i+1], hi = lo; const first = lo; let j = i + 1; while (j < n && pts[2*j] === x) { const y = pts[2*j+1]; if (y < lo) lo = y; if (y > hi) hi = y; j++; } if (px === px) { ctx.moveTo(px, py); ctx.lineTo(x, first); } if (hi > lo) { ctx.moveTo(x, lo); ctx.lineTo(x, hi); } px = x; py = pts[2*j-1]; i = j; if (++runs % size === 0) { ctx.stroke(); ctx.beginPath(); } } ctx.stroke(); }])),
    ...Object.fromEntries([16, 32, 64].map((size) => [`bandsClipped${size}`, (ctx) => { const xs = [], los = [], his = [], firsts = [], lasts = []; let i = 0; while (i < n) { const x = pts[2*i]; let lo = pts[2*i+1], hi = lo; let j = i + 1; while (j < n && pts[2*j] === x) { const y = pts[2*j+1]; if (y < lo) lo = y; if (y > hi) hi = y; j++; } xs.push(x); los.push(lo); his.push(hi); firsts.push(pts[2*i+1]); lasts.push(pts[2*j-1]); i = j; } const R = xs.length; const m = ctx.lineWidth + 2; ctx.lineCap = 'square'; for (let s = 0; s < R; s += size) { const e = Math.min(R, s + size); const X0 = s === 0 ? -1e6 : Math.floor(xs[s]); const X1 = e === R ? 1e6 : Math.floor(xs[e]); let a = s; while (a > 0 && xs[a] >= X0 - m) a--; let b = e; while (b < R - 1 && xs[b] <= X1 + m) b++; ctx.save(); ctx.beginPath(); ctx.rect(X0, -1e5, X1 - X0, 2e5); ctx.clip(); ctx.beginPath(); for (let r = a; r <= Math.min(b, R - 1); r++) { if (r > a) { ctx.moveTo(xs[r-1], lasts[r-1]); ctx.lineTo(xs[r], firsts[r]); } if (his[r] > los[r]) { ctx.moveTo(xs[r], los[r]); ctx.lineTo(xs[r], his[r]); } } ctx.stroke(); ctx.restore(); } }])),
    polylineBevel(ctx) { ctx.beginPath(); ctx.moveTo(pts[0], pts[1]); for (let i = 1; i < n; i++) ctx.lineTo(pts[2*i], pts[2*i+1]); ctx.lineCap = 'square'; ctx.lineJoin = 'bevel'; ctx.stroke(); },
    polylineMiter(ctx) { ctx.beginPath(); ctx.moveTo(pts[0], pts[1]); for (let i = 1; i < n; i++) ctx.lineTo(pts[2*i], pts[2*i+1]); ctx.lineCap = 'square'; ctx.lineJoin = 'miter'; ctx.stroke(); },
    polylineRound(ctx) { ctx.beginPath(); ctx.moveTo(pts[0], pts[1]); for (let i = 1; i < n; i++) ctx.lineTo(pts[2*i], pts[2*i+1]); ctx.lineCap = 'square'; ctx.lineJoin = 'round'; ctx.stroke(); },
    vertFillRect(ctx) { const hw = ctx.lineWidth / 2; ctx.beginPath(); let i = 0; let px = NaN, py = NaN; const rects = []; while (i < n) { const x = pts[2*i]; let lo = pts[2*i+1], hi = lo; const first = lo; let j = i + 1; while (j < n && pts[2*j] === x) { const y = pts[2*j+1]; if (y < lo) lo = y; if (y > hi) hi = y; j++; } if (px === px) { ctx.moveTo(px, py); ctx.lineTo(x, first); } rects.push(x - hw, lo - hw, 2 * hw, hi - lo + 2 * hw); px = x; py = pts[2*j-1]; i = j; } ctx.lineCap = 'square'; ctx.stroke(); for (let k = 0; k < rects.length; k += 4) ctx.fillRect(rects[k], rects[k+1], rects[k+2], rects[k+3]); },
    vertRectPath(ctx) { const hw = ctx.lineWidth / 2; ctx.beginPath(); let i = 0; let px = NaN, py = NaN; const p2 = new Path2D(); while (i < n) { const x = pts[2*i]; let lo = pts[2*i+1], hi = lo; const first = lo; let j = i + 1; while (j < n && pts[2*j] === x) { const y = pts[2*j+1]; if (y < lo) lo = y; if (y > hi) hi = y; j++; } if (px === px) { ctx.moveTo(px, py); ctx.lineTo(x, first); } p2.rect(x - hw, lo - hw, 2 * hw, hi - lo + 2 * hw); px = x; py = pts[2*j-1]; i = j; } ctx.lineCap = 'square'; ctx.stroke(); ctx.fill(p2); },
    connectorsOnly(ctx) { ctx.beginPath(); let i = 0; let px = NaN, py = NaN; while (i < n) { const x = pts[2*i]; const first = pts[2*i+1]; let j = i + 1; while (j < n && pts[2*j] === x) j++; if (px === px) { ctx.moveTo(px, py); ctx.lineTo(x, first); } px = x; py = pts[2*j-1]; i = j; } ctx.lineCap = 'square'; ctx.stroke(); },
    rectsFill(ctx) { ctx.beginPath(); const hw = 0.75; for (let i = 0; i < n - 1; i++) { const ax = pts[2*i], ay = pts[2*i+1], bx = pts[2*i+2], by = pts[2*i+3]; let dx = bx - ax, dy = by - ay; const len = Math.hypot(dx, dy) || 1; dx /= len; dy /= len; const ex = dx * hw, ey = dy * hw, nx = -ey, ny = ex; ctx.moveTo(ax - ex + nx, ay - ey + ny); ctx.lineTo(bx + ex + nx, by + ey + ny); ctx.lineTo(bx + ex - nx, by + ey - ny); ctx.lineTo(ax - ex - nx, ay - ey - ny); ctx.closePath(); } ctx.fill(); },
  };
  const out = {};
  for (const width of [1.5, 1]) for (const [name, fn] of Object.entries(variants)) {
    const times = [];
    for (let rep = 0; rep < REPS; rep++) {
      const t0 = performance.now();
      ctx.clearRect(0, 0, W, H); ctx.lineWidth = width; ctx.strokeStyle = 'rgba(30,100,200,1)'; ctx.fillStyle = 'rgba(30,100,200,1)';
      fn(ctx); ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out[`${name}@${width}`] = +times[REPS >> 1].toFixed(2);
  }
  return { n, out };
});
console.log(JSON.stringify(r, null, 1));
await browser.close();
