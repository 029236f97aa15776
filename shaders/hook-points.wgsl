// Hooked lines and areas: primitives.wgsl's geometry (same bindings in group 0) with varyings the
// colour hook reads, and each point's distance along the line (group 1, computed on the CPU).
@group(1) @binding(1) var<storage, read> hookDistances: array<f32>;

struct HookVertex {
  @builtin(position) position: vec4f,
  @location(0) distance: f32,
  @location(1) lineY: f32,
  @location(2) @interpolate(flat) index: u32,
  @location(3) @interpolate(flat) up: f32,
}

@vertex
fn vs_line_hook(@builtin(vertex_index) vertexIndex: u32) -> HookVertex {
  let segment = vertexIndex / 6u;
  let vertex = vertexIndex % 6u;
  var out: HookVertex;
  let ia = segment * params.stride;
  let a = points[ia];
  let b = points[ia + 1u];
  out.index = segment;
  out.up = select(0.0, 1.0, b.y < a.y);
  if (isGap(a) || isGap(b)) {
    out.position = OFFSCREEN;
    return out;
  }
  let delta = b - a;
  let len = length(delta);
  var dir = vec2f(1.0, 0.0);
  if (len > 1e-6) {
    dir = delta / len;
  }
  let normal = vec2f(-dir.y, dir.x);
  var corners = array<vec2f, 6>(
    vec2f(0.0, -1.0), vec2f(0.0, 1.0), vec2f(1.0, -1.0),
    vec2f(1.0, -1.0), vec2f(0.0, 1.0), vec2f(1.0, 1.0),
  );
  let corner = corners[vertex];
  let hw = params.halfWidth;
  var end = a - dir * hw;
  if (corner.x > 0.5) {
    end = b + dir * hw;
  }
  let q = end + normal * (hw * corner.y);
  let along = dot(q - a, dir);
  out.distance = hookDistances[ia] + along;
  out.lineY = a.y + delta.y * clamp(along / max(len, 1e-6), 0.0, 1.0);
  out.position = toClip(q);
  return out;
}

@vertex
fn vs_area_hook(@builtin(vertex_index) vertexIndex: u32) -> HookVertex {
  let segment = vertexIndex / 6u;
  let vertex = vertexIndex % 6u;
  var out: HookVertex;
  let a = points[segment];
  let b = points[segment + 1u];
  out.index = segment;
  out.up = select(0.0, 1.0, b.y < a.y);
  if (isGap(a) || isGap(b)) {
    out.position = OFFSCREEN;
    return out;
  }
  let base = params.baseline;
  var corners = array<vec2f, 6>(a, b, vec2f(b.x, base), a, vec2f(b.x, base), vec2f(a.x, base));
  // Which end of the segment each corner belongs to (0: a, 1: b).
  var ends = array<f32, 6>(0.0, 1.0, 1.0, 0.0, 1.0, 0.0);
  let e = ends[vertex];
  out.distance = mix(hookDistances[segment], hookDistances[segment + 1u], e);
  out.lineY = mix(a.y, b.y, e);
  out.position = toClip(corners[vertex]);
  return out;
}

@fragment
fn fs_hook(in: HookVertex) -> @location(0) vec4f {
  let local = in.position.xy - params.origin;
  let c = gc_straight(color(gc_input(local, in.lineY, in.index, in.distance, in.up, hook.color)));
  return vec4f(c.rgb * c.a, c.a);
}
