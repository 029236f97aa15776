// The annotation model's layer rules (.dependency-cruiser.cjs) fire on a fixture tree that breaks
// them on purpose, and only there: a rule with a typo in its path would never fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';

const CONFIG = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/annotation-layers/', import.meta.url));

test('annotations/ may import the scene and the colour check only; core may not import annotations/', async () => {
  const config = await extractDepcruiseConfig(CONFIG);
  const { tsConfig: _ignored, ...options } = config.options ?? {};
  const { output } = await cruise(['src'], { ...options, baseDir: FIXTURE, validate: true, ruleSet: { forbidden: config.forbidden ?? [] }, outputType: 'json' });
  const result = typeof output === 'string' ? JSON.parse(output) : output;
  const lines = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  assert.deepEqual(lines, [
    'annotations-see-only-the-scene: src/annotations/model.ts → src/series/line.ts',
    'nothing-below-reaches-annotations: src/core/model.ts → src/annotations/types.ts',
  ]);
  const sources = result.modules.map((m) => m.source).filter((s) => s.startsWith('src/')).sort();
  assert.equal(sources.length, 8, sources.join(', '));
});
