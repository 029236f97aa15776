// The renderers' generic primitive path: layers of different kinds interleaved in one scene draw
// in layer order, each clipped to its own pane, in WebGPU (one draw call per layer) and Canvas2D;
// and the WebGPU renderer's memory budget (WebGpuRendererOptions.memoryBudgetBytes).
import { Canvas2dRenderer, DeviceManager } from '../../dist/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';
import { assert, assertEqual, pixel } from './helpers.js';

/** @type {import('../../dist/core/index.js').Rgba} */
const WHITE = [1, 1, 1, 1];
/** @type {(rgb: number[], a?: number) => number} */
const pack = ([r, g, b], a = 255) => (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;
const BLUE = [37, 99, 235];
const GREEN = [22, 163, 74];
const YELLOW = [234, 179, 8];
const RED = [220, 38, 38];

const P = { x: 10, y: 10, width: 80, height: 80 };
const Q = { x: 110, y: 10, width: 80, height: 80 };

/** @returns {import('../../dist/core/index.js').RectsLayer} */
function rects(id, pane, rows) {
  return { kind: 'rects', id, pane, rects: Float32Array.from(rows.flatMap((r) => r.slice(0, 4))), colors: Uint32Array.from(rows.map((r) => r[4])), count: rows.length };
}

/** rects, then a line, then rects in pane P; rects then segments in pane Q. Everything overflows its pane. */
/** @returns {import('../../dist/core/index.js').FrameScene} */
function mixedScene() {
  return {
    width: 200,
    height: 100,
    background: WHITE,
    plot: { x: 0, y: 0, width: 200, height: 100 },
    layers: [
      rects('under', P, [[-20, -20, 100, 100, pack(BLUE)]]),
      { kind: 'line', id: 'line', pane: P, points: Float32Array.of(-50, 40, 150, 40), count: 2, color: [RED[0] / 255, RED[1] / 255, RED[2] / 255, 1], width: 6 },
      rects('over', P, [[30, 30, 50, 50, pack(GREEN)]]),
      rects('q', Q, [[-30, -30, 40, 40, pack(YELLOW)]]),
      { kind: 'segments', id: 'grid', pane: Q, points: Float32Array.of(60, -40, 60, 140), count: 2, color: [RED[0] / 255, RED[1] / 255, RED[2] / 255, 1], width: 4 },
    ],
  };
}

async function webGpu(options = {}) {
  const manager = DeviceManager.shared();
  const device = await manager.acquire();
  const allocations = manager.allocations.owner();
  const issues = [];
  const renderer = new WebGpuRenderer({
    device,
    pipelines: manager.pipelines(device),
    allocations,
    target: { kind: 'offscreen', format: 'rgba8unorm', width: 200, height: 100 },
    sampleCount: 4,
    onIssue: (issue) => issues.push(issue),
    ...options,
  });
  return { renderer, issues };
}

const rgb = (snap, x, y) => pixel(snap, x, y).slice(0, 3);
const near = (actual, expected, what) => assert(actual.every((v, i) => Math.abs(v - expected[i]) <= 1), `${what}: expected ${expected}, got ${actual}`);

function checkMixed(snap, who) {
  near(rgb(snap, 30, 30), BLUE, `${who}: first rects layer, clipped to P`);
  near(rgb(snap, 30, 50), RED, `${who}: the line over the first rects layer`);
  near(rgb(snap, 50, 50), GREEN, `${who}: the second rects layer over the line`);
  near(rgb(snap, 5, 50), [255, 255, 255], `${who}: the line clipped left of P`);
  near(rgb(snap, 100, 50), [255, 255, 255], `${who}: the line clipped between the panes`);
  near(rgb(snap, 120, 20), YELLOW, `${who}: rects in Q`);
  near(rgb(snap, 105, 20), [255, 255, 255], `${who}: Q's rects clipped left of Q`);
  near(rgb(snap, 120, 60), [255, 255, 255], `${who}: Q's rects clipped to their own extent`);
  near(rgb(snap, 170, 50), RED, `${who}: segments in Q`);
  near(rgb(snap, 170, 5), [255, 255, 255], `${who}: segments clipped above Q`);
  near(rgb(snap, 170, 95), [255, 255, 255], `${who}: segments clipped below Q`);
}

describe('renderer primitives', () => {
  it('draws rects, a line, rects and segments in layer order, each clipped to its pane, in both renderers', async () => {
    const scene = mixedScene();
    const { renderer } = await webGpu();
    try {
      const health = await renderer.ready;
      assertEqual(health.failed.length, 0, 'every pipeline compiles');
      assertEqual(renderer.sampleCount, 4, 'sampleCount on the Renderer interface');
      assertEqual(renderer.failedKinds.size, 0, 'no failed kinds');
      const snap = await renderer.capture(scene);
      checkMixed(snap, 'webgpu');
      renderer.render(scene);
      assertEqual(renderer.lastDrawCalls, 5, 'one draw call per layer, no more');
    } finally {
      renderer.dispose();
    }
    const canvas = new Canvas2dRenderer({ canvas: document.createElement('canvas') });
    try {
      assertEqual(canvas.sampleCount, 1, 'Canvas2D sampleCount');
      assertEqual(canvas.failedKinds.size, 0, 'Canvas2D failedKinds');
      checkMixed(await canvas.capture(scene), 'canvas2d');
    } finally {
      canvas.dispose();
    }
  });

  it('refuses allocations past memoryBudgetBytes as out of memory, and draws within a generous budget', async () => {
    // A 1M-point line drawn whole (as with lod="off"): 8 MB of points.
    const count = 1_000_000;
    const points = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      points[i * 2] = (i / count) * 180;
      points[i * 2 + 1] = 50 + 20 * Math.sin(i / 5000);
    }
    /** @type {import('../../dist/core/index.js').FrameScene} */
    const scene = {
      width: 200,
      height: 100,
      background: WHITE,
      plot: { x: 10, y: 0, width: 180, height: 100 },
      layers: [{ kind: 'line', id: 'big', points, count, color: [0, 0, 0, 1], width: 3 }],
    };

    const budget = 4 << 20;
    const small = await webGpu({ memoryBudgetBytes: budget });
    try {
      const stats = small.renderer.render(scene);
      assertEqual(stats.pointsDrawn, 0, 'the refused frame draws nothing');
      assert(small.renderer.memoryBytes <= budget, `memoryBytes ${small.renderer.memoryBytes} within the budget`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const oom = small.issues.filter((issue) => issue.type === 'out-of-memory');
      assertEqual(oom.length, 1, 'one out-of-memory issue');
      assert(/exceeds quality\.maxGpuMemoryMB budget/.test(oom[0].message), `budget message: ${oom[0].message}`);
      assert(oom[0].bytes > 0, 'the bytes the frame asked for');
      assert(small.renderer.memoryBytes <= budget, 'still within the budget after the report');
      // Degraded (as the caller's ladder would: level of detail), the same renderer draws again.
      /** @type {import('../../dist/core/index.js').FrameScene} */
      const reduced = { ...scene, layers: [{ .../** @type {import('../../dist/core/index.js').LineLayer} */ (scene.layers[0]), count: 2000, points: points.subarray(0, 4000).map((v, i) => (i % 2 ? v : v * 500)) }] };
      const drawn = small.renderer.render(reduced);
      assertEqual(drawn.pointsDrawn, 2000, 'a smaller frame draws');
      assert(small.renderer.memoryBytes > 0 && small.renderer.memoryBytes <= budget, `memoryBytes ${small.renderer.memoryBytes} within the budget`);
    } finally {
      small.renderer.dispose();
    }

    const generous = 64 << 20;
    const big = await webGpu({ memoryBudgetBytes: generous });
    try {
      const stats = big.renderer.render(scene);
      assertEqual(stats.pointsDrawn, count, 'drawn whole');
      const snap = await big.renderer.capture(scene);
      assert(big.renderer.memoryBytes > 8_000_000 && big.renderer.memoryBytes <= generous, `memoryBytes ${big.renderer.memoryBytes} holds the points, within the budget`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assertEqual(big.issues.length, 0, `no issue: ${JSON.stringify(big.issues)}`);
      // The line passes through (10, 50) at its start: dark pixels there, white far from it.
      assert(rgb(snap, 11, 50).every((v) => v < 100), `the line is drawn (${rgb(snap, 11, 50)})`);
      near(rgb(snap, 100, 5), [255, 255, 255], 'background away from the line');
    } finally {
      big.renderer.dispose();
    }
  });
});
