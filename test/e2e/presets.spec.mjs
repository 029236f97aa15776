// Every built-in preset applied to the same data: one screenshot each, and each picture must
// differ visibly from the chart without a preset and from every other preset's picture.
// PRESET_SHARES=1 prints the share of differing pixels of every pair.
import { expect, test } from '@playwright/test';
import { waitForCharts } from './helpers.mjs';

const PRESETS = ['performance', 'quality', 'balanced', 'mobile', 'realtime', 'bigdata', 'presentation', 'accessible'];

/**
 * A pixel differs as in toHaveScreenshot's comparator (pixelmatch): its YIQ colour distance is over
 * `threshold` of the largest possible one (pixelmatch also forgives anti-aliased pixels, so what it
 * counts is at most this). Stricter than playwright.config.mjs (0.25, 2 % of pixels): at that
 * tolerance the quality, performance, balanced and bigdata presets all pass for the default
 * chart's snapshot (thinner or thicker lines, a denser area fill are below it).
 */
const THRESHOLD = 0.1;
/** The snapshots of this spec: a preset's snapshot must not pass for another preset's picture. */
const SNAPSHOT = { threshold: THRESHOLD, maxDiffPixelRatio: 0.005 };
/** Least share of differing pixels between two presets' pictures: twice the snapshot tolerance. */
const MIN_DIFFERENT = 0.01;

/** Share of pixels that differ between two PNG screenshots of the same size, decoded in the page. */
async function differentShare(page, a, b) {
  return page.evaluate(
    async ([x, y, threshold]) => {
      const decode = async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d');
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [p, q] = await Promise.all([decode(x), decode(y)]);
      if (p.width !== q.width || p.height !== q.height) return 1;
      const maxDelta = 35215 * threshold * threshold;
      let n = 0;
      for (let i = 0; i < p.data.length; i += 4) {
        const dr = p.data[i] - q.data[i];
        const dg = p.data[i + 1] - q.data[i + 1];
        const db = p.data[i + 2] - q.data[i + 2];
        const y = dr * 0.29889531 + dg * 0.58662247 + db * 0.11448223;
        const ii = dr * 0.59597799 - dg * 0.2741761 - db * 0.32180189;
        const qq = dr * 0.21147017 - dg * 0.52261711 + db * 0.31114694;
        if (0.5053 * y * y + 0.299 * ii * ii + 0.1957 * qq * qq > maxDelta) n++;
      }
      return n / (p.width * p.height);
    },
    [a.toString('base64'), b.toString('base64'), THRESHOLD],
  );
}

test('every preset draws the same data visibly differently', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const configErrors = [];
  await page.exposeFunction('reportConfigError', (text) => configErrors.push(text));
  await page.addInitScript(() =>
    addEventListener(
      'gpu-config-error',
      // reportConfigError: exposed by page.exposeFunction above, unknown to the DOM's types.
      (event) => /** @type {any} */ (window).reportConfigError(`${/** @type {Element} */ (event.target).id}: ${JSON.stringify(/** @type {CustomEvent} */ (event).detail.issues)}`),
      true,
    ),
  );
  await page.goto('/test/e2e/presets-page.html');
  await waitForCharts(page);

  // Each chart runs with its preset's settings (the tier is pinned to `high` for every chart).
  const effective = await page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('gpu-chart')].map((c) => [
        c.id.slice('preset-'.length),
        { preset: c.preset, theme: c.effectiveConfig.theme, lineWidth: c.model.series[1]?.lineWidth, msaa: c.effectiveConfig.quality.msaa, canvasWidth: c.shadowRoot.querySelector('canvas').width },
      ]),
    ),
  );
  for (const name of PRESETS) expect(effective[name].preset).toBe(name);
  expect(effective.default.lineWidth).toBe(1.5);
  expect(effective.presentation.lineWidth).toBe(4);
  expect(effective.mobile.msaa).toBe(1);
  expect(effective.quality.canvasWidth).toBe(720); // resolutionScale 1.5 of 480 CSS px
  expect(effective.accessible.theme).toBe('dark');

  const shots = {};
  for (const name of ['default', 'control', ...PRESETS]) {
    const chart = page.locator(`#preset-${name}`);
    if (name !== 'control') await expect(chart, `${name} matches its snapshot`).toHaveScreenshot(`preset-${name}.png`, SNAPSHOT);
    shots[name] = await chart.screenshot({ animations: 'disabled' });
  }

  // The control (a second chart without a preset) shows what "the same" measures: nothing.
  expect(await differentShare(page, shots.default, shots.control)).toBeLessThan(0.001);
  delete shots.control;

  // Every pair of pictures (the default included) differs by more than the screenshot tolerance.
  const names = Object.keys(shots);
  const same = [];
  const shares = {};
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const share = await differentShare(page, shots[names[i]], shots[names[j]]);
      shares[`${names[i]} / ${names[j]}`] = Number(share.toFixed(4));
      if (share < MIN_DIFFERENT) same.push(`${names[i]} ≈ ${names[j]} (${(share * 100).toFixed(2)} % of pixels differ)`);
    }
  }
  test.info().annotations.push({ type: 'differing pixels', description: JSON.stringify(shares) });
  if (process.env.PRESET_SHARES) console.log(shares);
  expect(same, `presets that do not visibly change the chart (shares of differing pixels: ${JSON.stringify(shares)})`).toEqual([]);
  expect(errors).toEqual([]);
  expect(configErrors).toEqual([]);
});
