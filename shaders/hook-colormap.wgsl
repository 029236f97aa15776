// Colormap hooks (heatmap grids, density maps): `fn colormap(t: f32) -> vec4f` replaces the
// 256-entry lookup table. t is 0 at the colour scale's minimum and 1 at its maximum.
fn gc_colormap(t: f32) -> vec4f {
  return gc_straight(colormap(clamp(t, 0.0, 1.0)));
}
