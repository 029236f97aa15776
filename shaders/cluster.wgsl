// Grid clustering of GPU-resident points: a compute pass adds every point to the cell of the pane
// it falls in: its count, and the sums of its position inside the cell in 1/256 px (64-bit sums
// from two u32 words with a carry, so millions of points per cell never overflow). A draw over
// every cell (six vertices each, no readback) then puts one disc at each non-empty cell's
// centroid, its radius growing with log2(count); a lone point is drawn as a plain marker.
// CPU reference: clusterCells in core/scene/density-grid.ts.

struct Params {
  transform: vec4f,  // pane px x = u * transform.x + transform.y, y = v * transform.z + transform.w
  pane: vec4f,       // pane top-left (canvas px), width, height
  color: vec4f,      // straight alpha
  viewport: vec2f,   // canvas size
  cellSize: f32,
  count: u32,
  columns: u32,
  rows: u32,
  pointRadius: f32,
  minRadius: f32,
  radiusStep: f32,
  _pad0: f32,
  _pad1: f32,
  _pad2: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> sums: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read> cells: array<u32>;

const WORDS = 5u; // count, x low, x high, y low, y high
const FIXED = 256.0;

fn addWide(at: u32, value: u32) {
  let old = atomicAdd(&sums[at], value);
  if (old + value < old) {
    atomicAdd(&sums[at + 1u], 1u);
  }
}

@compute @workgroup_size(256)
fn cs_cluster(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) local: u32, @builtin(num_workgroups) groups: vec3u) {
  let i = (group.y * groups.x + group.x) * 256u + local;
  if (i >= params.count) {
    return;
  }
  let p = points[i];
  let x = p.x * params.transform.x + params.transform.y;
  let y = p.y * params.transform.z + params.transform.w;
  if (!(x >= 0.0 && x < params.pane.z && y >= 0.0 && y < params.pane.w)) {
    return;
  }
  let cx = u32(floor(x / params.cellSize));
  let cy = u32(floor(y / params.cellSize));
  let c = (cy * params.columns + cx) * WORDS;
  atomicAdd(&sums[c], 1u);
  addWide(c + 1u, u32(max((x - f32(cx) * params.cellSize) * FIXED, 0.0)));
  addWide(c + 3u, u32(max((y - f32(cy) * params.cellSize) * FIXED, 0.0)));
}

struct VertexOut {
  @builtin(position) position: vec4f,
  // Offset from the disc's centre, px, and its radius.
  @location(0) offset: vec2f,
  @location(1) @interpolate(flat) radius: f32,
}

const OFFSCREEN = vec4f(4.0, 4.0, 4.0, 1.0);

fn wide(at: u32) -> f32 {
  return f32(cells[at + 1u]) * 4294967296.0 + f32(cells[at]);
}

@vertex
fn vs_cluster(@builtin(vertex_index) index: u32) -> VertexOut {
  let cell = index / 6u;
  let corner = index % 6u;
  var out: VertexOut;
  let base = cell * WORDS;
  let n = cells[base];
  if (n == 0u) {
    out.position = OFFSCREEN;
    return out;
  }
  let cx = cell % params.columns;
  let cy = cell / params.columns;
  let count = f32(n);
  let centre = vec2f(f32(cx) * params.cellSize + wide(base + 1u) / FIXED / count, f32(cy) * params.cellSize + wide(base + 3u) / FIXED / count);
  var radius = params.pointRadius;
  if (n > 1u) {
    radius = min(params.cellSize * 0.5, params.minRadius + params.radiusStep * log2(count * 0.5));
  }
  var corners = array<vec2f, 6>(vec2f(-1.0, -1.0), vec2f(1.0, -1.0), vec2f(-1.0, 1.0), vec2f(-1.0, 1.0), vec2f(1.0, -1.0), vec2f(1.0, 1.0));
  let offset = corners[corner] * (radius + 1.0);
  let q = params.pane.xy + centre + offset;
  out.position = vec4f(q.x / params.viewport.x * 2.0 - 1.0, 1.0 - q.y / params.viewport.y * 2.0, 0.0, 1.0);
  out.offset = offset;
  out.radius = radius;
  return out;
}

// Analytic coverage of the disc's edge (like a canvas arc fill), premultiplied.
@fragment
fn fs_cluster(in: VertexOut) -> @location(0) vec4f {
  let coverage = clamp(in.radius - length(in.offset) + 0.5, 0.0, 1.0);
  if (coverage <= 0.0) {
    discard;
  }
  let a = params.color.a * coverage;
  return vec4f(params.color.rgb * a, a);
}
