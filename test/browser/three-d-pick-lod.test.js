// 3D charts: GPU picking against CPU picking (the reference) on known scenes, depth respected (a
// hidden point is never picked), hover through the GPU (one pick in flight, moves coalesced), and
// the point cloud's level of detail: a moving frame draws the reduced set, a settled frame every
// point, the reduced picture close to the full one — in WebGPU (pinned by the helpers) and Canvas2D.
import { MOVING_POINTS } from '../../dist/core/index.js';
import { assert, assertEqual, createChart, nextEvent, sleep } from './helpers.js';

const RADIUS = 10;

/** The renderer of a chart (a protected getter, read here by tests only). */
const rendererOf = (chart) => chart.activeRenderer;

/** CSS px of a data point (x, y, z) in the chart's last frame (through the CPU pick's placement). */
function project(chart, [x, y, z]) {
  const three = chart.model.three;
  const { pane, matrices, map } = three.lastFrame;
  const ratio = chart.model.chartSize.pixelRatio;
  const w = [x * map.scale[0] + map.offset[0], y * map.scale[1] + map.offset[1], z * map.scale[2] + map.offset[2]];
  const m = matrices.viewProj;
  const cw = m[3] * w[0] + m[7] * w[1] + m[11] * w[2] + m[15];
  const sx = (((m[0] * w[0] + m[4] * w[1] + m[8] * w[2] + m[12]) / cw + 1) / 2) * pane.width;
  const sy = ((1 - (m[1] * w[0] + m[5] * w[1] + m[9] * w[2] + m[13]) / cw) / 2) * pane.height;
  const depth = (m[2] * w[0] + m[6] * w[1] + m[10] * w[2] + m[14]) / cw;
  return { x: (pane.x + sx) / ratio, y: (pane.y + sy) / ratio, depth };
}

/** The CPU pick (the reference): the index the tooltip would show, or null. */
function cpuPick(chart, cssX, cssY) {
  const three = chart.model.three;
  const saved = three.gpuPicker;
  three.gpuPicker = null;
  try {
    const info = chart.model.pick(cssX, cssY);
    return info ? info.values[0].index : null;
  } finally {
    three.gpuPicker = saved;
  }
}

/** The GPU pick at CSS px: the element index, or null. */
async function gpuPick(chart, cssX, cssY) {
  const ratio = chart.model.chartSize.pixelRatio;
  const hit = await rendererOf(chart).pick3d(cssX * ratio, cssY * ratio, RADIUS * ratio);
  return hit ? hit.element : null;
}

/**
 * Pairs of points on the same lines of sight: a 5 × 5 lattice in x, z at y = +2 (in front, seen
 * from +y) and the same at y = -2 (behind, hidden), plus one lone point.
 */
function pairs() {
  const x = [];
  const y = [];
  const z = [];
  for (const side of [-2, 2]) {
    for (let i = -2; i <= 2; i++) {
      for (let j = -2; j <= 2; j++) {
        x.push(i);
        y.push(side);
        z.push(j);
      }
    }
  }
  x.push(2.5);
  y.push(0);
  z.push(2.5);
  return { x, y, z };
}

