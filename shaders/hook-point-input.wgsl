// Colour hooks (lines, areas, scatter markers): `fn color(p: PointInput) -> vec4f`. The fields
// are documented in docs/shaders.md; keep the two in step.
struct PointInput {
  pixel: vec2f,     // pane-relative device px, y down (markers: the marker's centre)
  data: vec2f,      // data at `pixel`: x - the window's left edge (log x: log10 x), y value
  value: f32,       // the series' value here: the line's y at this x (markers: the marker's y)
  level: f32,       // the height of `value` in the pane: 0 at the bottom edge, 1 at the top
  index: u32,       // drawn segment (joining points index, index + 1) or marker index
  distance: f32,    // device px along the line from its first drawn point (markers: 0)
  up: f32,          // 1 on a rising segment (markers: y >= the previous marker's), else 0
  color: vec4f,     // the series' own colour, straight alpha
  size: vec2f,      // the pane's size, device px
}

// Group 1 of a hooked pipeline: the maps from pane pixels back to data (written per frame).
struct HookParams {
  xMap: vec4f,      // (a, b, log, 0): a * px + b is data x - window start (log: log10 x)
  yMap: vec4f,      // (a, b, log, 0): a * py + b is the value (log: log10 of it)
  color: vec4f,     // the layer's own colour, straight alpha
  size: vec2f,      // pane size, device px
  count: u32,       // elements in the layer
  _pad: u32,
}

@group(1) @binding(0) var<uniform> hook: HookParams;

fn gc_value(m: vec4f, pixel: f32) -> f32 {
  let v = m.x * pixel + m.y;
  if (m.z > 0.5) {
    return pow(10.0, v);
  }
  return v;
}

fn gc_input(pixel: vec2f, lineY: f32, index: u32, distance: f32, up: f32, color: vec4f) -> PointInput {
  var p: PointInput;
  p.pixel = pixel;
  p.data = vec2f(hook.xMap.x * pixel.x + hook.xMap.y, gc_value(hook.yMap, pixel.y));
  p.value = gc_value(hook.yMap, lineY);
  p.level = 1.0 - lineY / max(hook.size.y, 1.0);
  p.index = index;
  p.distance = distance;
  p.up = up;
  p.color = color;
  p.size = hook.size;
  return p;
}
