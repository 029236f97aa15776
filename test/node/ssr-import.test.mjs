// Server-side rendering and Node tooling import the package without a DOM: nothing may touch
// `window`, `document` or `navigator.gpu` at import time. Each import runs in a fresh plain
// `node` (no flags, no globals that other tests may install), by package name, through the
// `exports` map (node_modules/gpu-charts is the workspace link to this repository).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// Every JavaScript entry of the exports map (the CDN bundle is for browsers only: it inlines Lit's
// browser build, which extends HTMLElement; gpu-charts/angular is partially compiled Angular code,
// which only an Angular app's linker or JIT compiler can load, SSR included).
const entries = Object.entries(pkg.exports)
  .filter(([key, value]) => typeof value === 'object' && value.default && !key.includes('*') && key !== './angular')
  .map(([key]) => (key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`));

function runPlainNode(source) {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8', stdio: 'pipe', env: { PATH: process.env.PATH } });
}

test('every entry imports under plain node, without window or document', () => {
  assert.ok(entries.includes('gpu-charts') && entries.includes('gpu-charts/define'), `entries: ${entries.join(', ')}`);
  const out = runPlainNode(`
    if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('not a plain Node');
    const loaded = [];
    for (const entry of ${JSON.stringify(entries)}) { await import(entry); loaded.push(entry); }
    console.log(JSON.stringify(loaded));
  `);
  assert.deepEqual(JSON.parse(out), entries);
});

test('the define entry registers the elements with the server-side registry and the API is there', () => {
  const out = runPlainNode(`
    const api = await import('gpu-charts');
    await import('gpu-charts/define');
    console.log(JSON.stringify({
      chart: customElements.get('gpu-chart') === api.GpuChart,
      indicator: customElements.get('gpu-indicator') === api.GpuIndicator,
      overlay: customElements.get('gpu-perf-overlay') === api.GpuPerfOverlay,
      presets: api.presetNames().length > 0,
      window: typeof window,
    }));
  `);
  assert.deepEqual(JSON.parse(out), { chart: true, indicator: true, overlay: true, presets: true, window: 'undefined' });
});
