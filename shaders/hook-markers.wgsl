// Hooked markers: markers.wgsl's splat pass with each marker's colour replaced by the colour hook,
// evaluated once per marker at its centre (see templates.ts for where it is spliced in).
fn gc_marker_color(m: Marker, index: u32) -> u32 {
  let t = params.transform;
  let pixel = vec2f(m.pos.x * t.x + t.y, m.pos.y * t.z + t.w);
  var up = 1.0;
  if (index > 0u) {
    up = select(0.0, 1.0, m.pos.y >= markers[index - 1u].pos.y);
  }
  let c = gc_straight(color(gc_input(pixel, pixel.y, index, 0.0, up, unpack4x8unorm(m.color))));
  return pack4x8unorm(c);
}
