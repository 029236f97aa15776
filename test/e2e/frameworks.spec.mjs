// The example apps of examples/ (Vue 3, Angular, Svelte 5, React 19), each built with its own
// toolchain against this package, in Chromium: the chart draws, a state change made by the
// framework reaches the chart, and the chart's events reach the framework's state.
import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { chartInk, waitForCharts } from './helpers.mjs';

const APPS = [
  { name: 'vue', page: '/examples/vue/dist/index.html' },
  { name: 'angular', page: '/examples/angular/dist/browser/index.html' },
  { name: 'svelte', page: '/examples/svelte/dist/index.html' },
  { name: 'react', page: '/examples/react/dist/index.html' },
];

/** `npm run build` of one example workspace; rejects with its output when it fails. */
function buildExample(name) {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--workspace', `examples/${name}`], { env: { ...process.env, NG_CLI_ANALYTICS: 'false' }, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`examples/${name} build failed (${code}):\n${output}`))));
  });
}

test.describe('framework examples', () => {
  test.beforeAll(async () => {
    // The four builds at once: they are mostly waiting on one another's CPU, but Angular's is the
    // long one and the others finish beside it.
    test.setTimeout(600_000);
    await Promise.all(APPS.map((app) => buildExample(app.name)));
  });

  for (const app of APPS) {
    test(`${app.name}: draws, state changes reach the chart, events reach the app`, async ({ page }) => {
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(app.page);
      await waitForCharts(page);

      // gpu-ready reached the app's state, which rendered it.
      await expect(page.locator('#renderer')).toHaveText(/^(webgpu|canvas2d)$/);
      const { ink, total } = await chartInk(page, 'gpu-chart');
      expect(ink, 'the chart draws').toBeGreaterThan(total * 0.005);
      // The bound data and the <gpu-indicator> child arrived as properties / children.
      expect(await page.evaluate(() => document.querySelector('gpu-chart').model.data.length)).toBe(500);

      // Config from framework state: the theme.
      const background = () => page.evaluate(async () => {
        const snap = await document.querySelector('gpu-chart').snapshot();
        return snap.data[0] + snap.data[1] + snap.data[2];
      });
      expect(await background(), 'light background first').toBeGreaterThan(600);
      await page.click('#theme');
      await page.waitForFunction(() => document.querySelector('gpu-chart').effectiveConfig.theme === 'dark');
      await page.evaluate(() => document.querySelector('gpu-chart').nextFrame());
      expect(await background(), 'dark background after the state change').toBeLessThan(200);

      // Data from framework state: 100 more points.
      await page.click('#append');
      await page.waitForFunction(() => document.querySelector('gpu-chart').model.data.length === 600);
      await expect(page.locator('#points')).toHaveText('600');

      // A child element's property from framework state: the indicator type.
      await page.click('#indicator');
      await page.waitForFunction(() => document.querySelector('gpu-indicator')?.type === 'ema');

      // gpu-viewport-change reaches the app: zoom with the wheel over the plot.
      const before = Number(await page.locator('#viewport-changes').textContent());
      const box = await page.locator('gpu-chart').boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -400);
      await expect.poll(async () => Number(await page.locator('#viewport-changes').textContent())).toBeGreaterThan(before);

      expect(errors).toEqual([]);
    });
  }
});
