// Lines, areas and grid segments of a chart. Points are (x, y) in device pixels relative to the
// plot's top-left corner: the CPU subtracts the viewport origin in float64 before converting to
// f32, so positions keep sub-pixel precision at any zoom.

struct Params {
  viewport: vec2f,   // canvas size, device px
  origin: vec2f,     // plot top-left, device px
  color: vec4f,      // straight alpha
  halfWidth: f32,    // stroke half width, device px
  stride: u32,       // 1: polyline (segment i = points i, i+1); 2: independent segments (2i, 2i+1)
  baseline: f32,     // area baseline y, plot-relative device px
  _pad: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec2f>;

struct VertexOut {
  @builtin(position) position: vec4f,
}

// A gap is a very large y (see GAP_Y in frame-scene.ts); NaN is avoided on purpose.
fn isGap(p: vec2f) -> bool {
  return abs(p.y) > 1e29;
}

fn toClip(p: vec2f) -> vec4f {
  let q = p + params.origin;
  return vec4f(q.x / params.viewport.x * 2.0 - 1.0, 1.0 - q.y / params.viewport.y * 2.0, 0.0, 1.0);
}

// Outside the clip volume: a segment touching a gap collapses to nothing.
const OFFSCREEN = vec4f(4.0, 4.0, 4.0, 1.0);

// Six vertices per segment (vertex_index / 6 is the segment; no instancing: software rasterizers
// such as SwiftShader process each instance as its own small batch): a quad around the segment,
// extended by the half width at both ends (square caps), which also closes the joints of a polyline.
@vertex
fn vs_line(@builtin(vertex_index) index: u32) -> VertexOut {
  let segment = index / 6u;
  let vertex = index % 6u;
  var out: VertexOut;
  let a = points[segment * params.stride];
  let b = points[segment * params.stride + 1u];
  if (isGap(a) || isGap(b)) {
    out.position = OFFSCREEN;
    return out;
  }
  let delta = b - a;
  let len = length(delta);
  var dir = vec2f(1.0, 0.0);
  if (len > 1e-6) {
    dir = delta / len;
  }
  let normal = vec2f(-dir.y, dir.x);
  var corners = array<vec2f, 6>(
    vec2f(0.0, -1.0), vec2f(0.0, 1.0), vec2f(1.0, -1.0),
    vec2f(1.0, -1.0), vec2f(0.0, 1.0), vec2f(1.0, 1.0),
  );
  let corner = corners[vertex];
  let hw = params.halfWidth;
  var end = a - dir * hw;
  if (corner.x > 0.5) {
    end = b + dir * hw;
  }
  out.position = toClip(end + normal * (hw * corner.y));
  return out;
}

// Six vertices per segment: the trapezoid between the segment and the baseline.
@vertex
fn vs_area(@builtin(vertex_index) index: u32) -> VertexOut {
  let segment = index / 6u;
  let vertex = index % 6u;
  var out: VertexOut;
  let a = points[segment];
  let b = points[segment + 1u];
  if (isGap(a) || isGap(b)) {
    out.position = OFFSCREEN;
    return out;
  }
  let base = params.baseline;
  var corners = array<vec2f, 6>(a, b, vec2f(b.x, base), a, vec2f(b.x, base), vec2f(a.x, base));
  out.position = toClip(corners[vertex]);
  return out;
}

// Premultiplied output, blended with (one, one-minus-src-alpha).
@fragment
fn fs_solid() -> @location(0) vec4f {
  return vec4f(params.color.rgb * params.color.a, params.color.a);
}

// Bands (the fill between two polylines A and B). The storage holds one (xA, yA, xB, yB) per row,
// read as two vec2f: points[2i] is A's point i, points[2i + 1] is B's. Six vertices per segment:
// the quad A_i, A_i+1, B_i+1, B_i as two triangles; when A and B cross inside the segment (the
// sign of yA - yB changes), the two triangles A_i B_i X and X A_i+1 B_i+1 meeting at the crossing
// X instead, so the filled region is exactly what a nonzero polygon fill of the band covers.
@vertex
fn vs_band(@builtin(vertex_index) index: u32) -> VertexOut {
  let segment = index / 6u;
  var out: VertexOut;
  let a0 = points[segment * 2u];
  let b0 = points[segment * 2u + 1u];
  let a1 = points[segment * 2u + 2u];
  let b1 = points[segment * 2u + 3u];
  if (isGap(a0) || isGap(b0) || isGap(a1) || isGap(b1)) {
    out.position = OFFSCREEN;
    return out;
  }
  out.position = toClip(bandCorner(a0, b0, a1, b1, index % 6u));
  return out;
}

// Corner `vertex` (0..5) of the band segment between rows (a0, b0) and (a1, b1), none a gap
// (shared with the hooked template, shaders/hook-band.wgsl, so that both cover the same pixels).
fn bandCorner(a0: vec2f, b0: vec2f, a1: vec2f, b1: vec2f, vertex: u32) -> vec2f {
  let d0 = a0.y - b0.y;
  let d1 = a1.y - b1.y;
  var corners = array<vec2f, 6>(a0, a1, b1, a0, b1, b0);
  if (d0 * d1 < 0.0) {
    let t = d0 / (d0 - d1);
    let x = mix(a0, a1, t);
    corners = array<vec2f, 6>(a0, b0, x, x, a1, b1);
  }
  return corners[vertex];
}
