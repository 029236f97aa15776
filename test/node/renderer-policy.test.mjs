// The renderer recovery policy the element's controller follows: out-of-memory ladder, fallback
// by preference, pipeline failures, device loss, probes back to WebGPU, lifecycle paths, the
// gpu-recovery details. Breakers run on a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CircuitBreaker } from '../../build/node/recovery/circuit-breaker.js';
import { freshQualityLadder } from '../../build/node/recovery/quality-ladder.js';
import {
  deviceLostMessage,
  lifecyclePath,
  lodWith,
  pipelineRetryDelay,
  planDeviceLoss,
  planFallback,
  planOutOfMemory,
  planPipelineHealth,
  planProbe,
  planValidationError,
  probeWait,
  recoveryDetails,
  sampleCountWith,
} from '../../build/node/recovery/renderer-policy.js';

function fakeClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

function breaker(clock, options = {}) {
  return new CircuitBreaker({ name: 'test', failureThreshold: 3, windowMs: 60_000, openMs: 15_000, now: clock.now, ...options });
}

/**
 * The plan, asserted to be a degradation (and typed as one: the fields read below exist only there).
 * @template {{ kind: string }} Plan
 * @param {Plan} plan
 * @returns {Extract<Plan, { kind: 'degrade' }>}
 */
function degradePlan(plan) {
  assert.equal(plan.kind, 'degrade');
  return /** @type {Extract<Plan, { kind: 'degrade' }>} */ (plan);
}

test('out of memory: LOD, MSAA (with a rebuild), resolution ½ then ¼, then Canvas2D without a probe', () => {
  const ladder = freshQualityLadder();
  const plans = [];
  /** @type {1 | 4} */
  let rendererSampleCount = 4;
  for (let i = 0; i < 8; i++) {
    const plan = planOutOfMemory(ladder, { lod: 'off', rendererSampleCount, configuredSampleCount: 4 }, 'buffer too big');
    plans.push(plan);
    if (plan.kind === 'fallback') break;
    if (plan.rebuild) rendererSampleCount = sampleCountWith(ladder, 4);
  }
  assert.deepEqual(
    plans.map((p) => (p.kind === 'degrade' ? `${p.step}:${p.rebuild}` : p.kind)),
    ['lod:false', 'msaa:true', 'resolution:false', 'resolution:false', 'fallback'],
  );
  assert.deepEqual(degradePlan(plans[0]).quality, {
    reason: 'out-of-memory: buffer too big; level of detail forced on (lod="off" is not honoured)',
    degradation: { cause: 'out-of-memory', step: 'lod', lod: 'auto', msaa: 4, resolutionFactor: 1 },
  });
  assert.deepEqual(degradePlan(plans[1]).quality.degradation, { cause: 'out-of-memory', step: 'msaa', lod: 'auto', msaa: 1, resolutionFactor: 1 });
  assert.equal(degradePlan(plans[2]).quality.degradation.resolutionFactor, 0.5);
  assert.equal(degradePlan(plans[3]).quality.degradation.resolutionFactor, 0.25);
  assert.equal(degradePlan(plans[3]).quality.reason, 'out-of-memory: buffer too big; resolution lowered to 25 %');
  assert.equal(degradePlan(plans[1]).warning, 'gpu-charts: buffer too big; MSAA turned off');
  assert.deepEqual(plans[4], {
    kind: 'fallback',
    reason: 'out-of-memory',
    message: 'The GPU ran out of memory even at the lowest quality (buffer too big); drawing with Canvas2D.',
    probe: false,
  });
  assert.equal(ladder.resolutionFactor, 1, 'Canvas2D draws at full resolution');
});

test('out of memory with LOD already on and no MSAA goes straight to the resolution', () => {
  const ladder = freshQualityLadder();
  const plan = degradePlan(planOutOfMemory(ladder, { lod: 'auto', rendererSampleCount: 1, configuredSampleCount: 1 }, 'oom'));
  assert.equal(plan.step, 'resolution');
  assert.equal(plan.rebuild, false);
  assert.deepEqual(plan.quality.degradation, { cause: 'out-of-memory', step: 'resolution', lod: 'auto', msaa: 1, resolutionFactor: 0.5 });
  assert.equal(lodWith(ladder, 'off'), 'off', 'LOD was never forced');
});

test('fallback: Canvas2D with or without a probe; renderer="webgpu" never falls back and shows the message', () => {
  assert.deepEqual(planFallback('auto', 'no adapter', true), { renderer: 'canvas2d', state: 'fallback', showMessage: null, probe: true });
  assert.deepEqual(planFallback('auto', 'oom', false), { renderer: 'canvas2d', state: 'fallback', showMessage: null, probe: false });
  assert.deepEqual(planFallback('webgpu', 'no adapter', true), { renderer: 'none', state: 'failed', showMessage: 'no adapter', probe: false });
});