describe('3D GPU picking (renderer="webgpu") against CPU picking', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('points: same element as the CPU at every probe; the hidden point behind is never picked', async () => {
    const data = pairs();
    const chart = await createChart({ attributes: { type: 'points3d' }, data });
    assertEqual(chart.rendererKind, 'webgpu', 'renderer');
    chart.series = [{ column: 'z', id: 'p', markerSize: 8 }];
    chart.setCamera({ projection: 'orthographic', azimuth: 90, elevation: 0 });
    chart.model.three.moving = false;
    await chart.nextFrame();
    let compared = 0;
    let hits = 0;
    for (let k = 0; k < 25; k++) {
      const front = project(chart, [data.x[k + 25], data.y[k + 25], data.z[k + 25]]);
      const back = project(chart, [data.x[k], data.y[k], data.z[k]]);
      assert(Math.hypot(front.x - back.x, front.y - back.y) < 0.5, `pair ${k} on one line of sight`);
      assert(front.depth < back.depth, `pair ${k}: y = +2 is in front`);
      for (const [dx, dy] of [[0, 0], [2, -1], [-3, 2]]) {
        const cpu = cpuPick(chart, front.x + dx, front.y + dy);
        const gpu = await gpuPick(chart, front.x + dx, front.y + dy);
        assertEqual(gpu, cpu, `probe ${k} (${dx}, ${dy}): GPU ${gpu}, CPU ${cpu}`);
        assertEqual(gpu, k + 25, `probe ${k}: the front point, not the hidden one (${k})`);
        compared++;
        hits++;
      }
    }
    // Between points (about 17 px from any): nothing within reach on either.
    const a = project(chart, [0, 2, 0]);
    const b = project(chart, [1, 2, 0]);
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 + 0.25 * Math.abs(b.x - a.x) };
    assertEqual(await gpuPick(chart, mid.x, mid.y), cpuPick(chart, mid.x, mid.y), 'an empty probe');
    // The lone point.
    const lone = project(chart, [2.5, 0, 2.5]);
    assertEqual(await gpuPick(chart, lone.x + 1, lone.y), 50, 'the lone point (GPU)');
    assertEqual(cpuPick(chart, lone.x + 1, lone.y), 50, 'the lone point (CPU)');
    assert(compared === 75 && hits === 75, `${compared} probes compared`);
    // Seen from the other side the other half is in front: the picks follow the depth.
    chart.setCamera({ azimuth: -90 });
    chart.model.three.moving = false;
    await chart.nextFrame();
    const seenFromBehind = project(chart, [0, -2, 0]);
    const index = await gpuPick(chart, seenFromBehind.x, seenFromBehind.y);
    assertEqual(index, 12, 'from -y the y = -2 point is in front');
    assertEqual(cpuPick(chart, seenFromBehind.x, seenFromBehind.y), 12, 'CPU agrees');
  });

  it('surfaces: the grid vertex under the pointer, as the CPU picks it', async () => {
    const n = 7;
    const xs = Array.from({ length: n }, (_, i) => i * 10);
    const ys = Array.from({ length: n }, (_, i) => 100 + i * 5);
    const z = ys.map((_, r) => xs.map((_, c) => 0.3 * c + 0.1 * r));
    const chart = await createChart({ width: 480, height: 320, attributes: { type: 'surface' }, data: { x: xs, y: ys, z } });
    chart.setCamera({ azimuth: -40, elevation: 40 });
    await chart.nextFrame();
    let compared = 0;
    for (let r = 1; r < n - 1; r++) {
      for (let c = 1; c < n - 1; c++) {
        const p = project(chart, [xs[c], ys[r], z[r][c]]);
        for (const [dx, dy] of [[0, 0], [1.5, 1]]) {
          const cpu = cpuPick(chart, p.x + dx, p.y + dy);
          const gpu = await gpuPick(chart, p.x + dx, p.y + dy);
          assertEqual(cpu, r * n + c, `CPU at vertex (${r}, ${c})`);
          assertEqual(gpu, cpu, `vertex (${r}, ${c}) + (${dx}, ${dy}): GPU ${gpu}, CPU ${cpu}`);
          compared++;
        }
      }
    }
    assertEqual(compared, 50, 'probes');
  });

  it('bars: the bar whose top is under the pointer', async () => {
    const chart = await createChart({ width: 480, height: 320, attributes: { type: 'bars3d' }, data: { x: [0, 1, 2], y: [0, 1, 2], z: [[1, 2, 3], [2, 3, 4], [3, 4, 9]] } });
    chart.setCamera({ azimuth: -45, elevation: 60 });
    await chart.nextFrame();
    for (const [r, c] of [[0, 0], [1, 1], [2, 2], [0, 2]]) {
      const p = project(chart, [c, r, [[1, 2, 3], [2, 3, 4], [3, 4, 9]][r][c]]);
      assertEqual(await gpuPick(chart, p.x, p.y + 1), r * 3 + c, `bar (${r}, ${c})`);
    }
  });
});

