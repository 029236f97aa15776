import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordProfile, toTrace } from '../../build/node/perf/profiler.js';

/** A frame source the test drives by hand, with a clock and timers it controls. */
function fakeSource() {
  const listeners = new Set();
  let clock = 1000;
  const timers = [];
  return {
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(stats) {
      for (const listener of listeners) listener(stats);
    },
    get listenerCount() {
      return listeners.size;
    },
    now: () => clock,
    setTimeout: (callback, ms) => timers.push({ at: clock + ms, callback }),
    /** Advances the clock, running timers that come due (and timers they set). */
    advance(ms) {
      const end = clock + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        if (!timers.length || timers[0].at > end) break;
        const timer = timers.shift();
        clock = timer.at;
        timer.callback();
      }
      clock = end;
    },
  };
}

/**
 * @param {number} frame
 * @param {number} startedAt
 * @param {Partial<import('../../build/node/perf/frame-stats.js').FrameStats>} [extra]
 * @returns {import('../../build/node/perf/frame-stats.js').FrameStats}
 */
function stats(frame, startedAt, extra = {}) {
  return {
    frame, startedAt, cpuMs: 4, sceneMs: 1.5, renderMs: 2, gpuMs: null,
    pointsDrawn: 4000, visiblePoints: 100_000, totalPoints: 1_000_000, lod: 'm4', renderer: 'webgpu', memoryBytes: 2_000_000,
    ...extra,
  };
}

/**
 * @param {(source: any) => unknown} emitFrames
 * @param {{ ms?: number, settleMs?: number }} [options]
 */
async function profileOf(emitFrames, { ms = 100, settleMs } = {}) {
  const source = fakeSource();
  const done = recordProfile(source, ms, { now: source.now, setTimeout: source.setTimeout, settleMs });
  emitFrames(source);
  source.advance(ms + (settleMs ?? 250));
  const trace = await done;
  return { source, trace };
}

const complete = (trace, name) => trace.traceEvents.filter((e) => e.ph === 'X' && e.name === name);

test('each frame becomes frame / scene / render spans in µs, scene and render nested in frame', async () => {
  const { trace } = await profileOf((s) => {
    s.emit(stats(1, 1010, { cpuMs: 4, sceneMs: 1.5, renderMs: 2 }));
    s.emit(stats(2, 1026.5, { cpuMs: 3.25, sceneMs: 1, renderMs: 2.125 }));
  });
  const [frame1, frame2] = complete(trace, 'frame');
  const [scene1] = complete(trace, 'scene');
  const [render1, render2] = complete(trace, 'render');
  // ts is µs after the profile started (clock 1000 ms); dur is µs.
  assert.deepEqual([frame1.ts, frame1.dur], [10_000, 4000]);
  assert.deepEqual([scene1.ts, scene1.dur], [10_000, 1500]);
  assert.deepEqual([render1.ts, render1.dur], [11_500, 2000]);
  assert.deepEqual([frame2.ts, frame2.dur, render2.ts, render2.dur], [26_500, 3250, 27_500, 2125]);
  for (const span of [...complete(trace, 'scene'), ...complete(trace, 'render')]) {
    const parent = complete(trace, 'frame').find((f) => f.args.frame === span.args.frame);
    assert.equal(span.tid, parent.tid, 'same track as its frame');
    assert.ok(span.ts >= parent.ts && span.ts + span.dur <= parent.ts + parent.dur, `${span.name} inside frame`);
  }
  assert.equal(frame1.args.renderer, 'webgpu');
  assert.equal(frame1.args.lod, 'm4');
  assert.equal(trace.displayTimeUnit, 'ms');
  assert.equal(trace.metadata.frames, 2);
});

test('measurements that overshoot their frame are clamped inside it', async () => {
  const { trace } = await profileOf((s) => s.emit(stats(1, 1001, { cpuMs: 2, sceneMs: 1.2, renderMs: 1.3 })));
  const [frame] = complete(trace, 'frame');
  const [render] = complete(trace, 'render');
  assert.equal(render.ts + render.dur, frame.ts + frame.dur);
});

test('GPU time goes on its own track, from the late second call for the same frame', async () => {
  const { trace } = await profileOf((s) => {
    s.emit(stats(1, 1010));
    s.emit(stats(2, 1030));
    s.emit(stats(1, 1010, { gpuMs: 0.75 })); // read back after frame 2
  });
  const gpu = complete(trace, 'gpu');
  assert.equal(gpu.length, 1, 'only frame 1 has a GPU time');
  const [frame1] = complete(trace, 'frame');
  assert.equal(gpu[0].args.frame, 1);
  assert.equal(gpu[0].dur, 750);
  assert.equal(gpu[0].ts, frame1.ts + frame1.dur, 'placed at submit');
  assert.notEqual(gpu[0].tid, frame1.tid, 'separate track');
  assert.equal(complete(trace, 'frame').length, 2, 'the late call adds no frame');
  assert.equal(trace.metadata.framesWithGpuTime, 1);
});

