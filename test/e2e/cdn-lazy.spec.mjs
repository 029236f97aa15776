// The CDN file's lazy chunks in a plain page (issue 14.7): 3D charts and the shader sandbox are not
// in cdn/gpu-charts.js; a 3D chart or a <gpu-shader> fetches its chunk on first use and then draws
// like before, and a chunk that cannot be fetched is a gpu-config-error, not a broken page.
import { expect, test } from '@playwright/test';
import { chartInk } from './helpers.mjs';

/** Chunk files fetched by the page so far (names without hash). */
const chunksFetched = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((name) => name.includes('/cdn/chunks/')).map((name) => name.replace(/^.*\/chunks\/(.*)-[\w-]{8}\.js$/, '$1')));

/** Adds a chart to the page (WebGPU pinned: hooks need it, and SwiftShader would get Canvas2D); resolves when it has drawn. */
async function addChart(page, id, attributes, data, inner = '') {
  await page.evaluate(
    async ({ id, attributes, data, inner }) => {
      await customElements.whenDefined('gpu-chart');
      const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.createElement('gpu-chart'));
      chart.id = id;
      for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
      chart.innerHTML = inner;
      /** @type {any} */ (window).events ??= [];
      for (const type of ['gpu-config-error', 'gpu-shader-ready', 'gpu-shader-error', 'gpu-data-error']) chart.addEventListener(type, (event) => /** @type {any} */ (window).events.push({ chart: id, type, detail: JSON.parse(JSON.stringify(/** @type {CustomEvent} */ (event).detail)) }));
      const ready = new Promise((resolve) => chart.addEventListener('gpu-ready', resolve, { once: true }));
      document.body.append(chart);
      await ready;
      chart.data = data;
      await chart.nextFrame();
    },
    { id, attributes, data, inner },
  );
}

const grid = () => {
  const xs = Array.from({ length: 25 }, (_, i) => -1 + i / 12);
  return { x: xs, y: xs, z: xs.map((y) => xs.map((x) => Math.exp(-3 * (x * x + y * y)))) };
};
const line = () => {
  const time = Array.from({ length: 400 }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000);
  return { time, value: time.map((_, i) => 10 + Math.sin(i / 25) * 3) };
};