describe('3D hover through GPU picking', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('the tooltip shows the front point; moves are coalesced (at most one pick in flight)', async () => {
    const data = pairs();
    const chart = await createChart({ attributes: { type: 'points3d' }, data });
    chart.series = [{ column: 'z', id: 'p', markerSize: 8 }];
    chart.setCamera({ projection: 'orthographic', azimuth: 90, elevation: 0 });
    await chart.nextFrame();
    const renderer = rendererOf(chart);
    const target = chart.shadowRoot.querySelector('.container');
    const rect = target.getBoundingClientRect();
    const picksBefore = renderer.gpuPicks;
    // 30 moves in one task: one pick starts, the rest collapse into the last position.
    const front = project(chart, [1, 2, -1]); // data index 25 + (1 + 2) * 5 + (-1 + 2) = 41
    for (let i = 0; i < 30; i++) {
      target.dispatchEvent(new PointerEvent('pointermove', { clientX: rect.left + front.x - 29 + i, clientY: rect.top + front.y, pointerId: 1, bubbles: true, composed: true }));
    }
    const crosshair = nextEvent(chart, 'gpu-crosshair');
    let info = (await crosshair).detail;
    for (let i = 0; i < 20 && !(info && /x: 1(?![\d.])/.test(chart.shadowRoot.querySelector('.tooltip').textContent)); i++) await sleep(50);
    const picks = renderer.gpuPicks - picksBefore;
    assert(picks >= 1 && picks <= 3, `GPU picks for 30 moves: ${picks}`);
    const tooltip = chart.shadowRoot.querySelector('.tooltip');
    assert(/** @type {HTMLElement} */ (tooltip).style.display !== 'none', 'tooltip shown');
    const text = tooltip.textContent.replace(/\s+/g, ' ');
    assert(/x: 1(?![\d.])/.test(text) && /y: 2(?![\d.])/.test(text) && /z: -1(?![\d.])/.test(text), `the front point's x, y, z: ${text}`);
  });
});

/** A uniform cloud of n points in a ball (seeded). */
function ball(n, seed = 11) {
  let s = seed;
  const r = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const z = new Float32Array(n);
  for (let i = 0; i < n; ) {
    const a = r() * 2 - 1;
    const b = r() * 2 - 1;
    const c = r() * 2 - 1;
    if (a * a + b * b + c * c > 1) continue;
    x[i] = a;
    y[i] = b;
    z[i++] = c;
  }
  return { x, y, z };
}

/** Waits until the camera counts as still (at most 10 s: the settle delay adapts to the pace of camera changes). */
async function settle(chart) {
  for (let i = 0; i < 100 && chart.model.three.moving; i++) await sleep(100);
}

/** Pixels of the snapshot unlike the background (the first pixel's colour). */
function inked(snap) {
  const d = snap.data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) n++;
  return n;
}

/** Share of pixels inked in one snapshot and not the other, over those inked in either. */
function maskDifference(a, b) {
  let either = 0;
  let one = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const ia = Math.abs(a.data[i] - a.data[0]) + Math.abs(a.data[i + 1] - a.data[1]) + Math.abs(a.data[i + 2] - a.data[2]) > 30;
    const ib = Math.abs(b.data[i] - b.data[0]) + Math.abs(b.data[i + 1] - b.data[1]) + Math.abs(b.data[i + 2] - b.data[2]) > 30;
    if (ia || ib) either++;
    if (ia !== ib) one++;
  }
  return one / Math.max(1, either);
}

