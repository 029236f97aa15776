// Lazy chunks in a page: the indicators' code is fetched only when the first indicator appears
// (then computed and drawn without anything else to do), and a series type registered with
// registerLazySeriesType draws nothing until its module has loaded, then every chart redraws it.
import { registerLazySeriesType } from '../../dist/index.js';
import { indicatorRuntime } from '../../dist/elements/indicator-runtime.js';
import { assert, assertEqual, createChart, fetchedResource, randomBars, sleep, until } from './helpers.js';

// The bundle's own modules (over 300 files in dist/) fill the default resource timing buffer of 250
// entries, after which fetches are no longer recorded: room for the ones this test looks for.
performance.setResourceTimingBufferSize(100_000);

describe('lazy chunks', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('fetches the indicators only for the first indicator, then draws it', async () => {
    const chart = await createChart({ attributes: { type: 'candlestick' }, data: randomBars(200) });
    await sleep(100);
    assert(indicatorRuntime() === null, 'not loaded by a chart without indicators');
    assert(!fetchedResource('indicators/runtime.js'), 'not fetched by a chart without indicators');
    assert(!fetchedResource('indicators/sma.js'), 'nor any indicator function');
    const indicator = document.createElement('gpu-indicator');
    indicator.setAttribute('type', 'sma');
    indicator.setAttribute('period', '10');
    chart.append(indicator);
    await until(() => chart.model.derivedSeries.length === 1, 'the SMA');
    assert(indicatorRuntime() !== null, 'loaded on first use');
    assert(fetchedResource('indicators/runtime.js'), 'fetched on first use');
    await chart.nextFrame();
    assert(chart.model.frame().scene.layers.some((layer) => layer.id.startsWith('derived:')), 'drawn');
    assertEqual(indicator.params.period, 10, 'parameters resolved once loaded');
  });

  it('draws a lazy series type once its module has loaded', async () => {
    /** @type {(value?: unknown) => void} */
    let release = () => {};
    const gate = new Promise((resolve) => (release = resolve));
    registerLazySeriesType('lazy-area', async () => {
      await gate;
      const { areaSeries } = await import('../../dist/series/area/index.js');
      return { ...areaSeries, type: 'lazy-area' };
    });
    const chart = await createChart({ data: randomBars(300) });
    chart.series = [{ column: 'close', type: /** @type {any} */ ('lazy-area') }];
    await chart.nextFrame();
    const kinds = () => chart.model.frame().scene.layers.map((layer) => layer.kind);
    assert(!kinds().includes('area') && !kinds().includes('line'), `nothing drawn while loading: ${kinds()}`);
    const frames = chart.frameCount;
    release();
    await until(() => chart.frameCount > frames && kinds().includes('area'), 'the chart to redraw with the loaded type');
  });
});
