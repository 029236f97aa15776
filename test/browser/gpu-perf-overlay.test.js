// <gpu-perf-overlay>: known frame stats fed through a fake chart give known figures; a real chart
// gives measured ones; hidden overlays do nothing; it sits above the chart.
import '../../dist/index.js';
import '../../dist/define/index.js';
import { assert, assertEqual, createChart, nextEvent, sleep, frame } from './helpers.js';

/** Stands in for <gpu-chart>: the same `onFrame` API, frames emitted by the test. */
class FakeChart extends HTMLElement {
  /** @type {Set<(stats: import('../../dist/index.js').FrameStats) => void>} */
  listeners = new Set();
  onFrame(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(stats) {
    for (const listener of this.listeners) listener(stats);
  }
}
customElements.define('fake-chart', FakeChart);

const line = (n = 5000) => ({ time: Float64Array.from({ length: n }, (_, i) => i * 1000), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50)) });

/**
 * @param {number} frame
 * @param {number} startedAt
 * @param {Partial<import('../../dist/index.js').FrameStats>} [extra]
 * @returns {import('../../dist/index.js').FrameStats}
 */
function stats(frame, startedAt, extra = {}) {
  return {
    frame, startedAt, cpuMs: 2, sceneMs: 1, renderMs: 0.8, gpuMs: null,
    pointsDrawn: 4000, visiblePoints: 250_000, totalPoints: 1_000_000, lod: 'm4', renderer: 'webgpu', memoryBytes: 3 * 1024 * 1024,
    ...extra,
  };
}

