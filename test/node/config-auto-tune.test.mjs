import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAutoTuner, resolveConfig, tierLayer, tierSettings } from '../../build/node/config/index.js';

const NVIDIA = {
  adapterInfo: { vendor: 'nvidia', architecture: 'ada-lovelace' },
  limits: { maxBufferSize: 2 ** 32, maxTextureDimension2D: 16384 },
  devicePixelRatio: 1,
  hardwareConcurrency: 16,
  deviceMemory: 8,
};

/** Deterministic PRNG so the simulations are reproducible. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `frames` frames whose cost depends on the current tier; returns every decision. */
function simulate(tuner, cost, frames, source = 'gpu-timestamp') {
  const decisions = [];
  for (let frame = 0; frame < frames; frame++) {
    const decision = tuner.recordFrame(cost(tuner.tier, frame), source);
    if (decision) decisions.push({ frame, ...decision });
  }
  return decisions;
}

test('starting tier from hardware descriptions', () => {
  const start = (hw, options) => createAutoTuner(options).initialTier(hw);
  assert.equal(start({ adapterInfo: { vendor: 'nvidia', isFallbackAdapter: true }, hardwareConcurrency: 16 }).tier, 'low');
  assert.equal(start({ adapterInfo: { vendor: 'google', architecture: 'swiftshader' } }).tier, 'low');
  assert.equal(start(NVIDIA).tier, 'high');
  assert.equal(start({ adapterInfo: { vendor: 'amd', architecture: 'rdna-3' }, hardwareConcurrency: 12 }).tier, 'high');
  assert.equal(start({ adapterInfo: { vendor: 'apple', architecture: 'metal-3' }, hardwareConcurrency: 10, devicePixelRatio: 2 }).tier, 'high');
  assert.equal(start({ adapterInfo: { vendor: 'intel', architecture: 'gen-12lp' }, hardwareConcurrency: 8 }).tier, 'medium');
  assert.equal(start({ adapterInfo: { vendor: 'qualcomm', architecture: 'adreno-7xx' }, hardwareConcurrency: 8, deviceMemory: 8 }).tier, 'medium');
  assert.equal(start({ adapterInfo: { vendor: 'arm', architecture: 'valhall' }, deviceMemory: 2, hardwareConcurrency: 8 }).tier, 'low');
  assert.equal(start({ hardwareConcurrency: 2 }).tier, 'low');
  assert.equal(start({}).tier, 'medium');
  assert.equal(start({ limits: { maxBufferSize: 2 ** 32, maxTextureDimension2D: 16384 }, hardwareConcurrency: 8 }).tier, 'high');
  assert.equal(start({ ...NVIDIA, devicePixelRatio: 3 }).tier, 'medium');
  assert.equal(start(NVIDIA, { tiers: ['low', 'medium'] }).tier, 'medium');
  assert.deepEqual(start(NVIDIA, { pinnedTier: 'ultra' }), { tier: 'ultra', reason: 'pinned by configuration' });
  const { reason } = start({ adapterInfo: { vendor: 'nvidia', isFallbackAdapter: true } });
  assert.match(reason, /fallback/);
});

test('moves down under a slow frame source, one tier per decision', () => {
  const tuner = createAutoTuner({ targetFps: 60 });
  tuner.initialTier(NVIDIA);
  const decisions = simulate(tuner, () => 30, 400);
  assert.deepEqual(decisions.map((d) => d.tier), ['medium', 'low']);
  const [first] = decisions;
  assert.equal(first.frame, 59); // one full 60-frame window
  assert.deepEqual(first.measurements, { p50: 30, p95: 30, samples: 60 });
  assert.match(first.reason, /p95 30\.0 ms over 20\.0 ms/);
  assert.equal(tuner.tier, 'low');
});

test('a few slow frames (p95 still in budget) do not trigger a change', () => {
  const tuner = createAutoTuner({ targetFps: 60 });
  tuner.initialTier(NVIDIA);
  // 2 of every 60 frames spike: under the 5% that p95 ignores.
  const decisions = simulate(tuner, (_tier, frame) => (frame % 60 < 2 ? 80 : 12), 3000);
  assert.deepEqual(decisions, []);
});

