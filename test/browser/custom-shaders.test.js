// Custom WGSL hooks (issue 13, items 4-7) in a real page with real WebGPU (SwiftShader): valid
// hooks change the pixels as expected; refused or failing hooks fire gpu-shader-error and the
// series keeps its default colour; other charts are unaffected; Canvas2D says so once; the
// watchdog disables a hook over its budget.
import { assert, assertEqual, colorDistance, createChart, nextEvent, recordEvents, sleep } from './helpers.js';

const BLUE = [0, 0, 255];
const RED = [255, 0, 0];
const GREEN = [0, 255, 0];

/** Pixels of the snapshot within `tolerance` of `rgb` (opaque-ish only). */
function count(snap, rgb, tolerance = 40) {
  let n = 0;
  for (let i = 0; i < snap.data.length; i += 4) {
    if (snap.data[i + 3] < 128) continue;
    if (colorDistance([snap.data[i], snap.data[i + 1], snap.data[i + 2]], rgb) <= tolerance) n++;
  }
  return n;
}

/** The plot rectangle in snapshot (device) pixels. */
function plotPx(chart, snap) {
  const css = chart.model.plotCss();
  const ratio = snap.width / chart.clientWidth;
  return { x: css.x * ratio, y: css.y * ratio, width: css.width * ratio, height: css.height * ratio };
}

/** A rising line (or other type) of 200 points, series id "price", drawn blue and thick. */
async function lineChart(type = 'line', values = null, attributes = {}) {
  const n = 200;
  const time = Float64Array.from({ length: n }, (_, i) => i * 60_000);
  const value = values ?? Float64Array.from({ length: n }, (_, i) => i);
  const chart = await createChart({ attributes, data: { time, value } });
  chart.series = [{ id: 'price', column: 'value', type: /** @type {any} */ (type), color: '#0000ff', lineWidth: 4 }];
  await chart.nextFrame();
  return chart;
}