test('a 3D chart and a <gpu-shader> hook work from the CDN file: their chunks are fetched on first use', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/test/e2e/cdn-lazy-page.html');
  await addChart(page, 'plain', { type: 'line', renderer: 'webgpu' }, line());
  expect(await chunksFetched(page), 'a 2D chart fetches neither chunk').toEqual([]);

  await addChart(page, 'surface', { type: 'surface', renderer: 'webgpu' }, grid());
  expect(await chunksFetched(page)).toEqual(['three-d']);
  const surface = await page.evaluate(() => {
    const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.getElementById('surface'));
    return { is3d: chart.model.is3d, kinds: chart.model.frame().scene.layers.map((l) => l.kind), camera: chart.getCamera(), labels: chart.shadowRoot.querySelectorAll('.axes3d-label').length };
  });
  expect(surface.is3d).toBe(true);
  expect(surface.kinds).toContain('surface3d');
  expect(surface.camera?.projection).toBe('perspective');
  expect(surface.labels).toBeGreaterThan(5);
  const ink = await chartInk(page, '#surface');
  expect(ink.ink, 'the surface is drawn').toBeGreaterThan(ink.total * 0.1);
  // The orbit controller came with the chunk: a drag rotates the camera.
  const box = await page.locator('#surface').boundingBox();
  await page.mouse.move(box.x + 200, box.y + 130);
  await page.mouse.down();
  await page.mouse.move(box.x + 260, box.y + 130, { steps: 4 });
  await page.mouse.up();
  const azimuth = await page.evaluate(() => /** @type {import('../../dist/index.js').GpuChart} */ (document.getElementById('surface')).getCamera().azimuth);
  expect(azimuth).not.toBe(surface.camera.azimuth);

  await addChart(page, 'hooked', { type: 'line', renderer: 'webgpu' }, line(), '<gpu-shader for="value" library="up-down"></gpu-shader>');
  await page.waitForFunction(() => /** @type {any} */ (window).events.some((e) => e.chart === 'hooked' && e.type === 'gpu-shader-ready'));
  expect((await chunksFetched(page)).sort()).toEqual(['shader-sandbox', 'three-d']);
  const status = await page.evaluate(() => /** @type {import('../../dist/index.js').GpuChart} */ (document.getElementById('hooked')).shaderStatus);
  expect(status).toEqual([expect.objectContaining({ id: 'value:color', state: 'active' })]);
  // The WGSL tools without a chart, from the same chunk.
  const refused = await page.evaluate(async () => (await window.GpuCharts.loadShaderTools()).validateHook('fn color(p: PointInput) -> vec4f { return color(p); }', 'color').ok);
  expect(refused).toBe(false);
  expect(await page.evaluate(() => /** @type {any} */ (window).events.filter((e) => e.type !== 'gpu-shader-ready'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('a chunk that cannot be fetched is a gpu-config-error naming what is missing; the page goes on', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/\/cdn\/chunks\/(three-d|shader-sandbox)-[\w-]+\.js$/, (route) => route.abort('connectionrefused'));
  await page.goto('/test/e2e/cdn-lazy-page.html');
  await addChart(page, 'surface', { type: 'surface', renderer: 'webgpu' }, grid());
  await addChart(page, 'hooked', { type: 'line', renderer: 'webgpu' }, line(), '<gpu-shader for="value" library="up-down"></gpu-shader>');
  await page.waitForFunction(() => /** @type {any} */ (window).events.filter((e) => e.type === 'gpu-config-error').length >= 2);
  const issues = await page.evaluate(() => /** @type {any} */ (window).events.filter((e) => e.type === 'gpu-config-error').map((e) => ({ chart: e.chart, ...e.detail.issues[0] })));
  expect(issues).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ chart: 'surface', path: 'series.type', message: expect.stringMatching(/^the series type "surface" could not be loaded \(.+\): its series are not drawn$/) }),
      expect.objectContaining({ chart: 'hooked', path: 'shaders', message: expect.stringMatching(/^the shader sandbox could not be loaded \(.+\): the hooks value:color are not drawn$/) }),
    ]),
  );
  // The 2D chart still draws its line (default colour), and its status says why the hook is not used.
  const ink = await chartInk(page, '#hooked');
  expect(ink.ink).toBeGreaterThan(ink.total * 0.003);
  expect(await page.evaluate(() => /** @type {import('../../dist/index.js').GpuChart} */ (document.getElementById('hooked')).shaderStatus[0].state)).toBe('error');
  expect(errors).toEqual([]);
});

test('the tile client is fetched only by a chart given a `tiles` URL; a failed fetch is a gpu-data-error and the chart keeps its picture', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/\/cdn\/chunks\/tile-feed-[\w-]+\.js$/, (route) => route.abort('connectionrefused'));
  await page.goto('/test/e2e/cdn-lazy-page.html');
  await addChart(page, 'plain', { type: 'line', renderer: 'webgpu' }, line());
  const before = await chartInk(page, '#plain');
  expect(await chunksFetched(page), 'a chart without tiles fetches no tile client').toEqual([]);
  await page.evaluate(() => document.getElementById('plain').setAttribute('tiles', 'http://127.0.0.1:9/v1/series/price'));
  await page.waitForFunction(() => /** @type {any} */ (window).events.some((e) => e.type === 'gpu-data-error'));
  const reported = await page.evaluate(() => /** @type {any} */ (window).events.filter((e) => e.type === 'gpu-data-error').map((e) => e.detail));
  expect(reported).toEqual([expect.objectContaining({ code: 'tiles-load', severity: 'error', source: 'http://127.0.0.1:9/v1/series/price', message: expect.stringMatching(/^the tile client could not be loaded: .+/) })]);
  expect(await chunksFetched(page)).toEqual(['tile-feed']);
  const after = await chartInk(page, '#plain');
  expect(after.ink, 'the line drawn before stays').toBeGreaterThan(before.ink * 0.9);
  expect(errors).toEqual([]);
});