test('pipelines: some failed → drawn without them; all failed → Canvas2D; breaker opening → circuit-open; success closes a half-open breaker', () => {
  const clock = fakeClock();
  const b = breaker(clock);
  const one = [{ kind: 'rects', message: 'bad shader' }];
  assert.deepEqual(planPipelineHealth(one, b, 3), { kind: 'use', degraded: true });
  assert.equal(b.failures, 1);
  const all = ['primitives', 'rects', 'text'].map((kind) => ({ kind, message: 'x' }));
  const allPlan = planPipelineHealth(all, breaker(clock), 3);
  assert.deepEqual(allPlan, { kind: 'fallback', reason: 'pipeline-failed', message: 'Every WebGPU pipeline failed (primitives: x; rects: x; text: x); drawing with Canvas2D.' });
  clock.t += 1000;
  assert.deepEqual(planPipelineHealth(one, b, 3), { kind: 'use', degraded: true });
  clock.t += 1000;
  assert.deepEqual(planPipelineHealth(one, b, 3), {
    kind: 'fallback',
    reason: 'circuit-open',
    message: 'WebGPU pipelines failed 3 times recently (rects: bad shader); drawing with Canvas2D and probing WebGPU later.',
  });
  assert.equal(b.state, 'open');
  clock.t += 15_000;
  assert.equal(b.canTry(), true, 'the half-open probe');
  assert.deepEqual(planPipelineHealth([], b, 3), { kind: 'use', degraded: false });
  assert.equal(b.state, 'closed');
  assert.equal(b.failures, 0);
});

test('validation errors while drawing: counted; the third within the window falls back', () => {
  const clock = fakeClock();
  const b = breaker(clock);
  assert.deepEqual(planValidationError('v1', b), { kind: 'continue' });
  assert.deepEqual(planValidationError('v2', b), { kind: 'continue' });
  assert.deepEqual(planValidationError('v3', b), {
    kind: 'fallback',
    reason: 'circuit-open',
    message: 'WebGPU validation errors while drawing (v3); drawing with Canvas2D and probing WebGPU later.',
  });
});

test('validation errors spread wider than the window never open the breaker', () => {
  const clock = fakeClock();
  const b = breaker(clock, { windowMs: 1000 });
  for (let i = 0; i < 6; i++) {
    assert.equal(planValidationError(`v${i}`, b).kind, 'continue');
    clock.t += 1001;
  }
});

test('a failed pipeline is retried after a backoff that grows with the failures, capped', () => {
  const options = { baseMs: 250, factor: 2, maxMs: 4000 };
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6].map((n) => pipelineRetryDelay(options, n)), [250, 250, 500, 1000, 2000, 4000, 4000]);
  assert.equal(pipelineRetryDelay({}, 1), 250, 'defaults');
  assert.equal(pipelineRetryDelay({}, 10), 8000, 'default cap');
});

test('device loss: retried while the breaker is closed; the third loss within the window falls back with circuit-open', () => {
  const clock = fakeClock();
  const b = breaker(clock);
  assert.deepEqual(planDeviceLoss('lost 1', b), { kind: 'retry' });
  clock.t += 5000;
  b.recordSuccess(); // recovered: failures in the window are kept
  assert.deepEqual(planDeviceLoss('lost 2', b), { kind: 'retry' });
  clock.t += 5000;
  assert.deepEqual(planDeviceLoss('lost 3', b), { kind: 'fallback', reason: 'circuit-open', message: 'WebGPU failed 3 times recently; drawing with Canvas2D and probing WebGPU later.' });
});

test('probe: waits while the breaker is open, starts once half-open, stops off the fallback or on renderer="canvas2d"', () => {
  const clock = fakeClock();
  const b = breaker(clock, { failureThreshold: 1 });
  b.recordFailure(new Error('x'));
  assert.equal(planProbe('fallback', 'auto', b), 'wait');
  clock.t += 15_000;
  assert.equal(planProbe('fallback', 'canvas2d', b), 'stop');
  assert.equal(planProbe('ready', 'auto', b), 'stop');
  assert.equal(planProbe('fallback', 'auto', b), 'start');
  assert.equal(planProbe('fallback', 'auto', b), 'wait', 'one probe at a time');
  b.recordSuccess();
  assert.equal(b.state, 'closed', 'the probe closed the breaker');
  assert.equal(probeWait(15_000), 15_000);
  assert.equal(probeWait(0), 50, 'never a busy loop');
  assert.equal(probeWait(undefined), 15_000);
});

test('lifecycle paths: direct when allowed, through recovering when not, nowhere when impossible', () => {
  assert.deepEqual(lifecyclePath('initializing', 'ready'), ['ready']);
  assert.deepEqual(lifecyclePath('fallback', 'ready'), ['recovering', 'ready']);
  assert.deepEqual(lifecyclePath('failed', 'fallback'), ['recovering', 'fallback']);
  assert.deepEqual(lifecyclePath('ready', 'ready'), []);
  assert.deepEqual(lifecyclePath('disposed', 'ready'), []);
  assert.deepEqual(lifecyclePath('fallback', 'lost'), ['recovering', 'lost']);
});

test('gpu-recovery details for each phase', () => {
  assert.deepEqual(recoveryDetails.lost('destroyed', 'gone'), { phase: 'lost', attempt: 0, reason: 'destroyed', message: 'gone' });
  assert.deepEqual(recoveryDetails.retrying(2, 499.6, new Error('nope')), { phase: 'retrying', attempt: 2, delayMs: 499.6, reason: 'Error: nope', message: 'attempt 2 failed; retrying in 500 ms' });
  assert.deepEqual(recoveryDetails.recovered(3, 1200, 'destroyed'), { phase: 'recovered', attempt: 3, durationMs: 1200, reason: 'destroyed', message: 'WebGPU device restored; chart rebuilt from its data' });
  assert.deepEqual(recoveryDetails.failed(4, 9000, new Error('no adapter')), { phase: 'failed', attempt: 4, durationMs: 9000, reason: 'Error: no adapter', message: 'no adapter' });
  assert.equal(deviceLostMessage(new Error('no adapter')), 'The GPU device was lost and could not be restored (no adapter).');
});