test('GPU spans never overlap: a frame whose GPU work is still queued starts after the previous one', async () => {
  const { trace } = await profileOf((s) => {
    s.emit(stats(1, 1010, { cpuMs: 2, gpuMs: 30 })); // GPU busy until 1042 ms
    s.emit(stats(2, 1020, { cpuMs: 2, gpuMs: 5 }));
    s.emit(stats(3, 1060, { cpuMs: 2, gpuMs: 1 }));
  });
  const gpu = complete(trace, 'gpu');
  assert.deepEqual(gpu.map((g) => [g.ts, g.dur, g.args.placement]), [
    [12_000, 30_000, 'submit'],
    [42_000, 5000, 'after-previous-gpu-frame'],
    [62_000, 1000, 'submit'],
  ]);
});

test('GPU times arriving after the window but within settleMs are kept; new frames are not', async () => {
  const source = fakeSource();
  const done = recordProfile(source, 50, { now: source.now, setTimeout: source.setTimeout, settleMs: 100 });
  source.emit(stats(1, 1040));
  source.advance(60); // window closed
  source.emit(stats(2, 1060)); // too late
  source.emit(stats(1, 1040, { gpuMs: 1 }));
  source.advance(100);
  const trace = await done;
  assert.deepEqual(complete(trace, 'frame').map((f) => f.args.frame), [1]);
  assert.equal(complete(trace, 'gpu').length, 1);
  assert.equal(source.listenerCount, 0, 'unsubscribed at the end');
});

test('frames that started before the profile are left out', async () => {
  const { trace } = await profileOf((s) => {
    s.emit(stats(1, 990));
    s.emit(stats(2, 1005));
  });
  assert.deepEqual(complete(trace, 'frame').map((f) => f.args.frame), [2]);
});

test('counters for points and memory, metadata naming process and both tracks', async () => {
  const { trace } = await profileOf((s) => s.emit(stats(1, 1010)));
  const counters = trace.traceEvents.filter((e) => e.ph === 'C');
  const points = counters.find((c) => c.name === 'points');
  const memory = counters.find((c) => c.name === 'memory');
  assert.deepEqual(points.args, { drawn: 4000, visible: 100_000 });
  assert.deepEqual(memory.args, { bytes: 2_000_000 });
  assert.equal(points.ts, 10_000);
  /** @type {Array<{ name: string, tid?: number, args: { name?: string, sort_index?: number } }>} */
  const meta = /** @type {any[]} */ (trace.traceEvents.filter((e) => e.ph === 'M'));
  assert.ok(meta.some((e) => e.name === 'process_name' && e.args.name === 'gpu-chart'));
  const threadNames = meta.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args.name]);
  assert.equal(threadNames.length, 2);
  const frame = complete(trace, 'frame')[0];
  assert.ok(threadNames.some(([tid]) => tid === frame.tid), 'CPU track named');
  for (const event of trace.traceEvents) {
    assert.equal(typeof event.pid, 'number');
    assert.equal(typeof event.ts, 'number');
    assert.ok(['X', 'C', 'M'].includes(event.ph));
  }
});

test('the document survives a JSON round trip unchanged', async () => {
  const { trace } = await profileOf((s) => {
    for (let i = 1; i <= 20; i++) s.emit(stats(i, 1000 + i * 16.7, { cpuMs: 1 + i / 10, gpuMs: i % 2 ? 0.5 : null }));
  });
  assert.deepEqual(JSON.parse(JSON.stringify(trace)), trace);
  assert.equal(complete(trace, 'frame').length, 20);
  assert.equal(complete(trace, 'gpu').length, 10);
});

test('no frames: a valid empty trace; bad durations are rejected', async () => {
  const { trace } = await profileOf(() => {});
  assert.equal(trace.metadata.frames, 0);
  assert.ok(trace.traceEvents.every((e) => e.ph === 'M'));
  await assert.rejects(recordProfile(fakeSource(), -1), RangeError);
  await assert.rejects(recordProfile(fakeSource(), Number.NaN), RangeError);
});

test('toTrace orders frames by start time', () => {
  const trace = toTrace([stats(2, 20), stats(1, 10)], 0, 100);
  assert.deepEqual(complete(trace, 'frame').map((f) => f.args.frame), [1, 2]);
});
