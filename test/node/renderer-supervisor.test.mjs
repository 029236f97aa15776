// The renderer supervisor (src/recovery/renderer-supervisor.ts), whole scenarios at a time: fake
// renderers from a fake factory, a fake clock whose timers run only when a test advances it, and
// an event sink that records what the element would turn into DOM events. Each test pins the
// order of what happens, so a broken backoff, breaker, ladder or disposal fails it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RendererSupervisor } from '../../build/node/recovery/renderer-supervisor.js';

/** Lets every promise chain that is ready run (the supervisor awaits its factory's promises). */
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A clock whose timers fire only inside `advance`, in order of their time. */
function fakeClock() {
  let t = 0;
  let nextId = 1;
  /** @type {Map<number, { at: number, callback: () => void }>} */
  const timers = new Map();
  return {
    now: () => t,
    setTimeout(/** @type {() => void} */ callback, /** @type {number} */ ms) {
      const id = nextId++;
      timers.set(id, { at: t + ms, callback });
      return id;
    },
    clearTimeout(/** @type {unknown} */ id) {
      timers.delete(/** @type {number} */ (id));
    },
    /** Timers waiting. */
    get pending() {
      return timers.size;
    },
    /** Moves time on by `ms`, running each timer due meanwhile (and what it starts) at its time. */
    async advance(/** @type {number} */ ms) {
      const end = t + ms;
      for (;;) {
        await settle();
        /** @type {[number, { at: number, callback: () => void }] | null} */
        let next = null;
        for (const [id, timer] of timers) if (timer.at <= end && (!next || timer.at < next[1].at)) next = [id, timer];
        if (!next) break;
        const [id, timer] = next;
        timers.delete(id);
        t = timer.at;
        timer.callback();
      }
      t = end;
      await settle();
    },
  };
}

class FakeRenderer {
  /** @param {'webgpu' | 'canvas2d'} kind @param {1 | 4} sampleCount */
  constructor(kind, sampleCount = 1, onIssue = null) {
    this.kind = kind;
    this.sampleCount = sampleCount;
    /** Reports an issue, as a WebGPU renderer does while drawing. */
    this.onIssue = onIssue;
    this.disposed = false;
    this.failedKinds = new Set();
    this.memoryBytes = 0;
  }
  render() {
    return { cpuMs: 0, pointsDrawn: 0, gpuMs: null };
  }
  capture() {
    return Promise.reject(new Error('fake'));
  }
  dispose() {
    this.disposed = true;
  }
}

function unavailableError(reason, message) {
  return Object.assign(new Error(message), { reason });
}

/**
 * A supervisor in a fake world. `world.deviceOutcomes` lists what the next device requests do
 * ('fail' or 'ok'; empty: ok); `world.pipelineFailures` lists, per WebGPU renderer created next,
 * the pipelines that fail (empty: none). `world.log` records every event in order.
 */
