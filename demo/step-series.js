// A series type written outside the library: a step line (the value holds until the next point),
// registered at run time. It reuses the line module for everything but the drawing, and turns the
// line's points into horizontal-then-vertical corners. Zoomed out, the points are the M4 ones (first,
// min, max, last per pixel column), so the steps are drawn between those.
const GAP = 1e29; // GAP_Y marks breaks; |y| beyond this is a gap

function lineView(series) {
  return { ...series, state: series.state.line };
}

export function stepSeries({ lineSeries }) {
  return {
    type: 'step',
    columns: [],
    createState: () => ({ line: lineSeries.createState(), steps: new Float32Array(0), layers: [] }),
    extent: (series, query) => lineSeries.extent(lineView(series), query),
    draw(series, target) {
      const state = series.state;
      state.layers.length = 0;
      lineSeries.draw(lineView(series), { ...target, layers: state.layers });
      const line = state.layers[0];
      if (!line) return;
      const { points, count } = line;
      if (state.steps.length < count * 4) state.steps = new Float32Array(count * 4);
      const out = state.steps;
      let n = 0;
      for (let k = 0; k < count; k++) {
        const x = points[k * 2];
        const y = points[k * 2 + 1];
        const previous = k > 0 ? points[k * 2 - 1] : NaN;
        // The corner: the previous value carried to this x (skipped next to a gap).
        if (k > 0 && Math.abs(previous) < GAP && Math.abs(y) < GAP) {
          out[n++] = x;
          out[n++] = previous;
        }
        out[n++] = x;
        out[n++] = y;
      }
      target.layers.push({ ...line, points: out, count: n / 2 });
    },
    tooltip: (series, index, rows) => lineSeries.tooltip(lineView(series), index, rows),
    legendValue: (series, index) => lineSeries.legendValue(lineView(series), index),
  };
}
