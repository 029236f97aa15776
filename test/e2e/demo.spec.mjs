import { expect, test } from '@playwright/test';
import { chartInk, waitForCharts } from './helpers.mjs';

test('the demo draws every section, 10M points included, and zooms', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/demo/index.html');
  await waitForCharts(page);
  const points = await page.evaluate(() => document.querySelector('#big-chart').model.data.length);
  expect(points).toBe(10_000_000);

  const big = page.locator('#big-chart');
  await expect(big).toHaveScreenshot('big-full.png');
  const full = await chartInk(page, '#big-chart');
  expect(full.ink).toBeGreaterThan(full.total * 0.01);

  // Zoom in with the wheel at several levels; the drawing stays decimated and non-empty.
  const box = await big.boundingBox();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  for (const level of [1, 2, 3]) {
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
    await page.evaluate(() => document.querySelector('#big-chart').nextFrame());
    const lod = await page.evaluate(() => document.querySelector('#big-chart').model.frame().lod);
    expect(lod.drawnPoints).toBeLessThan(4 * 1100);
    const { ink, total } = await chartInk(page, '#big-chart');
    expect(ink, `zoom level ${level} draws`).toBeGreaterThan(total * 0.003);
    await expect(big).toHaveScreenshot(`big-zoom-${level}.png`);
  }
  for (const id of ['#multi-chart', '#dark-chart', '#csv-chart']) {
    const { ink, total } = await chartInk(page, id);
    expect(ink, `${id} draws`).toBeGreaterThan(total * 0.005);
  }
  expect(errors).toEqual([]);
});

test('the demo shows load errors without breaking', async ({ page }) => {
  await page.goto('/demo/index.html');
  await waitForCharts(page, '#csv-chart');
  await page.click('#load-404');
  await expect(page.locator('#csv-status')).toContainText('404');
  await page.click('#load-bad');
  await expect(page.locator('#csv-status')).toContainText('line 4');
  expect(await page.evaluate(() => document.querySelector('#csv-chart').model.data.length)).toBe(3000);
});