test('recovers up only after sustained fast frames', () => {
  const tuner = createAutoTuner({ targetFps: 60 });
  tuner.initialTier({ adapterInfo: { isFallbackAdapter: true } });
  assert.equal(tuner.tier, 'low');
  // Two fast windows then a normal one: not sustained, no change.
  let decisions = simulate(tuner, (_t, frame) => (frame < 120 ? 4 : 12), 180);
  assert.deepEqual(decisions, []);
  decisions = simulate(tuner, () => 4, 2000);
  assert.deepEqual(decisions.map((d) => d.tier), ['medium', 'high', 'ultra']);
  assert.equal(decisions[0].frame, 179); // three full windows
  assert.match(decisions[0].reason, /for 3 windows/);
});

test('never oscillates when a tier is too slow once chosen', () => {
  // high is too slow for a 60 fps budget; medium has lots of headroom.
  const costs = { low: 4, medium: 8, high: 26, ultra: 45 };
  for (const seed of [1, 2, 3, 4, 5]) {
    const rand = random(seed);
    const tuner = createAutoTuner({ targetFps: 60 });
    tuner.initialTier(NVIDIA);
    const frames = 200_000;
    const decisions = simulate(tuner, (tier) => costs[tier] * (0.9 + rand() * 0.2), frames);
    assert.equal(tuner.tier, 'medium', `seed ${seed}`);
    assert.ok(decisions.length <= 4, `seed ${seed}: ${decisions.length} changes`);
    assert.ok(decisions.at(-1).frame < 5000, `seed ${seed}: still changing at frame ${decisions.at(-1).frame}`);
  }
});

test('settles near the threshold band too', () => {
  // high sits right around the promotion/demotion band with heavy noise.
  for (const seed of [7, 8, 9]) {
    const rand = random(seed);
    const tuner = createAutoTuner({ targetFps: 60 });
    tuner.initialTier({ adapterInfo: { isFallbackAdapter: true } });
    const cost = { low: 3, medium: 6, high: 14, ultra: 30 };
    const decisions = simulate(tuner, (tier) => cost[tier] * (0.6 + rand() * 0.9), 300_000);
    const lateChanges = decisions.filter((d) => d.frame > 150_000);
    assert.deepEqual(lateChanges, [], `seed ${seed}`);
    assert.ok(decisions.length <= 12, `seed ${seed}: ${decisions.length} changes`);
  }
});

test('a tier that failed once is retried only after a back-off', () => {
  const tuner = createAutoTuner({ targetFps: 60, backoffWindows: 10 });
  tuner.initialTier(NVIDIA);
  const costs = { low: 4, medium: 8, high: 26, ultra: 45 };
  const decisions = simulate(tuner, (tier) => costs[tier], 20_000);
  assert.deepEqual(decisions.map((d) => d.tier), ['medium', 'high', 'medium']);
  // The retry waited for the 10-window back-off, well beyond the 3-window promotion rule.
  assert.ok(decisions[1].frame - decisions[0].frame >= 10 * 60);
  tuner.reset(); // e.g. the device changed: failures are forgotten
  assert.deepEqual(simulate(tuner, () => 4, 300).map((d) => d.tier), ['high']);
});

test('can be pinned or disabled', () => {
  const pinned = createAutoTuner({ pinnedTier: 'medium' });
  assert.equal(pinned.initialTier(NVIDIA).tier, 'medium');
  assert.deepEqual(simulate(pinned, () => 100, 1000), []);
  assert.equal(pinned.tier, 'medium');

  const disabled = createAutoTuner({ enabled: false });
  disabled.initialTier(NVIDIA);
  assert.deepEqual(simulate(disabled, () => 100, 1000), []);
  assert.equal(disabled.tier, 'high');
  disabled.setEnabled(true);
  assert.equal(simulate(disabled, () => 100, 60)[0].tier, 'medium');

  const later = createAutoTuner();
  later.initialTier(NVIDIA);
  later.setPinnedTier('low');
  assert.equal(later.tier, 'low');
  assert.deepEqual(simulate(later, () => 1, 1000), []);
  later.setPinnedTier(undefined);
  assert.equal(later.tier, 'high');
});

