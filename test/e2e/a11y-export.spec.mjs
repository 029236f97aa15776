import { expect, test } from '@playwright/test';
import { waitForCharts } from './helpers.mjs';

/** The demo's default tile-server URL (demo/index.html, #tiles-url). */
const TILE_SERVER = 'http://127.0.0.1:8787/';

// The demo page loads every resource it names (no 404: the favicon was the one missing), and its
// accessibility/export section works in a real page: toBlob preview, the export buttons' download,
// the data table toggled on screen, and keyboard navigation announced.
test('the demo has no missing resource, and its export and accessibility section works', async ({ page }) => {
  const failed = [];
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The tile-server section probes `npm run serve` (not running here) and says how to start it: not a missing resource.
    if (message.type() === 'error' && /Failed to load resource/.test(message.text()) && !message.location().url.startsWith(TILE_SERVER)) failed.push(message.location().url);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(response.url());
  });
  await page.goto('/demo/index.html');
  await waitForCharts(page, '#a11y-chart');
  await page.locator('#a11y-export').scrollIntoViewIfNeeded();

  await page.click('#a11y-png');
  // PNG, SVG and CSV of 50k points on a page of twenty charts: slow on a loaded software rasterizer.
  await expect(page.locator('#a11y-export-stats')).toContainText('PNG', { timeout: 60_000 });
  expect(await page.locator('#a11y-preview').evaluate((img) => /** @type {HTMLImageElement} */ (img).complete && /** @type {HTMLImageElement} */ (img).naturalWidth > 0)).toBe(true);

  const download = page.waitForEvent('download');
  await page.locator('#a11y-chart').locator('button.export-button', { hasText: 'CSV' }).click();
  expect((await download).suggestedFilename()).toBe('chart.csv');

  await page.click('#a11y-table');
  await expect(page.locator('#a11y-chart').locator('.data-table table')).toBeVisible({ timeout: 10_000 });
  await page.click('#a11y-table');

  await page.locator('#a11y-chart').locator('.container').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#a11y-chart').locator('.live-region')).toContainText('price:', { timeout: 10_000 });

  // Every resource of the page, the favicon included.
  await page.waitForTimeout(500);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