/** Appends a <gpu-shader> for series `price` and resolves with it once it compiled (or failed). */
function addShader(chart, { code = null, library = null, hook = 'color', budget = null, expect = 'gpu-shader-ready', id = null, kinds = [] } = {}) {
  const shader = /** @type {import('../../dist/index.js').GpuShader} */ (document.createElement('gpu-shader'));
  shader.setAttribute('for', 'price');
  shader.setAttribute('hook', hook);
  if (id) shader.id = id;
  if (library) shader.setAttribute('library', library);
  if (budget !== null) shader.setAttribute('budget-ms', String(budget));
  if (code !== null) {
    const script = document.createElement('script');
    script.type = 'text/wgsl';
    script.textContent = code;
    shader.append(script);
  }
  // A hook compiles once per layer kind it colours (an area series: its fill and its line); wait for `kinds`.
  const event = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${expect} within 30 s`)), 30000);
    const listener = (e) => {
      if (expect === 'gpu-shader-ready' && !kinds.every((k) => e.detail.kinds.includes(k))) return;
      clearTimeout(timer);
      chart.removeEventListener(expect, listener);
      chart.removeEventListener('gpu-shader-error', failed);
      resolve(e);
    };
    // Waiting for ready: an error says why it will not come.
    const failed = (e) => {
      if (expect === 'gpu-shader-error') return;
      clearTimeout(timer);
      chart.removeEventListener(expect, listener);
      chart.removeEventListener('gpu-shader-error', failed);
      reject(new Error(`gpu-shader-error instead of ${expect}: ${e.detail.phase}: ${e.detail.message}`));
    };
    chart.addEventListener(expect, listener);
    chart.addEventListener('gpu-shader-error', failed);
  });
  chart.append(shader);
  chart.invalidate();
  return event.then((e) => ({ shader, event: e }));
}

describe('custom WGSL shader hooks', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('a colour hook recolours a line: the default blue is gone, the hook\'s red is drawn', async () => {
    const chart = await lineChart();
    const before = await chart.snapshot();
    assert(count(before, BLUE) > 200, `the default blue line is drawn (${count(before, BLUE)})`);
    assertEqual(count(before, RED), 0, 'no red before the hook');
    const { event } = await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f {\n  return vec4f(1.0, 0.0, 0.0, p.color.a);\n}\n' });
    assertEqual(event.detail.for, 'price', 'ready names the series');
    assert(event.detail.kinds.includes('line'), `compiled for lines: ${event.detail.kinds}`);
    await chart.nextFrame();
    const after = await chart.snapshot();
    assert(count(after, RED) > 200, `the line is red (${count(after, RED)})`);
    assert(count(after, BLUE) < count(before, BLUE) / 20, `the blue is gone (${count(after, BLUE)} left)`);
    assertEqual(chart.shaderStatus[0]?.state, 'active', 'status active');
  });

  it('editing a hook\'s source recompiles it: the new colour is drawn, then a broken edit falls back to the default', async () => {
    const chart = await lineChart();
    const { shader } = await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f { return vec4f(1.0, 0.0, 0.0, 1.0); }' });
    await chart.nextFrame();
    assert(count(await chart.snapshot(), RED) > 200, 'red first');
    const ready = nextEvent(chart, 'gpu-shader-ready', 30000);
    shader.wgsl = 'fn color(p: PointInput) -> vec4f { return vec4f(0.0, 1.0, 0.0, 1.0); }';
    await ready;
    await chart.nextFrame();
    const green = await chart.snapshot();
    assert(count(green, GREEN) > 200 && count(green, RED) === 0, `green after the edit (${count(green, GREEN)} green, ${count(green, RED)} red)`);
    const error = nextEvent(chart, 'gpu-shader-error', 30000);
    shader.wgsl = 'fn color(p: PointInput) -> vec4f { return vec4f(0.0, 1.0, 0.0); }';
    const { detail } = await error;
    assertEqual(detail.phase, 'compile', detail.message);
    assertEqual(detail.line, 1, 'on line 1');
    await chart.nextFrame();
    const after = await chart.snapshot();
    assert(count(after, BLUE) > 200 && count(after, GREEN) === 0, 'the default blue again, not the previous version');
  });

  it('gradient-by-value colours a rising area blue at the low end and orange-red at the high end', async () => {
    const chart = await lineChart('area');
    await addShader(chart, { library: 'gradient-by-value', kinds: ['area', 'line'] });
    await chart.nextFrame();
    const snap = await chart.snapshot();
    const plot = plotPx(chart, snap);
    // The most saturated pixel of a column (the opaque line, over its pale fill): its hue.
    const lineColorAt = (fraction) => {
      const x = Math.round(plot.x + plot.width * fraction);
      let best = [0, 0, 0];
      for (let y = Math.round(plot.y); y < plot.y + plot.height; y++) {
        const i = (y * snap.width + x) * 4;
        const px = [snap.data[i], snap.data[i + 1], snap.data[i + 2]];
        if (Math.abs(px[0] - px[2]) > Math.abs(best[0] - best[2])) best = px;
      }
      return best;
    };
    const low = lineColorAt(0.1);
    const high = lineColorAt(0.9);
    assert(low[2] > low[0] + 60, `blue at the low end: ${low}`);
    assert(high[0] > high[2] + 60, `orange-red at the high end: ${high}`);
  });

  it('dashed-by-distance breaks a flat line into dashes along its length', async () => {
    const chart = await lineChart('line', Float64Array.from({ length: 200 }, (_, i) => (i === 0 ? 0 : i === 1 ? 10 : 5)));
    const runs = (snap) => {
      const plot = plotPx(chart, snap);
      // The row through the middle of the flat line.
      let best = 0;
      for (let y = Math.round(plot.y); y < plot.y + plot.height; y++) {
        let transitions = 0;
        let on = false;
        let blue = 0;
        for (let x = Math.round(plot.x + plot.width * 0.2); x < plot.x + plot.width * 0.95; x++) {
          const i = (y * snap.width + x) * 4;
          const isBlue = colorDistance([snap.data[i], snap.data[i + 1], snap.data[i + 2]], BLUE) < 60;
          if (isBlue !== on) transitions++;
          on = isBlue;
          if (isBlue) blue++;
        }
        if (blue > 20) best = Math.max(best, transitions);
      }
      return best;
    };
    const solid = runs(await chart.snapshot());
    assert(solid <= 2, `solid before: ${solid} transitions`);
    await addShader(chart, { library: 'dashed-by-distance' });
    await chart.nextFrame();
    const dashed = runs(await chart.snapshot());
    assert(dashed >= 10, `dashes: ${dashed} transitions along the row`);
  });

  it('up-down colours rising segments green and falling ones red; scatter markers take the hook too', async () => {
    const zigzag = Float64Array.from({ length: 200 }, (_, i) => (Math.floor(i / 20) % 2 === 0 ? i % 20 : 20 - (i % 20)));
    const chart = await lineChart('line', zigzag);
    await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f {\n  if (p.up > 0.5) { return vec4f(0.0, 1.0, 0.0, 1.0); }\n  return vec4f(1.0, 0.0, 0.0, 1.0);\n}\n' });
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(count(snap, GREEN) > 100 && count(snap, RED) > 100, `green ${count(snap, GREEN)} and red ${count(snap, RED)} segments`);

    const scatter = await lineChart('scatter');
    const before = count(await scatter.snapshot(), BLUE);
    assert(before > 100, `blue markers before (${before})`);
    const { event } = await addShader(scatter, { code: 'fn color(p: PointInput) -> vec4f { return vec4f(0.0, 1.0, 0.0, 1.0); }' });
    assert(event.detail.kinds.includes('markers'), 'compiled for markers');
    await scatter.nextFrame();
    const after = await scatter.snapshot();
    assert(count(after, GREEN) > before / 2, `green markers (${count(after, GREEN)})`);
    assert(count(after, BLUE) < before / 20, `no blue markers left (${count(after, BLUE)})`);
  });

  it('a colormap hook replaces a heatmap\'s colormap', async () => {
    const rows = 16;
    const cols = 32;
    const values = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = r;
    const chart = await createChart({ attributes: { colormap: 'viridis' }, data: { rows, cols, values, x0: 0, dx: 1000, y0: 0, dy: 1, maxColumns: cols } });
    const id = chart.model.series[0].id;
    const shader = document.createElement('gpu-shader');
    shader.setAttribute('for', id);
    shader.setAttribute('hook', 'colormap');
    shader.textContent = 'fn colormap(t: f32) -> vec4f { return vec4f(t, 0.0, 1.0 - t, 1.0); }';
    const ready = nextEvent(chart, 'gpu-shader-ready', 30000);
    chart.append(shader);
    chart.invalidate();
    await ready;
    await chart.nextFrame();
    const snap = await chart.snapshot();
    const plot = plotPx(chart, snap);
    const at = (y) => Array.from(snap.data.subarray(((Math.round(y) * snap.width + Math.round(plot.x + plot.width / 2)) * 4), ((Math.round(y) * snap.width + Math.round(plot.x + plot.width / 2)) * 4) + 3));
    const top = at(plot.y + 4);
    const bottom = at(plot.y + plot.height - 4);
    assert(colorDistance(top, RED) < 40, `top (high values) red: ${top}`);
    assert(colorDistance(bottom, BLUE) < 40, `bottom (low values) blue: ${bottom}`);
  });

  it('a refused hook fires gpu-shader-error with line:column and the series keeps its default colour', async () => {
    const chart = await lineChart();
    const { event } = await addShader(chart, {
      code: 'fn color(p: PointInput) -> vec4f {\n  return p.color;\n}\n@group(0) @binding(1) var<storage, read> stolen: array<vec2f>;\n',
      expect: 'gpu-shader-error',
    });
    assertEqual(event.detail.phase, 'validate', 'refused before compiling');
    assertEqual(`${event.detail.line}:${event.detail.column}`, '4:1', 'at the @group');
    assert(event.detail.message.startsWith('4:1: resource bindings'), event.detail.message);
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(count(snap, BLUE) > 200, 'the default blue line is drawn');
    assertEqual(chart.shaderStatus.length, 0, 'nothing attached');
  });

  it('a hook that fails to compile fires gpu-shader-error at its line:column and draws the default colour', async () => {
    const chart = await lineChart();
    const { event } = await addShader(chart, {
      code: '// a type error the sandbox cannot see\nfn color(p: PointInput) -> vec4f {\n  let wrong: f32 = p.pixel;\n  return p.color;\n}\n',
      expect: 'gpu-shader-error',
    });
    assertEqual(event.detail.phase, 'compile', 'the compiler refused it');
    assertEqual(event.detail.line, 3, `line in the user's text: ${event.detail.message}`);
    assert(event.detail.column >= 3, `a column: ${event.detail.column}`);
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(count(snap, BLUE) > 200, 'the default blue line is drawn');
    assertEqual(chart.shaderStatus[0]?.state, 'error', 'status error');
  });

  it('a failing hook on one chart has no effect on other charts', async () => {
    const plain = await lineChart();
    const reference = await plain.snapshot();
    const good = await lineChart();
    const bad = await lineChart();
    const events = recordEvents(document, ['gpu-shader-error']);
    const failing = addShader(bad, { code: 'fn color(p: PointInput) -> vec4f { return vec4f(p.nothing); }', expect: 'gpu-shader-error' });
    const working = addShader(good, { code: 'fn color(p: PointInput) -> vec4f { return vec4f(1.0, 0.0, 0.0, 1.0); }' });
    const [{ event }] = await Promise.all([failing, working]);
    assertEqual(event.target.closest('gpu-chart'), bad, 'the error comes from the failing chart');
    await good.nextFrame();
    assert(count(await good.snapshot(), RED) > 200, 'the other chart\'s hook draws');
    assert(count(await bad.snapshot(), BLUE) > 200, 'the failing chart draws its default colour');
    await plain.nextFrame();
    const again = await plain.snapshot();
    let differing = 0;
    for (let i = 0; i < again.data.length; i++) if (again.data[i] !== reference.data[i]) differing++;
    assertEqual(differing, 0, 'a chart without hooks draws exactly the same pixels');
    assertEqual(plain.state, 'ready', 'and stays on WebGPU');
    events.stop();
    assertEqual(events.events.length, 1, 'one error event in all');
  });

  it('Canvas2D draws default colours and says so once', async () => {
    const chart = await lineChart('line', null, { renderer: 'canvas2d' });
    const events = recordEvents(chart, ['gpu-shader-error']);
    const { event } = await addShader(chart, { library: 'up-down', expect: 'gpu-shader-error' });
    assertEqual(event.detail.phase, 'unsupported', 'unsupported on Canvas2D');
    assert(/Canvas2D/.test(event.detail.message), event.detail.message);
    const second = document.createElement('gpu-shader');
    second.setAttribute('for', 'price');
    second.setAttribute('library', 'glow');
    chart.append(second);
    await sleep(50);
    chart.invalidate();
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(count(snap, BLUE) > 200, 'default blue');
    events.stop();
    assertEqual(events.events.length, 1, 'said once');
  });

  it('the watchdog disables a hook whose frames exceed its budget', async () => {
    const chart = await lineChart();
    const errors = recordEvents(chart, ['gpu-shader-error']);
    await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f { return vec4f(1.0, 0.0, 0.0, 1.0); }', budget: 0.001 });
    // Frames drawn with the hook are timed; three over budget in a row trip the watchdog.
    for (let i = 0; i < 20 && errors.events.length === 0; i++) {
      chart.invalidate();
      await chart.nextFrame();
      await sleep(100);
    }
    errors.stop();
    const event = errors.events.find((e) => e.detail.phase === 'watchdog');
    assert(event, 'a watchdog event');
    assert(event.detail.frameMs > 0.001 && event.detail.budgetMs === 0.001, JSON.stringify(event.detail));
    assertEqual(chart.shaderStatus[0]?.state, 'disabled', 'status disabled');
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(count(snap, BLUE) > 200 && count(snap, RED) === 0, 'back to the default colour');
  });

  it('shaders: in config are merged by id and validated like children', async () => {
    const chart = await lineChart();
    const ready = nextEvent(chart, 'gpu-shader-ready', 30000);
    chart.config = { quality: { tier: 'high' }, shaders: [{ id: 'cfg', for: 'price', wgsl: 'fn color(p: PointInput) -> vec4f { return vec4f(0.0, 1.0, 0.0, 1.0); }' }] };
    await ready;
    await chart.nextFrame();
    assert(count(await chart.snapshot(), GREEN) > 200, 'green from config');
    const error = nextEvent(chart, 'gpu-shader-error');
    chart.config = { quality: { tier: 'high' }, shaders: [{ id: 'cfg', for: 'price', wgsl: 'fn color(p: PointInput) -> vec4f { loop { } }' }] };
    const { detail } = await error;
    assertEqual(detail.phase, 'validate', 'refused');
    assertEqual(detail.id, 'cfg', 'names the config entry');
    assertEqual(`${detail.line}:${detail.column}`, '1:36', 'at the loop');
    await chart.nextFrame();
    assert(count(await chart.snapshot(), BLUE) > 200, 'default colour again');
  });
});

