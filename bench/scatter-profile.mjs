// Scatter data path profile, in headless Chromium with real WebGPU:
//   node bench/scatter-profile.mjs   (after `npm run build`; MOVING=100000,1000000 STILL=10000000)
// Moving: new x/y Float64Arrays every frame, per-phase medians (chart.data =, renderNow, GPU done;
// the bare model's setData and frame). Still: data + first frame, then pan frames.
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const MOVING = (process.env.MOVING ?? '100000,1000000').split(',').filter(Boolean).map(Number);
const STILL = (process.env.STILL ?? '1000000,10000000').split(',').filter(Boolean).map(Number);
const FRAMES = Number(process.env.FRAMES ?? 20);
const port = 4400 + Math.floor(Math.random() * 500);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.goto(`http://127.0.0.1:${port}/bench/scatter-profile.html?tier=${process.env.TIER ?? "high"}&size=${process.env.SIZE ?? 3}`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
  for (const size of MOVING) {
    const r = await page.evaluate(({ size, frames }) => window.moving(size, frames), { size, frames: size > 500_000 ? Math.ceil(FRAMES / 2) : FRAMES });
    console.log(`moving ${size.toLocaleString('en')}: ${JSON.stringify(r)} → ${(1000 / r.total).toFixed(1)} fps (medians, ms)`);
  }
  for (const size of STILL) {
    const r = await page.evaluate(({ size, frames }) => window.still(size, frames), { size, frames: 6 });
    console.log(`still ${size.toLocaleString('en')}: ${JSON.stringify(r)}`);
  }
} finally {
  await browser.close();
  server.kill();
}
