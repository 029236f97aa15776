// Recovery primitives: backoff, retry, circuit breaker, lifecycle. Deterministic: random, clock
// and sleep are injected, nothing waits for real time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelays, retry, isAbortError, CircuitBreaker, Lifecycle, LifecycleTransitionError, LIFECYCLE_TRANSITIONS, canTransition } from '../../build/node/recovery/index.js';
import * as recovery from '../../build/node/recovery/index.js';

/** Returns the given values in turn (cycling). */
const sequence = (...values) => {
  let i = 0;
  return () => values[i++ % values.length];
};

/** A sleep that records what it was asked and returns at once. */
function fakeSleep() {
  const calls = [];
  const sleep = async (ms, signal) => {
    calls.push(ms);
    if (signal?.aborted) throw signal.reason;
  };
  return { sleep, calls };
}

function fakeClock(start = 1000) {
  const clock = { t: start, now: () => clock.t, advance: (ms) => (clock.t += ms) };
  return clock;
}

test('index re-exports every primitive', () => {
  for (const name of ['backoffDelays', 'retry', 'isAbortError', 'sleepFor', 'CircuitBreaker', 'Lifecycle', 'LifecycleTransitionError', 'LIFECYCLE_TRANSITIONS', 'canTransition']) {
    assert.ok(recovery[name], name);
  }
});

