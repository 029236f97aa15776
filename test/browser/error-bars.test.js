// Error bars (segments) and bands (the fill between two polylines): WebGPU and Canvas2D draw the
// same pixels (up to antialiasing on edges); crossings fill both lobes, gaps break the band; and a
// chart with yError / band series draws them and widens its y range to include them.
import { assert, assertEqual, colorDistance, createChart, pixel } from './helpers.js';
import { canvasCapture, comparePixels, webGpuCapture } from './compare-pixels.js';

const GAP = 1e30;
const WHITE = [255, 255, 255];
const BLUE = [37, 99, 235];
const RED = [220, 38, 38];
/** @type {(rgb: number[], a?: number) => import('../../dist/core/index.js').Rgba} */
const rgba = ([r, g, b], a = 1) => [r / 255, g / 255, b / 255, a];
const PLOT = { x: 20.5, y: 10, width: 200, height: 120 };

/** A band whose edges cross at x = 60, with a gap at row 4, and error bars with caps. */
/** @returns {import('../../dist/core/index.js').FrameScene} */
function bandScene() {
  // rows: x, high, low (A = high edge y, B = low edge y, pixel y grows downwards)
  const rows = [
    [0, 20, 60],
    [40, 30, 50],
    [80, 70, 40], // crossed: A below B between x = 40 and 80 (crossing at x = 60)
    [110, 80, 30],
    [130, GAP, GAP], // a gap: no fill from x = 110 to 150
    [150, 40, 90],
    [200, 50, 100],
  ];
  const points = Float32Array.from(rows.flatMap(([x, a, b]) => [x, a, x, b]));
  const bars = Float32Array.from([
    [170, 20, 170, 110], [165, 20, 175, 20], [165, 110, 175, 110],
  ].flat());
  return {
    width: 240,
    height: 140,
    background: rgba(WHITE),
    plot: PLOT,
    layers: [
      { kind: 'band', id: 'band', points, count: rows.length, fill: rgba(BLUE, 1) },
      { kind: 'segments', id: 'bars', points: bars, count: 6, color: rgba(RED), width: 2 },
    ],
  };
}

/** Canvas pixel of a plot-relative point. */
const at = (x, y) => [Math.floor(PLOT.x + x), Math.floor(PLOT.y + y)];

function checkBand(snap, who) {
  const is = (x, y, rgb, what) => {
    const p = pixel(snap, ...at(x, y));
    assert(colorDistance(p, rgb) <= 2, `${who}: ${what} at (${x}, ${y}): expected ${rgb}, got ${p}`);
  };
  is(20, 40, BLUE, 'inside the band before the crossing');
  is(20, 10, WHITE, 'above the band');
  is(20, 75, WHITE, 'below the band');
  is(75, 52, BLUE, 'inside the second lobe, after the crossing');
  is(60, 30, WHITE, 'above the crossing point');
  is(60, 60, WHITE, 'below the crossing point');
  is(130, 55, WHITE, 'the gap breaks the band');
  is(160, 70, BLUE, 'the band resumes after the gap');
  is(170, 60, RED, 'the error bar');
  is(166, 20, RED, 'the error bar\'s cap');
}

describe('error bars and bands', () => {
  it('draws a band (crossing, gap) and capped error bars alike in WebGPU and Canvas2D', async () => {
    const scene = bandScene();
    const gpu = await webGpuCapture(scene);
    const cpu = await canvasCapture(scene);
    checkBand(gpu, 'webgpu');
    checkBand(cpu, 'canvas2d');
    const stats = comparePixels(gpu, cpu);
    assertEqual(stats.flatOff, 0, `flat pixels differ (worst ${stats.flatWorst})`);
    assertEqual(stats.strongOff, 0, `pixels differ by more than half of full scale (worst ${stats.worst})`);
    assert(stats.edgeOff / stats.pixels < 0.03, `under 3% of pixels differ beyond rounding (${stats.edgeOff})`);
  });

  it('a chart draws yError bars on a line and a band series, and its y range includes them', async () => {
    const n = 12;
    const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
    const y = Float64Array.from({ length: n }, (_, i) => 10 + (i % 3));
    const err = new Float64Array(n).fill(5);
    const lo = Float64Array.from(y, (v) => v - 2);
    const hi = Float64Array.from(y, (v) => v + 2);
    const chart = await createChart({ width: 400, height: 240, data: { time, y, err, lo, hi } });
    try {
      chart.series = [{ column: 'y' }];
      await chart.nextFrame();
      const [plainMin, plainMax] = chart.model?.yRange?.() ?? [NaN, NaN];
      chart.series = [{ column: 'y', yError: 'err' }, { column: 'band', type: 'band', yLow: 'lo', yHigh: 'hi' }];
      await chart.nextFrame();
      const [min, max] = chart.model.yRange();
      assert(min < 6 && max > 16, `the y range [${min}, ${max}] includes the bars (10..12 ± 5)`);
      assert(!(plainMin < 6), `without bars the range starts higher (${plainMin}, ${plainMax})`);
      const frame = chart.model.frame();
      const kinds = frame.scene.layers.map((l) => l.kind);
      assert(kinds.includes('band'), `a band layer (${kinds})`);
      assert(frame.scene.layers.some((l) => l.id === 'y:error-bars' && l.kind === 'segments' && l.count === n * 6), 'error bars with caps, one per row');
    } finally {
      chart.remove();
    }
  });
});
