// Where a settled updateConfig() spends its time: a CPU profile (CDP, 20 µs sampling) of CALLS
// (200) line-width changes, each on a settled chart (previous frame drawn, GPU idle, new task),
// as in bench/config-apply.html; prints the self time per function of the samples taken inside
// updateConfig(), per call. Needs `npm run build` first.
//   node bench/config-profile.mjs          (HW_GPU=1: a machine with a real GPU, NVIDIA flags; CHROME_PATH)
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { findChrome, HW_GPU_FLAGS, WEBGPU_FLAGS } from '../scripts/browser.mjs';
const port = 4400 + Math.floor(Math.random() * 500);
const CALLS = Number(process.env.CALLS ?? 200);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 600));
const browser = await chromium.launch({ executablePath: findChrome(), args: process.env.HW_GPU === '1' ? HW_GPU_FLAGS : WEBGPU_FLAGS });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/bench/config-apply.html`);
await page.waitForFunction(() => window.benchReady, null, { timeout: 120000 });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 20 });
// warm up
await page.evaluate(async () => { const c = document.querySelector('#chart'); for (let i = 0; i < 30; i++) { await c.nextFrame(); await new Promise((r) => setTimeout(r, 0)); c.updateConfig({ series: { lineWidth: 1 + (i % 3) } }); } });
await cdp.send('Profiler.start');
const times = await page.evaluate(async (calls) => { const c = document.querySelector('#chart'); const dev = window.GpuCharts.DeviceManager.shared().device; const out = []; for (let i = 0; i < calls; i++) { await c.nextFrame(); await dev.queue.onSubmittedWorkDone(); await new Promise((r) => setTimeout(r, 0)); const t = performance.now(); c.updateConfig({ series: { lineWidth: 1 + (i % 3) } }); out.push(performance.now() - t); } return out.sort((a, b) => a - b)[out.length >> 1]; }, CALLS);
const { profile } = await cdp.send('Profiler.stop');
console.log('median updateConfig', (times * 1000).toFixed(0), 'µs');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inside = new Map();
const isInside = (id) => { if (inside.has(id)) return inside.get(id); let cur = id, r = false; while (cur !== undefined) { const n = byId.get(cur); if (n.callFrame.functionName === 'updateConfig') { r = true; break; } cur = parent.get(cur); } inside.set(id, r); return r; };
const self = new Map(); let total = 0;
profile.samples.forEach((s, i) => { if (!isInside(s)) return; const n = byId.get(s); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; const dt = profile.timeDeltas[i] ?? 0; self.set(k, (self.get(k) ?? 0) + dt); total += dt; });
console.log('total inside updateConfig', (total / CALLS).toFixed(0), 'µs per call');
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log((v / CALLS).toFixed(1).padStart(7), 'µs', k));
await browser.close(); server.kill();
