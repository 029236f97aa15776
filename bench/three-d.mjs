// 3D charts in headless Chromium with real WebGPU:
//   npm run bench:three-d            (builds first; writes bench/results/three-d.json and .md)
// Rotation frame cost (the camera turns 3° per frame; renderNow, then the GPU's onSubmittedWorkDone)
// of a SURFACE × SURFACE surface (level of detail 'auto', and 'off': every vertex) and of POINTS
// points, against an empty 3D chart (the axes box and labels only) of the same size and tier.
// Target here: within 2× the empty chart. On a real GPU (the coordinator's machine):
//   SURFACE=4096 POINTS=10000000 npm run bench:three-d
// Environment: SURFACE (default 1000), POINTS (1000000), FRAMES (20), TIER (high), CHROME_PATH,
// RENDERERS (default "auto,webgpu": what a user gets — Canvas2D on a software adapter — then pinned
// WebGPU), OUT (default bench/results/three-d: .json and .md).
// Point clouds: the rotation frames draw the moving level of detail (WebGPU: a 30k-point even sample;
// Canvas2D: as many points as its time budget allows); the settled frame (the camera still, every
// point drawn) is reported on a row of its own. Canvas2D surfaces: moving frames drawn from a time
// budget at half resolution (render/canvas2d/primitives/three-d.ts).
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const SURFACE = Number(process.env.SURFACE ?? 1000);
const POINTS = Number(process.env.POINTS ?? 1_000_000);
const FRAMES = Number(process.env.FRAMES ?? 20);
const TIER = process.env.TIER ?? 'high';
const RENDERERS = (process.env.RENDERERS ?? 'auto,webgpu').split(',').filter(Boolean);
const OUT = process.env.OUT ?? 'bench/results/three-d';
const port = Number(process.env.PORT ?? 4400 + Math.floor(Math.random() * 500));
const f = (x) => x.toFixed(2);

