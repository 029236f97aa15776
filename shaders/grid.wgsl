// Heatmap / spectrogram grids: one quad per layer; each fragment samples the value texture
// (r32float, not filterable, so the interpolation is done here with textureLoad), maps the value
// to a colormap position (linear or log10) and looks the colour up in a 256×1 RGBA8 LUT.
// src/core/scene/grid-sampling.ts is the same maths in TypeScript (the Canvas2D fallback).

struct Params {
  canvas: vec2f,
  // The quad, canvas px (the grid's rectangle clipped to its pane).
  quad0: vec2f,
  quad1: vec2f,
  // Grid position of a fragment: u = x * ax + bx, v = y * ay + by (cell units, v = 0 at the bottom).
  ax: f32,
  bx: f32,
  ay: f32,
  by: f32,
  // Colour range: values (linear) or log10 values (log).
  lo: f32,
  hi: f32,
  cols: u32,
  rows: u32,
  ring: u32,
  capacity: u32,
  // bit 0: log scale; bits 1-2: 0 nearest, 1 bilinear, 2 bicubic; bit 3: ring of columns layout;
  // bit 4: log10 x axis; bit 5: log10 y axis.
  flags: u32,
  pad0: u32,
  pad1: u32,
  pad2: u32,
  // On a log axis, x * ax + bx is the axis' log10 value and the cell coordinate is 10^that * cx + dx.
  cx: f32,
  dx: f32,
  cy: f32,
  dy: f32,
};

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var values: texture_2d<f32>;
@group(0) @binding(2) var lut: texture_2d<f32>;

@vertex
fn vs_grid(@builtin(vertex_index) index: u32) -> @builtin(position) vec4f {
  let corner = vec2f(f32(index == 1u || index == 4u || index == 5u), f32(index == 2u || index == 3u || index == 5u));
  let p = mix(params.quad0, params.quad1, corner);
  return vec4f(p.x / params.canvas.x * 2.0 - 1.0, 1.0 - p.y / params.canvas.y * 2.0, 0.0, 1.0);
}

// NaN and ±Infinity (all exponent bits set): tested on the bits, which compilers cannot assume away.
fn missing(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u;
}

fn cell(c: i32, r: i32) -> f32 {
  let cc = u32(clamp(c, 0, i32(params.cols) - 1));
  let rr = u32(clamp(r, 0, i32(params.rows) - 1));
  if ((params.flags & 8u) != 0u) {
    let p = (params.ring + cc) % params.capacity;
    return textureLoad(values, vec2u(rr, p), 0).r;
  }
  return textureLoad(values, vec2u(cc, rr), 0).r;
}

fn catmull_rom(t: f32) -> vec4f {
  let t2 = t * t;
  let t3 = t2 * t;
  return 0.5 * vec4f(-t3 + 2.0 * t2 - t, 3.0 * t3 - 5.0 * t2 + 2.0, -3.0 * t3 + 4.0 * t2 + t, t3 - t2);
}

// Returns (value, 1) or (0, 0) when missing.
fn sample_grid(u: f32, v: f32) -> vec2f {
  let c = i32(floor(u));
  let r = i32(floor(v));
  let nearest = cell(c, r);
  let mode = (params.flags >> 1u) & 3u;
  if (missing(nearest)) {
    return vec2f(0.0, 0.0);
  }
  if (mode == 0u) {
    return vec2f(nearest, 1.0);
  }
  let fx = u - 0.5;
  let fy = v - 0.5;
  let c0 = i32(floor(fx));
  let r0 = i32(floor(fy));
  let tx = fx - floor(fx);
  let ty = fy - floor(fy);
  if (mode == 2u) {
    let wx = catmull_rom(tx);
    let wy = catmull_rom(ty);
    var sum = 0.0;
    var complete = true;
    for (var j = 0; j < 4; j++) {
      for (var i = 0; i < 4; i++) {
        let value = cell(c0 - 1 + i, r0 - 1 + j);
        if (missing(value)) {
          complete = false;
        } else {
          sum += wx[i] * wy[j] * value;
        }
      }
    }
    if (complete) {
      return vec2f(sum, 1.0);
    }
  }
  var sum = 0.0;
  var weight = 0.0;
  for (var j = 0; j < 2; j++) {
    for (var i = 0; i < 2; i++) {
      let w = select(tx, 1.0 - tx, i == 0) * select(ty, 1.0 - ty, j == 0);
      let value = cell(c0 + i, r0 + j);
      if (w > 0.0 && !missing(value)) {
        sum += w * value;
        weight += w;
      }
    }
  }
  if (weight > 0.0) {
    return vec2f(sum / weight, 1.0);
  }
  return vec2f(nearest, 1.0);
}

@fragment
fn fs_grid(@builtin(position) position: vec4f) -> @location(0) vec4f {
  var u = position.x * params.ax + params.bx;
  var v = position.y * params.ay + params.by;
  if ((params.flags & 16u) != 0u) {
    u = exp2(u * 3.321928094887362) * params.cx + params.dx;
  }
  if ((params.flags & 32u) != 0u) {
    v = exp2(v * 3.321928094887362) * params.cy + params.dy;
  }
  if (!(u >= 0.0 && u < f32(params.cols) && v >= 0.0 && v < f32(params.rows))) {
    return vec4f(0.0);
  }
  let sampled = sample_grid(u, v);
  if (sampled.y == 0.0) {
    return vec4f(0.0);
  }
  var t = 0.5;
  if ((params.flags & 1u) != 0u) {
    if (sampled.x <= 0.0) {
      t = 0.0;
    } else if (params.hi != params.lo) {
      t = (log2(sampled.x) * 0.30102999566398120 - params.lo) / (params.hi - params.lo);
    }
  } else if (params.hi != params.lo) {
    t = (sampled.x - params.lo) / (params.hi - params.lo);
  }
  let index = u32(floor(clamp(t, 0.0, 1.0) * 255.0 + 0.5));
  let color = textureLoad(lut, vec2u(index, 0u), 0);
  return vec4f(color.rgb * color.a, color.a);
}
