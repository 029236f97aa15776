// Density maps and grid clusters of GPU-resident scatter points: the counts (and cluster sums) per
// cell read back from WebGPU equal the CPU reference (core/scene/density-grid.ts, cluster-cells.ts)
// exactly; the pictures match the Canvas2D fallback's; panning changes the result without
// uploading the points again; zooming moves clusters continuously (they split, never jump).
import { binDensity, clusterCellWords, clusterDiscs, clusterStyle, layerClusterGrid } from '../../dist/core/index.js';
import { assert, assertEqual, createChart, nextEvent, sleep } from './helpers.js';
import { canvasCapture, comparePixels, offscreenWebGpu } from './compare-pixels.js';

const WIDTH = 160;
const HEIGHT = 110;
// A fractional origin: both renderers must pick the same cell for each pixel centre.
const PANE = { x: 10.5, y: 6, width: 140, height: 96 };

/** A seeded generator, so that the point set is known. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Three Gaussian-ish blobs and a uniform background, in pane px (identity transform: exact in f32). */
function pointSet(n, seed = 7) {
  const random = rng(seed);
  const points = new Float32Array(n * 2);
  const blobs = [[40, 30, 8], [100, 60, 14], [70, 80, 5]];
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (k < 3) {
      const [cx, cy, r] = blobs[k];
      const g = () => (random() + random() + random() - 1.5) * r;
      points[i * 2] = cx + g();
      points[i * 2 + 1] = cy + g();
    } else {
      points[i * 2] = random() * 160 - 10;
      points[i * 2 + 1] = random() * 110 - 7;
    }
  }
  return points;
}

/** A 256-entry ramp (dark blue to yellow), opaque. */
function ramp() {
  const lut = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) lut.set([Math.round(i * 0.9), Math.round(40 + i * 0.8), Math.round(200 - i * 0.7), 255], i * 4);
  return lut;
}

/** @returns {import('../../dist/core/index.js').FrameScene} */
function scene(layer) {
  return { width: WIDTH, height: HEIGHT, background: [1, 1, 1, 1], plot: PANE, layers: [layer] };
}