test('backoff without jitter doubles from baseMs and stops at maxMs', () => {
  assert.deepEqual(backoffDelays({ jitter: 0 }), [250, 500, 1000, 2000]);
  assert.deepEqual(backoffDelays({ baseMs: 1000, attempts: 8, jitter: 0 }), [1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  assert.deepEqual(backoffDelays({ baseMs: 100, factor: 3, maxMs: 1000, attempts: 5, jitter: 0 }), [100, 300, 900, 1000]);
  assert.deepEqual(backoffDelays({ attempts: 1 }), [], 'one attempt: no wait');
});

test('jitter spreads each delay within ±jitter and never past maxMs', () => {
  // random() = 0 is the lowest spread (-jitter), values close to 1 the highest (+jitter).
  assert.deepEqual(backoffDelays({ jitter: 0.2, random: () => 0 }), [200, 400, 800, 1600]);
  const high = backoffDelays({ jitter: 0.2, random: () => 0.999999 });
  high.forEach((d, k) => assert.ok(Math.abs(d - 250 * 2 ** k * 1.2) < 0.01, `delay ${k}: ${d}`));
  assert.deepEqual(backoffDelays({ jitter: 0.5, random: () => 0.5 }), [250, 500, 1000, 2000], 'mid random: nominal');
  // At the cap, jitter can only lower a delay: maxMs is a hard ceiling.
  assert.deepEqual(backoffDelays({ baseMs: 8000, attempts: 3, jitter: 0.2, random: sequence(0.999999, 0) }), [8000, 6400]);

  // A seeded PRNG: every delay within [nominal × 0.8, min(maxMs, nominal × 1.2)], same seed, same delays.
  const seeded = (seed) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const delays = backoffDelays({ attempts: 12, random: seeded(7) });
  assert.equal(delays.length, 11);
  delays.forEach((d, k) => {
    const nominal = Math.min(8000, 250 * 2 ** k);
    assert.ok(d >= nominal * 0.8 - 1e-9 && d <= Math.min(8000, nominal * 1.2) + 1e-9, `delay ${k} = ${d} around ${nominal}`);
  });
  assert.deepEqual(backoffDelays({ attempts: 12, random: seeded(7) }), delays, 'deterministic');
});

test('backoff refuses nonsense options', () => {
  for (const options of [{ attempts: 0 }, { attempts: 2.5 }, { jitter: -0.1 }, { jitter: 1.5 }, { baseMs: -1 }, { baseMs: NaN }, { factor: 0.5 }, { maxMs: -5 }]) {
    assert.throws(() => backoffDelays(options), RangeError, JSON.stringify(options));
  }
});

test('retry resolves with the first success, after waiting the backoff delays', async () => {
  const { sleep, calls } = fakeSleep();
  const attempts = [];
  const seen = [];
  const result = await retry(
    async (attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw new Error(`boom ${attempt}`);
      return 'ok';
    },
    { sleep, jitter: 0, onAttempt: (info) => seen.push({ attempt: info.attempt, delayMs: info.delayMs, message: /** @type {Error} */ (info.error).message }) },
  );
  assert.equal(result, 'ok');
  assert.deepEqual(attempts, [1, 2, 3]);
  assert.deepEqual(calls, [250, 500]);
  assert.deepEqual(seen, [
    { attempt: 1, delayMs: 250, message: 'boom 1' },
    { attempt: 2, delayMs: 500, message: 'boom 2' },
  ]);
});

test('retry accepts synchronous functions and throws', async () => {
  const { sleep } = fakeSleep();
  let n = 0;
  assert.equal(await retry(() => 42, { sleep }), 42);
  assert.equal(
    await retry(
      () => {
        if (++n < 2) throw new Error('sync');
        return 'second';
      },
      { sleep },
    ),
    'second',
  );
});

test('retry rejects with the last error after `attempts` tries', async () => {
  const { sleep, calls } = fakeSleep();
  const seen = [];
  let n = 0;
  await assert.rejects(
    retry(
      async () => {
        throw new Error(`failure ${++n}`);
      },
      { sleep, attempts: 4, jitter: 0, onAttempt: (info) => seen.push(info.delayMs) },
    ),
    { message: 'failure 4' },
  );
  assert.equal(n, 4);
  assert.deepEqual(calls, [250, 500, 1000]);
  assert.deepEqual(seen, [250, 500, 1000, null], 'the last failure is reported with no delay');
});

test('retry gives up at once on an error shouldRetry refuses', async () => {
  const { sleep, calls } = fakeSleep();
  let n = 0;
  const fatal = Object.assign(new Error('unsupported'), { fatal: true });
  await assert.rejects(
    retry(
      async () => {
        n++;
        throw n === 1 ? new Error('transient') : fatal;
      },
      { sleep, shouldRetry: (error) => !(/** @type {{ fatal?: boolean }} */ (error).fatal) },
    ),
    (error) => error === fatal,
  );
  assert.equal(n, 2);
  assert.equal(calls.length, 1);
});

test('retry aborts cleanly with an AbortError: before, while waiting and while fn runs', async () => {
  const fn = async () => {
    throw new Error('never succeeds');
  };

  // Already aborted: fn is never called.
  let called = false;
  await assert.rejects(
    retry(
      () => {
        called = true;
      },
      { signal: AbortSignal.abort(), sleep: fakeSleep().sleep },
    ),
    (error) => isAbortError(error),
  );
  assert.equal(called, false);

  // Aborted during the second wait; a sleep that honours the signal.
  const controller = new AbortController();
  let attempts = 0;
  const sleep = (ms, signal) =>
    new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      if (attempts === 2) queueMicrotask(() => controller.abort());
      else resolve();
    });
  await assert.rejects(
    retry(
      async () => {
        attempts++;
        return fn();
      },
      { signal: controller.signal, sleep },
    ),
    (error) => isAbortError(error),
  );
  assert.equal(attempts, 2, 'no attempt after the abort');

  // A sleep that ignores the signal still cannot hold retry up.
  const deaf = new AbortController();
  const never = () => new Promise(() => {});
  const pending = retry(fn, { signal: deaf.signal, sleep: never });
  await Promise.resolve();
  deaf.abort();
  await assert.rejects(pending, (error) => isAbortError(error));

  // Aborted while fn runs (fn never settles): rejects at once; fn received the signal.
  const running = new AbortController();
  let received = null;
  const hanging = retry(
    (attempt, signal) => {
      received = signal;
      return new Promise(() => {});
    },
    { signal: running.signal, sleep: fakeSleep().sleep },
  );
  await new Promise((resolve) => setImmediate(resolve));
  running.abort(new Error('chart removed'));
  await assert.rejects(hanging, (/** @type {Error} */ error) => isAbortError(error) && /chart removed/.test(error.message));
  assert.equal(received, running.signal);
});

