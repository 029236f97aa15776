// The DevTools extension (devtools/) loaded unpacked into Chromium, DevTools opened on a page with
// two charts, the "GPU Charts" panel shown, and the panel driven as a user would: it lists the
// charts read through chrome.devtools.inspectedWindow.eval, and a configuration edited in it
// reaches the chart through updateConfig.
//
// Playwright does not expose DevTools windows of its own browser, so the browser also listens on
// a CDP port (written by Chromium to DevToolsActivePort) and a second Playwright connection
// (connectOverCDP) sees the DevTools front-end as a page, with the panel as one of its frames.
// Opening the panel uses DevToolsAPI.showPanel, the embedder API of the DevTools front-end.
import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { findChrome, WEBGPU_FLAGS } from '../../scripts/browser.mjs';
import { waitForCharts } from './helpers.mjs';

const EXTENSION = fileURLToPath(new URL('../../devtools', import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function poll(what, fn, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

test.describe('DevTools panel', () => {
  let context;
  let cdp;
  let userDataDir;
  let page;
  let panel;

  test.beforeAll(async ({}, testInfo) => {
    test.setTimeout(120_000);
    userDataDir = await mkdtemp(path.join(tmpdir(), 'gpu-charts-devtools-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChrome(),
      headless: true,
      viewport: { width: 1000, height: 700 },
      args: [
        ...WEBGPU_FLAGS,
        `--disable-extensions-except=${EXTENSION}`,
        `--load-extension=${EXTENSION}`,
        '--auto-open-devtools-for-tabs',
        '--remote-debugging-port=0',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${testInfo.project.use.baseURL}/test/e2e/devtools-page.html`);
    await waitForCharts(page);

    const port = await poll('DevToolsActivePort', async () => (await readFile(path.join(userDataDir, 'DevToolsActivePort'), 'utf8')).split('\n')[0]);
    // The DevTools front-end opens a moment after its tab; a connection sees the pages open then.
    const devtools = await poll('the DevTools front-end', async () => {
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      const found = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith('devtools://'));
      if (found) {
        cdp = browser;
        return found;
      }
      await browser.close();
      return null;
    });
    const devtoolsPage = await poll('the extension devtools page', async () => devtools.frames().find((f) => f.url().endsWith('/devtools.html')));
    const extensionId = new URL(devtoolsPage.url()).host;
    // DevTools names an extension panel by its origin and title without spaces.
    panel = await poll('the GPU Charts panel', async () => {
      await devtools.evaluate((id) => /** @type {any} */ (globalThis).DevToolsAPI.showPanel(`chrome-extension://${id}GPUCharts`), extensionId);
      return devtools.frames().find((f) => f.url() === `chrome-extension://${extensionId}/panel.html`);
    });
  });

  test.afterAll(async () => {
    await cdp?.close().catch(() => {});
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  const refresh = () => panel.evaluate(() => /** @type {any} */ (globalThis).gpuChartsPanel.refresh());
  const fact = (name) => panel.locator(`dd[data-fact="${name}"]`);

  test('lists the charts with state, renderer, tier and adapter', async () => {
    await expect(panel.locator('#charts li')).toHaveCount(2, { timeout: 30_000 });
    await expect(panel.locator('#status')).toContainText('2 charts on http://127.0.0.1');
    await expect(panel.locator('#charts li').nth(0)).toContainText('#prices');

    await panel.locator('[data-chart]').nth(0).click();
    await expect(fact('state')).toHaveText('ready');
    await expect(fact('renderer')).toHaveText('webgpu');
    await expect(fact('tier')).toHaveText(/^(low|medium|high|ultra)$/);
    // SwiftShader here; the adapter comes from the chart's gpu-ready event.
    await expect(fact('adapter')).toContainText('swiftshader');
    const pageSays = await page.evaluate(() => {
      const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.querySelector('#prices'));
      return { tier: chart.qualityTier, frames: chart.frameCount };
    });
    await expect(fact('tier')).toHaveText(pageSays.tier);

    await panel.locator('[data-chart]').nth(1).click();
    await expect(fact('renderer')).toHaveText('canvas2d');
    await expect(fact('state')).toHaveText('fallback');
    await expect(panel.locator('.events li[data-type="gpu-fallback"]')).toContainText('fallback to canvas2d: requested');

    // "Show on page" outlines the chart in the inspected page.
    await panel.getByRole('button', { name: 'Show on page' }).click();
    await expect.poll(() => page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('#fallback')).style.outlineStyle)).toBe('solid');
  });

  test('shows the last frames once the panel watches', async () => {
    await panel.locator('[data-chart]').nth(0).click();
    // Frames drawn after the panel's first snapshot are recorded: make the chart draw some.
    await page.evaluate(async () => {
      const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.querySelector('#prices'));
      const { start, end } = chart.getViewport();
      for (let i = 1; i <= 3; i++) {
        chart.setViewport(start + (end - start) * 0.05 * i, end);
        await chart.nextFrame();
      }
    });
    await refresh();
    const rows = panel.locator('table.frames tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const newest = await page.evaluate(() => /** @type {import('../../dist/index.js').GpuChart} */ (document.querySelector('#prices')).frameCount);
    await expect(rows.first().locator('td').first()).toHaveText(String(newest));
    // Newest first, one row per frame, even when GPU times arrive after newer frames.
    const numbers = (await rows.locator('td:first-child').allTextContents()).map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(numbers.length);
    await expect(fact('CPU p50 / p95')).toHaveText(/\d+\.\d\d ms \/ \d+\.\d\d ms/);
  });

  test('an edited configuration applies through updateConfig; a bad one is refused', async () => {
    await panel.locator('[data-chart]').nth(0).click();
    const editor = panel.locator('.config textarea');
    const original = JSON.parse(await editor.inputValue());
    expect(original.theme).toBe('light');

    await editor.fill(JSON.stringify({ ...original, theme: 'dark' }, null, 2));
    await panel.locator('.config button.apply').click();
    await expect(panel.locator('.config-result')).toHaveText('Applied {"theme":"dark"}');
    expect(await page.evaluate(() => /** @type {import('../../dist/index.js').GpuChart} */ (document.querySelector('#prices')).effectiveConfig.theme)).toBe('dark');
    await expect(panel.locator('.events li[data-type="gpu-config-change"]').first()).toContainText('config runtime: theme');
    // The editor follows the page again after an applied change.
    await expect.poll(async () => JSON.parse(await editor.inputValue()).theme).toBe('dark');

    const now = JSON.parse(await editor.inputValue());
    await editor.fill(JSON.stringify({ ...now, quality: { ...now.quality, msaa: 3 } }, null, 2));
    await panel.locator('.config button.apply').click();
    await expect(panel.locator('.config-result.error')).toContainText('quality.msaa');
    expect(await page.evaluate(() => /** @type {import('../../dist/index.js').GpuChart} */ (document.querySelector('#prices')).effectiveConfig.quality.msaa)).toBe(now.quality.msaa);
    // What the user typed stays in the editor to be fixed.
    expect(JSON.parse(await editor.inputValue()).quality.msaa).toBe(3);

    await editor.fill('{ "theme": ');
    await panel.locator('.config button.apply').click();
    await expect(panel.locator('.config-result.error')).toContainText('Invalid JSON');
  });

  test('a chart added to the page appears; a removed one goes', async () => {
    await page.evaluate(() => {
      const chart = document.createElement('gpu-chart');
      chart.id = 'late';
      chart.style.cssText = 'display:block;width:300px;height:150px';
      document.body.append(chart);
      chart.data = { time: [0, 60_000, 120_000], value: [1, 3, 2] };
    });
    await refresh();
    await expect(panel.locator('#charts li')).toHaveCount(3);
    await expect(panel.locator('#charts')).toContainText('#late');
    await page.evaluate(() => document.querySelector('#late').remove());
    await refresh();
    await expect(panel.locator('#charts li')).toHaveCount(2);
  });
});
