// Configuration service speed, in headless Chromium: applying typical changes (median, p99),
// parsing a typical config per format, and the bundle sizes (core vs. with lazy parser chunks).
//   npm run bench:config  → bench/results/config.{json,md}
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { brotliCompressSync } from 'node:zlib';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const ITERATIONS = Number(process.env.ITERATIONS ?? 400);
const port = 4900 + Math.floor(Math.random() * 300);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: WEBGPU_FLAGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench/config-apply.html`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  const result = await page.evaluate((n) => window.measure(n), ITERATIONS);
  const size = async (path) => {
    const bytes = await readFile(path);
    return { min: bytes.length, brotli: brotliCompressSync(bytes).length };
  };
  const core = await size('cdn/gpu-charts.js');
  const chunks = await Promise.all((await readdir('cdn/chunks')).map((f) => size(`cdn/chunks/${f}`)));
  const full = chunks.reduce((t, c) => ({ min: t.min + c.min, brotli: t.brotli + c.brotli }), core);
  const version = browser.version();
  const report = { date: new Date().toISOString(), crossOriginIsolated: isolated, machine: { cpus: cpus().length, cpu: cpus()[0]?.model, browser: version }, iterations: ITERATIONS, ...result, bundle: { core, full } };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/config.json', JSON.stringify(report, null, 2));
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  const md = [
    '# Configuration service speed',
    '',
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, Chromium ${version}, ${ITERATIONS} iterations each (after 20 warm-up), timer resolution ${isolated ? '5 µs (cross-origin isolated)' : '100 µs'}. Command: \`npm run bench:config\`.`,
    '',
    'Applying a change with `chart.updateConfig()`: validate, merge the layers, diff, apply to the model and renderer (the frame it causes is drawn later, at the next animation frame, and is not included).',
    '',
    '| change | median | p99 | max |',
    '|---|---:|---:|---:|',
    ...Object.entries(result.apply).map(([name, s]) => `| ${name} | ${us(s.median)} | ${us(s.p99)} | ${us(s.max)} |`),
    '',
    'Parsing a typical config (~400 characters) with `parseConfigText` (the first call includes loading the lazy parser chunk):',
    '',
    '| format | median | p99 | first call |',
    '|---|---:|---:|---:|',
    ...Object.entries(result.parse).map(([format, s]) => `| ${format} | ${us(s.median)} | ${us(s.p99)} | ${s.firstMs.toFixed(1)} ms |`),
    '',
    '| bundle | minified | brotli |',
    '|---|---:|---:|',
    `| core (cdn/gpu-charts.js) | ${(core.min / 1024).toFixed(1)} KiB | ${(core.brotli / 1024).toFixed(1)} KiB |`,
    `| full (with the YAML and TOML chunks) | ${(full.min / 1024).toFixed(1)} KiB | ${(full.brotli / 1024).toFixed(1)} KiB |`,
  ].join('\n');
  await writeFile('bench/results/config.md', `${md}\n`);
  console.log(md);
} finally {
  await browser.close();
  server.kill();
}
