// The DevTools registry (globalThis.__GPU_CHARTS__, src/elements/gpu-chart/chart-devtools.ts):
// connected charts are listed with what the panel shows, configuration patches go through
// updateConfig with the refusal's issues, frames are recorded only once inspected, and a removed
// chart leaves the registry.
import '../../dist/index.js';
import '../../dist/define/index.js';
import { assert, assertEqual, createChart } from './helpers.js';

/** @returns {any} */
const registry = () => /** @type {any} */ (globalThis).__GPU_CHARTS__;
const line = (n = 2000) => ({ time: Float64Array.from({ length: n }, (_, i) => i * 60_000), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 40)) });

describe('DevTools registry', () => {
  it('lists connected charts with state, renderer, tier, adapter, config and events; forgets removed ones', async () => {
    const chart = await createChart({ data: line() });
    chart.id = 'inspected';
    const entry = registry().snapshot().find((c) => c.elementId === 'inspected');
    assert(entry, 'the chart is registered');
    assertEqual(entry.state, chart.state);
    assertEqual(entry.renderer, chart.rendererKind);
    assertEqual(entry.tier, chart.qualityTier);
    assertEqual(entry.adapter?.architecture, 'swiftshader');
    assertEqual(entry.size.width, 400);
    assertEqual(entry.effectiveConfig.theme, chart.effectiveConfig.theme);
    assert(entry.events.some((e) => e.type === 'gpu-ready'), 'gpu-ready is logged');
    // JSON-safe: what crosses the DevTools boundary survives a round trip unchanged.
    assertEqual(JSON.stringify(JSON.parse(JSON.stringify(entry))), JSON.stringify(entry));

    // With a chart to detail, the others come without configuration, frames and events.
    const other = await createChart({ data: line() });
    const narrowed = registry().snapshot(entry.id);
    const mine = narrowed.find((c) => c.id === entry.id);
    const theirs = narrowed.find((c) => c.id !== entry.id);
    assertEqual(mine.detailed, true);
    assert(mine.effectiveConfig && mine.events.length > 0, 'the detailed entry carries config and events');
    assertEqual(theirs.detailed, false);
    assertEqual(theirs.effectiveConfig, null);
    assertEqual(theirs.events.length + theirs.frames.length, 0);
    assertEqual(theirs.state, other.state);
    other.remove();

    chart.remove();
    assert(!registry().snapshot().some((c) => c.elementId === 'inspected'), 'a removed chart leaves the registry');
  });

  it('applies patches through updateConfig and returns the issues of a refused one', async () => {
    const chart = await createChart({ data: line() });
    const id = registry().snapshot().at(-1).id;
    const msaa = chart.effectiveConfig.quality.msaa;
    const ok = registry().updateConfig(id, { theme: 'dark' });
    assertEqual(ok.ok, true);
    assertEqual(chart.effectiveConfig.theme, 'dark');
    const refused = registry().updateConfig(id, { quality: { msaa: 3 } });
    assertEqual(refused.ok, false);
    assert(refused.issues.some((i) => i.path === 'quality.msaa'), JSON.stringify(refused.issues));
    assertEqual(chart.effectiveConfig.quality.msaa, msaa, 'the last good configuration stays');
    assertEqual(registry().updateConfig('no-such-chart', {}).ok, false);
    const entry = registry().snapshot().find((c) => c.id === id);
    assert(entry.events.some((e) => e.type === 'gpu-config-error'), 'the refusal is in the event log');
    // The log keeps each event's detail as fired and copies it into plain JSON for the snapshot
    // (copying at log time sat inside every updateConfig()).
    let fired = null;
    chart.addEventListener('gpu-config-change', (e) => (fired = e.detail), { once: true });
    chart.updateConfig({ theme: 'light' });
    const logged = registry().snapshot().find((c) => c.id === id).events.findLast((e) => e.type === 'gpu-config-change');
    assert(fired && logged.detail !== fired, 'the snapshot carries a copy, not the event\'s own detail');
    assertEqual(JSON.stringify(logged.detail), JSON.stringify(fired));
    assertEqual(logged.detail.changedPaths.includes('theme'), true);
    chart.remove();
  });

  it('records the last frames once inspected, in frame order', async () => {
    const chart = await createChart({ data: line() });
    const id = registry().snapshot().at(-1).id; // the earlier tests' charts are gone
    for (let i = 0; i < 5; i++) {
      chart.setViewport(i * 60_000, 1000 * 60_000);
      await chart.nextFrame();
    }
    const frames = registry().snapshot().find((c) => c.id === id).frames;
    assert(frames.length >= 5, `frames recorded: ${frames.length}`);
    assertEqual(frames.at(-1).frame, chart.frameCount);
    for (let i = 1; i < frames.length; i++) assert(frames[i].frame > frames[i - 1].frame, 'ascending, one entry per frame');
    chart.remove();
  });
});
