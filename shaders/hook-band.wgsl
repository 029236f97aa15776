// Hooked bands: primitives.wgsl's band geometry (same bindings in group 0, the same corners through
// bandCorner) with the colour hook called per fragment. Row i of the storage holds A's point i (the
// band's high column) and B's (its low column); both edges' y at a fragment's x are interpolated.
struct BandHookVertex {
  @builtin(position) position: vec4f,
  @location(0) yHigh: f32,
  @location(1) yLow: f32,
  @location(2) @interpolate(flat) index: u32,
  @location(3) @interpolate(flat) up: f32,
}

@vertex
fn vs_band_hook(@builtin(vertex_index) vertexIndex: u32) -> BandHookVertex {
  let segment = vertexIndex / 6u;
  var out: BandHookVertex;
  let a0 = points[segment * 2u];
  let b0 = points[segment * 2u + 1u];
  let a1 = points[segment * 2u + 2u];
  let b1 = points[segment * 2u + 3u];
  out.index = segment;
  // Rising: the band's middle goes up the screen (y down) along the segment.
  out.up = select(0.0, 1.0, a1.y + b1.y < a0.y + b0.y);
  if (isGap(a0) || isGap(b0) || isGap(a1) || isGap(b1)) {
    out.position = OFFSCREEN;
    return out;
  }
  let q = bandCorner(a0, b0, a1, b1, vertexIndex % 6u);
  // Each edge's y at the corner's x: linear in x, so interpolating it across the triangles is exact.
  let width = a1.x - a0.x;
  var t = 0.0;
  if (abs(width) > 1e-6) {
    t = clamp((q.x - a0.x) / width, 0.0, 1.0);
  }
  out.yHigh = mix(a0.y, a1.y, t);
  out.yLow = mix(b0.y, b1.y, t);
  out.position = toClip(q);
  return out;
}

@fragment
fn fs_band_hook(in: BandHookVertex) -> @location(0) vec4f {
  let local = in.position.xy - params.origin;
  var p = gc_input(local, 0.5 * (in.yHigh + in.yLow), in.index, 0.0, in.up, hook.color);
  let high = gc_value(hook.yMap, in.yHigh);
  let low = gc_value(hook.yMap, in.yLow);
  p.ohlc = vec4f(low, max(low, high), min(low, high), high);
  // y grows downwards: the high column on top has the smaller y.
  p.part = select(PART_BAND, PART_BAND_CROSSED, in.yHigh > in.yLow);
  let c = gc_straight(color(p));
  return vec4f(c.rgb * c.a, c.a);
}
