// 3D bars: each bar a box of 36 vertices (six faces, two triangles each) from
// its centre (x, y), base z0 and top z1 (world), lit per face like every 3D primitive.
struct Params {
  viewProj: mat4x4f,
  light: vec4f,
  // half footprint along x, y (world), unused, unused
  half: vec4f,
};

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> bars: array<vec4f>;
@group(0) @binding(2) var<storage, read> colors: array<u32>;

struct VsOut {
  @builtin(position) position: vec4f,
  @location(0) @interpolate(flat) color: vec4f,
  // GPU picking (fs_bars3d_id): the draw's tag (its first instance) and the bar's index in the chunk.
  @location(1) @interpolate(flat) id: vec2u,
};

// Not instanced: bar i is vertices 36i … 36i + 35 (SwiftShader pays a large fixed cost per instance).
@vertex
fn vs_bars3d(@builtin(vertex_index) vertex: u32, @builtin(instance_index) tag: u32) -> VsOut {
  let i = vertex / 36u;
  let v = vertex % 36u;
  let quad = array<vec2f, 6>(vec2f(-1.0, -1.0), vec2f(1.0, -1.0), vec2f(1.0, 1.0), vec2f(-1.0, -1.0), vec2f(1.0, 1.0), vec2f(-1.0, 1.0));
  let face = v / 6u;
  let axis = face / 2u;
  let sign = select(-1.0, 1.0, face % 2u == 0u);
  let q = quad[v % 6u];
  var unit = vec3f(0.0);
  var normal = vec3f(0.0);
  if (axis == 0u) {
    unit = vec3f(sign, q.x, q.y);
    normal = vec3f(1.0, 0.0, 0.0);
  } else if (axis == 1u) {
    unit = vec3f(q.x, sign, q.y);
    normal = vec3f(0.0, 1.0, 0.0);
  } else {
    unit = vec3f(q.x, q.y, sign);
    normal = vec3f(0.0, 0.0, 1.0);
  }
  let b = bars[i];
  let p = vec3f(b.x + unit.x * params.half.x, b.y + unit.y * params.half.y, mix(b.z, b.w, unit.z * 0.5 + 0.5));
  let base = unpack4x8unorm(colors[i]);
  let lit = params.light.w + (1.0 - params.light.w) * abs(dot(normal, params.light.xyz));
  var out: VsOut;
  out.position = params.viewProj * vec4f(p, 1.0);
  out.color = vec4f(base.rgb * lit * base.a, base.a);
  out.id = vec2u(tag, i);
  return out;
}

@fragment
fn fs_bars3d(in: VsOut) -> @location(0) vec4f {
  return in.color;
}

// GPU picking: the front-most bar at each pixel leaves (tag, index) in an rg32uint target.
@fragment
fn fs_bars3d_id(in: VsOut) -> @location(0) vec2u {
  return in.id;
}
