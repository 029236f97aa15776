// A chart configured before it is in the page (frameworks and plain scripts build elements, set
// `data`, `series` and `config`, and append them last): nothing may throw, and once appended it
// draws what it was given. (The overlay once rendered into a shadow root that did not exist yet.)
import { assert, assertEqual, frame } from './helpers.js';

describe('gpu-chart configured before it is connected', () => {
  it('takes data, series, config and a legend hover state while detached, then draws them', async () => {
    const errors = [];
    const onError = (event) => errors.push(event.message ?? String(event.reason));
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
    const chart = document.createElement('gpu-chart');
    chart.style.cssText = 'display:block;width:400px;height:240px';
    chart.config = { quality: { tier: 'high' }, grid: { visible: false } };
    chart.series = [{ column: 'value', type: 'area', name: 'Detached' }];
    chart.data = { time: Float64Array.from({ length: 300 }, (_, i) => i * 1000), value: Float64Array.from({ length: 300 }, (_, i) => i) };
    chart.appendData({ time: [300_000], value: [300] });
    assertEqual(chart.getViewport().end, 300_000, 'the viewport follows the data while detached');
    document.body.append(chart);
    await new Promise((resolve) => chart.addEventListener('gpu-ready', resolve, { once: true }));
    await frame();
    await chart.nextFrame();
    await chart.updateComplete;
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onError);
    assertEqual(errors.length, 0, `no errors: ${errors.join('; ')}`);
    assertEqual(chart.model.series[0].type, 'area', 'series applied');
    assertEqual(chart.model.data.length, 301, 'data and the appended row');
    const legend = chart.shadowRoot.querySelector('.legend');
    assert(legend && legend.textContent.includes('Detached') && legend.textContent.includes('300'), `legend shows the series and its last value: ${legend?.textContent}`);
    assert(chart.frameCount > 0, 'drawn');
    chart.remove();
  });
});
