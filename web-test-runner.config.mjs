// Element tests in headless Chromium with real WebGPU (SwiftShader), reading pixels back.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { findChrome, WEBGPU_FLAGS } from './scripts/browser.mjs';
import { tileServerPlugin } from './test/browser/tiles-server-plugin.mjs';

const executablePath = findChrome();

export default {
  files: ['test/browser/**/*.test.js'],
  nodeResolve: true,
  // A real tile server on loopback for test/browser/tiles.test.js.
  plugins: [tileServerPlugin()],
  // Two cores: one browser page at a time keeps SwiftShader timings sane.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 60_000 } },
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, headless: true, args: WEBGPU_FLAGS } })],
  coverage: true,
  coverageConfig: {
    include: ['dist/**/*.js'],
    report: true,
    reportDir: 'coverage/browser',
    reporters: ['text-summary', 'lcov'],
  },
};
