// World-space segments of 3D charts (the axes box, ticks, grid planes): each segment six vertices,
// a quad `width` px wide in screen space, depth-tested against the data.
struct Params {
  viewProj: mat4x4f,
  color: vec4f,
  // canvas width, height (px), line width (px), unused
  viewport: vec4f,
};

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> segs: array<f32>;

// Not instanced: segment i is vertices 6i … 6i + 5 (SwiftShader pays a large fixed cost per instance).
@vertex
fn vs_lines3d(@builtin(vertex_index) vertex: u32) -> @builtin(position) vec4f {
  let i = vertex / 6u;
  let v = vertex % 6u;
  let a = vec3f(segs[i * 6u], segs[i * 6u + 1u], segs[i * 6u + 2u]);
  let b = vec3f(segs[i * 6u + 3u], segs[i * 6u + 4u], segs[i * 6u + 5u]);
  let ca = params.viewProj * vec4f(a, 1.0);
  let cb = params.viewProj * vec4f(b, 1.0);
  let half = params.viewport.xy * 0.5;
  let sa = ca.xy / max(ca.w, 1e-6) * half;
  let sb = cb.xy / max(cb.w, 1e-6) * half;
  let d = sb - sa;
  let len = length(d);
  let dir = select(vec2f(1.0, 0.0), d / len, len > 1e-6);
  let nrm = vec2f(-dir.y, dir.x) * params.viewport.z * 0.5;
  // Two triangles: (a-, a+, b-), (b-, a+, b+).
  let ends = array<u32, 6>(0u, 0u, 1u, 1u, 0u, 1u);
  let sides = array<f32, 6>(-1.0, 1.0, -1.0, -1.0, 1.0, 1.0);
  let c = select(ca, cb, ends[v] == 1u);
  let off = nrm * sides[v] / half * c.w;
  return vec4f(c.xy + off, c.z, c.w);
}

@fragment
fn fs_lines3d() -> @location(0) vec4f {
  return vec4f(params.color.rgb * params.color.a, params.color.a);
}
