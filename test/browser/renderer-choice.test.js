// renderer="auto" chooses the faster backend (src/recovery/renderer-choice.ts): on SwiftShader (a
// software adapter) it starts on Canvas2D; measured switching tries the other backend and keeps or
// reverts; no frame is blank while switching; renderer="webgpu" / "canvas2d" pin either.
import { assert, assertEqual, nextEvent, recordEvents, frame, sleep } from './helpers.js';
import { randomWalk } from '../../demo/sample-data.js';

const GpuChart = /** @type {typeof import('../../dist/index.js').GpuChart} */ (customElements.get('gpu-chart'));
const data = randomWalk(20_000, { seed: 3 });

/** A chart with the given choice options (restored after), attached, and its first events. */
async function chartWith(choice, attributes = {}) {
  const saved = GpuChart.rendererChoice;
  GpuChart.rendererChoice = choice;
  const chart = document.createElement('gpu-chart');
  chart.style.cssText = 'display:block;width:400px;height:240px';
  for (const [k, v] of Object.entries(attributes)) chart.setAttribute(k, v);
  const log = recordEvents(chart, ['gpu-renderer-change', 'gpu-fallback', 'gpu-ready']);
  const ready = nextEvent(chart, 'gpu-ready');
  document.body.append(chart);
  try {
    await ready;
  } finally {
    GpuChart.rendererChoice = saved;
  }
  chart.data = data;
  await chart.nextFrame();
  return { chart, log };
}

const of = (log, type) => log.events.filter((e) => e.type === type).map((e) => e.detail);

/** The canvas on top (the one the page shows: later siblings paint over earlier ones). */
function topCanvas(chart) {
  const canvases = chart.shadowRoot.querySelectorAll('canvas');
  return canvases[canvases.length - 1];
}

/**
 * Non-transparent pixels of a canvas, read through drawImage. (A WebGPU canvas reads back empty
 * once its frame was presented, so this is for the Canvas2D ones.)
 */
function visiblePixels(chart, top = topCanvas(chart)) {
  const probe = document.createElement('canvas');
  probe.width = top.width;
  probe.height = top.height;
  const ctx = probe.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(top, 0, 0);
  const { data: px } = ctx.getImageData(0, 0, probe.width, probe.height);
  let n = 0;
  for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
  return n;
}

describe('renderer="auto": the faster backend, measured', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((c) => c.remove()));

  it('starts on Canvas2D on a software adapter (SwiftShader), ready, no fallback, reported with its reason', async () => {
    const { chart, log } = await chartWith({});
    const [first] = of(log, 'gpu-renderer-change');
    assert(first, 'gpu-renderer-change fired');
    assertEqual(first.renderer, 'canvas2d', 'renderer');
    assertEqual(first.cause, 'adapter', 'cause');
    assertEqual(first.previous, null, 'previous');
    assertEqual(first.softwareAdapter, true, 'software adapter');
    assert(/swiftshader/i.test(`${first.adapter?.architecture} ${first.adapter?.description}`) || first.adapter?.isFallbackAdapter, `adapter ${JSON.stringify(first.adapter)}`);
    assertEqual(chart.rendererKind, 'canvas2d', 'draws with Canvas2D');
    assertEqual(chart.state, 'ready', 'state: a choice, not a fallback');
    assertEqual(of(log, 'gpu-fallback').length, 0, 'no gpu-fallback');
    assertEqual(of(log, 'gpu-ready')[0].renderer, 'canvas2d', 'gpu-ready says canvas2d');
    assert(!chart.shadowRoot.querySelector('[part="fallback-badge"]'), 'no fallback badge');
    assert(visiblePixels(chart) > 500, 'the line is drawn');
  });

  it('pins: renderer="webgpu" draws with WebGPU on SwiftShader, renderer="canvas2d" with Canvas2D, and neither reports a choice', async () => {
    const gpu = await chartWith({}, { renderer: 'webgpu' });
    assertEqual(gpu.chart.rendererKind, 'webgpu', 'webgpu pinned');
    assertEqual(of(gpu.log, 'gpu-renderer-change').length, 0, 'no choice event when pinned');
    const cpu = await chartWith({}, { renderer: 'canvas2d' });
    assertEqual(cpu.chart.rendererKind, 'canvas2d', 'canvas2d pinned');
    assertEqual(of(cpu.log, 'gpu-renderer-change').length, 0, 'no choice event when pinned');
    // Back to auto: the choice is made (and reported) again.
    const saved = GpuChart.rendererChoice;
    GpuChart.rendererChoice = {};
    try {
      const change = nextEvent(cpu.chart, 'gpu-renderer-change');
      cpu.chart.renderer = 'auto';
      assertEqual((await change).detail.renderer, 'canvas2d', 'auto on SwiftShader');
    } finally {
      GpuChart.rendererChoice = saved;
    }
  });

  it('measured frames try the other backend and keep or revert it, without a single blank frame while switching', async () => {
    // Every window counts as slow (slowFactor tiny), so a trial of WebGPU starts after 3 frames.
    const { chart, log } = await chartWith({ windowSize: 3, warmupFrames: 0, slowFactor: 1e-6, backoffWindows: 1000, softwareTrials: true });
    assertEqual(chart.rendererKind, 'canvas2d', 'starts on Canvas2D');
    // Every canvas a renderer drew on (a drawn frame targets the canvas not retiring).
    const drawnOn = new Set();
    chart.onFrame(() => drawnOn.add(chart.shadowRoot.querySelector('canvas:not(.retiring)')));
    drawnOn.add(chart.shadowRoot.querySelector('canvas'));
    let blank = 0;
    const blanks = [];
    let wasSwitching = false;
    let frames = 0;
    let maxCanvases = 1;
    const kinds = new Set();
    const deadline = performance.now() + 30_000;
    // Keep drawing (y range changes every frame), checking what the page shows at every frame.
    while (of(log, 'gpu-renderer-change').length < 3 && performance.now() < deadline) {
      chart.setViewport(data.time[0] + frames * 1000, data.time[data.time.length - 1]);
      await frame();
      frames++;
      kinds.add(chart.rendererKind);
      maxCanvases = Math.max(maxCanvases, chart.shadowRoot.querySelectorAll('canvas').length);
      // What the page shows must be a drawn picture: a canvas a renderer has drawn on (and, for
      // Canvas2D, whose pixels are there).
      const top = topCanvas(chart);
      const drawn = drawnOn.has(top);
      const ink = top.getContext('2d') ? visiblePixels(chart, top) : null;
      const switching = chart.shadowRoot.querySelectorAll('canvas').length > 1 || wasSwitching;
      wasSwitching = chart.shadowRoot.querySelectorAll('canvas').length > 1;
      // While a switch is under way (two canvases) and on the first frame after it.
      if (switching && (!drawn || (ink !== null && ink < 100))) {
        blank++;
        blanks.push(`frame ${frames}: ${chart.rendererKind}, drawn ${drawn}, ink ${ink}, canvases ${chart.shadowRoot.querySelectorAll('canvas').length}`);
      }
    }
    const changes = of(log, 'gpu-renderer-change');
    assert(changes.length >= 3, `three choices (adapter, trial, outcome), got ${JSON.stringify(changes.map((c) => c.cause))}`);
    assertEqual(changes[1].cause, 'trial', 'second: a trial');
    assertEqual(changes[1].renderer, 'webgpu', 'of WebGPU');
    assert(changes[1].measurements.canvas2d?.samples === 3, 'the trial says what Canvas2D measured');
    assert(['measured', 'reverted'].includes(changes[2].cause), `outcome ${changes[2].cause}`);
    assert(changes[2].measurements.webgpu && changes[2].measurements.canvas2d, 'the outcome carries both measurements');
    await chart.nextFrame();
    await frame();
    assertEqual(chart.rendererKind, changes[2].renderer, 'draws with the outcome');
    assert(kinds.has('webgpu'), 'WebGPU drew during the trial');
    assertEqual(blank, 0, `blank frames while switching (of ${frames}): ${blanks.join('; ')}`);
    assert(maxCanvases === 2, 'the old canvas stayed up while the new renderer started');
    assertEqual(chart.shadowRoot.querySelectorAll('canvas').length, 1, 'then only one canvas is left');
    assertEqual(of(log, 'gpu-fallback').length, 0, 'switching is not a fallback');
    assertEqual(JSON.stringify(chart.rendererMeasurements), JSON.stringify(changes.at(-1).measurements), 'rendererMeasurements');
    await sleep(0);
  });
});

