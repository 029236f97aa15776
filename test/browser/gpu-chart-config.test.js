// Configuration: presets, files, objects, attributes and runtime updates, merged in that order.
import { assert, assertEqual, createChart, nextEvent, pixel, recordEvents, sleep } from './helpers.js';

const data = { time: [0, 1000, 2000], value: [1, 3, 2] };

describe('gpu-chart configuration', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('applies a built-in preset and reports the change', async () => {
    const chart = await createChart({ data });
    const change = nextEvent(chart, 'gpu-config-change');
    chart.preset = 'presentation';
    const { detail } = await change;
    assertEqual(detail.layer, 'preset', 'layer');
    assert(detail.changedPaths.includes('series.lineWidth'), `changed paths: ${detail.changedPaths}`);
    assertEqual(chart.model.series[0].lineWidth, 4, 'presentation draws thick lines');
    assert(Number.isFinite(detail.durationMs) && detail.durationMs >= 0, `measured duration ${detail.durationMs}`);
  });

  it('applies colours of the DOM parts (text, axis, crosshair) and removes them when dropped', async () => {
    const chart = await createChart({ data: { time: [0, 1000, 2000], value: [1, 3, 2] } });
    const before = getComputedStyle(chart.shadowRoot.querySelector('.container')).color;
    chart.preset = 'accessible';
    await nextEvent(chart, 'gpu-config-change');
    await chart.updateComplete;
    assertEqual(getComputedStyle(chart.shadowRoot.querySelector('.y-axis .tick')).color, 'rgb(255, 255, 255)', 'axis labels in the preset\'s axis colour');
    assertEqual(getComputedStyle(chart.shadowRoot.querySelector('.container')).color, 'rgb(255, 255, 255)', 'text colour');
    assertEqual(chart.style.getPropertyValue('--gpu-chart-crosshair-color'), '#ffff00', 'crosshair colour');
    chart.preset = null;
    await nextEvent(chart, 'gpu-config-change');
    await chart.updateComplete;
    assertEqual(chart.style.getPropertyValue('--gpu-chart-crosshair-color'), '', 'removed with the preset');
    assertEqual(getComputedStyle(chart.shadowRoot.querySelector('.container')).color, before, 'text back to the theme\'s');
  });

  it('refuses an unknown preset, naming the valid ones', async () => {
    const chart = await createChart({ data });
    const error = nextEvent(chart, 'gpu-config-error');
    chart.preset = 'turbo';
    const { detail } = await error;
    assert(detail.issues[0].message.includes('balanced'), detail.issues[0].message);
  });

  it('merges preset < file < object < attributes < runtime updates', async () => {
    const chart = await createChart({ data });
    chart.preset = 'presentation'; // lineWidth 4
    await chart.updateComplete;
    const loaded = nextEvent(chart, 'gpu-config-change');
    chart.configSrc = '/test/browser/fixtures/dark.yaml'; // theme dark, lineWidth 3
    await loaded;
    assertEqual(chart.effectiveConfig.theme, 'dark', 'file over defaults');
    assertEqual(chart.model.series[0].lineWidth, 3, 'file over preset');
    chart.config = { quality: { tier: 'high' }, series: { lineWidth: 2 } };
    assertEqual(chart.model.series[0].lineWidth, 2, 'object over file');
    chart.theme = 'light';
    await chart.updateComplete;
    assertEqual(chart.effectiveConfig.theme, 'light', 'attribute over file');
    chart.updateConfig({ theme: 'dark', series: { lineWidth: 5 } });
    assertEqual(chart.effectiveConfig.theme, 'dark', 'runtime update over attribute');
    assertEqual(chart.model.series[0].lineWidth, 5, 'runtime lineWidth');
  });

  it('hot-applies a theme change without recreating the device, well under a millisecond of config work', async () => {
    const chart = await createChart({ data });
    const before = await chart.snapshot();
    const plot = chart.model.plotCss();
    assert(pixel(before, plot.x + 4, plot.y + 4)[0] > 200, 'light background first');
    const device = window.GpuCharts?.DeviceManager?.shared().device ?? (await import('../../dist/index.js')).DeviceManager.shared().device;
    const change = nextEvent(chart, 'gpu-config-change');
    chart.updateConfig({ theme: 'dark' });
    const { detail } = await change;
    assertEqual(detail.work, 'uniforms', 'a theme change needs no buffers or pipelines');
    const after = await chart.snapshot();
    assert(pixel(after, plot.x + 4, plot.y + 4)[0] < 60, 'dark background after');
    const { DeviceManager } = await import('../../dist/index.js');
    assertEqual(DeviceManager.shared().device, device, 'same device');
    assertEqual(chart.model.data.length, 3, 'data kept');
  });

  it('keeps the last good config on invalid objects, with the path in the error', async () => {
    const chart = await createChart({ data });
    const error = nextEvent(chart, 'gpu-config-error');
    // @ts-expect-error: an msaa the schema does not allow, on purpose (validation is under test)
    chart.config = { quality: { msaa: 3 } };
    const { detail } = await error;
    assertEqual(detail.issues[0].path, 'quality.msaa', 'path');
    assert(/3/.test(detail.issues[0].message), detail.issues[0].message);
    assertEqual(chart.effectiveConfig.quality.msaa, 4, 'last good msaa');
    const unknown = nextEvent(chart, 'gpu-config-error');
    // @ts-expect-error: a misspelt key, on purpose (validation is under test)
    chart.updateConfig({ qualty: { msaa: 1 } });
    assert((await unknown).detail.issues[0].path.includes('qualty'), 'unknown keys are reported');
  });

  it('refuses prototype pollution through updateConfig', async () => {
    const chart = await createChart({ data });
    const error = nextEvent(chart, 'gpu-config-error');
    chart.updateConfig(JSON.parse('{"__proto__": {"polluted": true}}'));
    await error;
    assertEqual({}.polluted, undefined, 'Object.prototype untouched');
  });

  it('reports syntax errors in config files with line and column', async () => {
    const chart = await createChart({ data });
    const error = nextEvent(chart, 'gpu-config-error');
    chart.configSrc = '/test/browser/fixtures/broken.yaml';
    const issue = (await error).detail.issues[0];
    assert(issue.line >= 3, `line ${issue.line}: ${issue.message}`);
    assert(issue.column > 0, 'column');
    const schemaError = nextEvent(chart, 'gpu-config-error');
    chart.configSrc = '/test/browser/fixtures/bad-value.toml';
    const tomlIssue = (await schemaError).detail.issues[0];
    assertEqual(tomlIssue.path, 'quality.msaa', 'TOML schema error path');
    assertEqual(chart.effectiveConfig.theme, 'light', 'nothing of the invalid files applied');
  });

  it('watches config-src with conditional requests and applies changes', async () => {
    let version = 0;
    let requests = 0;
    let conditional = 0;
    const realFetch = window.fetch;
    window.fetch = async (url, init = {}) => {
      if (!String(url).includes('/live-config.json')) return realFetch(url, init);
      requests++;
      const etag = `"v${version}"`;
      if (init.headers?.['if-none-match'] === etag) {
        conditional++;
        return new Response(null, { status: 304 });
      }
      return new Response(JSON.stringify({ series: { lineWidth: 1 + version } }), { headers: { 'content-type': 'application/json', etag } });
    };
    try {
      const chart = await createChart({ data });
      chart.setAttribute('watch-interval', '300');
      chart.setAttribute('watch-config', '');
      chart.configSrc = '/live-config.json';
      await sleep(800);
      assertEqual(chart.model.series[0].lineWidth, 1, 'first version');
      assert(conditional > 0, 'unchanged file answered 304');
      const change = nextEvent(chart, 'gpu-config-change');
      version = 2;
      await change;
      assertEqual(chart.model.series[0].lineWidth, 3, 'changed file applied');
      chart.remove();
      const after = requests;
      await sleep(700);
      assertEqual(requests, after, 'polling stops when the element is removed');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('feature flags switch the legend and zoom off', async () => {
    const chart = await createChart({ data });
    chart.updateConfig({ features: { legend: false, zoom: false } });
    await chart.updateComplete;
    assertEqual(chart.shadowRoot.querySelector('[part=legend]'), null, 'no legend');
    const before = chart.getViewport();
    const container = chart.shadowRoot.querySelector('.container');
    container.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, clientX: 100, clientY: 100, bubbles: true, cancelable: true }));
    assertEqual(chart.getViewport().end - chart.getViewport().start, before.end - before.start, 'wheel does not zoom');
  });

  it('picks a quality tier and reports it, and can be pinned', async () => {
    const chart = document.createElement('gpu-chart');
    const recorder = recordEvents(chart, ['gpu-quality-change']);
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    await ready;
    await sleep(50);
    assert(recorder.events.length >= 1, 'initial tier reported');
    const first = recorder.events[0].detail;
    assertEqual(first.previous, null, 'first choice');
    assert(['medium', 'high', 'ultra'].includes(first.tier) && first.reason.length > 0, `tier ${first.tier}: ${first.reason}`);
    chart.updateConfig({ quality: { tier: 'low' } });
    assertEqual(chart.qualityTier, 'low', 'pinned');
    assertEqual(recorder.events.at(-1).detail.tier, 'low', 'pin reported');
    assertEqual(chart.effectiveConfig.quality.msaa, 1, 'low tier settings applied');
    recorder.stop();
  });
});
