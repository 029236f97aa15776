// Markers (scatter points), drawn in two steps, because software rasterizers (SwiftShader) set up
// small triangles slowly (two per marker cost ~5 µs per marker there, ~0.5 s for 100k):
//
// 1. cs_splat (compute, one invocation per marker): maps the marker from data space (value −
//    origin, f32; log10 of the value on log axes) to canvas px with `transform`, evaluates the
//    shape's signed distance (device px) at each pixel centre of its box and turns it into
//    coverage over about one pixel (antialiased edge); writes key = (alpha × coverage) << 24 | rgb
//    into the pane's pixel buffer with atomicMax: per pixel, the marker covering it most wins.
// 2. vs_composite / fs_composite: one triangle over the pane (clipped by the scissor) reads each
//    pixel's key and outputs it premultiplied, blended over what is below.
//
// A pan or zoom changes only `transform` (a uniform): the markers are not uploaded again. Where
// markers overlap, the one covering a pixel most shows (no accumulation of translucent markers).
// The Canvas2D renderer draws the same outlines (render/canvas2d/primitives/markers.ts).

struct Params {
  viewport: vec2f,    // canvas size, device px
  origin: vec2f,      // pane top-left, device px (unrounded)
  transform: vec4f,   // x px = x * t.x + t.y, y px = y * t.z + t.w (pane-relative device px)
  shape: u32,         // index in MARKER_SHAPES: circle, square, triangle, cross, diamond
  clipX: u32,         // the pane's scissor rectangle, canvas px: the pixel buffer's extent
  clipY: u32,
  clipW: u32,
  clipH: u32,
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
@group(0) @binding(2) var<storage, read_write> pixels: array<atomic<u32>>;

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

@compute @workgroup_size(64)
fn cs_splat(@builtin(global_invocation_id) id: vec3u, @builtin(num_workgroups) groups: vec3u) {
  // Dispatches wider than 65535 workgroups continue on y.
  let index = id.x + id.y * groups.x * 64u;
  // The binding holds exactly this chunk's markers (see layer-buffers.ts).
  if (index >= arrayLength(&markers)) {
    return;
  }
  let m = markers[index];
  let alpha = (m.color >> 24u) & 255u;
  let r = m.size * 0.5;
  let t = params.transform;
  let centre = vec2f(m.pos.x * t.x + t.y, m.pos.y * t.z + t.w) + params.origin;
  // Transparent, sizeless or not a number (the comparisons are false for NaN).
  if (alpha == 0u || !(r > 0.0) || !(abs(centre.x) < 1e7) || !(abs(centre.y) < 1e7)) {
    return;
  }
  // The pixels whose centres may get coverage (within r + 0.5 of the centre on both axes: every
  // shape fits in the square of half-size r), inside the pane's clip rectangle.
  let lo = vec2i(floor(centre - vec2f(r)));
  let hi = vec2i(ceil(centre + vec2f(r)));
  let clipLo = vec2i(i32(params.clipX), i32(params.clipY));
  let clipHi = clipLo + vec2i(i32(params.clipW), i32(params.clipH));
  let x0 = max(lo.x, clipLo.x);
  let x1 = min(hi.x, clipHi.x);
  let y0 = max(lo.y, clipLo.y);
  let y1 = min(hi.y, clipHi.y);
  let rgb = m.color & 0xffffffu;
  let a = f32(alpha);
  for (var y = y0; y < y1; y++) {
    for (var x = x0; x < x1; x++) {
      let d = markerDistance(vec2f(f32(x) + 0.5, f32(y) + 0.5) - centre, r, params.shape);
      let coverage = clamp(0.5 - d, 0.0, 1.0);
      let k = u32(a * coverage + 0.5);
      if (k == 0u) {
        continue;
      }
      let at = u32(y - clipLo.y) * params.clipW + u32(x - clipLo.x);
      atomicMax(&pixels[at], (k << 24u) | rgb);
    }
  }
}

struct VertexOut {
  @builtin(position) position: vec4f,
}

// One triangle covering the whole canvas; the scissor keeps it to the pane.
@vertex
fn vs_composite(@builtin(vertex_index) vertexIndex: u32) -> VertexOut {
  var corners = array<vec2f, 3>(vec2f(-1.0, -1.0), vec2f(3.0, -1.0), vec2f(-1.0, 3.0));
  var out: VertexOut;
  out.position = vec4f(corners[vertexIndex], 0.0, 1.0);
  return out;
}

@fragment
fn fs_composite(in: VertexOut) -> @location(0) vec4f {
  let p = vec2i(floor(in.position.xy)) - vec2i(i32(params.clipX), i32(params.clipY));
  if (p.x < 0 || p.y < 0 || p.x >= i32(params.clipW) || p.y >= i32(params.clipH)) {
    discard;
  }
  let key = atomicLoad(&pixels[u32(p.y) * params.clipW + u32(p.x)]);
  if (key == 0u) {
    discard;
  }
  let c = unpack4x8unorm(key);
  // Premultiplied, for the (one, one-minus-src-alpha) blend shared with the other kinds.
  return vec4f(c.rgb * c.a, c.a);
}