test('the default sleep waits and can be aborted', async () => {
  const { sleepFor } = recovery;
  await sleepFor(1);
  const controller = new AbortController();
  const waiting = sleepFor(60_000, controller.signal);
  controller.abort();
  await assert.rejects(waiting, (error) => isAbortError(error));
});

test('circuit breaker: closed → open after N failures in the window → half-open probe → closed', () => {
  const clock = fakeClock();
  const breaker = new CircuitBreaker({ name: 'device', failureThreshold: 3, windowMs: 30_000, openMs: 10_000, now: clock.now });
  const changes = [];
  breaker.onChange((change) => changes.push(change));
  assert.equal(breaker.state, 'closed');
  assert.equal(breaker.canTry(), true);

  breaker.recordFailure(new Error('lost 1'));
  clock.advance(5000);
  breaker.recordFailure(new Error('lost 2'));
  assert.equal(breaker.state, 'closed', 'two failures: still closed');
  assert.equal(breaker.failures, 2);
  clock.advance(5000);
  breaker.recordFailure(new Error('lost 3'));
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.canTry(), false);
  assert.deepEqual(changes, [{ name: 'device', from: 'closed', to: 'open', reason: '3 failures within 30000 ms: lost 3', failures: 3 }]);

  clock.advance(9999);
  assert.equal(breaker.canTry(), false, 'still open just before openMs');
  clock.advance(1);
  assert.equal(breaker.state, 'half-open');
  assert.equal(breaker.canTry(), true, 'one probe');
  assert.equal(breaker.canTry(), false, 'only one probe at a time');
  breaker.recordSuccess();
  assert.equal(breaker.state, 'closed');
  assert.equal(breaker.failures, 0, 'a successful probe forgets the failures');
  assert.equal(breaker.canTry(), true);
  assert.deepEqual(
    changes.map((c) => [c.from, c.to]),
    [['closed', 'open'], ['open', 'half-open'], ['half-open', 'closed']],
  );
  assert.equal(changes[2].reason, 'probe succeeded');
});

test('circuit breaker: a failed probe opens it again for another openMs', () => {
  const clock = fakeClock();
  const breaker = new CircuitBreaker({ name: 'gpu', failureThreshold: 2, openMs: 1000, now: clock.now });
  const changes = [];
  breaker.onChange((change) => changes.push(change));
  breaker.recordFailure('a');
  breaker.recordFailure('b');
  clock.advance(1000);
  assert.equal(breaker.canTry(), true);
  breaker.recordFailure(new Error('probe lost'));
  assert.equal(breaker.state, 'open');
  assert.equal(changes.at(-1).reason, 'probe failed: probe lost');
  assert.equal(changes.at(-1).failures, 3);
  clock.advance(999);
  assert.equal(breaker.canTry(), false);
  clock.advance(1);
  assert.equal(breaker.canTry(), true, 'next probe after another openMs');
  assert.deepEqual(
    changes.map((c) => c.to),
    ['open', 'half-open', 'open', 'half-open'],
  );
});

test('circuit breaker: failures older than the window do not count; successes while closed do not erase them', () => {
  const clock = fakeClock();
  const breaker = new CircuitBreaker({ name: 'x', failureThreshold: 3, windowMs: 1000, now: clock.now });
  breaker.recordFailure();
  clock.advance(600);
  breaker.recordFailure();
  clock.advance(600); // the first is now 1200 ms old
  breaker.recordFailure();
  assert.equal(breaker.state, 'closed', 'only two failures within the window');
  assert.equal(breaker.failures, 2);
  // Flapping: fail, succeed, fail: the successes in between do not reset the count.
  breaker.recordSuccess();
  clock.advance(100);
  breaker.recordFailure();
  assert.equal(breaker.state, 'open');
});

