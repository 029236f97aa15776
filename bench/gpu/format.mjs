// Markdown for a gpu-bench report (the JSON that `gpu-bench.mjs --json` prints). Shared by the
// bench's human summary and by report.mjs, which writes bench/results/gpu-*.md.

const ms = (v, digits = 2) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(digits));
const mp = (s, key = 'median') => (s ? ms(s[key]) : '—');
const pair = (s) => (s ? `${ms(s.median)} / ${ms(s.p95)}` : '—');
const count = (n) => (n === null || n === undefined ? '—' : n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : n.toLocaleString('en'));
const gb = (bytes) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

export function adapterLine(report) {
  const a = report.adapter?.info ?? {};
  const parts = [a.vendor, a.architecture, a.device, a.description].filter((x) => x && String(x).length > 0);
  return parts.join(' / ') || 'unknown adapter';
}

/** The whole report as Markdown: header, one row per size, naive comparison, notes. */
export function markdown(report, { title } = {}) {
  const m = report.machine ?? {};
  const s = report.settings ?? {};
  const lines = [];
  lines.push(`# ${title ?? `GPU benchmark of the render core (Node + Dawn)${report.label ? `: ${report.label}` : ''}`}`, '');
  lines.push(`- date: ${report.date}`);
  lines.push(`- machine: ${report.label ? `${report.label}; ` : ''}${m.cpus} × ${m.cpuModel}, ${gb(m.totalMemBytes ?? 0)} RAM, ${m.platform}; Node ${report.node}, webgpu ${report.webgpuVersion ?? '?'} (Dawn)${m.loadAverageAtStart ? `; load average (1/5/15 min) ${m.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')} at start, ${(m.loadAverageAtEnd ?? []).map((x) => x.toFixed(1)).join(' ')} at end` : ''}`);
  lines.push(`- adapter: ${adapterLine(report)}${report.adapter?.isFallbackAdapter ? ' (fallback adapter)' : ''}; maxBufferSize ${gb(report.device?.limits?.maxBufferSize ?? 0)}, maxStorageBufferBindingSize ${gb(report.device?.limits?.maxStorageBufferBindingSize ?? 0)}; timestamp queries: ${report.device?.timestampQuery ? 'yes' : 'no'}`);
  lines.push('- command:', '', '  ```sh', `  ${report.command}`, '  ```', '');
  lines.push(`- settings: ${s.width}×${s.height} offscreen rgba8unorm target, pixelRatio 1, MSAA ×${s.sampleCount}; ${s.frames} pan/zoom frames per size after ${s.warmupMs ?? 0} ms of unmeasured warm-up frames (random window of 1–100 % of the data, then a 10 % pan, alternating; seed ${s.seed}); data: seeded random walk, 1 point per second`);
  if (report.floors?.submitRoundTripMs) lines.push(`- floor: an empty submit + \`onSubmittedWorkDone()\` takes ${pair(report.floors.submitRoundTripMs)} ms (median / p95): no wall time below can be lower`);
  lines.push('');
  lines.push('Times in ms; pairs are median / p95. *build* = `setData` + first min/max pyramid build; *first frame* = `model.frame()` + `render()` + GPU done; per pan/zoom frame: *scene* = `model.frame()` (LOD + scales + ticks), *render* = `renderer.render()` (upload + encode + submit), *GPU* = render pass from timestamp queries, *wall* = from `model.frame()` until `onSubmittedWorkDone()` resolves.', '');
  const gpuLod = s.gpuLod;
  if (gpuLod) lines.push(`*LOD*: where the level of detail runs — \`gpu\` (quality.gpuLod: a compute pass over the GPU-resident values; no pyramid, the first frame uploads the values) or \`cpu\` (M4 over the min/max pyramid). Setting \`${gpuLod.setting}\`${gpuLod.softwareAdapter ? ' on a software adapter' : ''}: the first row of each size is what a chart does by default, others are extra rows.`, '');
  lines.push('| points | LOD | generate | build | first frame | scene | render | GPU | wall | points drawn (max) |');
  lines.push('|---:|:---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of report.results ?? []) {
    if (r.status !== 'ok') {
      lines.push(`| ${count(r.size)} | | ${r.status}: ${r.note ?? ''} | | | | | | | |`);
      continue;
    }
    for (const [k, row] of [r, ...(r.alternates ?? [])].entries()) {
      const p = row.panZoom;
      lines.push(`| ${count(r.size)} | ${row.lodPath ?? 'cpu'}${k === 0 ? '' : ' (extra)'} | ${k === 0 ? ms(r.generateMs, 1) : ''} | ${ms(row.build.totalMs, 1)} | ${ms(row.firstFrame.wallMs, 1)} | ${pair(p.sceneMs)} | ${pair(p.renderMs)} | ${pair(p.gpuMs)} | ${pair(p.wallMs)} | ${count(p.drawnPoints.max)} |`);
    }
  }
  lines.push('');
  lines.push(`## Naive baseline: every point, one line strip`, '');
  lines.push(`The N values as f32 (x derived from the index: the times are evenly spaced) uploaded with \`writeBuffer\`, then drawn as one \`line-strip\` over the whole data (the same plot rectangle, y range and MSAA as the chart's reset view), split into vertex buffers of at most ${gb(Math.min(s.naiveChunkBytes ?? Infinity, report.device?.limits?.maxBufferSize ?? Infinity))} each (*buffers*). *LOD wall* is the median pan/zoom wall time above; *saves* = naive wall / LOD wall.`, '');
  lines.push('| points | f64→f32 | upload | upload GB/s | buffers | first draw wall | draw GPU | draw wall | LOD wall | saves |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of report.results ?? []) {
    const n = r.naive;
    if (!n) continue;
    if (n.status !== 'ok') {
      lines.push(`| ${count(r.size)} | ${n.status}: ${n.note ?? ''} | | | | | | | | |`);
      continue;
    }
    const lodWall = r.panZoom?.wallMs?.median;
    const saves = lodWall ? `${(n.wallMs.median / lodWall).toFixed(n.wallMs.median / lodWall >= 10 ? 0 : 1)}×` : '—';
    lines.push(`| ${count(r.size)} | ${ms(n.prepareMs, 1)} | ${ms(n.uploadMs, 1)} | ${n.uploadGBps.toFixed(2)} | ${n.chunks} | ${ms(n.firstDrawWallMs, 1)} | ${pair(n.gpuMs)} | ${pair(n.wallMs)} | ${ms(lodWall)} | ${saves} |`);
  }
  const notes = [...(report.notes ?? [])];
  for (const r of report.results ?? []) {
    if (r.note && r.status === 'ok') notes.push(`${count(r.size)}: ${r.note}`);
    if (r.naive?.note && r.naive.status === 'ok') notes.push(`${count(r.size)} naive: ${r.naive.note}`);
  }
  if (report.errors?.length) notes.push(`GPU errors reported: ${report.errors.map((e) => e.slice(0, 200)).join(' | ')}`);
  if (notes.length) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