/** @param {{ lod?: 'auto' | 'off', sampleCount?: 1 | 4, retry?: object, breaker?: object }} [options] */
function setup({ lod = 'off', sampleCount = 4, retry = {}, breaker = {} } = {}) {
  const clock = fakeClock();
  const world = {
    clock,
    /** @type {string[]} */
    deviceOutcomes: [],
    /** @type {string[][]} */
    pipelineFailures: [],
    deviceRequests: 0,
    /** @type {FakeRenderer[]} */
    created: [],
    /** @type {any[]} */
    log: [],
    chart: {
      isConnected: true,
      lod,
      sampleCount,
      memoryBudgetBytes: null,
      recoveryOptions: {
        retry: { baseMs: 100, factor: 2, maxMs: 1000, attempts: 4, jitter: 0, ...retry },
        breaker: { failureThreshold: 3, windowMs: 60_000, openMs: 5000, ...breaker },
      },
    },
    /** Only the events of one type, without their type. */
    of(type) {
      return world.log.filter((e) => e.type === type).map(({ type: _, ...rest }) => rest);
    },
    /** The WebGPU renderer drawing now, to report issues through. */
    get current() {
      return /** @type {FakeRenderer} */ (supervisor.renderer);
    },
  };
  const record =
    (type) =>
    (value = null) =>
      world.log.push({ type, value });
  const factory = {
    pipelineCount: 3,
    async acquireDevice() {
      world.deviceRequests++;
      if (world.deviceOutcomes.shift() === 'fail') throw unavailableError('device-failed', `request ${world.deviceRequests} failed`);
      return { id: world.deviceRequests };
    },
    openSurface: (device) => ({ device, limits: { maxTextureDimension2D: 8192 }, canvasSize: () => ({ width: 300, height: 150 }) }),
    createWebGpu(_surface, settings) {
      const renderer = new FakeRenderer('webgpu', settings.sampleCount, settings.onIssue);
      world.created.push(renderer);
      const failed = (world.pipelineFailures.shift() ?? []).map((kind) => ({ kind, message: `${kind} did not compile`, diagnostics: [{ line: 1 }] }));
      return { renderer, checked: Promise.resolve(failed) };
    },
    createCanvas2d: () => new FakeRenderer('canvas2d'),
    unavailable: (error) => (error.reason ? error : unavailableError('device-failed', String(error))),
  };
  const events = {
    rendererChanged: (renderer) => world.log.push({ type: 'renderer', value: renderer?.kind ?? null }),
    stateChanged: record('state'),
    deviceAcquired: record('device'),
    degradationChanged: record('degradation'),
    showMessage: record('message'),
    ready: record('ready'),
    fallback: (notice) => world.log.push({ type: 'fallback', ...notice }),
    recovery: (detail) => world.log.push({ type: 'recovery', ...detail }),
  };
  const supervisor = new RendererSupervisor({ factory, clock, events, chart: world.chart });
  supervisor.connect();
  return { supervisor, world, clock };
}

/** The fallback notices so far, as [reason, what draws instead]. */
function fallbacks(world) {
  return world.of('fallback').map((n) => [n.reason, n.renderer]);
}

/** The supervisor's lifecycle, as the list of states it went through. */
function states(supervisor) {
  return supervisor.lifecycle.history.map((t) => t.to);
}

/** A supervisor whose breaker opens at the first device loss, after that loss: on Canvas2D, a probe pending. */
async function onFallbackAfterOneLoss() {
  const setUp = setup({ breaker: { failureThreshold: 1 } });
  await setUp.supervisor.start();
  setUp.supervisor.deviceLost('unknown', 'gone');
  await settle();
  assert.equal(setUp.supervisor.state, 'fallback');
  return setUp;
}

/** Console output of the supervisor (errors and warnings it logs), kept out of the test report. */
function quiet(t) {
  t.mock.method(console, 'error', () => {});
  t.mock.method(console, 'warn', () => {});
}

test('device lost → retries with exponential backoff → recovered on a new device and renderer', async () => {
  const { supervisor, world, clock } = setup();
  await supervisor.start();
  assert.equal(supervisor.state, 'ready');
  assert.deepEqual(world.of('ready'), [{ value: 'webgpu' }]);
  const first = world.current;
  assert.equal(first.kind, 'webgpu');

  world.deviceOutcomes = ['fail', 'fail'];
  world.log.length = 0;
  supervisor.deviceLost('unknown', 'the GPU went away');
  await settle();
  assert.ok(first.disposed, 'the lost renderer is released');
  assert.equal(supervisor.renderer, null);
  assert.equal(supervisor.state, 'recovering');
  assert.deepEqual(
    world.of('recovery').map((d) => [d.phase, d.attempt, d.delayMs]),
    [
      ['lost', 0, undefined],
      ['retrying', 1, 100],
    ],
  );
  const requests = world.deviceRequests;
  await clock.advance(99);
  assert.equal(world.deviceRequests, requests, 'no retry before the first backoff delay');
  await clock.advance(1);
  assert.equal(world.deviceRequests, requests + 1, 'the second attempt after 100 ms');
  assert.deepEqual(world.of('recovery').at(-1), { phase: 'retrying', attempt: 2, delayMs: 200, reason: 'Error: request 3 failed', message: 'attempt 2 failed; retrying in 200 ms' });
  await clock.advance(199);
  assert.equal(world.deviceRequests, requests + 1, 'the delay doubled');
  await clock.advance(1);
  const recovered = world.of('recovery').at(-1);
  assert.equal(recovered.phase, 'recovered');
  assert.equal(recovered.attempt, 3);
  assert.equal(recovered.durationMs, 300, 'measured on the clock from the loss');
  assert.equal(supervisor.state, 'ready');
  assert.notEqual(world.current, first);
  assert.equal(world.current.kind, 'webgpu');
  assert.deepEqual(world.of('ready'), [], 'gpu-ready fires once, not again after a recovery');
  assert.deepEqual(states(supervisor), ['ready', 'lost', 'recovering', 'ready']);
  assert.equal(supervisor.breaker.state, 'closed');
});

