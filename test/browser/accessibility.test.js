// Accessibility of <gpu-chart>: axe-core finds no violation on a page of charts; the host's role
// and name; keyboard navigation point to point with announcements formatted like the tooltip,
// while the view shortcuts keep working; the data-table alternative; forced colours and reduced
// motion honoured.
import { emulateMedia } from '@web/test-runner-commands';
import { assert, assertEqual, createChart, randomBars, sleep } from './helpers.js';
import { randomWalk, twoSeries } from '../../demo/sample-data.js';

/** axe-core's own source, injected as a classic script (it defines window.axe). */
async function loadAxe() {
  if (/** @type {any} */ (window).axe) return /** @type {any} */ (window).axe;
  const source = await (await fetch('/node_modules/axe-core/axe.min.js')).text();
  const script = document.createElement('script');
  script.textContent = source;
  document.head.append(script);
  return /** @type {any} */ (window).axe;
}

const root = (chart) => /** @type {ShadowRoot} */ (chart.shadowRoot);
const container = (chart) => /** @type {HTMLElement} */ (root(chart).querySelector('.container'));
const liveText = (chart) => root(chart).querySelector('.live-region').textContent;
const marker = (chart) => /** @type {HTMLElement} */ (root(chart).querySelector('.focus-marker'));
const key = (chart, name, init = {}) => container(chart).dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true, ...init }));