for (const renderer of ['webgpu', 'canvas2d']) {
  describe(`point cloud level of detail (${renderer})`, () => {
    afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

    it('a moving frame draws the reduced set, a settled frame every point; setCamera settles by itself', async () => {
      const n = MOVING_POINTS * 4;
      // A flat square of points seen from above in a large chart: one-pixel points rarely overlap.
      const cloud = ball(n);
      cloud.z = cloud.z.map(() => 0);
      const chart = await createChart({ width: 720, height: 560, attributes: { type: 'points3d', renderer }, data: cloud });
      assertEqual(chart.rendererKind, renderer, 'renderer');
      chart.series = [{ column: 'z', id: 'p', markerSize: 1 }];
      chart.setCamera({ elevation: 89, azimuth: 0, projection: 'orthographic' });
      await settle(chart);
      await chart.nextFrame();
      assertEqual(chart.model.three.moving, false, 'settled before the test');
      const settled = await chart.snapshot();
      assertEqual(chart.lastFrameStats.pointsDrawn >= n, true, `settled frame draws all ${n}: ${chart.lastFrameStats.pointsDrawn}`);
      chart.setCamera({ azimuth: chart.getCamera().azimuth });
      assertEqual(chart.model.three.moving, true, 'moving after setCamera');
      chart.renderNow();
      // WebGPU draws the fixed MOVING_POINTS prefix; Canvas2D as long a prefix as its time budget
      // allows (at least 2,000; core/scene/detail-budget.ts), so only "fewer than all" holds there.
      const drawn = chart.lastFrameStats.pointsDrawn;
      if (renderer === 'webgpu') assert(drawn < MOVING_POINTS + 1000, `moving frame draws the reduced set: ${drawn}`);
      else assert(drawn >= 2000 && drawn < n, `moving frame draws a budgeted prefix: ${drawn}`);
      const moving = await chart.snapshot();
      // Tiny points: the full cloud inks clearly more pixels than a quarter of it (Canvas2D: than
      // its budgeted prefix, which may be shorter than a quarter on a loaded machine).
      const full = inked(settled);
      const reduced = inked(moving);
      const least = renderer === 'webgpu' ? full * 0.15 : full * 0.01;
      assert(reduced < full * 0.8 && reduced > least, `inked pixels moving ${reduced}, settled ${full}`);
      // Still for a moment: it settles and draws every point again.
      await settle(chart);
      await chart.nextFrame();
      assertEqual(chart.model.three.moving, false, 'settled');
      assert(chart.lastFrameStats.pointsDrawn >= n, `settled again: ${chart.lastFrameStats.pointsDrawn}`);
      const again = await chart.snapshot();
      assert(Math.abs(inked(again) - full) <= full * 0.01, `the settled picture is back: ${inked(again)} vs ${full}`);
    });

    it('the reduced picture is close to the full one (same silhouette)', async () => {
      const chart = await createChart({ attributes: { type: 'points3d', renderer }, data: ball(MOVING_POINTS * 6, 5) });
      chart.series = [{ column: 'z', id: 'p', markerSize: 4 }];
      chart.model.three.moving = false;
      await chart.nextFrame();
      const full = await chart.snapshot();
      chart.model.three.moving = true;
      const reduced = await chart.snapshot();
      chart.model.three.moving = false;
      const diff = maskDifference(full, reduced);
      assert(diff < 0.12, `covered pixels differ by ${(diff * 100).toFixed(1)} %`);
      assert(inked(full) > 2000, 'a visible cloud');
    });
  });
}

