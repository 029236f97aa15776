// Export speed and size in headless Chromium: toSVG, toBlob('image/png') and toCSV of a 900 × 500
// chart at 100k / 1M / 10M points (whole view and a 1,000-row window). The SVG is built from the
// LOD-reduced scene, so its size should follow the width in pixels, not the number of points.
//   npm run bench:export  → bench/results/export.{json,md}
// On another machine: CHROME_PATH=/path/to/chrome npm run bench:export
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const SIZES = (process.env.SIZES ?? '100000,1000000,10000000').split(',').map(Number);
const REPEAT = Number(process.env.REPEAT ?? 5);
const port = 5200 + Math.floor(Math.random() * 300);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: WEBGPU_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(`http://127.0.0.1:${port}/bench/export.html`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
  const loadStart = loadavg()[0];
  const rows = [];
  for (const n of SIZES) rows.push(await page.evaluate(([points, repeat]) => window.measure(points, repeat), [n, REPEAT]));
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, browser: browser.version(), loadAverage: { start: loadStart, end: loadavg()[0] } }, repeat: REPEAT, rows };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/export.json', JSON.stringify(report, null, 2));
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
  const cell = (m) => (m ? `${m.ms.toFixed(0)} ms, ${kb(m.bytes)}` : '—');
  const md = [
    '# Export speed and size',
    '',
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, Chromium ${report.machine.browser}, median of ${REPEAT}, load average ${loadStart.toFixed(1)} → ${report.machine.loadAverage.end.toFixed(1)}. Chart 900 × 500 CSS px, one line series. Command: \`npm run bench:export\`.`,
    '',
    '| points | toSVG (all) | toBlob PNG (all) | toCSV (all) | toCSV (1,000-row window) | toSVG (window) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.points.toLocaleString('en')} | ${cell(r.svg)} | ${cell(r.png)} | ${cell(r.csvAll)} | ${cell(r.csvWindow)} | ${cell(r.svgWindow)} |`),
    '',
  ].join('\n');
  await writeFile('bench/results/export.md', md);
  console.log(md);
} finally {
  await browser.close();
  server.kill();
}
