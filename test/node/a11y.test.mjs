// Keyboard navigation point to point, announcements and the data table's rows (src/a11y, no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { navigationAction, moveCursor, moveCell, pageSize, windowContaining, announcePoint, announceCell, navigationHelp, tableRows, formatPointX, formatPointValue } from '../../build/node/a11y/index.js';

test('the key map takes only unmodified navigation keys (Shift+arrows stay pan and zoom)', () => {
  assert.equal(navigationAction('ArrowRight'), 'next');
  assert.equal(navigationAction('ArrowLeft'), 'previous');
  assert.equal(navigationAction('Home'), 'first');
  assert.equal(navigationAction('End'), 'last');
  assert.equal(navigationAction('PageDown'), 'page-forward');
  assert.equal(navigationAction('PageUp'), 'page-back');
  assert.equal(navigationAction('ArrowDown'), 'next-series');
  assert.equal(navigationAction('ArrowUp'), 'previous-series');
  assert.equal(navigationAction('Escape'), 'leave');
  assert.equal(navigationAction('ArrowLeft', { shift: true }), null);
  assert.equal(navigationAction('+'), null, 'zoom keys stay the view\'s');
  assert.equal(navigationAction('0'), null);
});

test('the cursor moves within the data, pages by a tenth of the view, series wrap', () => {
  const bounds = { rows: 100, series: 3, page: pageSize(50) };
  assert.equal(bounds.page, 5);
  assert.deepEqual(moveCursor({ series: 0, row: 0 }, 'previous', bounds), { series: 0, row: 0 }, 'clamped at the start');
  assert.deepEqual(moveCursor({ series: 0, row: 99 }, 'next', bounds), { series: 0, row: 99 }, 'clamped at the end');
  assert.deepEqual(moveCursor({ series: 0, row: 10 }, 'page-forward', bounds), { series: 0, row: 15 });
  assert.deepEqual(moveCursor({ series: 0, row: 3 }, 'page-back', bounds), { series: 0, row: 0 });
  assert.deepEqual(moveCursor({ series: 1, row: 3 }, 'last', bounds), { series: 1, row: 99 });
  assert.deepEqual(moveCursor({ series: 1, row: 3 }, 'first', bounds), { series: 1, row: 0 });
  assert.deepEqual(moveCursor({ series: 2, row: 3 }, 'next-series', bounds), { series: 0, row: 3 });
  assert.deepEqual(moveCursor({ series: 0, row: 3 }, 'previous-series', bounds), { series: 2, row: 3 });
  assert.equal(pageSize(3), 1, 'at least one row');
});

test('the view follows the cursor: same width (same ratio on log), centred on it; null when visible', () => {
  assert.equal(windowContaining(0, 100, 50), null);
  assert.deepEqual(windowContaining(0, 100, 250), [200, 300]);
  assert.deepEqual(windowContaining(0, 100, -60), [-110, -10]);
  const [a, b] = windowContaining(1, 100, 1000, true);
  assert.ok(Math.abs(b / a - 100) < 1e-9 && Math.abs(Math.sqrt(a * b) - 1000) < 1e-9, 'log: ratio kept, centred in log space');
});

test('announcements read like the tooltip: focused series first, then the others, then the position', () => {
  const text = announcePoint({ x: '2024-01-01 00:01:00', series: 'average', values: [{ name: 'price', value: '101.5' }, { name: 'average', value: '100.2' }], row: 4, rows: 12345 });
  assert.equal(text, '2024-01-01 00:01:00. average: 100.2, price: 101.5. average, point 5 of 12,345.');
  assert.match(navigationHelp(2), /Up and Down arrows change series/);
  assert.doesNotMatch(navigationHelp(1), /change series/);
  assert.equal(formatPointX(2.5, { kind: 'linear', timeZone: 'UTC', span: 10, title: 'Frequency (Hz)' }), 'Frequency (Hz): 2.5');
  assert.match(formatPointX(Date.UTC(2024, 0, 1, 12, 30), { kind: 'time', timeZone: 'UTC', span: 3_600_000 }), /12:30:00/);
  assert.equal(formatPointValue(NaN), '—');
});

test('the data table shows every visible row up to its bound, then evenly spread rows with both ends', () => {
  assert.deepEqual(tableRows(10, 15, 100), [10, 11, 12, 13, 14]);
  const rows = tableRows(0, 5000, 100);
  assert.equal(rows.length, 100);
  assert.equal(rows[0], 0);
  assert.equal(rows.at(-1), 4999);
  assert.ok(rows.every((r, i) => i === 0 || r > rows[i - 1]), 'ascending, no duplicates');
  assert.deepEqual(tableRows(5, 5, 100), []);
});

test('heatmaps: arrows move by cell (Up to a larger y), clamped to the grid; Home/End and pages move columns', () => {
  const bounds = { cols: 40, rows: 8, page: 4 };
  const at = { col: 10, row: 3 };
  assert.deepEqual(moveCell(at, 'next', bounds), { col: 11, row: 3 });
  assert.deepEqual(moveCell(at, 'previous', bounds), { col: 9, row: 3 });
  assert.deepEqual(moveCell(at, navigationAction('ArrowUp'), bounds), { col: 10, row: 4 }, 'ArrowUp: the row above');
  assert.deepEqual(moveCell(at, navigationAction('ArrowDown'), bounds), { col: 10, row: 2 });
  assert.deepEqual(moveCell({ col: 0, row: 0 }, 'previous', bounds), { col: 0, row: 0 }, 'clamped at the left');
  assert.deepEqual(moveCell({ col: 0, row: 0 }, 'next-series', bounds), { col: 0, row: 0 }, 'clamped at the bottom (rows do not wrap like series)');
  assert.deepEqual(moveCell({ col: 39, row: 7 }, 'previous-series', bounds), { col: 39, row: 7 }, 'clamped at the top');
  assert.deepEqual(moveCell(at, 'last', bounds), { col: 39, row: 3 });
  assert.deepEqual(moveCell(at, 'first', bounds), { col: 0, row: 3 });
  assert.deepEqual(moveCell(at, 'page-forward', bounds), { col: 14, row: 3 });
  assert.deepEqual(moveCell({ col: 2, row: 3 }, 'page-back', bounds), { col: 0, row: 3 });
});

test('a heatmap cell is announced with its x, y and value, and where it lies in the grid', () => {
  assert.equal(
    announceCell({ x: '2024-03-01 12:00', y: 'frequency 3.5', value: '0.82', col: 4, row: 2, cols: 1200, rows: 8 }),
    '2024-03-01 12:00, frequency 3.5: value 0.82. Column 5 of 1,200, row 3 of 8.',
  );
  assert.match(announceCell({ x: '1', y: 'y 2', value: formatPointValue(Number.NaN), col: 0, row: 0, cols: 1, rows: 1 }), /value —\./, 'a missing value is a dash');
});