describe('3D data: src and append', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('src: a CSV of x, y, z and a magnitude column draws a point cloud; a bad file names line and column', async () => {
    const chart = await createChart({ attributes: { type: 'points3d' } });
    chart.series = [{ column: 'z', id: 'q', colorBy: 'magnitude', markerSize: 3 }];
    const done = new Promise((resolve) => chart.addEventListener('gpu-load-progress', (e) => e.detail.phase === 'done' && resolve()));
    chart.src = '/demo/data/quakes-3d.csv';
    await done;
    await chart.nextFrame();
    assertEqual(chart.model.three.points.count, 3000, 'points from the CSV');
    assert(chart.model.three.points.columns.magnitude, 'the magnitude column kept');
    const before = await chart.snapshot();
    assert(inked(before) > 500, 'drawn');
    assert(chart.shadowRoot.querySelector('.color-bar'), 'coloured by magnitude');
    const error = nextEvent(chart, 'gpu-data-error');
    chart.src = '/test/browser/fixtures/bad-points-3d.csv';
    const { detail } = await error;
    assertEqual(detail.line, 4, 'line');
    assertEqual(detail.column, 'y', 'column');
    assert(/bad-points-3d\.csv/.test(detail.message) && /oops/.test(detail.message), detail.message);
    await chart.nextFrame();
    assertEqual(chart.model.three.points.count, 3000, 'the last good cloud stays');
    assert(maskDifference(before, await chart.snapshot()) < 0.001, 'the last good picture stays');
  });

  for (const renderer of ['webgpu', 'canvas2d']) {
    it(`append: points join the cloud in place and the picture equals the whole cloud given at once (${renderer})`, async () => {
      const all = ball(60_000, 3);
      const part = (a, from, to) => a.subarray(from, to);
      const head = { x: part(all.x, 0, 40_000), y: part(all.y, 0, 40_000), z: part(all.z, 0, 40_000) };
      const whole = await createChart({ attributes: { type: 'points3d', renderer }, data: all });
      whole.series = [{ column: 'z', id: 'p', markerSize: 2 }];
      await whole.nextFrame();
      const expected = await whole.snapshot();
      whole.remove();
      const chart = await createChart({ attributes: { type: 'points3d', renderer }, data: head });
      chart.series = [{ column: 'z', id: 'p', markerSize: 2 }];
      await chart.nextFrame();
      // The head's box is the ball's to within a hair: appends stay inside it (or widen it a little).
      chart.append({ x: part(all.x, 40_000, 50_000), y: part(all.y, 40_000, 50_000), z: part(all.z, 40_000, 50_000) });
      await chart.nextFrame();
      chart.append({ x: part(all.x, 50_000, 60_000), y: part(all.y, 50_000, 60_000), z: part(all.z, 50_000, 60_000) });
      await chart.nextFrame();
      assertEqual(chart.model.three.points.count, 60_000, 'every point held');
      const got = await chart.snapshot();
      const diff = maskDifference(expected, got);
      assert(diff < 0.01, `appended cloud vs whole cloud: ${(diff * 100).toFixed(2)} % of covered pixels differ`);
      const error = nextEvent(chart, 'gpu-data-error');
      chart.append({ x: [0], y: [0], z: [NaN] });
      assertEqual((await error).detail.column, 'append.z[0]', 'bad append named');
      assertEqual(chart.model.three.points.count, 60_000, 'nothing appended');
    });
  }
});

describe('3D keyboard point navigation', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  const key = (target, k) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
  const spoken = (chart) => chart.shadowRoot.querySelector('.axes3d-live')?.textContent ?? '';

  it('Enter starts it; arrows step through points (announced x, y, z, tooltip on the point) instead of rotating; Escape leaves', async () => {
    const chart = await createChart({ attributes: { type: 'points3d' }, data: { x: [0, 1, 2], y: [0, 1, 4], z: [0, 1, 8], mag: [5, 6, 7] } });
    const target = chart.shadowRoot.querySelector('.container');
    /** @type {HTMLElement} */ (target).focus();
    const camera = chart.getCamera();
    key(target, 'Enter');
    assert(/Point 1 of 3: x 0, y 0, z 0, mag 5\./.test(spoken(chart)), spoken(chart));
    assertEqual(chart.shadowRoot.querySelector('.axes3d-live').getAttribute('aria-live'), 'polite', 'a live region');
    key(target, 'ArrowRight');
    key(target, 'ArrowRight');
    assertEqual(spoken(chart), 'Point 3 of 3: x 2, y 4, z 8, mag 7.', 'the third point');
    assertEqual(JSON.stringify(chart.getCamera()), JSON.stringify(camera), 'arrows did not rotate');
    await chart.nextFrame();
    await sleep(300);
    const tooltip = chart.shadowRoot.querySelector('.tooltip');
    assert(/** @type {HTMLElement} */ (tooltip).style.display !== 'none' && /z: 8/.test(tooltip.textContent), `tooltip on the point: ${tooltip.textContent}`);
    key(target, 'Escape');
    assertEqual(spoken(chart), 'Left point navigation.', 'left');
    key(target, 'ArrowLeft');
    assert(chart.getCamera().azimuth !== camera.azimuth, 'arrows rotate again');
  });

  it('grids: arrows move by column and row', async () => {
    const chart = await createChart({ attributes: { type: 'surface' }, data: { x: [0, 1, 2], y: [10, 20], z: [[1, 2, 3], [4, 5, 6]] } });
    const target = chart.shadowRoot.querySelector('.container');
    /** @type {HTMLElement} */ (target).focus();
    key(target, 'Enter');
    key(target, 'ArrowRight');
    key(target, 'ArrowUp');
    assertEqual(spoken(chart), 'Cell row 2 of 2, column 2 of 3: x 1, y 20, z 5.', 'row 2, column 2');
  });
});

