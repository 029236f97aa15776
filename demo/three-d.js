import { onScreen } from './on-screen.js';
// 3D charts: a generated implied-volatility surface (strike × expiry → implied vol, with a smile
// and a term structure) drawn with type="surface", and a point cloud (three Gaussian clusters on
// a spiral, coloured by a column) drawn with type="points3d". Both rotate slowly until the user
// grabs one; the camera can be saved and restored (getCamera / setCamera).
const surface = document.getElementById('vol-surface');
const cloud = document.getElementById('point-cloud');
const stats = document.getElementById('three-d-stats');
const surfaceOnScreen = onScreen(surface);
const cloudOnScreen = onScreen(cloud);

/** Implied vol (in %) for a strike (as moneyness K/S) and an expiry in years: a skewed smile flattening with time. */
function impliedVol(moneyness, years) {
  const k = Math.log(moneyness);
  const atm = 18 + 6 * Math.exp(-years * 1.5) + 2 * Math.sqrt(years);
  const skew = -14 / Math.sqrt(years + 0.1);
  const smile = 55 / (years + 0.25);
  return atm + skew * k + smile * k * k;
}

/** strikes (moneyness 0.6 … 1.4) × expiries (1 week … 3 years), on a 200 × 120 grid. */
function volSurface() {
  const strikes = Array.from({ length: 200 }, (_, i) => 60 + (80 * i) / 199);
  const expiries = Array.from({ length: 120 }, (_, j) => 7 / 365 + ((3 - 7 / 365) * j * j) / (119 * 119));
  const z = expiries.map((t) => strikes.map((s) => impliedVol(s / 100, t)));
  return { x: strikes, y: expiries, z };
}

/** Seeded pseudo-random numbers (mulberry32), so the demo looks the same every time. */
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pointCloud(n) {
  const rand = random(42);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const z = new Float32Array(n);
  const cluster = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const t = rand() * 6 * Math.PI;
    const r = 1 + 0.6 * c;
    x[i] = r * Math.cos(t) + 0.25 * gauss();
    y[i] = r * Math.sin(t) + 0.25 * gauss();
    z[i] = (t / (6 * Math.PI)) * 4 - 2 + 0.3 * gauss() + c;
    cluster[i] = c + 0.2 * rand();
  }
  return { x, y, z, cluster };
}

surface.config = { axes: { x: { title: 'strike' }, y: { title: 'expiry (y)' } }, series: { items: [{ id: 'vol', name: 'implied vol %', contours: 8 }] }, camera: { azimuth: -60, elevation: 30 } };
surface.data = volSurface();
cloud.series = [{ column: 'z', id: 'cloud', name: 'cloud', colorBy: 'cluster', colormap: 'turbo', markerSize: 2 }];

function loadCloud() {
  const n = Number(document.getElementById('three-d-points').value);
  const started = performance.now();
  cloud.data = pointCloud(n);
  stats.textContent = `${n.toLocaleString('en')} points generated in ${(performance.now() - started).toFixed(0)} ms`;
}
loadCloud();

document.getElementById('three-d-points').addEventListener('change', loadCloud);
document.getElementById('three-d-projection').addEventListener('change', (e) => {
  for (const chart of [surface, cloud]) chart.setCamera({ projection: e.target.value });
});
const surfaceItem = () => surface.config.series.items[0];
document.getElementById('three-d-wireframe').addEventListener('change', (e) => {
  surface.config = { ...surface.config, series: { items: [{ ...surfaceItem(), wireframe: e.target.checked }] } };
});
document.getElementById('three-d-contours').addEventListener('change', (e) => {
  surface.config = { ...surface.config, series: { items: [{ ...surfaceItem(), contours: Number(e.target.value) }] } };
});

// append(): 20,000 more points around the spiral (inside the box: only they are written and uploaded).
let appended = 0;
document.getElementById('three-d-append').addEventListener('click', () => {
  const more = pointCloud(20_000 + appended);
  const slice = (a) => a.subarray(appended, appended + 20_000);
  cloud.append({ x: slice(more.x), y: slice(more.y), z: slice(more.z), cluster: slice(more.cluster) });
  appended += 20_000;
});
// src=: a CSV of x, y, z and a magnitude column (bad files fire gpu-data-error with the line and column).
document.getElementById('three-d-src').addEventListener('click', () => {
  cloud.series = [{ column: 'z', id: 'cloud', name: 'quakes', colorBy: 'magnitude', colormap: 'inferno', markerSize: 3 }];
  cloud.src = 'data/quakes-3d.csv';
});
cloud.addEventListener('gpu-data-error', (e) => (stats.textContent = e.detail.message));

// What the cloud draws: the moving sample or every point (lastFrameStats after each frame).
const detail = document.getElementById('three-d-detail');
cloud.addEventListener('gpu-camera-change', () => requestAnimationFrame(showDetail));
function showDetail() {
  const s = cloud.lastFrameStats;
  if (s) detail.textContent = `${cloud.rendererKind}: ${s.pointsDrawn.toLocaleString('en')} of ${s.totalPoints.toLocaleString('en')} points drawn`;
}
setInterval(showDetail, 500);

let saved = null;
document.getElementById('three-d-save').addEventListener('click', () => (saved = surface.getCamera()));
document.getElementById('three-d-restore').addEventListener('click', () => saved && surface.setCamera(saved));

// Slow rotation until a chart is grabbed (a pointer down stops it; the checkbox restarts it).
const spin = document.getElementById('three-d-spin');
for (const chart of [surface, cloud]) chart.addEventListener('pointerdown', () => (spin.checked = false));
let last = performance.now();
let frames = 0;
let frameMs = 0;
function tick(now) {
  const dt = now - last;
  last = now;
  if (spin.checked && document.visibilityState === 'visible' && (surfaceOnScreen.visible || cloudOnScreen.visible)) {
    for (const [chart, seen] of [[surface, surfaceOnScreen], [cloud, cloudOnScreen]]) {
      if (!seen.visible) continue;
      const camera = chart.getCamera();
      if (!camera) continue; // the 3D chunk is still loading
      chart.setCamera({ azimuth: camera.azimuth + dt * 0.01 });
    }
    frames++;
    frameMs += dt;
    if (frameMs > 1000) {
      stats.textContent = `${(1000 / (frameMs / frames)).toFixed(0)} fps while rotating`;
      frames = 0;
      frameMs = 0;
    }
  }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