test('repeated device losses open the breaker → Canvas2D → a half-open probe later → back to WebGPU', async () => {
  const { supervisor, world, clock } = setup();
  await supervisor.start();
  for (let i = 1; i <= 2; i++) {
    supervisor.deviceLost('unknown', `loss ${i}`);
    await settle();
    assert.equal(supervisor.state, 'ready', `loss ${i} recovered`);
  }
  world.log.length = 0;
  supervisor.deviceLost('unknown', 'loss 3');
  await settle();
  assert.equal(supervisor.breaker.state, 'open', 'three failures in the window open the device breaker');
  assert.deepEqual(fallbacks(world), [['circuit-open', 'canvas2d']]);
  assert.equal(supervisor.state, 'fallback');
  assert.equal(world.current.kind, 'canvas2d');
  assert.deepEqual(
    world.of('recovery').map((d) => d.phase),
    ['lost'],
    'no retry while the breaker is open',
  );

  const requests = world.deviceRequests;
  await clock.advance(4999);
  assert.equal(world.deviceRequests, requests, 'no probe before the breaker has been open for openMs');
  assert.equal(world.current.kind, 'canvas2d');
  await clock.advance(1);
  assert.equal(world.deviceRequests, requests + 1, 'one probe');
  assert.equal(supervisor.state, 'ready', 'the probe worked: back to WebGPU');
  assert.equal(world.current.kind, 'webgpu');
  assert.equal(supervisor.breaker.state, 'closed', 'a successful probe closes the breaker');
  assert.deepEqual(states(supervisor).slice(-4), ['lost', 'fallback', 'recovering', 'ready']);
  assert.equal(clock.pending, 0, 'no probe left once back on WebGPU');
});

test('a failed probe keeps Canvas2D and probes again after another openMs', async () => {
  const { supervisor, world, clock } = await onFallbackAfterOneLoss();
  world.deviceOutcomes = ['fail'];
  await clock.advance(5000);
  assert.equal(supervisor.state, 'fallback', 'the probe failed: still Canvas2D');
  assert.equal(world.current.kind, 'canvas2d');
  assert.equal(supervisor.breaker.state, 'open', 'the failed probe opens the breaker again');
  await clock.advance(5000);
  assert.equal(supervisor.state, 'ready', 'the next probe worked');
  assert.equal(world.current.kind, 'webgpu');
});

test('out of memory: the ladder gives up level of detail, MSAA, resolution (½, ¼), then Canvas2D without a probe', async (t) => {
  quiet(t);
  const { supervisor, world, clock } = setup({ lod: 'off', sampleCount: 4 });
  await supervisor.start();
  const outOfMemory = async () => {
    world.current.onIssue({ type: 'out-of-memory', message: 'allocation failed' });
    await settle();
  };
  const steps = () => world.of('degradation').map(({ value }) => value && [value.degradation.step, value.degradation.lod, value.degradation.msaa, value.degradation.resolutionFactor]);

  await outOfMemory();
  assert.deepEqual(steps(), [['lod', 'auto', 4, 1]]);
  assert.equal(supervisor.lodOverride, 'auto', 'level of detail forced on');
  assert.equal(world.current.sampleCount, 4, 'the same renderer: level of detail needs no rebuild');

  const beforeMsaa = world.current;
  await outOfMemory();
  assert.deepEqual(steps().at(-1), ['msaa', 'auto', 1, 1]);
  assert.ok(beforeMsaa.disposed, 'MSAA is a pipeline property: the renderer was rebuilt');
  assert.equal(world.current.sampleCount, 1, 'rebuilt without MSAA');
  assert.equal(supervisor.state, 'ready');

  await outOfMemory();
  assert.deepEqual(steps().at(-1), ['resolution', 'auto', 1, 0.5]);
  assert.equal(supervisor.fitPixelRatio(300, 150, 2), 1, 'the canvas is sized at half the resolution');
  await outOfMemory();
  assert.deepEqual(steps().at(-1), ['resolution', 'auto', 1, 0.25]);
  assert.equal(supervisor.fitPixelRatio(300, 150, 2), 0.5);

  world.log.length = 0;
  await outOfMemory();
  assert.deepEqual(fallbacks(world), [['out-of-memory', 'canvas2d']]);
  assert.deepEqual(steps(), [null], 'then the canvas is measured again, at full resolution');
  assert.equal(supervisor.fitPixelRatio(300, 150, 2), 2);
  assert.equal(supervisor.state, 'fallback');
  const requests = world.deviceRequests;
  await clock.advance(60_000);
  assert.equal(world.deviceRequests, requests, 'no probe: the GPU has no more memory later');
  assert.equal(world.current.kind, 'canvas2d');
});

