// `npm run lint:layers` enforces the layer rules on src/ and passes today, which alone proves
// nothing: a rule with a typo in its path never fires. Here the same configuration cruises a fixture
// tree that breaks the rules on purpose and must report exactly those breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';

const CONFIG = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/layers/', import.meta.url));

/**
 * Cruises `src` of the fixture with the repository's rules.
 * @returns {Promise<import('dependency-cruiser').ICruiseResult>}
 */
async function cruiseFixture() {
  const config = await extractDepcruiseConfig(CONFIG);
  // The repository's tsconfig.json names src/ of the repository, not of the fixture; the fixture's
  // `./x.js` imports resolve to `./x.ts` without it.
  const { tsConfig: _ignored, ...options } = config.options ?? {};
  const reporterOutput = await cruise(['src'], {
    ...options,
    baseDir: FIXTURE,
    validate: true,
    ruleSet: { forbidden: config.forbidden ?? [] },
    outputType: 'json',
  });
  const { output } = reporterOutput;
  return typeof output === 'string' ? JSON.parse(output) : output;
}

/**
 * Violations as `rule: from → to` lines, sorted, for one readable assertion. A cycle is reported
 * once, from whichever of its modules the cruise met first, so it reads as its sorted members.
 * @param {import('dependency-cruiser').ICruiseResult} result
 */
function violationLines(result) {
  return result.summary.violations
    .map((v) => {
      // A package resolves above the fixture (../../../../node_modules/...): keep from node_modules on.
      const to = v.to.replace(/^(\.\.\/)+/, '');
      if (v.rule.name !== 'no-circular') return `${v.rule.name}: ${v.from} → ${to}`;
      const members = new Set([v.from, ...(v.cycle ?? []).map((step) => step.name)]);
      return `no-circular: ${[...members].sort().join(' ↔ ')}`;
    })
    .sort();
}

test('the layer rules report a data → core import, a cycle, Lit in a DOM-free layer and a renderer reading the model, and nothing allowed', async () => {
  const result = await cruiseFixture();
  assert.equal(result.summary.error, 4, violationLines(result).join('\n'));
  assert.deepEqual(violationLines(result), [
    'no-circular: src/core/first.ts ↔ src/core/second.ts',
    'data-stays-down: src/data/store.ts → src/core/model.ts',
    'dom-free-not-to-dom-libraries: src/data/format.ts → node_modules/lit/index.js',
    'render-sees-only-the-scene: src/render/draw.ts → src/core/model.ts',
  ].sort());
});

test('every module of the fixture was cruised and resolved (a rule cannot pass by missing files)', async () => {
  const result = await cruiseFixture();
  const sources = result.modules.map((m) => m.source).filter((source) => source.startsWith('src/')).sort();
  assert.deepEqual(sources, [
    'src/core/first.ts',
    'src/core/model.ts',
    'src/core/scene/scene.ts',
    'src/core/second.ts',
    'src/data/format.ts',
    'src/data/store.ts',
    'src/index.ts',
    'src/render/draw.ts',
  ]);
  const unresolved = result.modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve).map((d) => `${m.source} → ${d.module}`));
  assert.deepEqual(unresolved, []);
});