describe('renderer="auto": back on Canvas2D after a trial', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((c) => c.remove()));

  // Seen about 1 run in 3 before the fix: the switch back to Canvas2D is decided while a WebGPU
  // frame is being committed (back-to-back frames are judged synchronously), and that frame's
  // "drawn" step let the old canvas go although the new renderer had not drawn yet: the page
  // showed the fresh, blank Canvas2D canvas until the next frame. Frames here are committed
  // back-to-back (renderNow twice per animation frame) and the picture checked after each.
  it('shows a drawn picture at every frame around a reverted trial of WebGPU, run after run', async () => {
    const problems = [];
    for (let round = 0; round < 3; round++) {
      // Every Canvas2D window is slow (trial), WebGPU is never fast enough (revert), no second trial.
      const { chart, log } = await chartWith({ windowSize: 3, warmupFrames: 0, slowFactor: 1e-6, switchRatio: 1e-9, backoffWindows: 1000, softwareTrials: true });
      let frames = 0;
      let after = 0;
      const deadline = performance.now() + 30_000;
      const reverted = () => of(log, 'gpu-renderer-change').some((c) => c.cause === 'reverted');
      const check = (when) => {
        const top = topCanvas(chart);
        // A WebGPU canvas reads back empty once presented: only 2D canvases can be checked.
        const ink = top.getContext('2d') ? visiblePixels(chart, top) : null;
        if (ink !== null && ink < 100) problems.push(`round ${round}, ${when}: renderer ${chart.rendererKind}, ${chart.shadowRoot.querySelectorAll('canvas').length} canvases, ink ${ink}`);
      };
      while (after < 20 && performance.now() < deadline) {
        for (let k = 0; k < 2; k++) {
          chart.setViewport(data.time[0] + frames * 1000, data.time[data.time.length - 1]);
          chart.renderNow();
          frames++;
          check(`frame ${frames} (${reverted() ? 'after' : 'before'} the revert)`);
        }
        await frame();
        check(`presented frame ${frames}`);
        if (reverted() && chart.rendererKind === 'canvas2d') after++;
      }
      assert(reverted(), `round ${round}: the trial reverted (${JSON.stringify(of(log, 'gpu-renderer-change').map((c) => c.cause))})`);
      assertEqual(chart.shadowRoot.querySelectorAll('canvas').length, 1, 'one canvas left');
      chart.remove();
    }
    assertEqual(problems.length, 0, `blank frames: ${problems.slice(0, 6).join('; ')}`);
  });
});