test('prefers GPU timestamps and ignores pauses and garbage samples', () => {
  const tuner = createAutoTuner({ targetFps: 60 });
  tuner.initialTier(NVIDIA);
  // Hidden tab, debugger, NaN: ignored entirely.
  for (const ms of [5000, Number.NaN, -1, Infinity]) assert.equal(tuner.recordFrame(ms, 'frame-interval'), null);
  tuner.recordFrame(5, 'gpu-timestamp');
  // Slow frame intervals after a GPU timestamp are ignored: tiers change GPU work, the GPU is fine.
  assert.deepEqual(simulate(tuner, () => 40, 500, 'frame-interval'), []);
  assert.equal(tuner.tier, 'high');
  // Frame intervals alone do drive the tuner.
  const intervals = createAutoTuner({ targetFps: 60 });
  intervals.initialTier(NVIDIA);
  assert.equal(simulate(intervals, () => 40, 60, 'frame-interval')[0].tier, 'medium');
});

test('changing the target frame rate changes the budget', () => {
  const tuner = createAutoTuner({ targetFps: 60 });
  tuner.initialTier(NVIDIA);
  tuner.setTargetFps(30); // 33 ms budget: 25 ms frames are fine
  assert.deepEqual(simulate(tuner, () => 25, 1000), []);
  tuner.setTargetFps(120); // 8.3 ms budget
  assert.equal(simulate(tuner, () => 25, 60)[0].tier, 'medium');
});

test('tierSettings: what each tier means', () => {
  assert.deepEqual(tierSettings('low'), { resolutionScale: 0.75, msaa: 1, lodAggressiveness: 0.9 });
  assert.deepEqual(tierSettings('high'), { resolutionScale: 1, msaa: 4, lodAggressiveness: 0.5 });
  const order = ['low', 'medium', 'high', 'ultra'].map(tierSettings);
  for (let i = 1; i < order.length; i++) {
    assert.ok(order[i].resolutionScale >= order[i - 1].resolutionScale);
    assert.ok(order[i].lodAggressiveness < order[i - 1].lodAggressiveness);
  }
  // A tier is a valid config layer, and explicit settings above it win.
  const result = resolveConfig([tierLayer('low'), { quality: { msaa: 4 } }]);
  assert.equal(result.ok, true);
  assert.deepEqual(
    [result.config.quality.resolutionScale, result.config.quality.msaa, result.config.quality.lodAggressiveness],
    [0.75, 4, 0.9],
  );
  // Callers get copies.
  tierSettings('low').msaa = 4;
  assert.equal(tierSettings('low').msaa, 1);
});

test('initialFloor: a weak hardware guess starts no lower than the floor; measured frames may go lower', async () => {
  const { createAutoTuner } = await import('../../build/node/config/auto-tune.js');
  const tuner = createAutoTuner({ initialFloor: 'medium', windowSize: 8, cooldownFrames: 0 });
  const start = tuner.initialTier({ adapterInfo: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } });
  assert.equal(start.tier, 'medium');
  assert.match(start.reason, /software fallback adapter; starting at medium/);
  let decision = null;
  for (let i = 0; i < 64 && !decision; i++) decision = tuner.recordFrame(100, 'frame-interval');
  assert.equal(decision?.tier, 'low', 'slow measured frames move below the floor');
});

test('re-applying the same settings (any unrelated config change) keeps the measurement window', () => {
  const tuner = createAutoTuner({ targetFps: 60, windowSize: 20, cooldownFrames: 0 });
  tuner.initialTier(NVIDIA);
  let decision = null;
  // A slow frame source, with the element re-applying unchanged settings every 5 frames.
  for (let frame = 0; frame < 40 && !decision; frame++) {
    if (frame % 5 === 0) {
      tuner.setEnabled(true);
      tuner.setTargetFps(60);
      tuner.setPinnedTier(undefined);
    }
    decision = tuner.recordFrame(30, 'gpu-timestamp');
  }
  assert.ok(decision, 'a window completed');
  assert.equal(decision.tier, 'medium');
  // A real change still restarts it.
  const other = createAutoTuner({ targetFps: 60, windowSize: 20, cooldownFrames: 0 });
  other.initialTier(NVIDIA);
  let changed = null;
  for (let frame = 0; frame < 34 && !changed; frame++) {
    if (frame === 15) other.setTargetFps(30);
    changed = other.recordFrame(45, 'gpu-timestamp');
  }
  assert.equal(changed, null, 'the new budget started a new window');
});
