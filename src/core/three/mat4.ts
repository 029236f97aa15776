/**
 * 4×4 matrices for the 3D charts, column-major (element [c * 4 + r] is row r, column c), the layout
 * WGSL's mat4x4f reads from a uniform buffer. Clip space is WebGPU's: x, y in [-1, 1], z in [0, 1].
 * Plain arrays of 16 numbers (f64) on the CPU; the renderers copy them into f32 uniforms.
 */
export type Mat4 = Float64Array;
export type Vec3 = readonly [number, number, number];

export function identity(out: Mat4 = new Float64Array(16)): Mat4 {
  out.fill(0);
  out[0] = out[5] = out[10] = out[15] = 1;
  return out;
}

/** a × b (b applied first). */
export function multiply(a: Mat4, b: Mat4, out: Mat4 = new Float64Array(16)): Mat4 {
  const t = new Float64Array(16);
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += a[k * 4 + r]! * b[c * 4 + k]!;
      t[c * 4 + r] = s;
    }
  }
  out.set(t);
  return out;
}

/** A right-handed view matrix looking from `eye` at `target`, `up` roughly up. */
export function lookAt(eye: Vec3, target: Vec3, up: Vec3, out: Mat4 = new Float64Array(16)): Mat4 {
  let zx = eye[0] - target[0];
  let zy = eye[1] - target[1];
  let zz = eye[2] - target[2];
  const zl = Math.hypot(zx, zy, zz) || 1;
  zx /= zl;
  zy /= zl;
  zz /= zl;
  // x = up × z
  let xx = up[1] * zz - up[2] * zy;
  let xy = up[2] * zx - up[0] * zz;
  let xz = up[0] * zy - up[1] * zx;
  const xl = Math.hypot(xx, xy, xz) || 1;
  xx /= xl;
  xy /= xl;
  xz /= xl;
  // y = z × x
  const yx = zy * xz - zz * xy;
  const yy = zz * xx - zx * xz;
  const yz = zx * xy - zy * xx;
  out[0] = xx; out[1] = yx; out[2] = zx; out[3] = 0;
  out[4] = xy; out[5] = yy; out[6] = zy; out[7] = 0;
  out[8] = xz; out[9] = yz; out[10] = zz; out[11] = 0;
  out[12] = -(xx * eye[0] + xy * eye[1] + xz * eye[2]);
  out[13] = -(yx * eye[0] + yy * eye[1] + yz * eye[2]);
  out[14] = -(zx * eye[0] + zy * eye[1] + zz * eye[2]);
  out[15] = 1;
  return out;
}

/** Perspective projection (vertical field of view in radians), depth 0 at `near`, 1 at `far`. */
export function perspective(fovY: number, aspect: number, near: number, far: number, out: Mat4 = new Float64Array(16)): Mat4 {
  const f = 1 / Math.tan(fovY / 2);
  out.fill(0);
  out[0] = f / aspect;
  out[5] = f;
  out[10] = far / (near - far);
  out[11] = -1;
  out[14] = (near * far) / (near - far);
  return out;
}

/** Orthographic projection of the box [l, r] × [b, t], depth 0 at `near`, 1 at `far`. */
export function orthographic(l: number, r: number, b: number, t: number, near: number, far: number, out: Mat4 = new Float64Array(16)): Mat4 {
  out.fill(0);
  out[0] = 2 / (r - l);
  out[5] = 2 / (t - b);
  out[10] = 1 / (near - far);
  out[12] = -(r + l) / (r - l);
  out[13] = -(t + b) / (t - b);
  out[14] = near / (near - far);
  out[15] = 1;
  return out;
}

/** The inverse of m, or null when it is singular. */
export function invert(m: Mat4, out: Mat4 = new Float64Array(16)): Mat4 | null {
  const a = m;
  const b00 = a[0]! * a[5]! - a[1]! * a[4]!;
  const b01 = a[0]! * a[6]! - a[2]! * a[4]!;
  const b02 = a[0]! * a[7]! - a[3]! * a[4]!;
  const b03 = a[1]! * a[6]! - a[2]! * a[5]!;
  const b04 = a[1]! * a[7]! - a[3]! * a[5]!;
  const b05 = a[2]! * a[7]! - a[3]! * a[6]!;
  const b06 = a[8]! * a[13]! - a[9]! * a[12]!;
  const b07 = a[8]! * a[14]! - a[10]! * a[12]!;
  const b08 = a[8]! * a[15]! - a[11]! * a[12]!;
  const b09 = a[9]! * a[14]! - a[10]! * a[13]!;
  const b10 = a[9]! * a[15]! - a[11]! * a[13]!;
  const b11 = a[10]! * a[15]! - a[11]! * a[14]!;
  const det = b00 * b11 - b01 * b10 + b02 * b09 + b03 * b08 - b04 * b07 + b05 * b06;
  if (!det || !Number.isFinite(det)) return null;
  const d = 1 / det;
  const t = new Float64Array(16);
  t[0] = (a[5]! * b11 - a[6]! * b10 + a[7]! * b09) * d;
  t[1] = (a[2]! * b10 - a[1]! * b11 - a[3]! * b09) * d;
  t[2] = (a[13]! * b05 - a[14]! * b04 + a[15]! * b03) * d;
  t[3] = (a[10]! * b04 - a[9]! * b05 - a[11]! * b03) * d;
  t[4] = (a[6]! * b08 - a[4]! * b11 - a[7]! * b07) * d;
  t[5] = (a[0]! * b11 - a[2]! * b08 + a[3]! * b07) * d;
  t[6] = (a[14]! * b02 - a[12]! * b05 - a[15]! * b01) * d;
  t[7] = (a[8]! * b05 - a[10]! * b02 + a[11]! * b01) * d;
  t[8] = (a[4]! * b10 - a[5]! * b08 + a[7]! * b06) * d;
  t[9] = (a[1]! * b08 - a[0]! * b10 - a[3]! * b06) * d;
  t[10] = (a[12]! * b04 - a[13]! * b02 + a[15]! * b00) * d;
  t[11] = (a[9]! * b02 - a[8]! * b04 - a[11]! * b00) * d;
  t[12] = (a[5]! * b07 - a[4]! * b09 - a[6]! * b06) * d;
  t[13] = (a[0]! * b09 - a[1]! * b07 + a[2]! * b06) * d;
  t[14] = (a[13]! * b01 - a[12]! * b03 - a[14]! * b00) * d;
  t[15] = (a[8]! * b03 - a[9]! * b01 + a[10]! * b00) * d;
  out.set(t);
  return out;
}

/** m × (x, y, z, 1): writes clip coordinates (x, y, z, w) into `out` at `at`. */
export function transformPoint(m: ArrayLike<number>, x: number, y: number, z: number, out: Float64Array | number[], at = 0): void {
  out[at] = m[0]! * x + m[4]! * y + m[8]! * z + m[12]!;
  out[at + 1] = m[1]! * x + m[5]! * y + m[9]! * z + m[13]!;
  out[at + 2] = m[2]! * x + m[6]! * y + m[10]! * z + m[14]!;
  out[at + 3] = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
}