test('circuit breaker: a probe that never reports back is replaced after openMs; open ignores late results', () => {
  const clock = fakeClock();
  const breaker = new CircuitBreaker({ name: 'x', failureThreshold: 1, openMs: 500, now: clock.now });
  breaker.recordFailure();
  breaker.recordSuccess(); // a late success of a try begun before it opened
  assert.equal(breaker.state, 'open', 'only a probe closes it');
  clock.advance(500);
  assert.equal(breaker.canTry(), true);
  clock.advance(499);
  assert.equal(breaker.canTry(), false);
  clock.advance(1);
  assert.equal(breaker.canTry(), true, 'a lost probe is given up after openMs');
});

test('circuit breaker: unsubscribe, listener errors and option checks', () => {
  const clock = fakeClock();
  const breaker = new CircuitBreaker({ name: 'x', failureThreshold: 1, now: clock.now });
  const heard = [];
  const off = breaker.onChange(() => heard.push('a'));
  breaker.onChange(() => {
    throw new Error('listener bug');
  });
  breaker.onChange(() => heard.push('c'));
  assert.throws(() => breaker.recordFailure(), /listener bug/);
  assert.equal(breaker.state, 'open', 'the change happened anyway');
  assert.deepEqual(heard, ['a', 'c'], 'every listener heard it');
  off();
  clock.advance(10_000);
  assert.throws(() => breaker.state, /listener bug/);
  assert.deepEqual(heard, ['a', 'c', 'c']);
  assert.throws(() => new CircuitBreaker({ name: 'y', failureThreshold: 0 }), RangeError);
  assert.throws(() => new CircuitBreaker({ name: 'y', openMs: -1 }), RangeError);
  // The default clock is performance.now.
  assert.equal(new CircuitBreaker({ name: 'z' }).canTry(), true);
});

test('lifecycle: a recovery path, history with timestamps, listeners', () => {
  const clock = fakeClock(0);
  const lifecycle = new Lifecycle({ now: clock.now });
  const heard = [];
  const off = lifecycle.onChange((t) => heard.push(`${t.from}→${t.to}`));
  assert.equal(lifecycle.state, 'initializing');
  /** @type {Array<[import('../../build/node/recovery/lifecycle.js').LifecycleState, string]>} */
  const steps = [
    ['ready', 'device acquired'],
    ['lost', 'device lost: unknown'],
    ['recovering', 'retry 1'],
    ['lost', 'lost again while recovering'],
    ['recovering', 'retry 2'],
    ['degraded', 'no timestamp queries'],
    ['ready', 'features back'],
    ['fallback', 'breaker open'],
    ['recovering', 'breaker probe'],
    ['failed', 'no adapter'],
    ['recovering', 'user retry'],
    ['ready', 'device acquired'],
  ];
  for (const [to, reason] of steps) {
    clock.advance(10);
    const transition = lifecycle.transition(to, reason);
    assert.equal(transition.to, to);
    assert.equal(lifecycle.state, to);
  }
  off();
  lifecycle.transition('disposed', 'removed from the page');
  assert.equal(heard.length, steps.length, 'unsubscribed listener not called');
  assert.equal(heard[0], 'initializing→ready');
  const history = lifecycle.history;
  assert.equal(history.length, steps.length + 1);
  assert.deepEqual(history[1], { from: 'ready', to: 'lost', reason: 'device lost: unknown', at: 20 });
  assert.deepEqual(history.at(-1), { from: 'ready', to: 'disposed', reason: 'removed from the page', at: 120 });
  // @ts-expect-error: the history is typed readonly; mutating it anyway checks that it is a copy
  history.pop();
  assert.equal(lifecycle.history.length, steps.length + 1, 'history is a copy');
});

