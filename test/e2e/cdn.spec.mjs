import { expect, test } from '@playwright/test';
import { chartInk, waitForCharts } from './helpers.mjs';

test('the CDN file works from a plain HTML page (src and JS data)', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/test/e2e/cdn-page.html');
  await waitForCharts(page);
  for (const selector of ['#from-src', '#from-js']) {
    const { ink, total } = await chartInk(page, selector);
    expect(ink, `${selector} draws something`).toBeGreaterThan(total * 0.005);
  }
  expect(await page.evaluate(() => typeof window.GpuCharts?.GpuChart)).toBe('function');
  expect(errors).toEqual([]);
  await expect(page.locator('#from-js')).toHaveScreenshot('cdn-area.png');
});

test('crisp at devicePixelRatio 2', async ({ browser }) => {
  const context = await browser.newContext({ deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto('/test/e2e/cdn-page.html');
  await waitForCharts(page);
  const size = await page.evaluate(() => {
    const chart = document.querySelector('#from-js');
    const canvas = chart.shadowRoot.querySelector('canvas');
    return { canvas: [canvas.width, canvas.height], css: [chart.clientWidth, chart.clientHeight] };
  });
  expect(size.canvas).toEqual([size.css[0] * 2, size.css[1] * 2]);
  await context.close();
});
