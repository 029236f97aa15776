// Custom WGSL hooks: every colour template (lines and areas, markers, rectangles, bands) and every
// colormap template compiles with the curated hooks and with a hook that reads the OHLC and part
// inputs, in Dawn (the `webgpu` package) on SwiftShader. Skipped where no adapter is found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hookTemplateSources, wgsl } from './helpers.mjs';
import { composeHookModule, SHADER_LIBRARY } from '../../build/node/custom-shaders/index.js';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
// Dawn finds only lavapipe (and rejects it) without this: see WEBGPU-HEADLESS.md.
if (!process.env.VK_ICD_FILENAMES && existsSync(ICD)) process.env.VK_ICD_FILENAMES = ICD;

const sources = hookTemplateSources();

const OHLC_HOOK = `fn color(p: PointInput) -> vec4f {
  if (p.part == PART_VOLUME) { return vec4f(p.color.rgb, 0.3); }
  if (p.part == PART_BAND_CROSSED) { return vec4f(1.0, 0.0, 0.0, 0.5); }
  let rising = p.ohlc.w >= p.ohlc.x;
  return select(vec4f(0.9, 0.1, 0.1, 1.0), vec4f(0.1, 0.8, 0.3, 1.0), rising && p.part != PART_WICK);
}
`;

/** Keeps Dawn's instance alive for the whole run (dropping it while a device is in use aborts). */
let gpu = null;

async function device() {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  gpu ??= create([]);
  const adapter = await gpu.requestAdapter();
  return adapter ? adapter.requestDevice() : null;
}

test('every hook template compiles with the library hooks and an OHLC/part hook', async (t) => {
  const gpuDevice = await device().catch(() => null);
  if (!gpuDevice) return t.skip('no WebGPU adapter (Dawn on SwiftShader)');
  const cases = [];
  for (const entry of SHADER_LIBRARY) {
    const templates = entry.hook === 'color' ? ['points', 'markers', 'rects', 'band'] : ['grid', 'density'];
    for (const template of templates) cases.push([entry.name, template, entry.wgsl]);
  }
  for (const template of ['points', 'markers', 'rects', 'band']) cases.push(['ohlc-part', template, OHLC_HOOK]);
  for (const [name, template, hook] of cases) {
    const { code } = composeHookModule(hook, /** @type {any} */ (template), sources);
    const info = await gpuDevice.createShaderModule({ code }).getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos}: ${m.message}`);
    assert.deepEqual(errors, [], `${name} on the ${template} template`);
  }
  // The built-in shaders the rects and band templates draw with still compile alone.
  for (const file of ['rects', 'primitives']) {
    const info = await gpuDevice.createShaderModule({ code: wgsl(file) }).getCompilationInfo();
    assert.deepEqual(info.messages.filter((m) => m.type === 'error').map((m) => m.message), [], file);
  }
  gpuDevice.destroy();
});
