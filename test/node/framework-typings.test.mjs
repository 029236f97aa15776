// The framework typings are generated from custom-elements.json by `npm run manifest` (plugins in
// custom-elements-manifest.config.mjs); the committed ones must be what a fresh run writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ANGULAR_DIRECTIVES, TYPINGS_DIR } from '../../scripts/framework-typings.mjs';

test('types/*.d.ts and the Angular directives are up to date (run `npm run manifest` after changing an element)', () => {
  // With --outdir the config writes the typings under that folder instead of over the committed ones.
  const dir = join('build', `typings-check-${process.pid}`);
  try {
    execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet', '--outdir', dir], { stdio: 'pipe' });
    for (const file of ['jsx.d.ts', 'vue.d.ts']) {
      assert.equal(readFileSync(join(dir, 'types', file), 'utf8'), readFileSync(join(TYPINGS_DIR, file), 'utf8'), `${TYPINGS_DIR}/${file} is stale`);
    }
    assert.equal(readFileSync(join(dir, 'gpu-charts.directives.ts'), 'utf8'), readFileSync(ANGULAR_DIRECTIVES, 'utf8'), `${ANGULAR_DIRECTIVES} is stale`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the typings cover every element, its settable properties and its events (as their classes)', () => {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  const jsx = readFileSync(join(TYPINGS_DIR, 'jsx.d.ts'), 'utf8');
  const vue = readFileSync(join(TYPINGS_DIR, 'vue.d.ts'), 'utf8');
  const angular = readFileSync(ANGULAR_DIRECTIVES, 'utf8');
  for (const element of elements) {
    assert.match(jsx, new RegExp(`"${element.tagName}": Partial<${element.name}Props`), `${element.tagName} in jsx.d.ts`);
    assert.match(vue, new RegExp(`"${element.tagName}": DefineComponent<${element.name}Props>`), `${element.tagName} in vue.d.ts`);
    assert.match(angular, new RegExp(`selector: '${element.tagName}'`), `${element.tagName} has an Angular directive`);
    for (const event of element.events ?? []) {
      assert.ok(event.type?.text?.endsWith('Event'), `${element.tagName} ${event.name}: no event class found (one file per event in src/events/, class Gpu<Name>Event)`);
      assert.ok(jsx.includes(`"on${event.name}"?: (e: ${event.type.text}) => void;`), `${event.name} typed in jsx.d.ts`);
    }
  }
  // Read-only state is not a prop: assigning it would throw or be ignored.
  assert.doesNotMatch(jsx, /\bframeCount\?:|\beffectiveConfig\?:/);
  assert.match(jsx, /\bconfig\?: GpuChart\["config"\]/);
  assert.match(vue, /\bonGpuReady\?: \(e: GpuReadyEvent\) => void/);
  assert.match(angular, /@Input\(\) set config\(value: GpuChart\['config'\]\)/);
});
