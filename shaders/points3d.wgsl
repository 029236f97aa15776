// A 3D point cloud: each point six vertices, a screen-facing disc of its own diameter (px) and
// colour. Positions are world space, uploaded once per data version; a rotation changes only
// `viewProj`. Discs are cut with a hard edge (discard) so that the depth buffer sorts them.
struct Params {
  viewProj: mat4x4f,
  // canvas width, height (px), unused, unused
  viewport: vec4f,
};

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> points: array<vec4f>;
@group(0) @binding(2) var<storage, read> colors: array<u32>;

struct VsOut {
  @builtin(position) position: vec4f,
  @location(0) uv: vec2f,
  @location(1) @interpolate(flat) radius: f32,
  @location(2) @interpolate(flat) color: u32,
  // GPU picking (fs_points3d_id): the draw's tag (its first instance) and the point's index in the chunk.
  @location(3) @interpolate(flat) id: vec2u,
};

// Not instanced: point i is vertices 6i … 6i + 5 (SwiftShader pays a large fixed cost per instance).
@vertex
fn vs_points3d(@builtin(vertex_index) vertex: u32, @builtin(instance_index) tag: u32) -> VsOut {
  let i = vertex / 6u;
  let v = vertex % 6u;
  let corners = array<vec2f, 6>(vec2f(-1.0, -1.0), vec2f(1.0, -1.0), vec2f(-1.0, 1.0), vec2f(-1.0, 1.0), vec2f(1.0, -1.0), vec2f(1.0, 1.0));
  let p = points[i];
  let r = max(p.w * 0.5, 0.5);
  let c = params.viewProj * vec4f(p.xyz, 1.0);
  let corner = corners[v];
  var out: VsOut;
  out.position = vec4f(c.xy + corner * r / (params.viewport.xy * 0.5) * c.w, c.z, c.w);
  out.uv = corner * r;
  out.radius = r;
  out.color = colors[i];
  out.id = vec2u(tag, i);
  return out;
}

@fragment
fn fs_points3d(in: VsOut) -> @location(0) vec4f {
  if (dot(in.uv, in.uv) > in.radius * in.radius) {
    discard;
  }
  let c = unpack4x8unorm(in.color);
  return vec4f(c.rgb * c.a, c.a);
}

// GPU picking: the id pass draws the same discs, depth-tested, into an rg32uint target: the front-most
// point at each pixel leaves (tag, index).
@fragment
fn fs_points3d_id(in: VsOut) -> @location(0) vec2u {
  if (dot(in.uv, in.uv) > in.radius * in.radius) {
    discard;
  }
  return in.id;
}