test('lifecycle: forbidden transitions throw a clear error and change nothing', () => {
  const lifecycle = new Lifecycle({ now: () => 0 });
  assert.equal(lifecycle.can('recovering'), false);
  assert.throws(
    () => lifecycle.transition('recovering', 'nothing was lost'),
    (error) =>
      error instanceof LifecycleTransitionError &&
      error.name === 'LifecycleTransitionError' &&
      error.from === 'initializing' &&
      error.to === 'recovering' &&
      error.message.includes('cannot go from "initializing" to "recovering" (nothing was lost)') &&
      error.message.includes('"ready"'),
  );
  assert.equal(lifecycle.state, 'initializing');
  assert.equal(lifecycle.history.length, 0);
  lifecycle.transition('ready', 'ok');
  assert.throws(() => lifecycle.transition('ready', 'again'), LifecycleTransitionError, 'no self-transition');
  lifecycle.transition('disposed', 'bye');
  for (const to of /** @type {import('../../build/node/recovery/lifecycle.js').LifecycleState[]} */ (Object.keys(LIFECYCLE_TRANSITIONS))) {
    assert.throws(() => lifecycle.transition(to, 'after dispose'), /from "disposed" to .* may go to nothing/);
  }
});

test('lifecycle: the table', () => {
  /** @type {import('../../build/node/recovery/lifecycle.js').LifecycleState[]} */
  const states = ['initializing', 'ready', 'lost', 'recovering', 'degraded', 'fallback', 'failed', 'disposed'];
  assert.deepEqual(Object.keys(LIFECYCLE_TRANSITIONS).sort(), [...states].sort());
  for (const from of states) {
    for (const to of LIFECYCLE_TRANSITIONS[from]) assert.ok(states.includes(to), `${from} → ${to} names a state`);
    assert.equal(canTransition(from, from), false, `${from} → ${from}`);
    if (from !== 'disposed') assert.ok(canTransition(from, 'disposed'), `${from} can be disposed`);
  }
  assert.deepEqual(LIFECYCLE_TRANSITIONS.disposed, []);
  // Back to ready only from where a device can have come back.
  assert.deepEqual(states.filter((s) => canTransition(s, 'ready')).sort(), ['degraded', 'initializing', 'recovering']);
  assert.equal(canTransition('lost', 'ready'), false, 'lost must go through recovering');
  assert.equal(canTransition('failed', 'ready'), false);
});

test('lifecycle keeps only the last 50 transitions (or historyLimit)', () => {
  let t = 0;
  const lifecycle = new Lifecycle({ initial: 'ready', now: () => ++t });
  for (let i = 0; i < 40; i++) {
    lifecycle.transition('lost', `loss ${i}`);
    lifecycle.transition('recovering', `retry ${i}`);
    lifecycle.transition('ready', `back ${i}`);
  }
  const history = lifecycle.history;
  assert.equal(history.length, 50);
  assert.equal(history.at(-1).at, 120);
  assert.equal(history[0].at, 71, 'oldest dropped first');
  const short = new Lifecycle({ historyLimit: 2 });
  short.transition('ready', 'a');
  short.transition('lost', 'b');
  short.transition('recovering', 'c');
  assert.deepEqual(short.history.map((h) => h.reason), ['b', 'c']);
  assert.ok(typeof short.history[0].at === 'number' && short.history[0].at > 1.6e12, 'default clock is wall-clock ms');
  assert.throws(() => new Lifecycle({ historyLimit: -1 }), RangeError);
});

test('lifecycle: a throwing listener does not stop the others or the transition', () => {
  const lifecycle = new Lifecycle();
  const heard = [];
  lifecycle.onChange(() => {
    throw new Error('bad listener');
  });
  lifecycle.onChange((t) => heard.push(t.to));
  assert.throws(() => lifecycle.transition('ready', 'ok'), /bad listener/);
  assert.equal(lifecycle.state, 'ready');
  assert.deepEqual(heard, ['ready']);
});
