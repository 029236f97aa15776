import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTelemetry, magnitude, browserFamily, LIBRARY_VERSION, FRAME_TIME_BUCKETS_MS } from '../../build/node/perf/telemetry.js';
import { rng } from './helpers.mjs';

/**
 * @param {number} frame
 * @param {Partial<import('../../build/node/perf/frame-stats.js').FrameStats>} [extra]
 * @returns {import('../../build/node/perf/frame-stats.js').FrameStats}
 */
function stats(frame, extra = {}) {
  return {
    frame, startedAt: frame * 16.7, cpuMs: 3, sceneMs: 1, renderMs: 1.5, gpuMs: null,
    pointsDrawn: 4321, visiblePoints: 98_765, totalPoints: 1_234_567, lod: 'm4', renderer: 'webgpu', memoryBytes: 5_000_000,
    ...extra,
  };
}

/** Fake timers and a spy for every way a batch could leave. */
function harness(options = {}) {
  const sent = [];
  const beacons = [];
  /** @type {Array<{ callback: () => void, ms: number, cleared: boolean }>} */
  const intervals = [];
  const telemetry = createTelemetry({
    callback: (batch) => sent.push(batch),
    sendBeacon: (url, body) => (beacons.push({ url, body }), true),
    setInterval: (callback, ms) => (intervals.push({ callback, ms, cleared: false }), intervals.length - 1),
    clearInterval: (handle) => (intervals[/** @type {number} */ (handle)].cleared = true),
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36',
    ...options,
  });
  return { telemetry, sent, beacons, intervals };
}

// The documented batch fields (docs/telemetry.md); tests fail if a field is added without docs.
const BATCH_KEYS = ['schema', 'library', 'version', 'session', 'sequence', 'browser', 'sampling', 'frames', 'cpuMs', 'gpuMs', 'renderers', 'lod', 'pointsDrawn', 'pointsTotal', 'errors'];
const SUMMARY_KEYS = ['samples', 'p50', 'p95', 'histogram'];

test('off by default: nothing is collected, buffered, timed or sent', () => {
  for (const options of [{}, { enabled: false, sampling: 1, endpoint: 'https://t.example/collect', batchSize: 1 }]) {
    const { telemetry, sent, beacons, intervals } = harness({ callback: undefined, ...options });
    for (let i = 1; i <= 10_000; i++) telemetry.recordFrame(stats(i));
    telemetry.recordError('data', 'unsorted-time');
    assert.equal(telemetry.pending, 0, 'no buffer');
    telemetry.flush();
    telemetry.dispose();
    assert.equal(telemetry.enabled, false);
    assert.deepEqual([sent.length, beacons.length, intervals.length], [0, 0, 0]);
  }
  const withCallback = harness({ enabled: false, sampling: 1, batchSize: 1 });
  for (let i = 1; i <= 10_000; i++) withCallback.telemetry.recordFrame(stats(i));
  withCallback.telemetry.dispose();
  assert.equal(withCallback.sent.length, 0, 'a callback is not called either');
});

test('sampling keeps the expected share of frames (seeded random)', () => {
  const { telemetry, sent } = harness({ enabled: true, sampling: 0.25, random: rng(42), batchSize: 1_000_000 });
  for (let i = 1; i <= 10_000; i++) telemetry.recordFrame(stats(i));
  telemetry.flush();
  assert.equal(sent.length, 1);
  // The same seed decides the same way: count what it should keep.
  const random = rng(42);
  let expected = 0;
  for (let i = 0; i < 10_000; i++) if (random() < 0.25) expected++;
  assert.equal(sent[0].frames, expected);
  assert.ok(Math.abs(expected - 2500) < 150, 'about a quarter');
  assert.equal(sent[0].sampling, 0.25);

  const none = harness({ enabled: true, sampling: 0, random: rng(1) });
  for (let i = 1; i <= 1000; i++) none.telemetry.recordFrame(stats(i));
  none.telemetry.flush();
  assert.equal(none.sent.length, 0, 'sampling 0 records no frame');
});

test('a batch has exactly the documented fields, aggregates only', () => {
  const { telemetry, sent } = harness({ enabled: true, sampling: 1, batchSize: 1000 });
  const times = [0.5, 1.5, 3, 3, 3, 5, 9, 20, 40, 150];
  times.forEach((cpuMs, i) => telemetry.recordFrame(stats(i + 1, { cpuMs, gpuMs: i < 4 ? cpuMs / 2 : null })));
  telemetry.recordError('data', 'unsorted-time');
  telemetry.recordError('data', 'unsorted-time');
  telemetry.recordError('fallback', 'no-webgpu');
  telemetry.recordError('data', 'https://example.com/secret.csv'); // free text never passes
  telemetry.flush();
  const [batch] = sent;
  assert.deepEqual(Object.keys(batch).sort(), [...BATCH_KEYS].sort());
  assert.deepEqual(Object.keys(batch.cpuMs).sort(), [...SUMMARY_KEYS].sort());
  assert.equal(batch.schema, 1);
  assert.equal(batch.library, 'gpu-charts');
  assert.equal(batch.version, LIBRARY_VERSION);
  assert.match(batch.session, /^[0-9a-f]{16}$/);
  assert.equal(batch.sequence, 0);
  assert.equal(batch.browser, 'chromium');
  assert.equal(batch.frames, 10);
  assert.equal(batch.cpuMs.samples, 10);
  assert.equal(batch.cpuMs.p50, 4);
  assert.equal(batch.cpuMs.histogram.length, FRAME_TIME_BUCKETS_MS.length + 1);
  assert.deepEqual(batch.cpuMs.histogram, [1, 1, 3, 1, 1, 1, 1, 0, 1]);
  assert.equal(batch.gpuMs.samples, 4);
  assert.deepEqual(batch.renderers, { webgpu: 10, canvas2d: 0 });
  assert.deepEqual(batch.lod, { raw: 0, m4: 10 });
  assert.deepEqual(batch.pointsDrawn, { '1e3': 10 });
  assert.deepEqual(batch.pointsTotal, { '1e6': 10 });
  assert.deepEqual(batch.errors, [
    { kind: 'data', code: 'unsorted-time', count: 2 },
    { kind: 'fallback', code: 'no-webgpu', count: 1 },
    { kind: 'data', code: 'invalid', count: 1 },
  ]);
  const json = JSON.stringify({ ...batch, session: '' }); // the random id could contain any digits
  for (const secret of ['4321', '98765', '1234567', '5000000', 'example.com', 'Mozilla', 'Linux']) assert.ok(!json.includes(secret), `no ${secret} in the batch`);
});