const MAGENTA = [255, 0, 255];
const CYAN = [0, 255, 255];
/** The default theme's candle colours (theme.up, theme.down). */
const THEME_UP = [22, 163, 74];
const THEME_DOWN = [220, 38, 38];

/** 40 bars alternating rising (100 → 104) and falling (104 → 100), with volume; series "price" of `type`. */
async function barsChart(type = 'candlestick', attributes = {}) {
  const n = 40;
  const time = Float64Array.from({ length: n }, (_, i) => i * 60_000);
  const open = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 100 : 104));
  const close = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 104 : 100));
  const high = Float64Array.from({ length: n }, () => 106);
  const low = Float64Array.from({ length: n }, () => 98);
  const volume = Float64Array.from({ length: n }, (_, i) => 10 + i);
  const chart = await createChart({ attributes, data: { time, open, high, low, close, volume } });
  chart.series = [{ id: 'price', column: type === 'volume' ? 'volume' : 'close', type: /** @type {any} */ (type) }];
  await chart.nextFrame();
  return chart;
}

/** Bytes that differ between two snapshots. */
function differing(a, b) {
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) n++;
  return n;
}

/** Mean snapshot x and y of the pixels near `rgb`. */
function centroid(snap, rgb) {
  let x = 0;
  let y = 0;
  let n = 0;
  for (let i = 0; i < snap.data.length; i += 4) {
    if (snap.data[i + 3] < 128 || colorDistance([snap.data[i], snap.data[i + 1], snap.data[i + 2]], rgb) > 40) continue;
    x += (i / 4) % snap.width;
    y += Math.floor(i / 4 / snap.width);
    n++;
  }
  return { x: x / n, y: y / n };
}