test('a failed pipeline: drawn without its layers, retried after a backoff, then whole again', async (t) => {
  quiet(t);
  const { supervisor, world, clock } = setup();
  world.pipelineFailures = [['rects']];
  await supervisor.start();
  assert.equal(supervisor.state, 'degraded');
  assert.deepEqual(world.of('fallback'), [{ reason: 'pipeline-failed', renderer: 'webgpu', layers: ['rects'], diagnostics: [{ line: 1 }], message: 'WebGPU draws this chart without its rects layers: rects did not compile' }]);
  const partial = world.current;
  partial.onIssue({ type: 'skipped-layers', message: 'rects skipped' });
  partial.onIssue({ type: 'skipped-layers', message: 'rects skipped again' });
  assert.equal(clock.pending, 1, 'one retry scheduled, however often layers are skipped');
  await clock.advance(99);
  assert.equal(world.current, partial, 'not before the backoff');
  await clock.advance(1);
  assert.ok(partial.disposed);
  assert.notEqual(world.current, partial);
  assert.equal(supervisor.state, 'ready', 'the retried pipeline compiled');
  assert.equal(supervisor.pipelineFailures.length, 0);
});

test('every pipeline failing moves the chart to Canvas2D, and a probe later goes back to WebGPU', async (t) => {
  quiet(t);
  const { supervisor, world, clock } = setup();
  world.pipelineFailures = [['line', 'area', 'rects']];
  await supervisor.start();
  assert.deepEqual(
    world.of('fallback').map((n) => [n.reason, n.renderer, n.layers]),
    [['pipeline-failed', 'canvas2d', ['line', 'area', 'rects']]],
  );
  assert.equal(supervisor.state, 'fallback');
  assert.ok(world.created[0].disposed, 'the useless WebGPU renderer is released');
  assert.deepEqual(world.of('ready'), [{ value: 'canvas2d' }]);
  await clock.advance(5000);
  assert.equal(supervisor.state, 'ready', 'the probe found the pipelines working');
  assert.equal(world.current.kind, 'webgpu');
});

test('renderer="webgpu" never falls back: the chart fails with a message', async () => {
  const { supervisor, world, clock } = setup();
  supervisor.preference = 'webgpu';
  world.deviceOutcomes = ['fail'];
  await supervisor.start();
  assert.equal(supervisor.state, 'failed');
  assert.equal(supervisor.renderer, null);
  assert.deepEqual(fallbacks(world), [['device-failed', 'none']]);
  assert.deepEqual(world.of('message').at(-1), { value: 'request 1 failed' });
  assert.equal(clock.pending, 0, 'nothing to probe');
});

test('disposed during a pending retry: the retry is cancelled and nothing fires afterwards', async () => {
  const { supervisor, world, clock } = setup();
  await supervisor.start();
  world.deviceOutcomes = ['fail', 'fail', 'fail'];
  supervisor.deviceLost('unknown', 'gone');
  await settle();
  assert.equal(world.of('recovery').at(-1).phase, 'retrying');
  assert.equal(clock.pending, 1, 'the backoff wait');

  supervisor.dispose();
  assert.equal(supervisor.state, 'disposed');
  assert.equal(clock.pending, 0, 'the wait was cancelled');
  const logged = world.log.length;
  const requests = world.deviceRequests;
  await clock.advance(60_000);
  assert.equal(world.deviceRequests, requests, 'no attempt after dispose');
  assert.equal(world.log.length, logged, `no event after dispose: ${JSON.stringify(world.log.slice(logged))}`);
  assert.equal(supervisor.renderer, null);
});

