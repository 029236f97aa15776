// The Canvas2D band fill leaves out a triangle's closing lineTo (line B's first point when it is
// line A's: annotation markers). Its pixels must be exactly those of the full path it replaced.
import { Canvas2dRenderer } from '../../dist/index.js';
import { assert, assertEqual } from './helpers.js';

/** A band row's y that breaks the band (frame-scene.ts GAP_Y). */
const GAP_Y = 1e30;
const W = 240;
const H = 160;

/** Marker-like triangles at fractional positions, overlapping, both orientations (apex up and down). */
function triangles() {
  const out = [];
  for (let i = 0; i < 400; i++) {
    const x = 5 + ((i * 37.31) % (W - 10));
    const y = 8 + ((i * 23.77) % (H - 16));
    const r = 3 + (i % 5) * 0.75;
    const down = i % 3 === 0;
    out.push({ x, apex: down ? y + r : y - r, foot: down ? y - r : y + r, r });
  }
  return out;
}

describe('Canvas2D band: triangles', () => {
  it('draws exactly the pixels of the full closed path (with the closing lineTo)', () => {
    const tris = triangles();
    const points = new Float32Array(tris.length * 12);
    tris.forEach((t, k) => points.set([t.x, t.apex, t.x, t.apex, t.x - t.r, t.foot, t.x + t.r, t.foot, t.x, GAP_Y, t.x, GAP_Y], k * 12));
    const fill = /** @type {[number, number, number, number]} */ ([0.1, 0.6, 0.3, 0.7]);
    const pane = { x: 0, y: 0, width: W, height: H };
    const canvas = document.createElement('canvas');
    const renderer = new Canvas2dRenderer({ canvas });
    renderer.render({ width: W, height: H, background: [1, 1, 1, 1], plot: pane, layers: [{ kind: 'band', id: 'markers', points, count: tris.length * 3, fill, pane }] });
    const drawn = canvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, W, H).data;

    // The reference: what the renderer drew before, every subpath closed by an explicit lineTo back to its apex.
    const reference = document.createElement('canvas');
    reference.width = W;
    reference.height = H;
    const ctx = /** @type {CanvasRenderingContext2D} */ (reference.getContext('2d', { willReadFrequently: true }));
    ctx.fillStyle = 'rgba(255, 255, 255, 1)';
    ctx.fillRect(0, 0, W, H);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, 0, W, H);
    ctx.clip();
    ctx.beginPath();
    for (const t of tris) {
      ctx.moveTo(t.x, t.apex);
      ctx.lineTo(t.x - t.r, t.foot);
      ctx.lineTo(t.x + t.r, t.foot);
      ctx.lineTo(t.x, t.apex);
    }
    ctx.fillStyle = 'rgba(26, 153, 77, 0.7)';
    ctx.fill('nonzero');
    ctx.restore();
    const expected = ctx.getImageData(0, 0, W, H).data;

    let differing = 0;
    let coloured = 0;
    for (let i = 0; i < expected.length; i += 4) {
      if (expected[i] !== drawn[i] || expected[i + 1] !== drawn[i + 1] || expected[i + 2] !== drawn[i + 2] || expected[i + 3] !== drawn[i + 3]) differing++;
      if (expected[i] !== 255) coloured++;
    }
    assert(coloured > 2000, `the triangles cover pixels (${coloured})`);
    assertEqual(differing, 0, 'pixels that differ from the full path');
  });
});