test('the documentation names every batch field', () => {
  const doc = readFileSync(new URL('../../docs/telemetry.md', import.meta.url), 'utf8');
  for (const key of [...BATCH_KEYS, ...SUMMARY_KEYS]) assert.ok(doc.includes(`\`${key}\``), `docs/telemetry.md documents ${key}`);
});

test('a late GPU time joins its frame (second call, same frame), and only if that frame was sampled', () => {
  const { telemetry, sent } = harness({ enabled: true, sampling: 0.5, random: rng(7), batchSize: 1_000_000 });
  const random = rng(7);
  let sampled = 0;
  for (let i = 1; i <= 200; i++) {
    telemetry.recordFrame(stats(i));
    if (random() < 0.5) sampled++;
    if (i > 2) telemetry.recordFrame(stats(i - 2, { gpuMs: 1 })); // read back two frames later
  }
  telemetry.recordFrame(stats(199, { gpuMs: 1 }));
  telemetry.recordFrame(stats(200, { gpuMs: 1 }));
  telemetry.flush();
  assert.equal(sent[0].frames, sampled, 'second calls are not new frames');
  assert.equal(sent[0].gpuMs.samples, sampled, 'GPU times of sampled frames only');
});

test('batchSize sampled frames send a batch; sequence counts up; the session stays', () => {
  const { telemetry, sent } = harness({ enabled: true, sampling: 1, batchSize: 100 });
  for (let i = 1; i <= 250; i++) telemetry.recordFrame(stats(i));
  assert.deepEqual(sent.map((b) => b.frames), [100, 100]);
  assert.deepEqual(sent.map((b) => b.sequence), [0, 1]);
  assert.equal(sent[0].session, sent[1].session);
  assert.equal(telemetry.pending, 50);
  const other = harness({ enabled: true, sampling: 1, batchSize: 1 });
  other.telemetry.recordFrame(stats(1));
  assert.equal(other.sent[0].session, sent[0].session, 'one session id per page load, shared');
});

test('flushes on the timer and on dispose; dispose stops the timer and later records', () => {
  const { telemetry, sent, intervals } = harness({ enabled: true, sampling: 1, flushMs: 5000 });
  assert.equal(intervals.length, 1);
  assert.equal(intervals[0].ms, 5000);
  intervals[0].callback();
  assert.equal(sent.length, 0, 'nothing collected: no empty batch');
  telemetry.recordFrame(stats(1));
  intervals[0].callback();
  assert.equal(sent.length, 1);
  telemetry.recordFrame(stats(2));
  telemetry.recordError('device', 'lost');
  telemetry.dispose();
  assert.equal(sent.length, 2);
  assert.equal(sent[1].frames, 1);
  assert.equal(intervals[0].cleared, true);
  telemetry.recordFrame(stats(3));
  telemetry.flush();
  telemetry.dispose();
  assert.equal(sent.length, 2);
});

test('without a callback, batches go to the endpoint with sendBeacon as JSON', () => {
  const { telemetry, beacons } = harness({ enabled: true, sampling: 1, callback: undefined, endpoint: 'https://t.example/collect', batchSize: 2 });
  telemetry.recordFrame(stats(1));
  telemetry.recordFrame(stats(2));
  assert.equal(beacons.length, 1);
  assert.equal(beacons[0].url, 'https://t.example/collect');
  assert.equal(JSON.parse(beacons[0].body).frames, 2);
  assert.throws(() => createTelemetry({ enabled: true, sendBeacon: () => true }), TypeError, 'enabled needs a destination');
});

test('options are validated', () => {
  assert.throws(() => createTelemetry({ sampling: 1.5 }), RangeError);
  assert.throws(() => createTelemetry({ sampling: Number.NaN }), RangeError);
  assert.throws(() => createTelemetry({ batchSize: 0 }), RangeError);
  assert.throws(() => createTelemetry({ flushMs: 0 }), RangeError);
});

test('helpers: magnitudes, browser families, version matches package.json', () => {
  assert.deepEqual([0, 1, 9, 10, 999, 1000, 4_000_000, 5e12].map(magnitude), ['0', '1e0', '1e0', '1e1', '1e2', '1e3', '1e6', '1e9']);
  assert.equal(browserFamily('Mozilla/5.0 (Windows NT 10.0; rv:126.0) Gecko/20100101 Firefox/126.0'), 'firefox');
  assert.equal(browserFamily('Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15'), 'safari');
  assert.equal(browserFamily('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/125.0 Safari/537.36 Edg/125.0'), 'chromium');
  assert.equal(browserFamily(undefined), 'unknown');
  assert.equal(browserFamily('curl/8'), 'other');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(LIBRARY_VERSION, pkg.version);
});
