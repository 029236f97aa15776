// Grid clusters in data-anchored cells of 2^level units (core/scene/cluster-levels.ts). Compute:
// per cell, count and 64-bit sums of each point's offset in 1/65536 cell (exact in f32, as the CPU's
// clusterCellWords). Draw: one disc per cell between its centroid and its parents' by the zoom
// fractions t (core/scene/cluster-discs.ts groupDisc), continuous across levels.

struct Params {
  pane: vec4f,       // pane top-left (canvas px), width, height
  color: vec4f,      // straight alpha
  viewport: vec2f,   // canvas size
  inverse: vec2f,    // 2^-level per axis: a point's global cell is floor(u * inverse)
  first: vec2f,      // global index of the grid's first cell per axis
  originPx: vec2f,   // pane px of the grid's first cell's edge
  cellPx: vec2f,     // signed px per cell
  t: vec2f,          // zoom fractions toward the next level
  count: u32,
  columns: u32,
  rows: u32,
  pointRadius: f32,
  minRadius: f32,
  radiusStep: f32,
  maxRadius: f32,
  _pad0: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> sums: array<atomic<u32>>;
@group(0) @binding(3) var<storage, read> cells: array<u32>;

const WORDS = 5u; // count, x low, x high, y low, y high
const FIXED = 65536.0;

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
  // Missing points are stored at 1e30.
  if (!(abs(p.x) < 1e29 && abs(p.y) < 1e29)) {
    return;
  }
  let s = p * params.inverse;
  let f = floor(s);
  let g = f - params.first;
  if (!(g.x >= 0.0 && g.x < f32(params.columns) && g.y >= 0.0 && g.y < f32(params.rows))) {
    return;
  }
  let c = (u32(g.y) * params.columns + u32(g.x)) * WORDS;
  atomicAdd(&sums[c], 1u);
  let fraction = (s - f) * FIXED;
  addWide(c + 1u, u32(fraction.x));
  addWide(c + 3u, u32(fraction.y));
}

struct VertexOut {
  @builtin(position) position: vec4f,
  // Offset from the disc's centre, px, its radius and its alpha.
  @location(0) offset: vec2f,
  @location(1) @interpolate(flat) radius: f32,
  @location(2) @interpolate(flat) alpha: f32,
}

const OFFSCREEN = vec4f(4.0, 4.0, 4.0, 1.0);

fn wide(at: u32) -> f32 {
  return f32(cells[at + 1u]) * 4294967296.0 + f32(cells[at]);
}

// Count, position sums (cells from the grid's first cell) and 1 when non-empty, of cell (i, j).
fn cellSum(i: u32, j: u32) -> vec4f {
  let o = (j * params.columns + i) * WORDS;
  let n = cells[o];
  if (n == 0u) {
    return vec4f(0.0);
  }
  let count = f32(n);
  return vec4f(count, f32(i) * count + wide(o + 1u) / FIXED, f32(j) * count + wide(o + 3u) / FIXED, 1.0);
}

fn radiusOf(n: f32) -> f32 {
  if (n <= 1.0) {
    return params.pointRadius;
  }
  return min(params.maxRadius, params.minRadius + params.radiusStep * log2(n * 0.5));
}

// The alpha each of m coinciding discs needs to look like one disc of the colour's alpha.
fn sharedAlpha(m: f32) -> f32 {
  let a = params.color.a;
  if (m <= 1.0 || a >= 1.0) {
    return a;
  }
  return 1.0 - pow(1.0 - a, 1.0 / m);
}

fn bilerp(a: f32, b: f32, c: f32, d: f32, t: vec2f) -> f32 {
  return (1.0 - t.x) * (1.0 - t.y) * a + t.x * (1.0 - t.y) * b + (1.0 - t.x) * t.y * c + t.x * t.y * d;
}

@vertex
fn vs_cluster(@builtin(vertex_index) index: u32) -> VertexOut {
  let cell = index / 6u;
  let corner = index % 6u;
  var out: VertexOut;
  let i = cell % params.columns;
  let j = cell / params.columns;
  let own = cellSum(i, j);
  if (own.x == 0.0) {
    out.position = OFFSCREEN;
    return out;
  }
  let i0 = i & ~1u;
  let j0 = j & ~1u;
  let xPair = cellSum(i0, j) + cellSum(i0 + 1u, j);
  let yPair = cellSum(i, j0) + cellSum(i, j0 + 1u);
  let block = cellSum(i0, j0) + cellSum(i0 + 1u, j0) + cellSum(i0, j0 + 1u) + cellSum(i0 + 1u, j0 + 1u);
  let t = params.t;
  let u = bilerp(own.y / own.x, xPair.y / xPair.x, yPair.y / yPair.x, block.y / block.x, t);
  let v = bilerp(own.z / own.x, xPair.z / xPair.x, yPair.z / yPair.x, block.z / block.x, t);
  let centre = params.originPx + params.cellPx * vec2f(u, v);
  let radius = bilerp(radiusOf(own.x), radiusOf(xPair.x), radiusOf(yPair.x), radiusOf(block.x), t);
  var corners = array<vec2f, 6>(vec2f(-1.0, -1.0), vec2f(1.0, -1.0), vec2f(-1.0, 1.0), vec2f(-1.0, 1.0), vec2f(1.0, -1.0), vec2f(1.0, 1.0));
  let offset = corners[corner] * (radius + 1.0);
  let q = params.pane.xy + centre + offset;
  out.position = vec4f(q.x / params.viewport.x * 2.0 - 1.0, 1.0 - q.y / params.viewport.y * 2.0, 0.0, 1.0);
  out.offset = offset;
  out.radius = radius;
  out.alpha = bilerp(params.color.a, sharedAlpha(xPair.w), sharedAlpha(yPair.w), sharedAlpha(block.w), t);
  return out;
}

// Analytic coverage of the disc's edge (like a canvas arc fill), premultiplied.
@fragment
fn fs_cluster(in: VertexOut) -> @location(0) vec4f {
  let coverage = clamp(in.radius - length(in.offset) + 0.5, 0.0, 1.0);
  if (coverage <= 0.0) {
    discard;
  }
  let a = in.alpha * coverage;
  return vec4f(params.color.rgb * a, a);
}
