// <gpu-chart> behaviour: events, interaction, render-on-demand, bad input, lifecycle.
import { DeviceManager } from '../../dist/index.js';
import { assert, assertEqual, createChart, nextEvent, recordEvents, sleep, frame } from './helpers.js';

const line = (n = 1000) => ({ time: Float64Array.from({ length: n }, (_, i) => i * 1000), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50)) });
const container = (chart) => chart.shadowRoot.querySelector('.container');

function pointer(chart, type, x, y, extra = {}) {
  const rect = container(chart).getBoundingClientRect();
  container(chart).dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: rect.left + x, clientY: rect.top + y, pointerId: extra.pointerId ?? 1, button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true, ...extra }));
}

describe('gpu-chart behaviour', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('renders on demand: an idle chart draws no frames, a change draws one', async () => {
    const chart = await createChart({ data: line() });
    await frame();
    await frame();
    const idle = chart.frameCount;
    await sleep(600);
    assertEqual(chart.frameCount, idle, 'frames drawn while idle');
    chart.setViewport(100_000, 200_000);
    chart.setViewport(120_000, 220_000); // two changes in one task: still one frame
    await chart.nextFrame();
    assertEqual(chart.frameCount, idle + 1, 'one frame after two changes');
  });

  it('fires gpu-ready with the renderer and adapter', async () => {
    const chart = document.createElement('gpu-chart');
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    const event = await ready;
    assertEqual(event.detail.renderer, 'webgpu', 'renderer');
    assert(event.bubbles && event.composed, 'bubbles and composed');
    assertEqual(chart.state, 'ready', 'state');
  });

  it('zooms with the wheel around the cursor, pans by drag and keys, resets on double-click', async () => {
    const chart = await createChart({ data: line() });
    const plot = chart.model.plotCss();
    const before = chart.getViewport();
    const recorder = recordEvents(chart, ['gpu-viewport-change']);

    const cursorX = plot.x + plot.width * 0.25;
    const timeUnderCursor = chart.model.timeAt(cursorX).time;
    const rect = container(chart).getBoundingClientRect();
    container(chart).dispatchEvent(new WheelEvent('wheel', { deltaY: -200, clientX: rect.left + cursorX, clientY: rect.top + 50, bubbles: true, cancelable: true }));
    const zoomed = chart.getViewport();
    assert(zoomed.end - zoomed.start < (before.end - before.start) * 0.9, 'wheel zoomed in');
    assert(Math.abs(chart.model.timeAt(cursorX).time - timeUnderCursor) < 1e-6 * (before.end - before.start), 'time under cursor kept');
    assertEqual(recorder.events.at(-1).detail.source, 'zoom', 'event source');

    pointer(chart, 'pointerdown', 200, 100);
    pointer(chart, 'pointermove', 100, 100);
    pointer(chart, 'pointerup', 100, 100);
    const panned = chart.getViewport();
    assert(panned.start > zoomed.start, 'drag to the left shows later times');
    assertEqual(recorder.events.at(-1).detail.source, 'pan', 'pan source');

    container(chart).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    assert(chart.getViewport().start < panned.start, 'ArrowLeft pans back');
    container(chart).dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
    assertEqual(recorder.events.at(-1).detail.source, 'zoom', 'keyboard zoom');

    container(chart).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    const reset = chart.getViewport();
    assertEqual(reset.start, before.start, 'reset start');
    assertEqual(reset.end, before.end, 'reset end');
    recorder.stop();
  });

  it('zooms to a shift-dragged box, x and y', async () => {
    const chart = await createChart({ data: line() });
    const plot = chart.model.plotCss();
    const t1 = chart.model.timeAt(plot.x + 100).time;
    const t2 = chart.model.timeAt(plot.x + 200).time;
    pointer(chart, 'pointerdown', plot.x + 100, plot.y + 40, { shiftKey: true });
    pointer(chart, 'pointermove', plot.x + 200, plot.y + 120, { shiftKey: true });
    pointer(chart, 'pointerup', plot.x + 200, plot.y + 120, { shiftKey: true });
    const view = chart.getViewport();
    assert(Math.abs(view.start - t1) < 1 && Math.abs(view.end - t2) < 1, `box x range ${view.start}..${view.end}`);
    assertEqual(view.autoY, false, 'box sets y');
  });

  it('pinch zooms with two pointers', async () => {
    const chart = await createChart({ data: line() });
    const before = chart.getViewport();
    pointer(chart, 'pointerdown', 150, 100, { pointerId: 1 });
    pointer(chart, 'pointerdown', 250, 100, { pointerId: 2 });
    pointer(chart, 'pointermove', 300, 100, { pointerId: 2 });
    pointer(chart, 'pointerup', 300, 100, { pointerId: 2 });
    pointer(chart, 'pointerup', 150, 100, { pointerId: 1 });
    const after = chart.getViewport();
    assert(after.end - after.start < (before.end - before.start) * 0.8, 'spreading two fingers zooms in');
  });

  it('y follows the visible data (autoscale)', async () => {
    const chart = await createChart({ data: { time: [0, 1000, 2000, 3000], value: [0, 100, 1, 2] } });
    chart.setViewport(1900, 3100);
    const { yMin, yMax } = chart.getViewport();
    assert(yMax < 10 && yMin > -1, `y range fits the visible points: ${yMin}..${yMax}`);
  });

  it('reports the values under the crosshair and shows a tooltip', async () => {
    const chart = await createChart({ data: { time: [0, 1000, 2000], value: [5, 6, 7] } });
    const plot = chart.model.plotCss();
    const crosshair = nextEvent(chart, 'gpu-crosshair');
    pointer(chart, 'pointermove', plot.x + plot.width / 2 + 3, plot.y + 20, { buttons: 0 });
    const event = await crosshair;
    assertEqual(event.detail.time, 1000, 'snapped to the nearest point');
    assertEqual(event.detail.values[0].value, 6, 'value');
    const tooltip = /** @type {HTMLElement} */ (chart.shadowRoot.querySelector('.tooltip'));
    assertEqual(tooltip.style.display, 'block', 'tooltip shown');
    assert(tooltip.textContent.includes('6'), `tooltip text: ${tooltip.textContent}`);
  });

  it('streams appended rows and follows the newest data', async () => {
    const chart = await createChart({ data: { time: [0, 1000], value: [1, 2] } });
    chart.append({ time: [2000, 3000], value: [3, 4] });
    assertEqual(chart.model.data.length, 4, 'rows appended');
    assertEqual(chart.getViewport().end, 3000, 'window follows the stream');
    chart.append([{ time: 3000, value: 10 }]);
    assertEqual(chart.model.data.length, 4, 'same time updates the last row');
    assertEqual(chart.model.data.column('value')[3], 10, 'last row updated');
    const error = nextEvent(chart, 'gpu-data-error');
    chart.append({ time: [500], value: [1] });
    assertEqual((await error).detail.code, 'unsorted-time', 'appending the past is refused');
    assertEqual(chart.model.data.length, 4, 'nothing appended');
    // DOM nodes still append as children.
    chart.append(document.createElement('span'));
    assertEqual(chart.children.length, 1, 'Element.append still works');
  });

  it('accepts arrays of records and Date / ISO times', async () => {
    const chart = await createChart({ data: [{ time: '2024-01-01T00:00:00Z', value: 1 }, { time: new Date(Date.UTC(2024, 0, 2)), value: 2 }] });
    assertEqual(chart.model.data.length, 2, 'two rows');
    assertEqual(chart.model.data.time[1], Date.UTC(2024, 0, 2), 'Date converted');
  });

  it('rejects bad data with the row, keeping the previous data on screen', async () => {
    const chart = await createChart({ data: line(10) });
    const before = await chart.snapshot();
    const cases = [
      [{ time: [0, 2, 1], value: [1, 2, 3] }, 'unsorted-time', 2],
      [{ time: [0, 1, 1], value: [1, 2, 3] }, 'duplicate-time', 2],
      [{ time: [0, 1, 2], value: [1, 2] }, 'length-mismatch', undefined],
      [{ time: [], value: [] }, 'empty', undefined],
    ];
    for (const [data, code, row] of cases) {
      const error = nextEvent(chart, 'gpu-data-error');
      chart.data = data;
      const { detail } = await error;
      assertEqual(detail.code, code, `code for ${JSON.stringify(data)}`);
      assertEqual(detail.severity, 'error', 'severity');
      if (row !== undefined) assertEqual(detail.row, row, 'row');
      assert(detail.message.length > 10, `message says what: ${detail.message}`);
    }
    assertEqual(chart.model.data.length, 10, 'previous data kept');
    const after = await chart.snapshot();
    let same = 0;
    for (let i = 0; i < before.data.length; i++) if (before.data[i] === after.data[i]) same++;
    assert(same / before.data.length > 0.999, 'same picture');
  });

  it('draws NaN and Infinity as gaps and counts them', async () => {
    const chart = await createChart();
    const warning = nextEvent(chart, 'gpu-data-error');
    chart.data = { time: [0, 1, 2, 3, 4], value: [1, NaN, 3, Infinity, 5] };
    const { detail } = await warning;
    assertEqual(detail.code, 'non-finite', 'code');
    assertEqual(detail.severity, 'warning', 'a warning, data accepted');
    assertEqual(detail.count, 2, 'count');
    assertEqual(chart.model.data.length, 5, 'data accepted');
  });

  it('loads CSV from src with progress events and a loading state', async () => {
    const chart = await createChart();
    const recorder = recordEvents(chart, ['gpu-load-progress']);
    const done = new Promise((resolve) => chart.addEventListener('gpu-load-progress', (e) => e.detail.phase === 'done' && resolve()));
    chart.src = '/demo/data/prices.csv';
    await chart.updateComplete;
    assert(chart.shadowRoot.querySelector('[part=loading]'), 'loading state visible');
    await done;
    await chart.updateComplete;
    assertEqual(chart.model.data.length, 3000, 'rows loaded');
    assert(!chart.shadowRoot.querySelector('[part=loading]'), 'loading state gone');
    const phases = recorder.events.map((e) => e.detail.phase);
    assertEqual(phases[0], 'start', 'first phase');
    assert(phases.includes('progress'), 'progress reported');
  });

  it('reports a 404 and a garbled CSV, keeping the previous data', async () => {
    const chart = await createChart({ data: line(10) });
    let error = nextEvent(chart, 'gpu-data-error');
    chart.src = '/demo/data/missing.csv';
    assertEqual((await error).detail.code, 'http', '404 code');
    error = nextEvent(chart, 'gpu-data-error');
    chart.src = '/demo/data/garbled.csv';
    const { detail } = await error;
    assertEqual(detail.line, 4, `garbled line: ${detail.message}`);
    assertEqual(chart.model.data.length, 10, 'previous data kept');
  });

  it('retries transient load failures (503) but not a 404, and aborts a load when removed', async () => {
    const realFetch = window.fetch;
    const calls = [];
    let failures = 2;
    window.fetch = async (url, init = {}) => {
      const path = new URL(String(url), location.href).pathname;
      calls.push(path);
      if (path === '/flaky.csv') return failures-- > 0 ? new Response('busy', { status: 503 }) : realFetch('/demo/data/prices.csv', init);
      if (path === '/never.csv') return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      return realFetch(url, init);
    };
    const { GpuChart } = await import('../../dist/index.js');
    const defaults = GpuChart.recovery;
    GpuChart.recovery = { ...defaults, retry: { baseMs: 10, attempts: 4, jitter: 0 } };
    try {
      const chart = await createChart();
      const done = new Promise((resolve) => chart.addEventListener('gpu-load-progress', (e) => e.detail.phase === 'done' && resolve()));
      chart.src = '/flaky.csv';
      await done;
      assertEqual(calls.filter((c) => c === '/flaky.csv').length, 3, 'two 503s, then success');
      assertEqual(chart.model.data.length, 3000, 'loaded after retries');
      const error = nextEvent(chart, 'gpu-data-error');
      const before = calls.length;
      chart.src = '/demo/data/missing.csv';
      assertEqual((await error).detail.code, 'http', '404 reported');
      assertEqual(calls.length - before, 1, 'a 404 is not retried');
      const errors = recordEvents(chart, ['gpu-data-error']);
      chart.src = '/never.csv';
      await chart.updateComplete;
      chart.remove();
      await sleep(100);
      assertEqual(errors.events.length, 0, 'removal aborts quietly');
      assertEqual(chart.model.data.length, 3000, 'nothing half-loaded');
    } finally {
      window.fetch = realFetch;
      GpuChart.recovery = defaults;
    }
  });

  it('refuses invalid attributes with gpu-config-error and keeps the last good value', async () => {
    const chart = await createChart({ data: line(10) });
    const error = nextEvent(chart, 'gpu-config-error');
    chart.setAttribute('y-scale', 'cubic');
    const { detail } = await error;
    assertEqual(detail.issues[0].path, 'y-scale', 'path');
    await chart.updateComplete;
    assertEqual(chart.yScale, undefined, 'the property returns to its last good (unset) value');
    assertEqual(chart.effectiveConfig.axes.y.scale, 'linear', 'the configuration keeps its last good value');
  });

  it('resizes with its box and stays crisp (canvas = CSS size × devicePixelRatio)', async () => {
    const chart = await createChart({ data: line(10) });
    chart.style.width = '300px';
    chart.style.height = '200px';
    await sleep(100);
    await chart.nextFrame();
    const canvas = chart.shadowRoot.querySelector('canvas');
    assertEqual(canvas.width, Math.round(300 * devicePixelRatio), 'canvas width');
    assertEqual(canvas.height, Math.round(200 * devicePixelRatio), 'canvas height');
  });

  it('shares one device between charts and across bundle copies', async () => {
    const a = await createChart({ data: line(10) });
    const b = await createChart({ data: line(10) });
    const manager = DeviceManager.shared();
    assert(manager.device, 'a device');
    assertEqual(globalThis[Symbol.for('gpu-charts.device-manager.v1')], manager, 'registered on globalThis');
    // A specifier in a variable keeps the built, minified bundle out of the tests' type-check
    // (test/types/globals.d.ts gives window.GpuCharts the sources' types).
    const cdnBundle = '../../cdn/gpu-charts.js';
    await import(cdnBundle);
    assertEqual(globalThis.GpuCharts.DeviceManager.shared(), manager, 'the CDN copy finds the same manager');
    assert(a.gpuMemoryBytes > 0 && b.gpuMemoryBytes > 0, 'each chart holds its own buffers');
  });

  it('releases every GPU buffer and texture when charts are removed (200 charts)', async () => {
    const totals = DeviceManager.shared().allocations.totals;
    const baseline = { ...totals };
    for (let batch = 0; batch < 10; batch++) {
      /** @type {Array<[import('../../dist/index.js').GpuChart, Promise<unknown>]>} */
      const charts = [];
      for (let i = 0; i < 20; i++) {
        const chart = document.createElement('gpu-chart');
        chart.style.cssText = 'width:120px;height:80px';
        charts.push([chart, nextEvent(chart, 'gpu-ready')]);
        document.body.append(chart);
      }
      for (const [chart, ready] of charts) {
        await ready;
        chart.data = line(100);
        await chart.nextFrame();
      }
      assert(totals.buffers > baseline.buffers, 'charts allocated buffers');
      for (const [chart] of charts) chart.remove();
    }
    assertEqual(totals.buffers, baseline.buffers, 'buffers back to baseline');
    assertEqual(totals.textures, baseline.textures, 'textures back to baseline');
    assertEqual(totals.bytes, baseline.bytes, 'bytes back to baseline');
    assertEqual(DeviceManager.shared().listenerCount, 0, 'no device listeners left');
  });
});
