// Shader playground: edit a sandboxed WGSL hook and see it live on a chart; refusals and compile
// errors are shown in place (line:column, the line itself, a caret). Pick a curated hook to start
// from. The hook goes through the same validator and compiler path as any <gpu-shader>. The target
// series may be a line, area, scatter, candlestick, OHLC, volume, bar (histogram), band or heatmap.
import { ohlcBars, randomWalk, rng } from './sample-data.js';

// The shader sandbox is a lazy chunk of the CDN file: its curated library comes with it.
const { SHADER_LIBRARY } = await window.GpuCharts.loadShaderTools();

const STARTERS = {
  color: `// fn color(p: PointInput) -> vec4f: p.pixel, p.data, p.value, p.level,
// p.index, p.distance, p.up, p.color, p.size, p.ohlc, p.part (see docs/shaders.md)
fn color(p: PointInput) -> vec4f {
  let t = clamp(p.level, 0.0, 1.0);
  return vec4f(t, 0.35, 1.0 - t, p.color.a);
}
`,
  // Candles, OHLC bars, volume and histogram bars, bands: by the bar's open/close and the part drawn.
  bars: `// p.ohlc: open, high, low, close of the bar; p.part: PART_BODY, PART_WICK,
// PART_OPEN_TICK, PART_CLOSE_TICK, PART_VOLUME, PART_BAR, PART_BAND, PART_BAND_CROSSED
fn color(p: PointInput) -> vec4f {
  let rising = p.ohlc.w >= p.ohlc.x;
  var rgb = select(vec3f(0.93, 0.35, 0.10), vec3f(0.15, 0.45, 0.95), rising);
  if (p.part == PART_WICK) {
    rgb = rgb * 0.55;
  }
  if (p.part == PART_VOLUME || p.part == PART_BAND || p.part == PART_BAND_CROSSED) {
    return vec4f(rgb, 0.4);
  }
  if (p.part == PART_BAR) {
    return vec4f(select(vec3f(0.93, 0.35, 0.10), vec3f(0.15, 0.45, 0.95), p.up > 0.5), 1.0);
  }
  return vec4f(rgb, 1.0);
}
`,
  colormap: `// fn colormap(t: f32) -> vec4f: t is 0 at the colour scale's minimum, 1 at its maximum
fn colormap(t: f32) -> vec4f {
  return vec4f(t, t * t, 1.0 - t, 1.0);
}
`,
};

/** A heatmap grid: a few warm blobs drifting across 240 columns of 64 rows. */
function blobs() {
  const rows = 64;
  const cols = 240;
  const values = new Float32Array(rows * cols);
  const random = rng(5);
  const centres = Array.from({ length: 6 }, () => [random() * cols, random() * rows, 6 + random() * 14]);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let v = 0;
      for (const [x, y, s] of centres) v += Math.exp(-((c - x) ** 2 + (r - y) ** 2) / (2 * s * s));
      values[r * cols + c] = v;
    }
  }
  return { rows, cols, values, x0: 0, dx: 1, y0: 0, dy: 1, maxColumns: cols };
}

