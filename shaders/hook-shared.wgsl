// Custom shader hooks (src/custom-shaders/): what every hooked template shares. The user's hook
// function is placed before the template; it may not name anything declared here (the validator
// rejects every identifier of the templates and the gc_ prefix).

// A hook's colour, made safe to blend: NaN or huge channels give transparent, the rest is clamped
// to 0..1 (straight alpha).
fn gc_straight(c: vec4f) -> vec4f {
  if (!all(abs(c) < vec4f(1e30))) {
    return vec4f(0.0);
  }
  return clamp(c, vec4f(0.0), vec4f(1.0));
}
