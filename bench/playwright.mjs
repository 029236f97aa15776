// Playwright for the benchmarks: the project's, or on the GPU machine the browser kit's
// playwright-core ($BK, ../shared/browser-kit), where the project's node_modules are not installed.
import { createRequire } from 'node:module';

const playwright = await import('@playwright/test').catch(() => {
  if (!process.env.BK) throw new Error('@playwright/test is not installed (and no browser kit: $BK)');
  return createRequire(`${process.env.BK}/`)('playwright-core');
});

export const chromium = playwright.chromium;