describe('density and clusters', () => {
  it('bins every point on the GPU exactly like the CPU reference, draws like Canvas2D, and pans without re-uploading', async () => {
    const points = pointSet(20_000);
    /** @type {import('../../dist/core/index.js').DensityLayer} */
    const layer = { kind: 'density', id: 'd', points, count: 20_000, version: 1, transform: [1, 0, 1, 0], cellSize: 2, colormap: ramp(), scale: 'log' };
    const { renderer, issues } = await offscreenWebGpu(WIDTH, HEIGHT);
    try {
      const health = await renderer.ready;
      assertEqual(health.failed.length, 0, `pipelines compile (${JSON.stringify(health.failed)})`);
      const gpu = await renderer.capture(scene(layer));
      const counts = await renderer.readLayer('d');
      const reference = binDensity(layer, PANE.width, PANE.height);
      assert(counts !== null, 'the counts read back');
      const cells = reference.columns * reference.rows;
      let differ = 0;
      for (let c = 0; c < cells; c++) if (counts[c] !== reference.counts[c]) differ++;
      assertEqual(differ, 0, 'cells whose GPU count differs from the CPU reference');
      assertEqual(counts[cells], reference.max, 'the maximum, found on the GPU');
      const inside = reference.counts.reduce((a, b) => a + b, 0);
      assert(inside > 15_000 && inside < 20_000, `most points inside the pane (${inside})`);
      assertEqual(renderer.residentUploads, 1, 'points uploaded once');

      const cpu = await canvasCapture(scene(layer));
      const stats = comparePixels(gpu, cpu, { flat: 6 });
      assert(stats.worst <= 12, `WebGPU and Canvas2D differ at most by a colormap step or two (worst ${stats.worst})`);
      assertEqual(stats.flatOff + stats.edgeOff, 0, 'pixels differing by more than 6 levels');

      // Pan (a new transform, same data version): new counts, no new upload.
      const panned = { ...layer, transform: /** @type {const} */ ([1, 9, 1, -5]) };
      renderer.render(scene(panned));
      const after = await renderer.readLayer('d');
      const ref2 = binDensity(panned, PANE.width, PANE.height);
      let differ2 = 0;
      let changed = 0;
      for (let c = 0; c < cells; c++) {
        if (after[c] !== ref2.counts[c]) differ2++;
        if (after[c] !== counts[c]) changed++;
      }
      assertEqual(differ2, 0, 'after the pan, cells differing from the CPU reference');
      assert(changed > 100, `the pan moved the histogram (${changed} cells changed)`);
      assertEqual(renderer.residentUploads, 1, 'panning uploads no points');

      // A new data version uploads again.
      renderer.render(scene({ ...panned, version: 2 }));
      assertEqual(renderer.residentUploads, 2, 'a new version uploads');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assertEqual(issues.length, 0, `no renderer issue (${JSON.stringify(issues)})`);
    } finally {
      renderer.dispose();
    }
  });

  it('linear scale and one cell per pixel match Canvas2D too', async () => {
    const points = pointSet(5_000, 3);
    const layer = { kind: 'density', id: 'd', points, count: 5_000, version: 1, transform: /** @type {const} */ ([1, 0, 1, 0]), cellSize: 1, colormap: ramp(), scale: /** @type {const} */ ('linear') };
    const { renderer } = await offscreenWebGpu(WIDTH, HEIGHT);
    try {
      const gpu = await renderer.capture(scene(layer));
      const cpu = await canvasCapture(scene(layer));
      const stats = comparePixels(gpu, cpu, { flat: 6 });
      assertEqual(stats.flatOff + stats.edgeOff, 0, `pixels differing by more than 6 levels (worst ${stats.worst})`);
    } finally {
      renderer.dispose();
    }
  });

  it('clusters per data-anchored cell on the GPU like the CPU reference, and draws like Canvas2D, between levels too', async () => {
    const points = pointSet(3_000, 11);
    const { renderer } = await offscreenWebGpu(WIDTH, HEIGHT);
    try {
      const health = await renderer.ready;
      assertEqual(health.failed.length, 0, `pipelines compile (${JSON.stringify(health.failed)})`);
      // t = 0 on both axes (20 px cells at one px per unit), then both axes part way to the next
      // level (cells merging: discs between their centroid and their parents'), on a flipped y.
      /** @type {[number, number, number, number][]} */
      const transforms = [[1, 0, 1, 0], [0.83, 3.1, 0.77, 2.4], [0.61, 20, -0.9, 95]];
      for (const transform of transforms) {
        /** @type {import('../../dist/core/index.js').ClusterLayer} */
        const layer = { kind: 'cluster', id: 'c', points, count: 3_000, version: 1, transform, cellSize: 20, color: [0.15, 0.39, 0.92, 0.8], pointRadius: 2.5, minRadius: 4, radiusStep: 1.5 };
        const gpu = await renderer.capture(scene(layer));
        const words = await renderer.readLayer('c');
        const grid = layerClusterGrid(layer, PANE.width, PANE.height);
        const reference = clusterCellWords(layer, grid);
        assert(words !== null, 'the cells read back');
        assertEqual(words.length, reference.length, 'one cell buffer per grid');
        let differing = 0;
        for (let w = 0; w < reference.length; w++) if (words[w] !== reference[w]) differing++;
        assertEqual(differing, 0, `${transform}: every count and sum word equals the CPU's`);
        const discs = clusterDiscs(words, grid, clusterStyle(layer));
        assert(discs.length > 10, `${transform}: clusters drawn (${discs.length})`);
        const cpu = await canvasCapture(scene(layer));
        const stats = comparePixels(gpu, cpu);
        assertEqual(stats.flatOff, 0, `${transform}: flat pixels differ (worst ${stats.flatWorst})`);
        assertEqual(stats.strongOff, 0, `${transform}: pixels differ by more than half of full scale (worst ${stats.worst})`);
        // Disc edges are antialiased analytically in both, by different formulas (the shader's
        // clamp(r − d + 0.5), Skia's coverage): edge pixels differ by a few levels on average, never
        // by half of full scale; everything else is identical.
        assert(stats.edgeMean < 8, `${transform}: mean difference on disc edges under 8 levels (${stats.edgeMean.toFixed(1)}; ${JSON.stringify(stats)})`);
      }
    } finally {
      renderer.dispose();
    }
  });

  it('zoom frames 1 % apart move the GPU clusters by a few px at most, across levels too', async () => {
    const points = pointSet(20_000, 4);
    const { renderer } = await offscreenWebGpu(WIDTH, HEIGHT);
    try {
      // Zoom about the pane's centre (70, 48) = data (70, 48): 1 % per frame over two levels.
      /** @returns {[number, number, number, number]} */
      const at = (s) => [s, 70 - 70 * s, s, 48 - 48 * s];
      let previous = null;
      const levels = new Set();
      const inside = (d) => d.x > 10 && d.x < PANE.width - 10 && d.y > 10 && d.y < PANE.height - 10;
      /** Largest distance from a disc of `a` to the nearest of `b`. */
      const farthest = (a, b) => Math.max(0, ...a.filter(inside).map((d) => Math.min(...b.map((e) => Math.hypot(d.x - e.x, d.y - e.y)))));
      for (let s = 0.6; s < 2.6; s *= 1.01) {
        /** @type {import('../../dist/core/index.js').ClusterLayer} */
        const layer = { kind: 'cluster', id: 'c', points, count: 20_000, version: 1, transform: at(s), cellSize: 20, color: [0.15, 0.39, 0.92, 1], pointRadius: 2.5, minRadius: 4, radiusStep: 1.5 };
        renderer.render(scene(layer));
        const words = await renderer.readLayer('c');
        assert(words !== null, 'the cells read back');
        const grid = layerClusterGrid(layer, PANE.width, PANE.height);
        levels.add(grid.x.level);
        const discs = clusterDiscs(words, grid, clusterStyle(layer));
        if (previous) {
          const moved = Math.max(farthest(previous, discs), farthest(discs, previous));
          // 1 % of the ~85 px from the centre to a corner, plus the split's share of a cell.
          assert(moved < 3, `scale ${s.toFixed(3)} (level ${grid.x.level}, t ${grid.x.t.toFixed(3)}): a cluster moved ${moved.toFixed(2)} px`);
        }
        previous = discs;
      }
      assert(levels.size >= 2, `the zoom crossed a level (${[...levels]})`);
    } finally {
      renderer.dispose();
    }
  });

  it('a scatter series with density="on" draws a density map of all its points; cluster="grid" draws clusters with count labels', async () => {
    const n = 50_000;
    const random = rng(5);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i % 2 ? 2 + (random() - 0.5) : 7 + (random() - 0.5) * 3;
      y[i] = i % 2 ? 3 + (random() - 0.5) : 6 + (random() - 0.5) * 3;
    }
    const chart = await createChart({ width: 400, height: 260, attributes: { density: 'on' } });
    try {
      chart.data = { time: Float64Array.from({ length: n }, (_, i) => i), x, y };
      chart.series = [{ column: 'y', type: 'scatter', x: 'x', colormap: 'inferno' }];
      await chart.nextFrame();
      let layers = chart.model.frame().scene.layers;
      const density = layers.find((l) => l.kind === 'density');
      assert(density, `a density layer (${layers.map((l) => l.kind)})`);
      assertEqual(density.count, n, 'every point binned');
      assert(!layers.some((l) => l.kind === 'markers'), 'no markers while density is on');

      chart.density = 'off';
      chart.cluster = 'grid';
      await chart.nextFrame();
      layers = chart.model.frame().scene.layers;
      assert(layers.some((l) => l.kind === 'cluster'), `a cluster layer (${layers.map((l) => l.kind)})`);
      // Labels come from a readback: they arrive after the frame.
      let labels = [];
      for (let i = 0; i < 40 && labels.length === 0; i++) {
        await sleep(50);
        labels = [...chart.renderRoot.querySelectorAll('.cluster-label')];
      }
      assert(labels.length > 0, 'count labels in the overlay');
      const total = labels.map((l) => l.textContent.trim()).map((t) => (t.endsWith('k') ? Number(t.slice(0, -1)) * 1000 : Number(t))).reduce((a, b) => a + b, 0);
      assert(total > n * 0.8, `the labels count (about) all the points (${total})`);

      chart.cluster = 'off';
      await chart.nextFrame();
      layers = chart.model.frame().scene.layers;
      assert(layers.some((l) => l.kind === 'markers'), 'markers again with both off');
    } finally {
      chart.remove();
    }
  });

  it('resident points and cell buffers go through the memory budget and the allocation ledger', async () => {
    const points = pointSet(400_000, 2); // 3.2 MB of points
    const layer = { kind: 'density', id: 'd', points, count: 400_000, version: 1, transform: /** @type {const} */ ([1, 0, 1, 0]), cellSize: 1, colormap: ramp(), scale: /** @type {const} */ ('log') };
    const small = await offscreenWebGpu(WIDTH, HEIGHT, { memoryBudgetBytes: 1 << 20 });
    try {
      const stats = small.renderer.render(scene(layer));
      assertEqual(stats.pointsDrawn, 0, 'the refused frame draws nothing');
      assert(small.renderer.memoryBytes <= 1 << 20, `within the budget (${small.renderer.memoryBytes})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert(small.issues.some((issue) => issue.type === 'out-of-memory'), `an out-of-memory issue (${JSON.stringify(small.issues)})`);
    } finally {
      small.renderer.dispose();
    }
    const big = await offscreenWebGpu(WIDTH, HEIGHT, { memoryBudgetBytes: 64 << 20 });
    try {
      big.renderer.render(scene(layer));
      const held = big.renderer.memoryBytes;
      assert(held >= 400_000 * 8, `the points are counted in memoryBytes (${held})`);
      // Gone from the scene for two frames: the points give their memory back.
      const empty = { ...scene(layer), layers: [] };
      big.renderer.render(empty);
      big.renderer.render(empty);
      assert(big.renderer.memoryBytes <= held - 400_000 * 8, `released (${big.renderer.memoryBytes} of ${held})`);
    } finally {
      big.renderer.dispose();
    }
  });
});
