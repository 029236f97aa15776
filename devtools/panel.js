// The "GPU Charts" panel: polls the inspected page's registry and draws the chart list and the
// selected chart's details. Its data source is a parameter (page-source.js in DevTools), so the
// drawing does not depend on how the page is reached.
import { inspectedWindowSource } from './page-source.js';
import { bytes, chartTitle, configPatch, describeEvent, frameSummary, ms, parseEditedConfig } from './panel-logic.js';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/**
 * Starts the panel in `doc` over `source` ({ snapshot, updateConfig, reveal }, each a promise).
 * Returns `{ refresh, stop }`; `refresh()` resolves once the view shows a fresh snapshot.
 */
export function startPanel(doc, source, { intervalMs = 1000 } = {}) {
  const status = doc.getElementById('status');
  const list = doc.getElementById('charts');
  const detail = doc.getElementById('detail');
  const live = doc.getElementById('live');
  let charts = [];
  let selected = null;
  /** The configuration as it was when the editor was filled: the base of the patch. */
  let editorBase = null;
  let editorDirty = false;
  let editorChart = null;
  let result = null;
  let resultShown = null;

  async function refresh() {
    let answer;
    try {
      answer = await source.snapshot(selected);
      // The first poll, or a selected chart that went: ask again with the chart now shown.
      const shown = answer?.charts?.find((c) => c.id === selected) ?? answer?.charts?.[0];
      if (shown && !shown.detailed) answer = await source.snapshot(shown.id);
    } catch (error) {
      status.textContent = `Cannot read the page: ${error.message}`;
      return;
    }
    charts = answer?.charts ?? [];
    status.textContent = !answer?.available
      ? 'No gpu-charts on this page (no globalThis.__GPU_CHARTS__).'
      : `${charts.length} chart${charts.length === 1 ? '' : 's'} on ${answer.url}`;
    if (!charts.some((c) => c.id === selected)) selected = charts[0]?.id ?? null;
    draw();
  }

  function draw() {
    list.replaceChildren(
      ...charts.map((chart) =>
        el(
          'li',
          {},
          el(
            'button',
            { type: 'button', 'aria-current': String(chart.id === selected), dataset: { chart: chart.id }, onclick: () => select(chart.id) },
            chartTitle(chart),
            el('span', { className: `badge ${chart.state}` }, chart.state),
            el('span', { className: 'badge' }, chart.renderer ?? '—'),
          ),
        ),
      ),
    );
    const chart = charts.find((c) => c.id === selected);
    if (!chart) {
      editorChart = null;
      detail.replaceChildren(el('p', {}, 'Select a chart.'));
      return;
    }
    drawDetail(chart);
  }

  function select(id) {
    selected = id;
    result = null;
    // Only the shown chart's details come with a poll: fetch them now.
    return refresh();
  }

  function drawDetail(chart) {
    const adapter = chart.adapter ? [chart.adapter.vendor, chart.adapter.architecture, chart.adapter.description].filter(Boolean).join(' · ') + (chart.adapter.isFallbackAdapter ? ' (fallback adapter)' : '') : '—';
    const summary = frameSummary(chart.frames);
    const facts = [
      ['state', chart.state],
      ['renderer', chart.renderer ?? '—'],
      ['tier', chart.tier ?? '—'],
      ['adapter', adapter],
      ['size', `${chart.size.width} × ${chart.size.height} CSS px`],
      ['frames drawn', String(chart.frameCount)],
      ['GPU memory', bytes(chart.gpuMemoryBytes)],
      ['CPU p50 / p95', `${ms(summary.cpuP50)} / ${ms(summary.cpuP95)}`],
      ['GPU p50 / p95', `${ms(summary.gpuP50)} / ${ms(summary.gpuP95)}`],
    ];
    const recent = chart.frames.slice(-10).reverse();
    const frames = el(
      'table',
      { className: 'frames' },
      el('thead', {}, el('tr', {}, ...['frame', 'cpu', 'scene', 'render', 'gpu', 'drawn', 'visible', 'lod', 'renderer'].map((h) => el('th', {}, h)))),
      el(
        'tbody',
        {},
        ...recent.map((f) =>
          el('tr', {}, ...[f.frame, ms(f.cpuMs), ms(f.sceneMs), ms(f.renderMs), ms(f.gpuMs), f.pointsDrawn, f.visiblePoints, f.lod, f.renderer].map((v) => el('td', {}, String(v)))),
        ),
      ),
    );
    const events = el(
      'ol',
      { className: 'events' },
      ...chart.events
        .slice(-30)
        .reverse()
        .map((event) => el('li', { dataset: { type: event.type } }, `${new Date(event.time).toLocaleTimeString()} ${describeEvent(event)}`)),
    );

    // Facts, frames and events are redrawn on every refresh; the configuration editor only when
    // the chart changes or the page's configuration does while the user has not edited it, so
    // typing (and the caret) survive the polling.
    let liveSection = detail.querySelector('.live');
    let config = detail.querySelector('.config');
    if (!liveSection || !config) {
      liveSection = el('div', { className: 'live' });
      config = el('div', { className: 'config' });
      detail.replaceChildren(liveSection, config);
    }
    liveSection.replaceChildren(
      el('dl', {}, ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { dataset: { fact: k } }, v)])),
      el('button', { type: 'button', onclick: () => source.reveal(chart.id) }, 'Show on page'),
      el('h3', {}, `Last frames (${chart.frames.length} recorded)`),
      chart.frames.length ? frames : el('p', {}, 'No frame since the panel opened (an idle chart draws none).'),
      el('h3', {}, `Events (${chart.events.length})`),
      chart.events.length ? events : el('p', {}, 'None yet.'),
    );
    const text = JSON.stringify(chart.effectiveConfig, null, 2);
    const stale = editorChart !== chart.id || (!editorDirty && config.querySelector('textarea')?.value !== text);
    if (stale || resultShown !== result) {
      let editor = config.querySelector('textarea');
      if (stale || !editor) {
        editor = el('textarea', { spellcheck: false, 'aria-label': 'Effective configuration (JSON)', oninput: () => (editorDirty = true) });
        editor.value = text;
        editorBase = chart.effectiveConfig;
        editorChart = chart.id;
        editorDirty = false;
      }
      resultShown = result;
      config.replaceChildren(
        el('h3', {}, 'Effective configuration'),
        editor,
        el('button', { type: 'button', className: 'apply', onclick: () => apply(chart.id, editor.value) }, 'Apply (updateConfig)'),
        el('button', { type: 'button', className: 'revert', onclick: () => resetEditor() }, 'Revert edits'),
        result ? el('p', { className: `config-result ${result.ok ? 'ok' : 'error'}` }, result.text) : null,
      );
    }
  }

  function resetEditor() {
    editorDirty = false;
    editorChart = null;
    result = null;
    draw();
  }

  async function apply(id, text) {
    const parsed = parseEditedConfig(text);
    if (parsed.error) {
      result = { ok: false, text: parsed.error };
      return draw();
    }
    const { patch, removed } = configPatch(editorBase, parsed.value);
    const notes = removed.length ? `\nRemoved keys are ignored (a layer cannot unset a value): ${removed.join(', ')}` : '';
    if (Object.keys(patch).length === 0) {
      result = { ok: false, text: `Nothing changed.${notes}` };
      return draw();
    }
    let answer;
    try {
      answer = await source.updateConfig(id, patch);
    } catch (error) {
      answer = { ok: false, issues: [{ path: '', message: error.message }] };
    }
    result = answer.ok
      ? { ok: true, text: `Applied ${JSON.stringify(patch)}${notes}` }
      : { ok: false, text: `Refused: ${answer.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('\n')}${notes}` };
    if (answer.ok) editorDirty = false;
    await refresh();
  }

  doc.getElementById('refresh').addEventListener('click', () => refresh());
  let timer = setInterval(() => live.checked && refresh(), intervalMs);
  refresh();
  return {
    refresh,
    stop: () => {
      clearInterval(timer);
      timer = null;
    },
  };
}

// In DevTools: read the inspected page. (A page opening panel.html outside DevTools gets no panel.)
if (globalThis.chrome?.devtools?.inspectedWindow) {
  globalThis.gpuChartsPanel = startPanel(document, inspectedWindowSource());
}