const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated', '--allow-node-modules'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'] });
try {
  const all = {};
  const mdRows = [];
  let adapter = null;
  for (const renderer of RENDERERS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => m.type() === 'error' && console.log(`page: ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/bench/three-d.html?tier=${TIER}&renderer=${renderer}`);
    await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
    adapter = await page.evaluate(() => window.adapterInfo());
    page.setDefaultTimeout(0);
    // Warm-up: the first 3D chart of a page runs cold code (its first rotation frames cost 2–3× the
    // later ones here), which made every "× empty" ratio look twice as good as it is.
    await page.evaluate((frames) => window.empty(frames), FRAMES);
    const empty = await page.evaluate((frames) => window.empty(frames), FRAMES);
    const drew = empty.renderer;
    console.log(`[renderer=${renderer} → ${drew}] empty 3D chart: rotation frame median ${f(empty.total.median)} ms (CPU ${f(empty.cpu.median)}, p95 ${f(empty.total.p95)})`);
    const results = { empty };
    for (const lod of ['auto', 'off']) {
      const r = await page.evaluate(({ n, lod, frames }) => window.surface(n, lod, frames), { n: SURFACE, lod, frames: FRAMES });
      results[`surface-${lod}`] = r;
      console.log(`[${drew}] ${SURFACE}² surface, lod ${lod} (stride ${r.stride}): data ${f(r.dataMs)} ms, first frame ${f(r.firstFrameMs)} ms, rotation median ${f(r.total.median)} ms (CPU ${f(r.cpu.median)}, p95 ${f(r.total.p95)}), ${f(r.total.median / empty.total.median)}× empty`);
    }
    const points = await page.evaluate(({ n, frames }) => window.points(n, frames), { n: POINTS, frames: FRAMES });
    results.points = points;
    console.log(`[${drew}] ${POINTS.toLocaleString('en')} points: data ${f(points.dataMs)} ms, first frame ${f(points.firstFrameMs)} ms, rotation median ${f(points.total.median)} ms (CPU ${f(points.cpu.median)}, p95 ${f(points.total.p95)}), ${points.pointsDrawn} drawn, ${f(points.total.median / empty.total.median)}× empty`);
    if (points.settled) console.log(`[${drew}] ${POINTS.toLocaleString('en')} points, settled frame (every point): median ${f(points.settled.total.median)} ms, ${points.settled.pointsDrawn} drawn, ${f(points.settled.total.median / empty.total.median)}× empty`);
    const pairedRows = [];
    if (drew === 'canvas2d') {
      // The same two scenes timed against an empty chart frame by frame (same load); WebGPU frames
      // on SwiftShader take too long to pair here.
      for (const [kind, n] of [['surface', SURFACE], ['points', POINTS]]) {
        const p = await page.evaluate(({ kind, n, frames }) => window.paired(kind, n, frames), { kind, n, frames: FRAMES });
        results[`paired-${kind}`] = p;
        console.log(`[${drew}] paired ${kind} (${n.toLocaleString('en')}): empty median ${f(p.empty.median)} ms, scene ${f(p.scene.median)} ms (p95 ${f(p.scene.p95)}), ${f(p.scene.median / p.empty.median)}× empty`);
        pairedRows.push(`| ${renderer} (${drew}) | paired: ${kind === 'surface' ? `${SURFACE}² surface` : `${POINTS.toLocaleString('en')} points (${p.pointsDrawn.toLocaleString('en')} drawn last)`}, frames alternating with an empty chart (its median ${f(p.empty.median)} ms) | – | ${f(p.scene.median)} | ${f(p.scene.p95)} | ${f(p.scene.median / p.empty.median)}× |`);
      }
    }
    all[renderer] = results;
    await page.close();
    const row = (name, r) => `| ${renderer} (${drew}) | ${name} | ${r.cpu ? f(r.cpu.median) : '–'} | ${f(r.total.median)} | ${f(r.total.p95)} | ${f(r.total.median / empty.total.median)}× |`;
    mdRows.push(
      row('empty 3D chart (axes box)', empty),
      row(`${SURFACE}² surface, lod auto (stride ${results['surface-auto'].stride})`, results['surface-auto']),
      row(`${SURFACE}² surface, lod off (every vertex)`, results['surface-off']),
      row(`${POINTS.toLocaleString('en')} points, rotating (${points.pointsDrawn.toLocaleString('en')} drawn)`, points),
      ...(points.settled ? [row(`${POINTS.toLocaleString('en')} points, settled frame (${points.settled.pointsDrawn.toLocaleString('en')} drawn)`, points.settled)] : []),
    );
    mdRows.push(...pairedRows);
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter, loadAverage: loadavg() }, tier: TIER, frames: FRAMES, surface: SURFACE, points: POINTS, results: all };
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(`${OUT}.json`, JSON.stringify(report, null, 2));
  const md = [
    `# 3D charts benchmark`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, adapter ${adapter?.vendor}/${adapter?.architecture}, chart 1200×700 CSS px, tier ${TIER}. Command: \`RENDERERS=${RENDERERS.join(',')} SURFACE=${SURFACE} POINTS=${POINTS} FRAMES=${FRAMES} npm run bench:three-d\`. Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
    ``,
    `Rotation: the camera turns 3° per frame; each frame is drawn at once (\`renderNow()\`, which includes the overlay's axis labels) and timed until it is done (WebGPU: the queue finished; Canvas2D: a one-pixel read-back flushes its drawing). Nothing but the camera uniform is uploaded per frame. Point clouds draw their moving level of detail while rotating; the settled row is the frame drawn once the camera is still (every point). Canvas2D (auto here) draws moving frames with detail from a time budget (1 ms of the 3D layer's drawing, measured over the previous frames; a surface rasterised at half resolution), so its surface "stride" column is the WebGPU one and its points drawn vary with the machine's load.`,
    ``,
    `| renderer (drew) | scene | frame CPU median (ms) | to GPU done median (ms) | p95 | ratio to empty |`,
    `|---|---|---:|---:|---:|---:|`,
    ...mdRows,
    ``,
  ].join('\n');
  await writeFile(`${OUT}.md`, md);
  console.log(`wrote ${OUT}.json and .md`);
} finally {
  await browser.close();
  server.kill();
}
