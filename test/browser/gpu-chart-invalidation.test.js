// One invalidation path: configuration, data and interaction set bits of one mask; one commit per
// animation frame does only the work its bits ask for; a frame never updates the element (Lit).
import { EVERYTHING, Invalidation, invalidationOf, invalidationOfPath } from '../../dist/elements/gpu-chart/invalidation.js';
import { assert, assertEqual, createChart, frame } from './helpers.js';

const line = (n = 500) => ({ time: Float64Array.from({ length: n }, (_, i) => i * 1000), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 20) * 10) });

/** Counts calls of a method of an object (the original still runs). */
function spy(object, name) {
  const original = object[name];
  const counter = { calls: 0, restore: () => (object[name] = original) };
  object[name] = function (...args) {
    counter.calls++;
    return original.apply(this, args);
  };
  return counter;
}

describe('gpu-chart invalidation', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('maps configuration paths to the work they need, once, in one table', () => {
    assertEqual(invalidationOfPath('theme'), Invalidation.THEME | Invalidation.OVERLAY, 'theme');
    assertEqual(invalidationOfPath('colors.series'), Invalidation.THEME | Invalidation.OVERLAY, 'a palette is a theme change');
    assertEqual(invalidationOfPath('series.items[3].color'), Invalidation.SERIES | Invalidation.OVERLAY, 'list indices do not matter');
    assertEqual(invalidationOfPath('quality.msaa'), Invalidation.PIPELINES, 'msaa rebuilds pipelines only');
    assertEqual(invalidationOfPath('quality.resolutionScale'), Invalidation.LAYOUT, 'resolution measures again');
    assertEqual(invalidationOfPath('features.zoom'), Invalidation.NONE, 'read live where used');
    assertEqual(invalidationOfPath('a.setting.nobody.mapped'), EVERYTHING, 'unknown paths redo everything');
    const bits = invalidationOf(['series.lineWidth', 'grid.visible']);
    assertEqual(bits, Invalidation.OPTIONS | Invalidation.VIEW, 'two model options and a redraw');
    assert(!(invalidationOf(['theme']) & (Invalidation.SERIES | Invalidation.LAYOUT | Invalidation.PIPELINES)), 'a theme change neither resolves series, measures nor rebuilds');
  });

  it('does only the work a change asks for, in the next frame', async () => {
    const chart = await createChart({ data: line() });
    const model = chart.model;
    const series = spy(model, 'setSeriesOptions');
    const size = spy(model, 'setSize');
    const options = spy(model, 'setOptions');
    try {
      chart.updateConfig({ series: { lineWidth: 3 } });
      assertEqual(options.calls, 0, 'nothing applied to the model inside updateConfig');
      chart.renderNow();
      assertEqual(options.calls, 1, 'model options set once by the commit');
      assertEqual(series.calls, 0, 'series not resolved again for a line width');
      assertEqual(size.calls, 0, 'not measured again for a line width');
      assertEqual(model.series[0].lineWidth, 3, 'line width applied');

      chart.updateConfig({ series: { items: [{ id: 'value', name: 'Sine' }] } });
      chart.renderNow();
      assertEqual(series.calls, 1, 'series resolved again when the items change');
      assertEqual(size.calls, 0, 'still not measured');

      chart.updateConfig({ quality: { resolutionScale: 0.5 } });
      await chart.nextFrame();
      assertEqual(size.calls, 1, 'measured when the resolution changes');
      assertEqual(chart.shadowRoot.querySelector('canvas').width, Math.max(1, Math.round(chart.clientWidth * devicePixelRatio * 0.5)), 'canvas at half resolution');

      // Several changes in one task: one commit, one frame.
      const frames = chart.frameCount;
      chart.updateConfig({ theme: 'dark' });
      chart.updateConfig({ grid: { visible: false } });
      chart.setViewport(10_000, 200_000);
      await chart.nextFrame();
      assertEqual(chart.frameCount, frames + 1, 'one frame for three changes');
    } finally {
      series.restore();
      size.restore();
      options.restore();
    }
  });

  it('reads the model as configured right after a change (the pending work is done on read)', async () => {
    const chart = await createChart({ data: line() });
    chart.updateConfig({ series: { lineWidth: 4 } });
    assertEqual(chart.model.series[0].lineWidth, 4, 'model follows at once when read');
    const frames = chart.frameCount;
    await chart.nextFrame();
    assertEqual(chart.frameCount, frames + 1, 'and the frame is still drawn');
  });

  it('draws frames without updating the element, re-rendering only overlay parts that changed', async () => {
    const chart = await createChart({ data: line() });
    await chart.updateComplete;
    const updates = spy(chart, 'requestUpdate');
    try {
      const axis = chart.shadowRoot.querySelector('.y-axis');
      const legend = chart.shadowRoot.querySelector('[part=legend]');
      const labelsBefore = chart.shadowRoot.querySelector('.x-axis').textContent;
      for (let i = 0; i < 6; i++) {
        chart.setViewport(i * 40_000, i * 40_000 + 60_000);
        await chart.nextFrame();
      }
      await frame();
      assertEqual(updates.calls, 0, 'no Lit update of the element for frames');
      assertEqual(chart.isUpdatePending, false, 'no update pending');
      assert(chart.shadowRoot.querySelector('.x-axis').textContent !== labelsBefore, 'axis labels follow the frames');
      // A frame with the same labels leaves the parts' DOM alone.
      const label = chart.shadowRoot.querySelector('.y-axis .tick');
      chart.invalidate();
      await chart.nextFrame();
      assertEqual(chart.shadowRoot.querySelector('.y-axis .tick'), label, 'same labels: the same nodes');
      assertEqual(chart.shadowRoot.querySelector('.y-axis'), axis, 'the axis element stays');
      assert(legend.isConnected, 'the legend element stays');
    } finally {
      updates.restore();
    }
  });

  it('renders the tooltip from a template with the values under the pointer', async () => {
    const chart = await createChart({ data: { time: [0, 1000, 2000], a: [5, 6, 7], b: [1, 2, 3] } });
    const plot = chart.model.plotCss();
    chart.pointerAt(plot.x + plot.width / 2, plot.y + 10);
    const tooltip = /** @type {HTMLElement} */ (chart.shadowRoot.querySelector('[part=tooltip]'));
    assertEqual(tooltip.style.display, 'block', 'shown');
    const rows = [...tooltip.querySelectorAll('div:not(.time)')].map((row) => row.textContent.trim());
    assertEqual(rows.join(' | '), 'a: 6 | b: 2', 'one row per series with its value');
    assertEqual(tooltip.querySelectorAll('.swatch').length, 2, 'a swatch per row');
    const legend = chart.shadowRoot.querySelector('[part=legend]').textContent.replace(/\s+/g, ' ');
    assert(legend.includes('a 6') && legend.includes('b 2'), `legend shows the values under the pointer: ${legend}`);
    chart.pointerLeft();
    assertEqual(tooltip.style.display, 'none', 'hidden when the pointer leaves');
    assertEqual(chart.shadowRoot.querySelector('[part=tooltip]'), tooltip, 'the same element');
  });
});
