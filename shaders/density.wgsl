// Density maps (datashader-style 2D histograms) of GPU-resident points. A compute pass counts
// every point into the cell of the pane it falls in (atomicAdd) and keeps the largest count in the
// last entry of the same buffer (atomicMax, only when a count passes the maximum read so far: the
// maximum grows rarely, so that entry sees little contention, and no barrier is needed), so no
// readback is needed; a draw over the pane then paints each non-empty cell with the colormap.
// Points are (u, v) in data space; the pane transform is applied here, in f32, so panning and
// zooming only rewrite the params. See core/scene/density-grid.ts for the CPU reference.

struct Params {
  transform: vec4f,  // pane px x = u * transform.x + transform.y, y = v * transform.z + transform.w
  pane: vec4f,       // pane top-left (canvas px), width, height
  clip: vec4f,       // scissor rectangle (whole canvas px): the draw covers it
  viewport: vec2f,   // canvas size, px
  cellSize: f32,     // cell side, px
  count: u32,        // points
  columns: u32,      // cells across
  rows: u32,         // cells down
  scale: u32,        // 0: linear, 1: log
  cells: u32,        // columns * rows: index of the maximum in `bins` / `counts`
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> bins: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read> counts: array<u32>;
@group(0) @binding(4) var<storage, read> lut: array<u32>;

// The cell of a pane position, or -1 outside the pane (the CPU reference's cellOf).
fn cellOf(x: f32, y: f32) -> i32 {
  if (!(x >= 0.0 && x < params.pane.z && y >= 0.0 && y < params.pane.w)) {
    return -1;
  }
  let cx = u32(floor(x / params.cellSize));
  let cy = u32(floor(y / params.cellSize));
  return i32(cy * params.columns + cx);
}

@compute @workgroup_size(256)
fn cs_density(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) local: u32, @builtin(num_workgroups) groups: vec3u) {
  let i = (group.y * groups.x + group.x) * 256u + local;
  if (i >= params.count) {
    return;
  }
  let p = points[i];
  let x = p.x * params.transform.x + params.transform.y;
  let y = p.y * params.transform.z + params.transform.w;
  let c = cellOf(x, y);
  if (c < 0) {
    return;
  }
  let count = atomicAdd(&bins[u32(c)], 1u) + 1u;
  if (count > atomicLoad(&bins[params.cells])) {
    atomicMax(&bins[params.cells], count);
  }
}

struct VertexOut {
  @builtin(position) position: vec4f,
}

// Two triangles over the scissor rectangle; the fragment decides per pixel centre.
@vertex
fn vs_density(@builtin(vertex_index) index: u32) -> VertexOut {
  var corners = array<vec2f, 6>(vec2f(0.0, 0.0), vec2f(1.0, 0.0), vec2f(0.0, 1.0), vec2f(0.0, 1.0), vec2f(1.0, 0.0), vec2f(1.0, 1.0));
  let q = params.clip.xy + corners[index] * params.clip.zw;
  var out: VertexOut;
  out.position = vec4f(q.x / params.viewport.x * 2.0 - 1.0, 1.0 - q.y / params.viewport.y * 2.0, 0.0, 1.0);
  return out;
}

@fragment
fn fs_density(@builtin(position) position: vec4f) -> @location(0) vec4f {
  let local = position.xy - params.pane.xy;
  let c = cellOf(local.x, local.y);
  if (c < 0) {
    discard;
  }
  let n = counts[u32(c)];
  if (n == 0u) {
    discard;
  }
  let m = max(counts[params.cells], 1u);
  var t = f32(n) / f32(m);
  if (params.scale == 1u) {
    t = log(1.0 + f32(n)) / log(1.0 + f32(m));
  }
  let level = u32(clamp(floor(t * 255.0 + 0.5), 0.0, 255.0));
  let color = unpack4x8unorm(lut[level]);
  return vec4f(color.rgb * color.a, color.a);
}
