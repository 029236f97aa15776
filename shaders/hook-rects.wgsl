// Hooked rectangles (candles, OHLC bars, volume and histogram bars): rects.wgsl's geometry (same
// bindings in group 0, the same pixels through rectCorner) with the colour hook called per
// fragment. What the hook sees of each rectangle (its bar's open/high/low/close, value, part) is a
// row of group 1 written on the CPU (RectsLayer.hookInputs, see hook-groups.ts).
struct RectInput {
  ohlc: vec4f,      // open, high, low, close of the rectangle's bar (data units)
  value: f32,       // the bar's value (data units; volume bars: the volume)
  valueY: f32,      // where the value is drawn, pane-relative device px (PointInput.level)
  index: u32,       // the bar's index among the drawn bars
  flags: u32,       // PointInput.part | (up << 8)
}

@group(1) @binding(1) var<storage, read> rectInputs: array<RectInput>;

struct RectHookVertex {
  @builtin(position) position: vec4f,
  @location(0) @interpolate(flat) color: vec4f,
  @location(1) @interpolate(flat) ohlc: vec4f,
  @location(2) @interpolate(flat) value: f32,
  @location(3) @interpolate(flat) valueY: f32,
  @location(4) @interpolate(flat) index: u32,
  @location(5) @interpolate(flat) flags: u32,
  // rects.wgsl's params are visible to the vertex stage only (its bind group layout).
  @location(6) @interpolate(flat) origin: vec2f,
}

@vertex
fn vs_rect_hook(@builtin(vertex_index) vertexIndex: u32) -> RectHookVertex {
  let index = vertexIndex / 6u;
  var out: RectHookVertex;
  out.position = rectCorner(index, vertexIndex % 6u);
  out.color = unpack4x8unorm(colors[index]);
  let row = rectInputs[index];
  out.ohlc = row.ohlc;
  out.value = row.value;
  out.valueY = row.valueY;
  out.index = row.index;
  out.flags = row.flags;
  out.origin = params.origin;
  return out;
}

@fragment
fn fs_rect_hook(in: RectHookVertex) -> @location(0) vec4f {
  let local = in.position.xy - in.origin;
  var p = gc_input(local, in.valueY, in.index, 0.0, f32((in.flags >> 8u) & 1u), in.color);
  p.value = in.value;
  p.ohlc = in.ohlc;
  p.part = in.flags & 255u;
  let c = gc_straight(color(p));
  return vec4f(c.rgb * c.a, c.a);
}