/** Replaces a hook's source and resolves once it compiled for `kind`. */
async function editShader(chart, shader, code, kind) {
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no gpu-shader-ready within 30 s')), 30000);
    const listener = (e) => {
      if (!e.detail.kinds.includes(kind)) return;
      clearTimeout(timer);
      chart.removeEventListener('gpu-shader-ready', listener);
      resolve(e);
    };
    chart.addEventListener('gpu-shader-ready', listener);
  });
  shader.wgsl = code;
  await ready;
  chart.invalidate();
  await chart.nextFrame();
}

describe('custom WGSL shader hooks on candles, bars and bands', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('a hook returning p.color draws a candle chart\'s exact pixels; one colouring by ohlc recolours candles, wicks and volume', async () => {
    const chart = await barsChart('candlestick');
    const before = await chart.snapshot();
    assert(count(before, THEME_UP, 30) > 200 && count(before, THEME_DOWN, 30) > 200, `default up and down candles (${count(before, THEME_UP, 30)}, ${count(before, THEME_DOWN, 30)})`);
    const { shader, event } = await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f {\n  return p.color;\n}\n', kinds: ['rects'] });
    assert(event.detail.kinds.includes('rects'), `compiled for rects: ${event.detail.kinds}`);
    chart.invalidate();
    await chart.nextFrame();
    assertEqual(differing(await chart.snapshot(), before), 0, 'the hooked rectangles cover exactly the default pixels, in their own colours');
    await editShader(
      chart,
      shader,
      'fn color(p: PointInput) -> vec4f {\n  if (p.part == PART_VOLUME) { return vec4f(0.0, 1.0, 1.0, 1.0); }\n  if (p.part == PART_WICK) { return vec4f(0.0, 0.0, 1.0, 1.0); }\n  if (p.ohlc.w >= p.ohlc.x) { return vec4f(0.0, 1.0, 0.0, 1.0); }\n  return vec4f(1.0, 0.0, 1.0, 1.0);\n}\n',
      'rects',
    );
    const after = await chart.snapshot();
    assert(count(after, GREEN) > 200, `rising bodies green (${count(after, GREEN)})`);
    assert(count(after, MAGENTA) > 200, `falling bodies magenta (${count(after, MAGENTA)})`);
    assert(count(after, CYAN) > 100, `volume bars cyan (${count(after, CYAN)})`);
    assert(count(after, BLUE) > 20, `wicks blue (${count(after, BLUE)})`);
    assert(count(after, THEME_UP, 30) < count(before, THEME_UP, 30) / 20 && count(after, THEME_DOWN, 30) < count(before, THEME_DOWN, 30) / 20, 'the theme colours are gone');
    // Volume sits under the candles, at the bottom of the plot.
    assert(centroid(after, CYAN).y > centroid(after, GREEN).y, 'volume below the candles');
  });

  it('up-down from the library colours rising candles green and falling ones red', async () => {
    const chart = await barsChart('candlestick');
    await addShader(chart, { library: 'up-down', kinds: ['rects'] });
    chart.invalidate();
    await chart.nextFrame();
    const snap = await chart.snapshot();
    const libraryGreen = [26, 166, 89];
    const libraryRed = [219, 51, 56];
    assert(count(snap, libraryGreen, 12) > 200 && count(snap, libraryRed, 12) > 200, `green ${count(snap, libraryGreen, 12)} and red ${count(snap, libraryRed, 12)} candles`);
    assert(count(snap, THEME_UP, 8) < 20 && count(snap, THEME_DOWN, 8) < 20, 'not the theme\'s colours');
  });

  it('volume and histogram (bar) series take the hook: by direction and by the bar\'s value', async () => {
    const volume = await barsChart('volume');
    await addShader(volume, { code: 'fn color(p: PointInput) -> vec4f {\n  if (p.part != PART_VOLUME) { return vec4f(0.0, 0.0, 1.0, 1.0); }\n  if (p.up > 0.5) { return vec4f(0.0, 1.0, 0.0, 1.0); }\n  return vec4f(1.0, 0.0, 1.0, 1.0);\n}\n', kinds: ['rects'] });
    volume.invalidate();
    await volume.nextFrame();
    const v = await volume.snapshot();
    assert(count(v, GREEN) > 200 && count(v, MAGENTA) > 200, `rising volume green (${count(v, GREEN)}), falling magenta (${count(v, MAGENTA)})`);
    assertEqual(count(v, BLUE), 0, 'every rectangle is a volume bar');

    const values = Float64Array.from({ length: 200 }, (_, i) => (Math.floor(i / 10) % 2 === 0 ? 5 + (i % 7) : -3 - (i % 5)));
    const bars = await lineChart('bar', values);
    await addShader(bars, { code: 'fn color(p: PointInput) -> vec4f {\n  if (p.part != PART_BAR || p.ohlc.x != p.value) { return vec4f(0.0, 0.0, 1.0, 1.0); }\n  if (p.value > 0.0 && p.up > 0.5) { return vec4f(0.0, 1.0, 0.0, 1.0); }\n  return vec4f(1.0, 0.0, 1.0, 1.0);\n}\n', kinds: ['rects'] });
    bars.invalidate();
    await bars.nextFrame();
    const b = await bars.snapshot();
    assert(count(b, GREEN) > 200 && count(b, MAGENTA) > 200, `positive bars green (${count(b, GREEN)}), negative magenta (${count(b, MAGENTA)})`);
    assertEqual(count(b, BLUE), 0, 'bars, with the value repeated in ohlc');
    assert(centroid(b, GREEN).y < centroid(b, MAGENTA).y, 'green above the zero line, magenta below');
  });

  it('a band takes the hook: its exact pixels with p.color; PART_BAND where the high edge is on top, PART_BAND_CROSSED after the edges cross', async () => {
    const n = 200;
    const time = Float64Array.from({ length: n }, (_, i) => i * 60_000);
    const hi = Float64Array.from({ length: n }, (_, i) => 10 - i / 10);
    const lo = Float64Array.from({ length: n }, (_, i) => i / 10);
    const mid = Float64Array.from({ length: n }, () => 5);
    const chart = await createChart({ data: { time, hi, lo, mid } });
    chart.series = [{ id: 'price', column: 'mid', type: 'band', yLow: 'lo', yHigh: 'hi', color: '#0000ff' }];
    await chart.nextFrame();
    const before = await chart.snapshot();
    const { shader, event } = await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f { return p.color; }', kinds: ['band'] });
    assert(event.detail.kinds.includes('band'), `compiled for bands: ${event.detail.kinds}`);
    chart.invalidate();
    await chart.nextFrame();
    assertEqual(differing(await chart.snapshot(), before), 0, 'the hooked band covers exactly the default pixels');
    await editShader(
      chart,
      shader,
      'fn color(p: PointInput) -> vec4f {\n  if (p.part == PART_BAND && p.ohlc.w >= p.ohlc.x) { return vec4f(0.0, 1.0, 0.0, 1.0); }\n  if (p.part == PART_BAND_CROSSED && p.ohlc.w <= p.ohlc.x) { return vec4f(1.0, 0.0, 1.0, 1.0); }\n  return vec4f(0.0, 0.0, 1.0, 1.0);\n}\n',
      'band',
    );
    const snap = await chart.snapshot();
    assert(count(snap, GREEN) > 500 && count(snap, MAGENTA) > 500, `green ${count(snap, GREEN)} before the crossing, magenta ${count(snap, MAGENTA)} after`);
    assert(count(snap, BLUE) < 20, `ohlc agrees with the part (${count(snap, BLUE)} blue)`);
    assert(centroid(snap, GREEN).x < centroid(snap, MAGENTA).x, 'the crossed lobe is on the right');
  });

  it('a hook that fails to compile on a candle series fires gpu-shader-error at its line:column; the candles keep their default colours', async () => {
    const chart = await barsChart('candlestick');
    const before = await chart.snapshot();
    const { event } = await addShader(chart, {
      code: 'fn color(p: PointInput) -> vec4f {\n  let open: f32 = p.ohlc;\n  return p.color;\n}\n',
      expect: 'gpu-shader-error',
    });
    assertEqual(event.detail.phase, 'compile', event.detail.message);
    assertEqual(event.detail.line, 2, `line in the user's text: ${event.detail.message}`);
    assert(event.detail.column >= 3, `a column: ${event.detail.column}`);
    chart.invalidate();
    await chart.nextFrame();
    assertEqual(differing(await chart.snapshot(), before), 0, 'the default candles, pixel for pixel');
    assertEqual(chart.shaderStatus[0]?.state, 'error', 'status error');
  });

  it('candles on Canvas2D: default colours, said once; on WebGPU the watchdog disables a slow candle hook', async () => {
    const flat = await barsChart('candlestick', { renderer: 'canvas2d' });
    const events = recordEvents(flat, ['gpu-shader-error']);
    const { event } = await addShader(flat, { library: 'up-down', expect: 'gpu-shader-error' });
    assertEqual(event.detail.phase, 'unsupported', 'unsupported on Canvas2D');
    flat.invalidate();
    await flat.nextFrame();
    const snap = await flat.snapshot();
    assert(count(snap, THEME_UP, 30) > 200 && count(snap, THEME_DOWN, 30) > 200, 'default candle colours');
    events.stop();
    assertEqual(events.events.length, 1, 'said once');
    flat.remove();

    const chart = await barsChart('candlestick');
    const errors = recordEvents(chart, ['gpu-shader-error']);
    await addShader(chart, { code: 'fn color(p: PointInput) -> vec4f { return vec4f(1.0, 0.0, 1.0, 1.0); }', budget: 0.001, kinds: ['rects'] });
    for (let i = 0; i < 20 && errors.events.length === 0; i++) {
      chart.invalidate();
      await chart.nextFrame();
      await sleep(100);
    }
    errors.stop();
    assert(errors.events.find((e) => e.detail.phase === 'watchdog'), 'a watchdog event');
    assertEqual(chart.shaderStatus[0]?.state, 'disabled', 'status disabled');
    chart.invalidate();
    await chart.nextFrame();
    const after = await chart.snapshot();
    assert(count(after, THEME_UP, 30) > 200 && count(after, MAGENTA) === 0, 'back to the default colours');
  });
});
