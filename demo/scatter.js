// Scatter demo: 1M points in five Gaussian clusters, x in no particular order, coloured by their
// distance from their cluster's centre through the viridis colormap. "Animate" switches to 100k
// points that all move every frame: new Float64Arrays assigned to chart.data each frame.
import { rng } from './sample-data.js';

const chart = document.getElementById('scatter-chart');
const stats = document.getElementById('scatter-stats');
const button = document.getElementById('scatter-move');

/** n points around five centres; `time` is the row key (the row index), x and y are columns. */
export function clusters(n, seed = 9) {
  const random = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = [[-400, 200, 120], [300, 500, 80], [0, -300, 150], [600, -100, 60], [-600, -400, 90]];
  const time = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [cx, cy, spread] = centres[i % centres.length];
    const dx = gauss() * spread;
    const dy = gauss() * spread * 0.7;
    time[i] = i;
    x[i] = cx + dx;
    y[i] = cy + dy;
    distance[i] = Math.hypot(dx, dy);
  }
  return { time, x, y, distance };
}

const still = clusters(1_000_000);
chart.series = [{ column: 'y', type: 'scatter', x: 'x', colorBy: 'distance', colormap: 'viridis', markerSize: 2 }];
// A preview of 20k points at once; the million when the section first scrolls into view: on a
// software adapter one frame of them takes seconds of GPU time, which the charts above should not
// wait for.
chart.data = clusters(20_000);
const observer = new IntersectionObserver((entries) => {
  if (!entries.some((e) => e.isIntersecting)) return;
  observer.disconnect();
  if (!moving) chart.data = still;
});
observer.observe(chart);

let moving = null;
button?.addEventListener('click', () => {
  if (moving) {
    cancelAnimationFrame(moving.raf);
    moving = null;
    button.textContent = 'Animate 100k points';
    chart.series = [{ column: 'y', type: 'scatter', x: 'x', colorBy: 'distance', colormap: 'viridis', markerSize: 2 }];
    chart.data = still;
    return;
  }
  button.textContent = 'Stop';
  const base = clusters(100_000, 3);
  chart.series = [{ column: 'y', type: 'scatter', x: 'x', colorBy: 'distance', colormap: 'turbo', markerSize: 3 }];
  moving = { raf: 0, frames: 0, since: performance.now() };
  const step = (now) => {
    if (!moving) return;
    const t = now / 1000;
    const n = base.x.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // Each point circles its own spot, at a speed set by its distance from the centre.
      const a = t * (0.5 + base.distance[i] / 100) + i;
      x[i] = base.x[i] + 30 * Math.cos(a);
      y[i] = base.y[i] + 30 * Math.sin(a);
    }
    chart.data = { time: base.time, x, y, distance: base.distance };
    moving.frames++;
    if (now - moving.since > 1000) {
      stats.textContent = `${((moving.frames * 1000) / (now - moving.since)).toFixed(0)} fps, 100k moving points`;
      moving.frames = 0;
      moving.since = now;
    }
    moving.raf = requestAnimationFrame(step);
  };
  moving.raf = requestAnimationFrame(step);
});