/** Share of pixels whose colour differs by more than `tolerance` (sum of RGB differences). */
function differing(a, b, tolerance) {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > tolerance) n++;
  }
  return n / (a.data.length / 4);
}

/** A rows × cols field with two bumps and a ripple (enough shape to recognise). */
function field(n) {
  const x = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const z = x.map((yr) => x.map((xc) => Math.exp(-3 * ((xc - 0.4) ** 2 + yr ** 2)) - 0.7 * Math.exp(-4 * ((xc + 0.5) ** 2 + (yr - 0.3) ** 2)) + 0.1 * Math.cos(6 * xc)));
  return { x, y: x, z };
}

describe('Canvas2D surface while the camera moves (detail from a time budget, half resolution)', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('moving frames draw a recognisable surface (same silhouette and colours); the settled frame is full detail again', async () => {
    const chart = await createChart({ width: 640, height: 480, attributes: { type: 'surface', renderer: 'canvas2d' }, data: field(400) });
    assertEqual(chart.rendererKind, 'canvas2d', 'renderer');
    chart.model.three.moving = false;
    await chart.nextFrame();
    const full = await chart.snapshot();
    chart.model.three.moving = true;
    // Several moving frames: the detail follows the measured draw time from the first on.
    const movingFrames = [];
    for (let i = 0; i < 6; i++) movingFrames.push(await chart.snapshot());
    chart.model.three.moving = false;
    const again = await chart.snapshot();
    assert(inked(full) > 20000, `a visible surface: ${inked(full)} px`);
    for (const moving of movingFrames) {
      const silhouette = maskDifference(full, moving);
      assert(silhouette < 0.08, `covered pixels differ by ${(silhouette * 100).toFixed(1)} %`);
      const colours = differing(full, moving, 90);
      assert(colours < 0.08, `pixels of another colour: ${(colours * 100).toFixed(1)} %`);
    }
    // Not the settled picture: drawn coarser, at half resolution (so the test sees the moving path).
    assert(differing(full, movingFrames.at(-1), 8) > 0.01, 'the moving frame is drawn by the moving path');
    // Settled: exactly the full-detail picture again.
    assert(differing(full, again, 8) < 0.001, `settled frame identical to full detail: ${(differing(full, again, 8) * 100).toFixed(3)} %`);
  });

  it('lod="off" draws full detail while moving too', async () => {
    const chart = await createChart({ width: 480, height: 360, attributes: { type: 'surface', renderer: 'canvas2d', lod: 'off' }, data: field(120) });
    chart.model.three.moving = false;
    await chart.nextFrame();
    const full = await chart.snapshot();
    chart.model.three.moving = true;
    const moving = await chart.snapshot();
    chart.model.three.moving = false;
    assert(differing(full, moving, 8) < 0.001, 'moving frame identical with lod="off"');
  });
});
