// Axis-aligned rectangles with one colour each (candle bodies and wicks, volume bars, OHLC ticks).
// Rectangles are (x0, y0, x1, y1) in device pixels relative to the plot's top-left corner, like the
// points of primitives.wgsl. Every edge is snapped to a whole device pixel here, so bodies are
// crisp, a 1-px wick is exactly one pixel column, and no edge is antialiased: with MSAA every
// sample of a pixel is in or every one is out. The Canvas2D renderer applies the same rule
// (snapRectSpan in frame-scene.ts), step by step in f32, so both draw the same pixels.

struct Params {
  viewport: vec2f,   // canvas size, device px
  origin: vec2f,     // plot top-left, device px (unrounded)
  clipMin: vec2f,    // scissor rectangle, canvas px (whole pixels)
  clipMax: vec2f,
  minSize: f32,      // narrower or shorter spans are widened to this around their centre
  _pad0: f32,
  _pad1: f32,
  _pad2: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> rects: array<vec4f>;
// RGBA8, straight alpha: r | g << 8 | b << 16 | a << 24, which is unpack4x8unorm's order.
@group(0) @binding(2) var<storage, read> colors: array<u32>;

struct VertexOut {
  @builtin(position) position: vec4f,
  // Flat: one colour per rectangle, no interpolation work.
  @location(0) @interpolate(flat) color: vec4f,
}

// One axis of a rectangle: normalise the order, widen to minSize around the centre, move to canvas
// pixels, round each edge to the nearest pixel boundary (halves up: floor(v + 0.5), not WGSL's
// round(), which rounds halves to even). The halvings are exact, so contracting them into fused
// multiply-adds changes nothing, and the remaining additions are single f32 roundings that the
// Canvas2D renderer reproduces with Math.fround.
fn snapSpan(a: f32, b: f32, origin: f32) -> vec2f {
  var lo = min(a, b);
  var hi = max(a, b);
  let size = params.minSize;
  if (hi - lo < size) {
    let centre = (lo + hi) * 0.5;
    lo = centre - size * 0.5;
    hi = centre + size * 0.5;
  }
  return floor(vec2f(lo + origin, hi + origin) + 0.5);
}

// Where vertex `vertex` (0..5) of rectangle `index` lies, in clip space (shared with the hooked
// template, shaders/hook-rects.wgsl, so that a hooked rectangle covers exactly the same pixels).
fn rectCorner(index: u32, vertex: u32) -> vec4f {
  let r = rects[index];
  let xs = snapSpan(r.x, r.z, params.origin.x);
  let ys = snapSpan(r.y, r.w, params.origin.y);
  // Clamped to the scissor rectangle, whose edges are whole pixels too: the same pixels are
  // covered, and a rectangle far outside the plot never sends huge coordinates to the rasterizer.
  let lo = clamp(vec2f(xs.x, ys.x), params.clipMin, params.clipMax);
  let hi = clamp(vec2f(xs.y, ys.y), params.clipMin, params.clipMax);
  var corners = array<vec2f, 6>(
    vec2f(0.0, 0.0), vec2f(1.0, 0.0), vec2f(0.0, 1.0),
    vec2f(0.0, 1.0), vec2f(1.0, 0.0), vec2f(1.0, 1.0),
  );
  // select, not mix: picks an edge exactly, with no arithmetic to round.
  let p = select(lo, hi, corners[vertex] > vec2f(0.5));
  return vec4f(p.x / params.viewport.x * 2.0 - 1.0, 1.0 - p.y / params.viewport.y * 2.0, 0.0, 1.0);
}

// Six vertices (two triangles) per rectangle.
@vertex
fn vs_rect(@builtin(vertex_index) vertexIndex: u32) -> VertexOut {
  // Six vertices per rectangle, without instancing (see primitives.wgsl).
  let index = vertexIndex / 6u;
  var out: VertexOut;
  out.position = rectCorner(index, vertexIndex % 6u);
  let c = unpack4x8unorm(colors[index]);
  // Premultiplied, for the (one, one-minus-src-alpha) blend shared with primitives.wgsl.
  out.color = vec4f(c.rgb * c.a, c.a);
  return out;
}

@fragment
fn fs_rect(in: VertexOut) -> @location(0) vec4f {
  return in.color;
}
