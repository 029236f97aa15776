// Pixel comparison of two captures (WebGPU against Canvas2D), split into flat pixels and edge
// pixels: antialiasing differs (4× MSAA against analytic coverage) only on edges.
import { Canvas2dRenderer, DeviceManager } from '../../dist/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';

/** Largest channel difference, alpha included. */
function rgbaDistance(a, b, i) {
  return Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]), Math.abs(a[i + 3] - b[i + 3]));
}

/** Pixels whose 3×3 neighbourhood is not one flat colour (within `flat`). */
function edgeMask(snap, flat) {
  const { width, height, data } = snap;
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      outer: for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = (ny * width + nx) * 4;
          if (Math.max(Math.abs(data[i] - data[j]), Math.abs(data[i + 1] - data[j + 1]), Math.abs(data[i + 2] - data[j + 2])) > flat) {
            mask[y * width + x] = 1;
            break outer;
          }
        }
      }
    }
  }
  return mask;
}

/** Distances between two captures of one size. */
export function comparePixels(a, b, { flat = 3, strong = 128 } = {}) {
  const edgesA = edgeMask(a, flat);
  const edgesB = edgeMask(b, flat);
  const stats = { pixels: a.width * a.height, edge: 0, flatWorst: 0, flatOff: 0, edgeOff: 0, strongOff: 0, edgeSum: 0, worst: 0, edgeMean: 0 };
  for (let p = 0; p < stats.pixels; p++) {
    const d = rgbaDistance(a.data, b.data, p * 4);
    stats.worst = Math.max(stats.worst, d);
    if (d > strong) stats.strongOff++;
    if (edgesA[p] || edgesB[p]) {
      stats.edge++;
      stats.edgeSum += d;
      if (d > flat) stats.edgeOff++;
    } else {
      stats.flatWorst = Math.max(stats.flatWorst, d);
      if (d > flat) stats.flatOff++;
    }
  }
  stats.edgeMean = stats.edgeSum / Math.max(1, stats.edge);
  return stats;
}

/** An offscreen WebGPU renderer of the scene's size (4× MSAA) and its issues. */
export async function offscreenWebGpu(width, height, options = {}) {
  const manager = DeviceManager.shared();
  const device = await manager.acquire();
  const issues = [];
  const renderer = new WebGpuRenderer({
    device,
    pipelines: manager.pipelines(device),
    allocations: manager.allocations.owner(),
    target: { kind: 'offscreen', format: 'rgba8unorm', width, height },
    sampleCount: 4,
    onIssue: (issue) => issues.push(issue),
    ...options,
  });
  return { renderer, issues, device, manager };
}

export async function webGpuCapture(scene, options = {}) {
  const { renderer } = await offscreenWebGpu(scene.width, scene.height, options);
  try {
    const health = await renderer.ready;
    if (health.failed.length > 0) throw new Error(`pipelines failed: ${JSON.stringify(health.failed)}`);
    return await renderer.capture(scene);
  } finally {
    renderer.dispose();
  }
}

export async function canvasCapture(scene) {
  const renderer = new Canvas2dRenderer({ canvas: document.createElement('canvas') });
  try {
    return await renderer.capture(scene);
  } finally {
    renderer.dispose();
  }
}
