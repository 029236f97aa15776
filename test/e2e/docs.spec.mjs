// The documentation site (npm run docs → build/docs/, served by demo/server.mjs at /docs/): every
// page opens without console errors and every live example on it draws (pixels that are not the
// background on each chart's canvas); the reference pages hold an example for every element,
// series type, indicator and preset; an edited example runs again and shows its errors in place.
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITE = path.join(ROOT, 'build/docs');

/** Every built page, as its path under /docs/ (404.html is not a page). */
function sitePages(dir = SITE, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'assets' || entry.name === 'lib' ? [] : sitePages(path.join(dir, entry.name), `${prefix}${entry.name}/`);
    return entry.name.endsWith('.html') && entry.name !== '404.html' ? [`${prefix}${entry.name}`] : [];
  });
}

const pages = sitePages();

/** Collects console errors and uncaught exceptions of a page. */
function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/** Scrolls every example into view (they start when seen) and waits until each has drawn or failed. */
async function runAllExamples(page) {
  const examples = page.locator('.live-example');
  const count = await examples.count();
  for (let i = 0; i < count; i++) await examples.nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('.live-example')].every((e) => ['drawn', 'error'].includes(e.getAttribute('data-state') ?? '')), null, {
    timeout: 240_000,
    polling: 250,
  });
  return page.evaluate(() =>
    [...document.querySelectorAll('.live-example')].map((e, index) => ({
      index,
      title: e.querySelector('.live-example-title')?.textContent?.trim() ?? '',
      state: e.getAttribute('data-state'),
      errors: e.querySelector('.live-example-errors')?.textContent ?? '',
      charts: e.querySelectorAll('.live-example-preview gpu-chart').length,
    })),
  );
}

/** Pixels of each chart of an example that differ from its first pixel (the background). */
async function exampleInk(page, index) {
  return page.evaluate(async (i) => {
    const charts = [...document.querySelectorAll('.live-example')[i].querySelectorAll('.live-example-preview gpu-chart')];
    const result = [];
    for (const chart of charts) {
      const snap = await /** @type {import('../../dist/index.js').GpuChart} */ (chart).snapshot();
      const [r, g, b] = [snap.data[0], snap.data[1], snap.data[2]];
      let ink = 0;
      for (let p = 0; p < snap.data.length; p += 4) {
        if (Math.abs(snap.data[p] - r) + Math.abs(snap.data[p + 1] - g) + Math.abs(snap.data[p + 2] - b) > 60) ink++;
      }
      result.push({ ink, total: snap.width * snap.height });
    }
    return result;
  }, index);
}

test('the site is built (npm run docs)', () => {
  expect(pages, `no pages in ${SITE}: run \`npm run docs\` (or \`npm run build && npm run docs:build\`) first`).toContain('index.html');
  for (const page of ['config.html', 'reference/gpu-chart.html', 'reference/series-types.html', 'reference/indicators.html', 'reference/presets.html', 'migration/lightweight-charts.html', 'migration/uplot.html', 'migration/chartgpu.html']) {
    expect(pages).toContain(page);
  }
});

test('the reference has a live example for every element, series type, indicator and preset', async () => {
  const count = (page) => (readFileSync(path.join(SITE, page), 'utf8').match(/class="live-example"/g) ?? []).length;
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'custom-elements.json'), 'utf8'));
  const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName);
  expect(tags.length).toBeGreaterThanOrEqual(3);
  for (const tag of tags) expect(count(`reference/${tag}.html`), `examples of <${tag}>`).toBeGreaterThanOrEqual(1);
  const { SERIES_TYPES } = await import(pathToFileURL(path.join(ROOT, 'dist/series/registry.js')).href);
  const { INDICATORS } = await import(pathToFileURL(path.join(ROOT, 'dist/indicators/index.js')).href);
  const presets = readdirSync(path.join(ROOT, 'presets')).filter((f) => f.endsWith('.yaml'));
  expect(count('reference/series-types.html')).toBe(SERIES_TYPES.length);
  expect(count('reference/indicators.html')).toBe(Object.keys(INDICATORS).length);
  expect(count('reference/presets.html')).toBe(presets.length);
});

for (const pagePath of pages) {
  test(`page ${pagePath}: opens, and every example draws without errors`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchErrors(page);
    await page.goto(`/docs/${pagePath}`);
    await expect(page.locator('.VPContent')).toBeVisible();
    const examples = await runAllExamples(page);
    for (const example of examples) {
      expect(example, `example ${example.index} "${example.title}" on ${pagePath}`).toMatchObject({ state: 'drawn', errors: '' });
      const inks = await exampleInk(page, example.index);
      expect(inks.length, `charts in example ${example.index}`).toBe(example.charts);
      for (const { ink, total } of inks) expect(ink, `example ${example.index} "${example.title}" draws`).toBeGreaterThan(total * 0.002);
    }
    expect(errors).toEqual([]);
  });
}

test('an edited example runs again; its errors show in place and go when fixed', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/docs/reference/gpu-chart.html');
  const example = page.locator('.live-example').first();
  await example.scrollIntoViewIfNeeded();
  await expect(example).toHaveAttribute('data-state', 'drawn', { timeout: 120_000 });
  const code = example.locator('textarea');
  const original = await code.inputValue();

  await code.fill(original.replace('chart.data = {', 'chart.data = {{'));
  await expect(example.locator('.live-example-errors')).toContainText('SyntaxError', { timeout: 30_000 });
  await expect(example).toHaveAttribute('data-state', 'error');

  await code.fill(original.replace('chart.data = { time, value };', "chart.data = { time, value };\n  chart.config = { series: { lineWidth: -1 } };"));
  await expect(example.locator('.live-example-errors')).toContainText('config series.lineWidth', { timeout: 30_000 });

  await code.fill(original.replace('chart.data = { time, value };', "chart.data = { time: [2, 1], value: [1, 2] };"));
  await expect(example.locator('.live-example-errors')).toContainText('data:', { timeout: 30_000 });

  await code.fill(original.replace('type="area"', 'type="candlestick" src="/nowhere.csv"'));
  await expect(example.locator('.live-example-errors')).toContainText('nowhere.csv', { timeout: 60_000 });

  await example.locator('.live-example-reset').click();
  await expect(example).toHaveAttribute('data-state', 'drawn', { timeout: 120_000 });
  await expect(example.locator('.live-example-errors')).toHaveCount(0);
  const inks = await exampleInk(page, 0);
  expect(inks[0].ink).toBeGreaterThan(inks[0].total * 0.002);
  // Only the failed load logs (the browser's own line for the 404); nothing else.
  expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('the demo page links to the documentation', async ({ page }) => {
  await page.goto('/demo/index.html');
  await page.locator('#docs-link').click();
  await expect(page).toHaveURL(/\/docs\/index\.html$/);
  await expect(page.locator('.VPContent h1')).toHaveText('gpu-charts');
});