test('disposed on the fallback: the pending probe never fires; connected again, it starts afresh', async () => {
  const { supervisor, world, clock } = await onFallbackAfterOneLoss();
  const canvas2d = world.current;
  assert.equal(clock.pending, 1, 'the probe');
  supervisor.dispose();
  assert.ok(canvas2d.disposed);
  assert.equal(clock.pending, 0);
  const logged = world.log.length;
  await clock.advance(60_000);
  assert.equal(world.log.length, logged, 'no event after dispose');

  supervisor.connect();
  assert.equal(supervisor.state, 'initializing', 'a fresh lifecycle');
  await supervisor.start();
  assert.equal(supervisor.state, 'ready', 'a start tries WebGPU again');
  assert.deepEqual(world.of('ready').at(-1), { value: 'webgpu' }, 'gpu-ready again, once per connection');
});

test('a start superseded while its device was requested drops its result', async () => {
  const { supervisor, world } = setup();
  const first = supervisor.start();
  supervisor.preference = 'canvas2d';
  const second = supervisor.start();
  await Promise.all([first, second]);
  await settle();
  assert.equal(world.current.kind, 'canvas2d');
  assert.equal(world.created.length, 0, 'the superseded start created no WebGPU renderer');
  assert.equal(supervisor.state, 'fallback');
});

test('renderer="auto" switches backends for speed: ready throughout, no fallback event, the old renderer retired (not disposed) until the new one drew', async () => {
  const { supervisor, world } = setup();
  const retired = [];
  // The element's controller passes `retire`; this world's sink did not: add it.
  supervisor['events'].retire = (renderer) => retired.push(renderer);
  supervisor.autoKind = 'canvas2d';
  await supervisor.start();
  assert.equal(supervisor.renderer.kind, 'canvas2d');
  assert.equal(supervisor.state, 'ready', 'a chosen Canvas2D is not a fallback');
  assert.deepEqual(world.of('ready'), [{ value: 'canvas2d' }]);
  assert.deepEqual(world.of('fallback'), []);
  const canvas = /** @type {any} */ (supervisor.renderer);

  await supervisor.switchAuto('webgpu');
  assert.equal(supervisor.renderer.kind, 'webgpu');
  assert.equal(supervisor.state, 'ready');
  assert.deepEqual(retired, [canvas], 'the Canvas2D renderer is handed over, not disposed');
  assert.equal(canvas.disposed, false);
  const gpu = /** @type {any} */ (supervisor.renderer);

  await supervisor.switchAuto('canvas2d');
  assert.equal(supervisor.renderer.kind, 'canvas2d');
  assert.deepEqual(retired, [canvas, gpu]);
  assert.equal(gpu.disposed, false);
  assert.deepEqual(world.of('fallback'), [], 'speed switches are not failures');
  assert.deepEqual(world.of('ready'), [{ value: 'canvas2d' }], 'ready fires once');

  // Pinned: auto switches are ignored.
  supervisor.preference = 'webgpu';
  await supervisor.switchAuto('webgpu');
  assert.equal(supervisor.renderer.kind, 'canvas2d');
});

test('renderer="auto" does not switch while the device is recovering: the recovery owns the renderer', async (t) => {
  quiet(t);
  const { supervisor, world } = setup();
  supervisor['events'].retire = () => {};
  await supervisor.start();
  world.deviceOutcomes = ['fail', 'fail'];
  supervisor.deviceLost('unknown', 'gone');
  await settle();
  assert.equal(supervisor.state, 'recovering');
  await supervisor.switchAuto('canvas2d');
  assert.equal(supervisor.renderer, null, 'no Canvas2D renderer slipped in during the recovery');
  assert.equal(supervisor.state, 'recovering');
  assert.equal(supervisor.autoKind, 'canvas2d', 'remembered for the next start');
});
