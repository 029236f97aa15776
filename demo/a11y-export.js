// Accessibility and export demo: a two-series chart with the export buttons, a button showing the
// data-table alternative, and a PNG made by toBlob() shown under it with the SVG's and CSV's sizes.
import { twoSeries } from './sample-data.js';

const chart = document.getElementById('a11y-chart');
const tableButton = document.getElementById('a11y-table');
const pngButton = document.getElementById('a11y-png');
const preview = document.getElementById('a11y-preview');
const stats = document.getElementById('a11y-export-stats');

chart.data = twoSeries(50_000, { stepMs: 60_000 });

tableButton.addEventListener('click', () => {
  const shown = chart.toggleDataTable();
  tableButton.textContent = shown ? 'Hide the data table' : 'Show the data table';
});

pngButton.addEventListener('click', async () => {
  const started = performance.now();
  const blob = await chart.toBlob('image/png');
  const svg = await chart.toSVG();
  const csv = chart.toCSV();
  if (preview.src) URL.revokeObjectURL(preview.src);
  preview.src = URL.createObjectURL(blob);
  preview.hidden = false;
  stats.textContent = `PNG ${(blob.size / 1024).toFixed(0)} KB · SVG ${(svg.length / 1024).toFixed(0)} KB · CSV ${(csv.length / 1024).toFixed(0)} KB (${csv.split('\r\n').length - 2} rows) · ${(performance.now() - started).toFixed(0)} ms`;
});
