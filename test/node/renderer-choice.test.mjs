// renderer="auto" (src/recovery/renderer-choice.ts): the first choice from the adapter, trials
// of the other backend when frames are slow, hysteresis, back-off, and forgetting measurements
// when conditions change. Frames are simulated: each test feeds costs and checks decisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RendererChooser, isSoftwareAdapter, summarizeFrames } from '../../build/node/recovery/renderer-choice.js';

const SWIFTSHADER = { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true };
const NVIDIA = { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200', isFallbackAdapter: false };

/** Feeds `n` frames of `ms` on `kind`; returns every decision taken. */
function feed(chooser, kind, ms, n) {
  const decisions = [];
  for (let i = 0; i < n; i++) {
    const d = chooser.record(kind, typeof ms === 'function' ? ms(i) : ms);
    if (d) decisions.push(d);
  }
  return decisions;
}

const small = { windowSize: 5, warmupFrames: 1, backoffWindows: 2, maxTrials: 2 };
// One window plus the warm-up frames that follow each switch.
const WINDOW = small.windowSize + small.warmupFrames;

test('software adapters are recognised by name or by isFallbackAdapter', () => {
  assert.equal(isSoftwareAdapter(SWIFTSHADER), true);
  assert.equal(isSoftwareAdapter({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }), true);
  assert.equal(isSoftwareAdapter({ vendor: 'microsoft', description: 'Microsoft Basic Render Driver' }), true);
  assert.equal(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader' }), true);
  assert.equal(isSoftwareAdapter(NVIDIA), false);
  assert.equal(isSoftwareAdapter({ vendor: 'apple', architecture: 'metal-3' }), false);
  assert.equal(isSoftwareAdapter(null), false);
});

test('first choice: Canvas2D on a software adapter, WebGPU on a real GPU, configurable', () => {
  const soft = new RendererChooser().initial(SWIFTSHADER);
  assert.equal(soft.renderer, 'canvas2d');
  assert.equal(soft.cause, 'adapter');
  assert.equal(soft.softwareAdapter, true);
  assert.equal(soft.previous, null);
  assert.match(soft.reason, /software adapter \(google swiftshader\)/);
  const hard = new RendererChooser().initial(NVIDIA);
  assert.equal(hard.renderer, 'webgpu');
  assert.equal(hard.softwareAdapter, false);
  assert.equal(new RendererChooser({ softwareAdapter: 'webgpu' }).initial(SWIFTSHADER).renderer, 'webgpu');
  assert.equal(new RendererChooser().initial(null).renderer, 'webgpu', 'no adapter: WebGPU is attempted, the fallback handles it');
});

test('fast frames never switch; slow frames try the other backend and keep it when faster', () => {
  const chooser = new RendererChooser(small);
  chooser.initial(NVIDIA);
  assert.deepEqual(feed(chooser, 'webgpu', 8, 50), [], 'under budget: no trial');
  const trial = feed(chooser, 'webgpu', 40, WINDOW);
  assert.equal(trial.length, 1);
  assert.equal(trial[0].cause, 'trial');
  assert.equal(trial[0].renderer, 'canvas2d');
  assert.equal(trial[0].measurements.webgpu.p50, 40);
  assert.equal(chooser.current, 'canvas2d');
  // Frames still drawn by the old renderer (draining) are ignored.
  assert.deepEqual(feed(chooser, 'webgpu', 1, 20), []);
  const kept = feed(chooser, 'canvas2d', 20, WINDOW);
  assert.equal(kept.length, 1);
  assert.equal(kept[0].cause, 'measured');
  assert.equal(kept[0].renderer, 'canvas2d');
  assert.equal(kept[0].previous, 'webgpu');
  assert.deepEqual(Object.keys(kept[0].measurements).sort(), ['canvas2d', 'webgpu']);
  assert.equal(chooser.current, 'canvas2d');
  // Settled: Canvas2D still slow, but WebGPU was measured slower: no flip-flop.
  assert.deepEqual(feed(chooser, 'canvas2d', 25, 60), []);
});

test('hysteresis: a trial that is not faster by the margin reverts, then backs off, then gives up', () => {
  const chooser = new RendererChooser(small);
  chooser.initial(NVIDIA);
  const [trial] = feed(chooser, 'webgpu', 30, WINDOW);
  assert.equal(trial.cause, 'trial');
  const [revert] = feed(chooser, 'canvas2d', 27, WINDOW); // 10 % faster: under the 20 % margin
  assert.equal(revert.cause, 'reverted');
  assert.equal(revert.renderer, 'webgpu');
  assert.equal(chooser.current, 'webgpu');
  // Canvas2D is measured (27 ms, not 0.8 × 30): no switch back, and no new trial while measured.
  assert.deepEqual(feed(chooser, 'webgpu', 30, WINDOW * 10), []);
});

test('a software adapter stays on Canvas2D however slow its frames, unless softwareTrials', () => {
  const chooser = new RendererChooser(small);
  assert.equal(chooser.initial(SWIFTSHADER).renderer, 'canvas2d');
  assert.deepEqual(feed(chooser, 'canvas2d', 200, WINDOW * 10), [], 'no trial of WebGPU rasterized on the same CPU');
  assert.equal(chooser.measurements.canvas2d.p50, 200, 'still measured');
  // Configured to draw with WebGPU on a software adapter: slow WebGPU frames do try Canvas2D.
  const gpu = new RendererChooser({ ...small, softwareAdapter: 'webgpu' });
  gpu.initial(SWIFTSHADER);
  assert.equal(feed(gpu, 'webgpu', 200, WINDOW)[0].renderer, 'canvas2d');
});

test('measured faster elsewhere: switch back without a new trial; conditions change forgets', () => {
  const chooser = new RendererChooser({ ...small, softwareTrials: true });
  chooser.initial(SWIFTSHADER); // canvas2d
  const [trial] = feed(chooser, 'canvas2d', 50, WINDOW);
  assert.equal(trial.renderer, 'webgpu');
  const [revert] = feed(chooser, 'webgpu', 60, WINDOW);
  assert.equal(revert.cause, 'reverted');
  assert.equal(revert.renderer, 'canvas2d');
  // Small data changes are not a change of conditions; a 10× change is.
  assert.equal(chooser.conditionsChanged(1_000_000), false);
  assert.equal(chooser.conditionsChanged(1_500_000), false);
  assert.equal(chooser.conditionsChanged(15_000_000), true);
  assert.deepEqual(chooser.measurements, {});
  // Now Canvas2D got slow with 15M points: after a window, WebGPU is tried again and kept.
  const [retry] = feed(chooser, 'canvas2d', 80, WINDOW);
  assert.equal(retry.cause, 'trial');
  const [kept] = feed(chooser, 'webgpu', 30, WINDOW);
  assert.equal(kept.cause, 'measured');
  assert.equal(kept.renderer, 'webgpu');
});

test('back-off after failed trials doubles, and trials stop at maxTrials', () => {
  const chooser = new RendererChooser({ ...small, maxTrials: 2, backoffWindows: 2 });
  chooser.initial(NVIDIA);
  let trials = 0;
  for (let round = 0; round < 40; round++) {
    for (const d of feed(chooser, chooser.current, chooser.current === 'webgpu' ? 30 : 29, WINDOW)) {
      if (d.cause === 'trial') trials++;
    }
    // Forget only the other backend's figure, so that a trial is wanted again: the back-off decides.
    if (chooser.current === 'webgpu') delete /** @type {any} */ (chooser).measured.canvas2d;
  }
  assert.equal(trials, 2, 'one trial, one after the back-off, then none');
});

test('measure: false keeps the adapter choice whatever the frames; nonsense samples are dropped', () => {
  const chooser = new RendererChooser({ ...small, measure: false });
  chooser.initial(NVIDIA);
  assert.deepEqual(feed(chooser, 'webgpu', 500, 100), []);
  const measuring = new RendererChooser(small);
  measuring.initial(NVIDIA);
  assert.deepEqual(feed(measuring, 'webgpu', (i) => (i % 2 ? NaN : 1e9), 100), []);
});

test('summarizeFrames: median and p95', () => {
  const s = summarizeFrames(Float64Array.from([5, 1, 3, 2, 4]), 5);
  assert.deepEqual(s, { p50: 3, p95: 5, samples: 5 });
});

test('a plainly losing trial ends after a few frames, not a whole window, even at seconds a frame', () => {
  const chooser = new RendererChooser({ windowSize: 24, warmupFrames: 4, softwareTrials: true });
  chooser.initial(SWIFTSHADER);
  // Canvas2D at 137 ms a frame (a bilinear 4096² heatmap on a loaded machine): slow, so WebGPU is tried.
  const [trial] = feed(chooser, 'canvas2d', 137, 4 + 24);
  assert.equal(trial.cause, 'trial');
  assert.equal(trial.renderer, 'webgpu');
  // WebGPU on the software rasterizer: 1.5 s, then frames past maxFrameMs (they count, capped).
  const costs = [900, 900, 900, 900, 1500, 2600, 3100];
  const decisions = [];
  let frames = 0;
  for (const ms of costs) {
    frames++;
    const d = chooser.record('webgpu', ms);
    if (d) {
      decisions.push(d);
      break;
    }
  }
  assert.equal(decisions.length, 1);
  assert.equal(decisions[0].cause, 'reverted');
  assert.equal(decisions[0].renderer, 'canvas2d');
  assert.equal(frames, 4 + 3, 'the warm-up frames, then three measured ones');
  assert.ok(decisions[0].measurements.webgpu.p50 >= 1500);
  // A trial that is only a little slower runs its whole window before it is judged.
  const close = new RendererChooser({ windowSize: 10, warmupFrames: 1, softwareTrials: true });
  close.initial(SWIFTSHADER);
  feed(close, 'canvas2d', 40, 11);
  const early = feed(close, 'webgpu', 60, 1 + 9);
  assert.deepEqual(early, [], '1.5× slower: no early end');
  const [judged] = feed(close, 'webgpu', 60, 1);
  assert.equal(judged.cause, 'reverted');
});
