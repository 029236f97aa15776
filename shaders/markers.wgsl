// Markers (scatter points): one quad per marker, six vertices each, pulled from storage by
// vertex_index (no instancing: software rasterizers such as SwiftShader run each instance as its
// own small batch, see primitives.wgsl). Positions are in data space (value − origin, f32; log10 of
// the value on log axes) and `transform` maps them to plot-relative device px, so a pan or zoom
// changes only this uniform. Each fragment evaluates the shape's signed distance in device px and
// turns it into coverage over about one pixel (antialiased edges, no MSAA needed). The Canvas2D
// renderer draws the same outlines (render/canvas2d/primitives/markers.ts).

struct Params {
  viewport: vec2f,    // canvas size, device px
  origin: vec2f,      // plot top-left, device px (unrounded)
  transform: vec4f,   // x px = x * t.x + t.y, y px = y * t.z + t.w (plot-relative device px)
  shape: u32,         // index in MARKER_SHAPES: circle, square, triangle, cross, diamond
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

struct Marker {
  pos: vec2f,         // data space, relative to the layer's origin
  size: f32,          // diameter, device px
  color: u32,         // RGBA8 straight alpha: r | g << 8 | b << 16 | a << 24
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> markers: array<Marker>;

struct VertexOut {
  @builtin(position) position: vec4f,
  // Premultiplied colour of the marker.
  @location(0) @interpolate(flat) color: vec4f,
  // Offset from the marker's centre, device px.
  @location(1) local: vec2f,
  @location(2) @interpolate(flat) radius: f32,
}

// Outside the clip volume: a marker that draws nothing collapses to it.
const OFFSCREEN = vec4f(4.0, 4.0, 4.0, 1.0);

@vertex
fn vs_marker(@builtin(vertex_index) vertexIndex: u32) -> VertexOut {
  let index = vertexIndex / 6u;
  let vertex = vertexIndex % 6u;
  var out: VertexOut;
  let m = markers[index];
  let c = unpack4x8unorm(m.color);
  let t = params.transform;
  let centre = vec2f(m.pos.x * t.x + t.y, m.pos.y * t.z + t.w);
  let r = m.size * 0.5;
  // Transparent, sizeless or not a number (skipped points are written as NaN positions; the
  // comparisons are false for NaN, so they land here without testing NaN itself).
  if (!(c.a > 0.0) || !(r > 0.0) || !(abs(centre.x) < 1e7) || !(abs(centre.y) < 1e7)) {
    out.position = OFFSCREEN;
    return out;
  }
  var corners = array<vec2f, 6>(
    vec2f(-1.0, -1.0), vec2f(1.0, -1.0), vec2f(-1.0, 1.0),
    vec2f(-1.0, 1.0), vec2f(1.0, -1.0), vec2f(1.0, 1.0),
  );
  // One pixel of margin around the shape for the antialiased edge.
  let local = corners[vertex] * (r + 1.0);
  let p = centre + local + params.origin;
  out.position = vec4f(p.x / params.viewport.x * 2.0 - 1.0, 1.0 - p.y / params.viewport.y * 2.0, 0.0, 1.0);
  out.color = vec4f(c.rgb * c.a, c.a);
  out.local = local;
  out.radius = r;
  return out;
}

// Signed distance (device px, negative inside) from p to the marker's outline.
fn markerDistance(p: vec2f, r: f32, shape: u32) -> f32 {
  let a = abs(p);
  if (shape == 1u) {
    // square
    return max(a.x, a.y) - r;
  }
  if (shape == 2u) {
    // triangle, apex up (y grows downwards): (0, -r), (r, r), (-r, r)
    let edge = (2.0 * a.x - p.y - r) * 0.4472136;
    return max(p.y - r, edge);
  }
  if (shape == 3u) {
    // cross: a plus of two bars
    let h = max(0.5, r / 3.0);
    return min(max(a.x - r, a.y - h), max(a.x - h, a.y - r));
  }
  if (shape == 4u) {
    // diamond
    return (a.x + a.y - r) * 0.70710678;
  }
  // circle
  return length(p) - r;
}

@fragment
fn fs_marker(in: VertexOut) -> @location(0) vec4f {
  let d = markerDistance(in.local, in.radius, params.shape);
  let coverage = clamp(0.5 - d, 0.0, 1.0);
  if (coverage <= 0.0) {
    discard;
  }
  return in.color * coverage;
}
