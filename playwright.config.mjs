// Demo pages, the CDN bundle in a plain page, and screenshots, in headless Chromium.
import { defineConfig } from '@playwright/test';
import { findChrome, WEBGPU_FLAGS } from './scripts/browser.mjs';

const executablePath = findChrome();
const port = Number(process.env.E2E_PORT ?? 4319);

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  // 30 s, not 5: the demo page now holds some thirty charts (3D, tiles, annotations, shaders…), and an
  // element screenshot waits for the page's fonts and a stable picture on a software rasterizer.
  expect: { timeout: 30_000, toHaveScreenshot: { maxDiffPixelRatio: 0.02, threshold: 0.25 } },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath, args: WEBGPU_FLAGS },
    viewport: { width: 1000, height: 700 },
  },
  webServer: {
    command: `node demo/server.mjs --port ${port} --quiet`,
    url: `http://127.0.0.1:${port}/demo/index.html`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
