import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

test('custom-elements.json is up to date (run `npm run manifest` after changing an element)', () => {
  // The analyzer resolves --outdir against the working directory, so the fresh copy goes in build/.
  const dir = join('build', `cem-check-${process.pid}`);
  try {
    execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet', '--outdir', dir], { stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
    const committed = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
    // The analyzer lists modules in file-system order, which differs between directories: compare
    // them by path.
    const byPath = (manifest) => ({ ...manifest, modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)) });
    assert.deepEqual(byPath(committed), byPath(fresh));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.customElements, 'custom-elements.json', 'package.json points at the committed manifest');
    const chart = committed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'gpu-chart');
    assert.ok(chart, 'gpu-chart is in the manifest');
    for (const event of ['gpu-ready', 'gpu-viewport-change', 'gpu-crosshair', 'gpu-data-error', 'gpu-load-progress', 'gpu-fallback']) {
      assert.ok(chart.events.some((e) => e.name === event), `${event} documented`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