export function shaderPlayground(root) {
  const chart = root.querySelector('gpu-chart');
  const editor = root.querySelector('textarea');
  const picker = root.querySelector('select[name=hook]');
  const typePicker = root.querySelector('select[name=type]');
  const status = root.querySelector('.shader-status');
  const problem = root.querySelector('.shader-problem');
  const shader = document.createElement('gpu-shader');
  shader.id = 'playground';

  for (const entry of SHADER_LIBRARY) picker.append(new Option(`library: ${entry.name} (${entry.hook})`, entry.name));

  const walk = randomWalk(2000, { seed: 7, stepMs: 60_000 });
  // Few enough bars that each candle is a few pixels wide.
  const bars = ohlcBars(150, { seed: 7 });
  // A bar series of the walk's changes; a band around it (narrow where it is calm).
  const changes = { time: walk.time, value: walk.value.map((v, i) => (i === 0 ? 0 : v - walk.value[i - 1])) };
  const envelope = { ...walk, low: walk.value.map((v, i) => v - 1 - Math.abs(Math.sin(i / 150)) * 3), high: walk.value.map((v, i) => v + 1 + Math.abs(Math.cos(i / 230)) * 3) };
  /** What each bar-like type draws: its data and its series. */
  const BAR_TYPES = {
    candlestick: () => [bars, { id: 'price', column: 'close', type: 'candlestick' }],
    ohlc: () => [bars, { id: 'price', column: 'close', type: 'ohlc' }],
    volume: () => [bars, { id: 'price', column: 'volume', type: 'volume' }],
    bar: () => [changes, { id: 'price', column: 'value', type: 'bar', color: '#2563eb' }],
    band: () => [envelope, { id: 'price', column: 'value', type: 'band', yLow: 'low', yHigh: 'high', color: '#2563eb' }],
  };
  let type = '';
  const setType = (next) => {
    type = next;
    const hook = type === 'heatmap' ? 'colormap' : 'color';
    if (type === 'heatmap') {
      chart.setAttribute('x-axis', 'linear');
      chart.data = blobs();
      shader.setAttribute('for', chart.model.series[0]?.id ?? 'heatmap');
    } else if (BAR_TYPES[type]) {
      chart.removeAttribute('x-axis');
      const [data, series] = BAR_TYPES[type]();
      chart.data = data;
      chart.series = [series];
      shader.setAttribute('for', 'price');
    } else {
      chart.removeAttribute('x-axis');
      chart.data = walk;
      chart.series = [{ id: 'price', column: 'value', type, color: '#2563eb', lineWidth: 3, markerSize: 5 }];
      shader.setAttribute('for', 'price');
    }
    shader.setAttribute('hook', hook);
    // Keep the text when it fits the hook; else start from the hook's starter (the bar starter
    // replaces the line starter, and back, when it has not been edited).
    if (!editor.value.includes(`fn ${hook}(`)) editor.value = STARTERS[hook];
    else if (BAR_TYPES[type] && editor.value === STARTERS.color) editor.value = STARTERS.bars;
    else if (!BAR_TYPES[type] && editor.value === STARTERS.bars) editor.value = STARTERS.color;
    apply();
  };

  let timer = 0;
  const apply = () => {
    clearTimeout(timer);
    // The same source on another series type: compiled already for the kinds it had; a new kind
    // (candles after lines) reports when it is ready.
    if (shader.wgsl === editor.value) return;
    problem.hidden = true;
    status.textContent = 'compiling…';
    shader.wgsl = editor.value;
  };

  picker.addEventListener('change', () => {
    const entry = SHADER_LIBRARY.find((e) => e.name === picker.value);
    if (!entry) return;
    if (entry.hook === 'colormap' && type !== 'heatmap') typePicker.value = 'heatmap';
    if (entry.hook === 'color' && type === 'heatmap') typePicker.value = entry.name === 'up-down' || entry.name === 'dashed-by-distance' ? 'line' : 'area';
    editor.value = entry.wgsl;
    setType(typePicker.value);
  });
  typePicker.addEventListener('change', () => setType(typePicker.value));
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 300);
  });

  chart.addEventListener('gpu-shader-ready', (event) => {
    if (event.detail.id !== shader.id) return;
    status.textContent = `live on ${event.detail.kinds.join(' + ')}`;
  });
  chart.addEventListener('gpu-shader-error', (event) => {
    const { phase, line, column, message } = event.detail;
    status.textContent = phase === 'unsupported' ? 'Canvas2D: default colours' : `${phase} error: default colours`;
    // In place: the offending line of the editor with a caret under the column.
    const lines = editor.value.split('\n');
    const text = line > 0 ? `${String(line).padStart(3)} | ${lines[line - 1] ?? ''}\n    | ${' '.repeat(Math.max(0, column - 1))}^\n` : '';
    problem.textContent = `${text}${message}`;
    problem.hidden = false;
    if (line > 0) {
      // Select the line in the editor too.
      const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      editor.setSelectionRange(start + Math.max(0, column - 1), start + (lines[line - 1]?.length ?? 0));
    }
  });

  editor.value = STARTERS.color;
  chart.append(shader);
  setType(typePicker.value);
}
