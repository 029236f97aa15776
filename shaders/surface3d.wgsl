// A lit surface z = f(x, y) (3D charts): one non-instanced triangle list, six vertices per drawn
// cell (SwiftShader pays a large fixed cost per instance, so row strips as instances were ~50×
// slower there); heights, column x and row y live in storage buffers uploaded once per data
// version (a streaming surface: only its appended columns), so a rotation changes only `viewProj`. Normals by central differences of the drawn
// (strided) grid; colour through the colormap LUT by height; optional wireframe and contours.
struct Params {
  viewProj: mat4x4f,
  // xyz: unit direction towards the light (world); w: ambient share.
  light: vec4f,
  // zScale, zOffset (world z = height * zScale + zOffset), colour min, colour max.
  zMap: vec4f,
  wire: vec4f,
  contour: vec4f,
  // cols, rows, stride, contour levels
  dims: vec4u,
  // Where heights[] holds shown column c, row r: physical column (c + offset) % capacity, at
  // physical·colStep + r·rowStep. Row-major: (cols, 0, 1, cols); a streaming ring: (capacity,
  // offset, rows, 1), so that an append rewrites only its columns and shifts `offset`.
  ring: vec4u,
};

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> heights: array<f32>;
@group(0) @binding(2) var<storage, read> xs: array<f32>;
@group(0) @binding(3) var<storage, read> ys: array<f32>;
@group(0) @binding(4) var<storage, read> lut: array<u32>;

struct VsOut {
  @builtin(position) position: vec4f,
  @location(0) normal: vec3f,
  @location(1) height: f32,
  @location(2) cell: vec2f,
  // GPU picking (fs_surface_id): the draw's tag (its first instance).
  @location(3) @interpolate(flat) tag: u32,
};

fn heightAt(c: u32, r: u32) -> f32 {
  return heights[((c + params.ring.y) % params.ring.x) * params.ring.z + r * params.ring.w];
}

fn worldAt(c: u32, r: u32) -> vec3f {
  return vec3f(xs[c], ys[r], heightAt(c, r) * params.zMap.x + params.zMap.y);
}

@vertex
fn vs_surface(@builtin(vertex_index) v: u32, @builtin(instance_index) tag: u32) -> VsOut {
  let cols = params.dims.x;
  let rows = params.dims.y;
  let s = params.dims.z;
  // Drawn cells per row; cell (cx, cy) spans lattice indices cx·s … (cx + 1)·s (the last clamped).
  let across = (cols - 1u + s - 1u) / s;
  let cell = v / 6u;
  let corners = array<vec2u, 6>(vec2u(0u, 0u), vec2u(1u, 0u), vec2u(0u, 1u), vec2u(0u, 1u), vec2u(1u, 0u), vec2u(1u, 1u));
  let corner = corners[v % 6u];
  let ci = min((cell % across + corner.x) * s, cols - 1u);
  let ri = min((cell / across + corner.y) * s, rows - 1u);
  let p = worldAt(ci, ri);
  let c0 = select(0u, ci - s, ci >= s);
  let c1 = min(ci + s, cols - 1u);
  let r0 = select(0u, ri - s, ri >= s);
  let r1 = min(ri + s, rows - 1u);
  let tx = worldAt(c1, ri) - worldAt(c0, ri);
  let ty = worldAt(ci, r1) - worldAt(ci, r0);
  var out: VsOut;
  out.position = params.viewProj * vec4f(p, 1.0);
  out.normal = cross(tx, ty);
  out.height = heightAt(ci, ri);
  out.cell = vec2f(f32(ci), f32(ri)) / f32(s);
  out.tag = tag;
  return out;
}

@fragment
fn fs_surface(in: VsOut) -> @location(0) vec4f {
  let lo = params.zMap.z;
  let hi = params.zMap.w;
  let t = clamp((in.height - lo) / max(hi - lo, 1e-30), 0.0, 1.0);
  let base = unpack4x8unorm(lut[u32(round(t * 255.0))]);
  let n = normalize(in.normal);
  let lit = params.light.w + (1.0 - params.light.w) * abs(dot(n, params.light.xyz));
  var rgb = base.rgb * lit;
  // Both derivatives outside the branches: uniform control flow.
  let gc = abs(fract(in.cell - 0.5) - 0.5) / max(fwidth(in.cell), vec2f(1e-6));
  let k = t * f32(params.dims.w + 1u);
  let gk = abs(fract(k - 0.5) - 0.5) / max(fwidth(k), 1e-6);
  if (params.wire.a > 0.0) {
    let line = 1.0 - min(min(gc.x, gc.y), 1.0);
    rgb = mix(rgb, params.wire.rgb, line * params.wire.a);
  }
  if (params.dims.w > 0u && t > 0.0 && t < 1.0) {
    let line = 1.0 - min(gk, 1.0);
    rgb = mix(rgb, params.contour.rgb, line * params.contour.a);
  }
  return vec4f(rgb * base.a, base.a);
}

// GPU picking: the front-most surface at each pixel leaves (tag, the grid vertex nearest that
// point of the drawn lattice as row × cols + column) in an rg32uint target.
@fragment
fn fs_surface_id(in: VsOut) -> @location(0) vec2u {
  let cols = params.dims.x;
  let rows = params.dims.y;
  let s = params.dims.z;
  let lattice = vec2u(round(max(in.cell, vec2f(0.0)))) * s;
  let c = min(lattice.x, cols - 1u);
  let r = min(lattice.y, rows - 1u);
  return vec2u(in.tag, r * cols + c);
}
