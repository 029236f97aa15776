// Density maps and grid clusters of a big scatter series (issue 11): one million points in five
// clusters plus noise. "density" bins ALL of them on the GPU per pixel (compute pass, atomics) and
// colours the counts with a colormap; "cluster" groups them in data-anchored cells of 20 to 40 px
// (a disc per cell near its centroid, sized by log(count), the count as a label from a
// lagging-by-one-frame readback): zoom in with the wheel and each cluster splits smoothly into
// its halves, then quarters, down to single points; panning moves no cluster. Pan and zoom
// re-bin from the points already on the GPU: nothing is uploaded again.
export function scatterDensityDemo(chart, controls, n = 1_000_000) {
  // A 20k-point preview at once; the million when the section first scrolls into view (on a
  // software adapter binning them takes a good part of a second per frame, which the charts
  // above should not wait for).
  chart.data = points(20_000);
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    chart.data = points(n);
  });
  observer.observe(chart);
  const series = { column: 'y', x: 'x', type: 'scatter', name: `${(n / 1e6).toFixed(0)}M points`, colormap: 'viridis', markerSize: 3 };
  const mode = () => {
    const picked = controls.querySelector('input[name="scatter-mode"]:checked')?.value ?? 'density';
    chart.density = picked === 'density' ? 'on' : 'off';
    chart.cluster = picked === 'cluster' ? 'grid' : 'off';
    const linear = controls.querySelector('#density-scale')?.checked;
    chart.series = [{ ...series, densityScale: linear ? 'linear' : 'log' }];
  };
  controls.addEventListener('change', mode);
  mode();
}

/** n points: five clusters of different spreads, and uniform noise (one point in six). */
function points(n) {
  let seed = 9;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
  const gauss = () => random() + random() + random() - 1.5;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const centres = [[2, 3, 0.6], [6, 5, 1.4], [8, 2, 0.3], [4, 8, 0.9], [5, 5, 0.15]];
  for (let i = 0; i < n; i++) {
    const k = i % 6;
    if (k === 5) {
      x[i] = random() * 10;
      y[i] = random() * 10;
    } else {
      const [cx, cy, r] = centres[k];
      x[i] = cx + gauss() * r;
      y[i] = cy + gauss() * r;
    }
  }
  return { time: Float64Array.from({ length: n }, (_, i) => i), x, y }; // the row index as key (scatter x is its own column)
}