describe('accessibility', () => {
  afterEach(async () => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  });

  it('has no axe-core violations on a page of charts (line, candlestick with its table shown, export buttons)', async () => {
    const main = document.createElement('main');
    main.innerHTML = '<h1>Charts</h1>';
    document.body.append(main);
    try {
      const line = await createChart({ data: randomWalk(2000) });
      const candles = await createChart({ data: randomBars(300), attributes: { type: 'candlestick', 'data-table': '', 'export-button': '' } });
      main.append(line, candles);
      await line.nextFrame();
      await candles.nextFrame();
      await sleep(300); // the table follows the window after a short debounce
      assert(root(candles).querySelectorAll('.data-table tbody tr').length > 0, 'the table rendered');
      const axe = await loadAxe();
      const results = await axe.run(main, { resultTypes: ['violations'] });
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
      assertEqual(summary.length, 0, `axe violations:\n${summary.join('\n')}`);
      // The check can fail: an image without a name is caught.
      const broken = document.createElement('img');
      broken.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      main.append(broken);
      const again = await axe.run(main, { resultTypes: ['violations'] });
      assert(again.violations.some((v) => v.id === 'image-alt'), 'axe reports a real violation');
    } finally {
      main.remove();
    }
  });

  it('gives the host a role, a role description and the data summary as its name (a page\'s own name wins)', async () => {
    const chart = await createChart({ data: randomWalk(500) });
    await chart.updateComplete;
    assertEqual(chart.getAttribute('role'), 'figure', 'role');
    assertEqual(chart.getAttribute('aria-roledescription'), 'chart', 'role description');
    assert(/line chart of value: 500 points from/.test(chart.getAttribute('aria-label') ?? ''), `label: ${chart.getAttribute('aria-label')}`);
    assertEqual(container(chart).getAttribute('role'), 'application', 'the focusable part takes the keys');
    assert(root(chart).getElementById('gpu-chart-keys').textContent.includes('Enter'), 'keys described');
    const own = document.createElement('gpu-chart');
    own.setAttribute('aria-label', 'Bitcoin price');
    document.body.append(own);
    own.data = randomWalk(100);
    await own.updateComplete;
    await sleep(50);
    assertEqual(own.getAttribute('aria-label'), 'Bitcoin price', 'the page\'s label stays');
  });

  it('moves a focus marker point to point and announces each point like the tooltip', async () => {
    const data = twoSeries(1000, { stepMs: 60_000 });
    const chart = await createChart({ data, width: 500 });
    chart.setViewport(data.time[100], data.time[199]);
    await chart.nextFrame();
    container(chart).focus();
    key(chart, 'Enter');
    assert(liveText(chart).startsWith('Point navigation.'), `help announced: ${liveText(chart)}`);
    assertEqual(marker(chart).style.display, 'block', 'marker shown');
    const startRow = Number(marker(chart).dataset.row);
    assert(startRow >= 100 && startRow <= 199, `starts inside the window (row ${startRow})`);

    key(chart, 'ArrowRight');
    assertEqual(Number(marker(chart).dataset.row), startRow + 1, 'ArrowRight: next point');
    const text = liveText(chart);
    const time = new Date(data.time[startRow + 1]).toISOString().slice(11, 16);
    assert(text.includes(time), `announces the time ${time}: ${text}`);
    assert(text.includes(`price: ${Number(data.price[startRow + 1].toFixed(2))}`) || /price: \d/.test(text), `announces the value: ${text}`);
    assert(text.includes(`point ${startRow + 2} of 1,000`), `announces the position: ${text}`);
    // The tooltip shows the same point.
    const tooltip = /** @type {HTMLElement} */ (root(chart).querySelector('.tooltip'));
    assert(tooltip.textContent.includes('price'), 'tooltip shown at the point');

    key(chart, 'ArrowLeft');
    assertEqual(Number(marker(chart).dataset.row), startRow, 'ArrowLeft: previous point');
    key(chart, 'PageDown');
    assertEqual(Number(marker(chart).dataset.row), startRow + 10, 'PageDown jumps a tenth of the visible rows');
    const before = chart.getViewport();
    key(chart, 'End');
    assertEqual(Number(marker(chart).dataset.row), 999, 'End: last point');
    const after = chart.getViewport();
    assert(after.end >= data.time[999] && after.start > before.start, 'the view followed the point');
    assert(Math.abs(after.end - after.start - (before.end - before.start)) < 1, 'and kept its zoom');
    key(chart, 'Home');
    assertEqual(Number(marker(chart).dataset.row), 0, 'Home: first point');

    assertEqual(marker(chart).dataset.series, 'price', 'first series');
    key(chart, 'ArrowDown');
    assertEqual(marker(chart).dataset.series, 'average', 'ArrowDown: next series');
    assert(liveText(chart).includes('average, point 1'), `series announced: ${liveText(chart)}`);
    key(chart, 'ArrowDown');
    assertEqual(marker(chart).dataset.series, 'price', 'series wrap around');

    const view = chart.getViewport();
    key(chart, 'Escape');
    assertEqual(marker(chart).style.display, 'none', 'Escape hides the marker');
    assertEqual(liveText(chart), 'Left point navigation.', 'and says so');
    assertEqual(chart.getViewport().start, view.start, 'Escape in navigation does not reset the view');
  });

  it('heatmaps: arrows move cell to cell (Up to a larger y), each cell announced with its x, y and value', async () => {
    // value = 10 × row + column: the announced value names the cell.
    const rows = 4;
    const cols = 6;
    const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.floor(i / cols) * 10 + (i % cols));
    const chart = await createChart({ attributes: { type: 'heatmap', 'x-axis': 'linear' }, data: { rows, cols, values, x0: 0, dx: 1, y0: 100, dy: 10 }, width: 500 });
    container(chart).focus();
    key(chart, 'Enter');
    assert(liveText(chart).startsWith('Cell navigation.'), `help announced: ${liveText(chart)}`);
    assertEqual(marker(chart).style.display, 'block', 'marker shown');
    const col = Number(marker(chart).dataset.col);
    const row = Number(marker(chart).dataset.row);
    assert(col >= 0 && col < cols && row >= 0 && row < rows, `starts on the grid (${col}, ${row})`);
    /** The cell the live region names, and its value. */
    const announced = () => {
      const text = liveText(chart);
      const match = /^([\d.]+), y ([\d.]+): value ([\d.]+)\. Column (\d+) of 6, row (\d+) of 4\.$/.exec(text);
      assert(match, `a cell announcement: ${text}`);
      return { x: Number(match[1]), y: Number(match[2]), value: Number(match[3]), col: Number(match[4]) - 1, row: Number(match[5]) - 1 };
    };
    const left = parseFloat(marker(chart).style.left);
    key(chart, 'ArrowRight');
    assertEqual(Number(marker(chart).dataset.col), col + 1, 'ArrowRight: next column');
    let cell = announced();
    assertEqual(cell.col, col + 1, 'announced column');
    assertEqual(cell.x, col + 1.5, 'x: the cell centre');
    assertEqual(cell.y, 100 + (row + 0.5) * 10, 'y: the cell centre');
    assertEqual(cell.value, row * 10 + col + 1, 'the cell value');
    assert(parseFloat(marker(chart).style.left) > left, 'the marker moved right');
    const top = parseFloat(marker(chart).style.top);
    key(chart, 'ArrowUp');
    cell = announced();
    assertEqual(cell.row, row + 1, 'ArrowUp: the row above');
    assertEqual(cell.value, (row + 1) * 10 + col + 1, 'its value');
    assert(parseFloat(marker(chart).style.top) < top, 'the marker moved up');
    assert(/** @type {HTMLElement} */ (root(chart).querySelector('.tooltip')).style.display !== 'none', 'the tooltip shows the cell');
    key(chart, 'End');
    assertEqual(announced().col, cols - 1, 'End: last column');
    key(chart, 'Home');
    assertEqual(announced().col, 0, 'Home: first column');
    for (let i = 0; i < 6; i++) key(chart, 'ArrowDown');
    cell = announced();
    assertEqual(cell.row, 0, 'clamped at the bottom row');
    assertEqual(cell.value, 0, 'cell (0, 0)');
    key(chart, 'Escape');
    assertEqual(marker(chart).style.display, 'none', 'Escape hides the marker');
    assertEqual(liveText(chart), 'Left point navigation.', 'and says so');
  });

  it('keeps the view shortcuts: arrows pan and zoom outside navigation, Shift+arrows and +/- inside it', async () => {
    const data = randomWalk(2000);
    const chart = await createChart({ data });
    chart.setViewport(data.time[500], data.time[1000]);
    const start = chart.getViewport().start;
    key(chart, 'ArrowLeft');
    assert(chart.getViewport().start < start, 'ArrowLeft pans (navigation off)');
    container(chart).focus();
    key(chart, 'Enter');
    const panned = chart.getViewport().start;
    key(chart, 'ArrowLeft', { shiftKey: true });
    assert(chart.getViewport().start < panned, 'Shift+ArrowLeft pans in navigation');
    const span = chart.getViewport().end - chart.getViewport().start;
    key(chart, '+');
    assert(chart.getViewport().end - chart.getViewport().start < span, '+ zooms in navigation');
    key(chart, 'Escape');
    key(chart, 'Escape');
    assertEqual(chart.getViewport().start, data.time[0], 'a second Escape resets the view as before');
  });

  it('offers the visible window as a table, bounded in rows, shown with data-table', async () => {
    const data = randomWalk(5000);
    const chart = await createChart({ data });
    chart.setViewport(data.time[1000], data.time[1049]);
    await chart.nextFrame();
    await sleep(300);
    const table = /** @type {HTMLElement} */ (root(chart).querySelector('.data-table'));
    assert(table.classList.contains('visually-hidden'), 'visually hidden by default');
    let rows = table.querySelectorAll('tbody tr');
    assertEqual(rows.length, 50, 'one row per visible point');
    assert(rows[0].querySelector('th').textContent.includes(new Date(data.time[1000]).toISOString().slice(11, 19)), `first row's time: ${rows[0].textContent}`);
    assertEqual(table.querySelector('thead').textContent.replace(/\s+/g, ' ').trim(), 'Time value', 'header');
    chart.resetView();
    await chart.nextFrame();
    await sleep(300);
    rows = table.querySelectorAll('tbody tr');
    assertEqual(rows.length, 100, 'LOD-bounded: at most 100 rows of the 5000');
    assert(table.querySelector('caption').textContent.includes('100 of 5,000 rows'), 'caption says it is sampled');
    assert(table.offsetHeight <= 1, 'hidden');
    chart.toggleDataTable(true);
    await chart.updateComplete;
    assertEqual(chart.getAttribute('data-table'), '', 'attribute reflected');
    assert(!table.classList.contains('visually-hidden') && table.offsetHeight > 100, 'shown on screen');
  });

  it('switches to system colours under forced-colors and stops animations under reduced motion', async () => {
    const chart = await createChart({ data: randomWalk(500), attributes: { 'export-button': '' } });
    const normal = chart.model.options.theme.palette[0].join(',');
    await emulateMedia({ forcedColors: 'active' });
    await sleep(100);
    await chart.nextFrame();
    assertEqual(getComputedStyle(chart).getPropertyValue('--gpu-chart-series-1').trim(), 'CanvasText', 'series colour is a system colour');
    assert(chart.model.options.theme.palette[0].join(',') !== normal, 'the GPU picture follows (theme re-read)');
    await emulateMedia({ forcedColors: 'none' });
    await sleep(100);
    await chart.nextFrame();
    assertEqual(chart.model.options.theme.palette[0].join(','), normal, 'and back');

    const button = /** @type {HTMLElement} */ (root(chart).querySelector('.export-button'));
    button.style.transition = 'opacity 2s';
    assertEqual(getComputedStyle(button).transitionDuration, '2s', 'transitions run normally');
    await emulateMedia({ reducedMotion: 'reduce' });
    assertEqual(getComputedStyle(button).transitionDuration, '0s', 'none under reduced motion');
  });
});
