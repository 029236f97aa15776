// Device-loss recovery: attempts with backoff, a gpu-recovery detail per retry and for the
// outcome; a fake clock and a fake sleep stand in for time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recoverDevice } from '../../build/node/recovery/device-recovery.js';

class Fatal extends Error {}

function world({ failures = 0, fatalAt = null, attempts = 4, supersedeAt = null } = {}) {
  const clock = { t: 1000 };
  const log = { emitted: [], slept: [], tried: [] };
  let current = true;
  const w = {
    attempt: async (n) => {
      log.tried.push(n);
      clock.t += 10;
      if (n === supersedeAt) current = false;
      if (n === fatalAt) throw new Fatal('pipelines do not compile');
      if (n <= failures) throw new Error(`no adapter ${n}`);
    },
    isCurrent: () => current,
    isFatal: (error) => error instanceof Fatal,
    emit: (detail) => log.emitted.push(detail),
    now: () => clock.t,
    retry: {
      baseMs: 100,
      factor: 2,
      maxMs: 1000,
      attempts,
      jitter: 0,
      sleep: async (ms) => {
        log.slept.push(ms);
        clock.t += ms;
      },
    },
  };
  return { w, log };
}

test('recovered after two failed attempts: waits 100 then 200 ms, says so, then recovered', async () => {
  const { w, log } = world({ failures: 2 });
  const outcome = await recoverDevice(w, 'destroyed', 1000);
  assert.deepEqual(outcome, { kind: 'recovered', attempts: 3 });
  assert.deepEqual(log.tried, [1, 2, 3]);
  assert.deepEqual(log.slept, [100, 200]);
  assert.deepEqual(log.emitted, [
    { phase: 'retrying', attempt: 1, delayMs: 100, reason: 'Error: no adapter 1', message: 'attempt 1 failed; retrying in 100 ms' },
    { phase: 'retrying', attempt: 2, delayMs: 200, reason: 'Error: no adapter 2', message: 'attempt 2 failed; retrying in 200 ms' },
    { phase: 'recovered', attempt: 3, durationMs: 330, reason: 'destroyed', message: 'WebGPU device restored; chart rebuilt from its data' },
  ]);
});

test('every attempt failing: retries up to the limit, then failed with the last error', async () => {
  const { w, log } = world({ failures: 99, attempts: 3 });
  const outcome = await recoverDevice(w, 'destroyed', 1000);
  assert.equal(outcome.kind, 'failed');
  assert.equal(outcome.attempts, 3);
  assert.equal(outcome.fatal, false);
  assert.equal(/** @type {Error} */ (outcome.error).message, 'no adapter 3');
  assert.deepEqual(log.slept, [100, 200]);
  assert.deepEqual(log.emitted.map((d) => d.phase), ['retrying', 'retrying', 'failed']);
  assert.deepEqual(log.emitted.at(-1), { phase: 'failed', attempt: 3, durationMs: 330, reason: 'Error: no adapter 3', message: 'no adapter 3' });
});

test('a fatal error (pipelines that do not compile) is not retried', async () => {
  const { w, log } = world({ fatalAt: 1 });
  const outcome = await recoverDevice(w, 'destroyed', 1000);
  assert.equal(outcome.kind, 'failed');
  assert.equal(outcome.fatal, true);
  assert.deepEqual(log.tried, [1]);
  assert.deepEqual(log.slept, []);
  assert.deepEqual(log.emitted.map((d) => d.phase), ['failed']);
});

test('superseded meanwhile (restart, removal): stops quietly, reports nothing', async () => {
  const { w, log } = world({ failures: 99, supersedeAt: 2 });
  const outcome = await recoverDevice(w, 'destroyed', 1000);
  assert.deepEqual(outcome, { kind: 'superseded' });
  assert.deepEqual(log.tried, [1, 2]);
  assert.deepEqual(log.emitted.map((d) => d.phase), ['retrying']);
});

test('aborted while waiting: superseded, nothing more tried', async () => {
  const { w, log } = world({ failures: 99 });
  const controller = new AbortController();
  w.retry.signal = controller.signal;
  // A wait that never ends on its own: only the abort (the element removed) ends it.
  w.retry.sleep = (ms) => {
    log.slept.push(ms);
    queueMicrotask(() => controller.abort());
    return new Promise(() => {});
  };
  const outcome = await recoverDevice(w, 'destroyed', 1000);
  assert.deepEqual(outcome, { kind: 'superseded' });
  assert.deepEqual(log.tried, [1]);
});