/** Polls until `check()` is truthy (rejects after `ms`). */
async function until(check, ms = 4000, what = 'condition') {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Long enough for a refresh already scheduled to run. */
const REFRESH_SETTLE = 300;

const field = (overlay, name) => overlay.shadowRoot.querySelector(`[data-field="${name}"]`)?.textContent.trim();

let nextId = 0;
/** A positioned box holding a fake chart and an overlay pointing at it with `for`. */
async function fakeSetup({ overlayAttributes = {}, subscribe = true } = {}) {
  const box = document.createElement('div');
  box.className = 'test-box';
  box.style.cssText = 'position:relative;width:400px;height:240px';
  const chart = /** @type {FakeChart} */ (document.createElement('fake-chart'));
  chart.id = `fake-${++nextId}`;
  chart.style.cssText = 'display:block;width:100%;height:100%';
  const overlay = document.createElement('gpu-perf-overlay');
  overlay.setAttribute('for', chart.id);
  for (const [name, value] of Object.entries(overlayAttributes)) overlay.setAttribute(name, value);
  box.append(chart, overlay);
  document.body.append(box);
  await overlay.updateComplete;
  if (subscribe) await until(() => chart.listeners.size === 1, 4000, 'subscription');
  return { box, chart, overlay };
}

/**
 * Emits `count` frames that started over the last `count * spacing` ms, CPU times from `cpu(i)`.
 * @param {FakeChart} chart
 * @param {number} count
 * @param {{ spacing?: number, cpu?: (i: number) => number, first?: number, extra?: (i: number) => object }} [options]
 */
function emitRecent(chart, count, { spacing = 10, cpu = () => 2, first = 1, extra = () => ({}) } = {}) {
  const now = performance.now();
  const emitted = [];
  for (let i = 0; i < count; i++) {
    const s = stats(first + i, now - (count - 1 - i) * spacing, { cpuMs: cpu(i), ...extra(i) });
    chart.emit(s);
    emitted.push(s);
  }
  return emitted;
}

describe('gpu-perf-overlay', () => {
  afterEach(() => {
    document.querySelectorAll('.test-box, gpu-chart, gpu-perf-overlay').forEach((el) => el.remove());
  });

  it('shows fps, median CPU time, n/a for GPU, points, LOD, memory and renderer from known stats', async () => {
    const { chart, overlay } = await fakeSetup({ overlayAttributes: { mode: 'expanded' } });
    emitRecent(chart, 30, { cpu: (i) => i + 1 }); // CPU 1..30 ms: median of the last 30 is 15.5
    await until(() => field(overlay, 'fps') === '30', 2000, 'fps 30');
    await overlay.updateComplete;
    assertEqual(field(overlay, 'cpu'), '15.5 ms', 'median CPU');
    assertEqual(field(overlay, 'gpu'), 'n/a', 'GPU without timestamp queries');
    assertEqual(field(overlay, 'total-points'), '1,000,000', 'points in the data');
    assertEqual(field(overlay, 'points-drawn'), '4,000', 'points drawn');
    assertEqual(field(overlay, 'lod'), 'm4', 'LOD mode');
    assertEqual(field(overlay, 'memory'), '3.0 MiB', 'GPU memory');
    assertEqual(field(overlay, 'renderer'), 'webgpu', 'renderer');
    assertEqual(field(overlay, 'quality'), 'n/a', 'no qualityTier on the chart');
    const path = overlay.shadowRoot.querySelector('[part=sparkline] .cpu').getAttribute('d');
    assertEqual(path.match(/[ML]/g).length, 30, 'one sparkline point per frame');
  });

  it('median uses the last 60 frames only', async () => {
    const { chart, overlay } = await fakeSetup();
    emitRecent(chart, 100, { spacing: 5, cpu: (i) => (i < 40 ? 100 : 1 + (i % 2)) }); // last 60: 30 × 1 ms, 30 × 2 ms
    await until(() => field(overlay, 'cpu') === '1.50 ms', 2000, 'median 1.50 ms');
  });

  it('shows the GPU time when it arrives later for the same frame, without counting a new frame', async () => {
    const { chart, overlay } = await fakeSetup();
    const frames = emitRecent(chart, 20, { cpu: () => 3 });
    await until(() => field(overlay, 'fps') === '20', 2000, 'fps 20');
    assertEqual(field(overlay, 'gpu'), 'n/a', 'not measured yet');
    frames.forEach((s, i) => chart.emit({ ...s, gpuMs: i < 10 ? 0.5 : 0.75 })); // the late second calls
    await until(() => field(overlay, 'gpu') === '0.63 ms', 2000, 'median GPU 0.625 ms');
    assertEqual(field(overlay, 'fps'), '20', 'late GPU times are not frames');
    assertEqual(field(overlay, 'cpu'), '3.00 ms', 'CPU unchanged');
    const gpuPath = overlay.shadowRoot.querySelector('[part=sparkline] .gpu').getAttribute('d');
    assertEqual(gpuPath.match(/[ML]/g).length, 20, 'GPU line drawn');
  });

  it('an idle chart shows 0 fps, not the last number; then the overlay stops updating', async () => {
    const { chart, overlay } = await fakeSetup();
    emitRecent(chart, 12, { cpu: () => 4 });
    await until(() => field(overlay, 'fps') === '12', 2000, 'fps 12');
    await until(() => field(overlay, 'fps') === '0', 2000, 'fps 0 once idle');
    assertEqual(field(overlay, 'cpu'), '4.00 ms', 'the cost of the last frames stays');
    const updates = overlay.updateCount;
    await sleep(700);
    assertEqual(overlay.updateCount, updates, 'no updates while the chart is idle');
  });

  it('throttles its own updates to about 4 a second under a 200 fps stream', async () => {
    const { chart, overlay } = await fakeSetup();
    const before = overlay.updateCount;
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 1000) {
      chart.emit(stats(++n, performance.now(), { cpuMs: 1 }));
      await sleep(5);
    }
    const updates = overlay.updateCount - before;
    assert(n > 50, `frames emitted (${n})`);
    assert(updates >= 3 && updates <= 6, `3..6 updates in 1 s, got ${updates}`);
  });

  it('shows the quality tier when the chart has one', async () => {
    const { chart, overlay } = await fakeSetup({ overlayAttributes: { mode: 'expanded' } });
    // A property the fake does not declare: the overlay reads it when a chart has one.
    /** @type {FakeChart & { qualityTier?: string }} */ (chart).qualityTier = 'high';
    emitRecent(chart, 1);
    await until(() => field(overlay, 'quality') === 'high', 2000, 'quality high');
  });

  it('does no work while hidden (attribute or display:none), and resumes when shown', async () => {
    const { chart, overlay } = await fakeSetup({ overlayAttributes: { hidden: '' }, subscribe: false });
    await sleep(100);
    emitRecent(chart, 50);
    await sleep(400);
    assertEqual(chart.listeners.size, 0, 'not subscribed while hidden');
    assertEqual(overlay.updateCount, 0, 'no updates while hidden');

    overlay.hidden = false;
    await until(() => chart.listeners.size === 1, 2000, 'subscribed when shown');
    emitRecent(chart, 5, { first: 100 });
    await until(() => field(overlay, 'fps') === '5', 2000, 'fps 5');

    overlay.style.display = 'none';
    await until(() => chart.listeners.size === 0, 2000, 'unsubscribed under display:none');
    await sleep(REFRESH_SETTLE);
    const updates = overlay.updateCount;
    emitRecent(chart, 50, { first: 200 });
    await sleep(600);
    assertEqual(overlay.updateCount, updates, 'no updates under display:none');
    overlay.style.display = '';
    await until(() => chart.listeners.size === 1, 2000, 'subscribed again');
    await until(() => field(overlay, 'fps') === '0', 2000, 'starts afresh (no stale figures)');
  });

  it('a click toggles compact and expanded; position picks the corner', async () => {
    const { box, overlay } = await fakeSetup({ overlayAttributes: { position: 'bottom-left' } });
    assertEqual(overlay.mode, 'compact', 'default mode');
    assert(!overlay.shadowRoot.querySelector('[part=details]'), 'compact has no details');
    (/** @type {HTMLElement} */ (overlay.shadowRoot.querySelector('[part=summary]'))).click();
    await overlay.updateComplete;
    assertEqual(overlay.getAttribute('mode'), 'expanded', 'expanded, reflected');
    assert(overlay.shadowRoot.querySelector('[part=details]'), 'details shown');
    (/** @type {HTMLElement} */ (overlay.shadowRoot.querySelector('[part=details]'))).click();
    await overlay.updateComplete;
    assertEqual(overlay.mode, 'compact', 'collapsed again');

    const boxRect = box.getBoundingClientRect();
    let rect = overlay.getBoundingClientRect();
    assert(Math.abs(rect.left - boxRect.left - 6) < 1 && Math.abs(boxRect.bottom - rect.bottom - 6) < 1, 'bottom-left corner');
    overlay.position = 'top-right';
    await overlay.updateComplete;
    rect = overlay.getBoundingClientRect();
    assert(Math.abs(boxRect.right - rect.right - 6) < 1 && Math.abs(rect.top - boxRect.top - 6) < 1, 'top-right corner');
  });

  it('offers "Profile 2 s" only when the chart can profile, and downloads its trace', async () => {
    const { chart, overlay } = await fakeSetup({ overlayAttributes: { mode: 'expanded' } });
    assert(!overlay.shadowRoot.querySelector('[part=profile-button]'), 'no button without chart.profile');
    const trace = { traceEvents: [{ ph: 'X', name: 'frame', ts: 0, dur: 1000, pid: 1, tid: 1 }], displayTimeUnit: 'ms', metadata: {} };
    const calls = [];
    // A method the fake does not declare: the overlay offers its button when a chart has one.
    /** @type {FakeChart & { profile?: (ms: number) => Promise<object> }} */ (chart).profile = async (ms) => (calls.push(ms), trace);
    overlay.requestUpdate();
    await overlay.updateComplete;
    const button = /** @type {HTMLElement} */ (overlay.shadowRoot.querySelector('[part=profile-button]'));
    assert(button && button.textContent.includes('Profile 2 s'), 'button shown');

    const created = [];
    const clicked = [];
    const { createObjectURL } = URL;
    const anchorClick = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob) => (created.push(blob), 'blob:test');
    HTMLAnchorElement.prototype.click = function () {
      clicked.push({ href: this.href, download: this.download });
    };
    try {
      button.click();
      await until(() => clicked.length === 1, 2000, 'download');
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = anchorClick;
    }
    assertEqual(calls[0], 2000, 'chart.profile(2000)');
    assert(/^gpu-chart-profile-.*\.json$/.test(clicked[0].download), `download name ${clicked[0].download}`);
    assertEqual(clicked[0].href, 'blob:test', 'object URL');
    assertEqual(JSON.stringify(JSON.parse(await created[0].text())), JSON.stringify(trace), 'the trace, as JSON');
    assertEqual(overlay.mode, 'expanded', 'the button does not toggle the mode');
  });

  it('a chart object can be set directly with the chart property', async () => {
    const box = document.createElement('div');
    box.className = 'test-box';
    box.style.cssText = 'position:relative;width:300px;height:200px';
    const overlay = document.createElement('gpu-perf-overlay');
    box.append(overlay);
    document.body.append(box);
    const source = new FakeChart(); // never attached: only its API matters
    overlay.chart = source;
    await until(() => source.listeners.size === 1, 2000, 'subscription');
    emitRecent(source, 7);
    await until(() => field(overlay, 'fps') === '7', 2000, 'fps 7');
    overlay.remove();
    assertEqual(source.listeners.size, 0, 'unsubscribed on disconnect');
  });

  it('with a real <gpu-chart>: measured CPU time, renderer webgpu, above the chart, no extra frames', async () => {
    const box = document.createElement('div');
    box.className = 'test-box';
    box.style.cssText = 'position:relative;width:400px;height:240px';
    document.body.append(box);
    const chart = document.createElement('gpu-chart');
    chart.id = 'real-chart';
    chart.style.cssText = 'width:100%;height:100%';
    const ready = nextEvent(chart, 'gpu-ready');
    box.append(chart);
    await ready;
    chart.data = line();
    await chart.nextFrame();
    const overlay = document.createElement('gpu-perf-overlay');
    overlay.setAttribute('for', 'real-chart');
    overlay.setAttribute('mode', 'expanded');
    box.append(overlay);
    await until(() => overlay.chart === chart, 4000, 'subscribed to the chart');

    for (let i = 0; i < 10; i++) {
      chart.setViewport(i * 10_000, i * 10_000 + 2_000_000);
      await chart.nextFrame();
    }
    await until(() => field(overlay, 'renderer') === 'webgpu', 3000, 'renderer webgpu');
    const cpu = field(overlay, 'cpu');
    assert(/^\d+\.\d+ ms$/.test(cpu) && parseFloat(cpu) > 0, `measured CPU time, got ${cpu}`);
    assertEqual(field(overlay, 'total-points'), '5,000', 'points in the data');
    assert(Number(field(overlay, 'fps')) > 0, 'fps while drawing');
    const gpu = field(overlay, 'gpu');
    assert(gpu === 'n/a' || /^\d+\.\d+ ms$/.test(gpu), `GPU time measured or n/a, got ${gpu}`);
    assert(field(overlay, 'memory').endsWith('B'), 'memory');
    assertEqual(field(overlay, 'quality'), String(chart.qualityTier ?? 'n/a'), 'the chart\'s quality tier');

    // Above the chart: the overlay's own pixels are what a pointer there hits.
    const rect = overlay.getBoundingClientRect();
    const chartRect = chart.getBoundingClientRect();
    assert(rect.width > 50 && rect.height > 20, 'laid out');
    assert(rect.left >= chartRect.left && rect.right <= chartRect.right && rect.top >= chartRect.top && rect.bottom <= chartRect.bottom, 'inside the chart');
    assertEqual(document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2), overlay, 'on top at its centre');

    // Its own updates never make the chart draw.
    await until(() => field(overlay, 'fps') === '0', 3000, 'idle');
    const frames = chart.frameCount;
    (/** @type {HTMLElement} */ (overlay.shadowRoot.querySelector('[part=summary]'))).click();
    await sleep(600);
    assertEqual(chart.frameCount, frames, 'no chart frames from the overlay');
  });

  it('inside a <gpu-chart> (child): finds it, sits above it, keeps pointer events to itself', async function () {
    const chart = await createChart({ data: line() });
    if (!chart.shadowRoot.querySelector('slot')) {
      // A shadow root without a <slot> renders none of the host's children.
      this.skip();
    }
    const overlay = document.createElement('gpu-perf-overlay');
    chart.append(overlay);
    await until(() => overlay.chart === chart, 4000, 'found the enclosing chart');
    chart.setViewport(0, 1_000_000);
    await chart.nextFrame();
    await until(() => Number(field(overlay, 'fps')) > 0, 3000, 'fps shown');
    const rect = overlay.getBoundingClientRect();
    const chartRect = chart.getBoundingClientRect();
    assert(rect.width > 50 && rect.right <= chartRect.right && rect.top >= chartRect.top, 'inside the chart, top-right');
    assertEqual(document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2), overlay, 'on top');
    const before = chart.getViewport();
    overlay.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, bubbles: true, composed: true, clientX: rect.left + 5, clientY: rect.top + 5 }));
    await frame();
    assertEqual(chart.getViewport().end - chart.getViewport().start, before.end - before.start, 'wheel over the overlay does not zoom');
  });
});
