import { identity, invert, lookAt, multiply, orthographic, perspective, type Mat4, type Vec3 } from './mat4.js';

/**
 * The orbit camera of 3D charts, as users save and restore it (`camera` in config,
 * `getCamera()` / `setCamera()`). World space: the chart's box spans x, y in [-1, 1] and z (the
 * height, up) in [-BOX_HEIGHT, BOX_HEIGHT]; the camera orbits `target` at `distance`, at
 * `azimuth` degrees around the vertical axis (0: looking from +x towards -x, 90: from +y) and
 * `elevation` degrees above the horizontal.
 */
export interface Camera {
  projection: 'perspective' | 'orthographic';
  azimuth: number;
  elevation: number;
  /** From target to eye, in box half-widths. Orthographic: the view's half-height is distance × tan(fov / 2). */
  distance: number;
  target: [number, number, number];
  /** Vertical field of view in degrees. */
  fov: number;
}

/** Half the box's height (its half-width is 1). */
export const BOX_HEIGHT = 0.7;

export const DEFAULT_CAMERA: Readonly<Camera> = Object.freeze({ projection: 'perspective', azimuth: -55, elevation: 28, distance: 5.8, target: [0, 0, 0] as [number, number, number], fov: 32 });

/** Sane bounds: outside them a camera is refused (config, setCamera) and clamped (interaction). */
export const CAMERA_BOUNDS = {
  elevation: [-89, 89],
  distance: [0.5, 100],
  fov: [5, 150],
  /** |target| per coordinate. */
  target: 10,
  /** |azimuth| (degrees; wrapped into (-180, 180] after validation). */
  azimuth: 1e6,
} as const;

/** A camera setting refused, with the path of the offending key (`camera.elevation`). */
export interface CameraIssue {
  path: string;
  message: string;
}

export function cloneCamera(camera: Readonly<Camera>): Camera {
  return { ...camera, target: [camera.target[0], camera.target[1], camera.target[2]] };
}

function wrapDegrees(a: number): number {
  const w = ((((a + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}

/**
 * Checks a (partial) camera against the bounds; returns the camera it gives (keys not given keep
 * `base`'s) and what is wrong. With any issue the camera returned is `base`, unchanged.
 */
export function validateCamera(input: unknown, base: Readonly<Camera> = DEFAULT_CAMERA, prefix = 'camera'): { camera: Camera; issues: CameraIssue[] } {
  const issues: CameraIssue[] = [];
  const out = cloneCamera(base);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { camera: out, issues: [{ path: prefix, message: `expected an object like { azimuth, elevation, distance, target, fov, projection }, got ${JSON.stringify(input)}` }] };
  }
  const value = input as Record<string, unknown>;
  const known = ['projection', 'azimuth', 'elevation', 'distance', 'target', 'fov'];
  for (const key of Object.keys(value)) if (!known.includes(key)) issues.push({ path: `${prefix}.${key}`, message: `unknown camera key (expected one of ${known.join(', ')})` });
  const number = (key: 'azimuth' | 'elevation' | 'distance' | 'fov', range: readonly [number, number]): void => {
    if (!(key in value) || value[key] === undefined) return;
    const v = value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ path: `${prefix}.${key}`, message: `must be a finite number, got ${JSON.stringify(v)}` });
    else if (v < range[0] || v > range[1]) issues.push({ path: `${prefix}.${key}`, message: `${v} is outside [${range[0]}, ${range[1]}]` });
    else out[key] = v;
  };
  number('azimuth', [-CAMERA_BOUNDS.azimuth, CAMERA_BOUNDS.azimuth]);
  number('elevation', CAMERA_BOUNDS.elevation);
  number('distance', CAMERA_BOUNDS.distance);
  number('fov', CAMERA_BOUNDS.fov);
  if (value.projection !== undefined) {
    if (value.projection === 'perspective' || value.projection === 'orthographic') out.projection = value.projection;
    else issues.push({ path: `${prefix}.projection`, message: `must be 'perspective' or 'orthographic', got ${JSON.stringify(value.projection)}` });
  }
  if (value.target !== undefined) {
    const t = value.target;
    if (!Array.isArray(t) || t.length !== 3) issues.push({ path: `${prefix}.target`, message: `must be [x, y, z], got ${JSON.stringify(t)}` });
    else {
      t.forEach((v, i) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) issues.push({ path: `${prefix}.target[${i}]`, message: `must be a finite number, got ${JSON.stringify(v)}` });
        else if (Math.abs(v) > CAMERA_BOUNDS.target) issues.push({ path: `${prefix}.target[${i}]`, message: `${v} is outside [-${CAMERA_BOUNDS.target}, ${CAMERA_BOUNDS.target}]` });
      });
      if (issues.every((issue) => !issue.path.startsWith(`${prefix}.target`))) out.target = [t[0], t[1], t[2]];
    }
  }
  if (issues.length > 0) return { camera: cloneCamera(base), issues };
  out.azimuth = wrapDegrees(out.azimuth);
  return { camera: out, issues };
}

const clamp = (v: number, [lo, hi]: readonly [number, number]): number => Math.min(hi, Math.max(lo, v));
const RAD = Math.PI / 180;

/** Rotates by degrees (dragging, arrow keys); elevation stays inside its bounds. */
export function orbit(camera: Readonly<Camera>, dAzimuth: number, dElevation: number): Camera {
  const out = cloneCamera(camera);
  out.azimuth = wrapDegrees(camera.azimuth + dAzimuth);
  out.elevation = clamp(camera.elevation + dElevation, CAMERA_BOUNDS.elevation);
  return out;
}

/** Zooms by a factor (> 1: closer), distance inside its bounds. */
export function zoom(camera: Readonly<Camera>, factor: number): Camera {
  const out = cloneCamera(camera);
  if (factor > 0 && Number.isFinite(factor)) out.distance = clamp(camera.distance / factor, CAMERA_BOUNDS.distance);
  return out;
}

/** The eye position and the camera's right / up / forward unit vectors. */
export function cameraFrame(camera: Readonly<Camera>): { eye: Vec3; right: Vec3; up: Vec3; forward: Vec3 } {
  const az = camera.azimuth * RAD;
  const el = camera.elevation * RAD;
  const [tx, ty, tz] = camera.target;
  const dir: Vec3 = [Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)];
  const eye: Vec3 = [tx + dir[0] * camera.distance, ty + dir[1] * camera.distance, tz + dir[2] * camera.distance];
  const forward: Vec3 = [-dir[0], -dir[1], -dir[2]];
  // right = forward × up(0,0,1), normalised; up = right × forward.
  let rx = forward[1];
  let ry = -forward[0];
  const rl = Math.hypot(rx, ry) || 1;
  rx /= rl;
  ry /= rl;
  const right: Vec3 = [rx, ry, 0];
  const up: Vec3 = [ry * forward[2] - 0, -(rx * forward[2]), rx * forward[1] - ry * forward[0]];
  return { eye, right, up, forward };
}

/** Half the height of the view at the target, world units (orthographic size; perspective: at the target's depth). */
export function viewHalfHeight(camera: Readonly<Camera>): number {
  return camera.distance * Math.tan((camera.fov * RAD) / 2);
}

/**
 * Pans by a drag of (dx, dy) px over a pane `height` px tall: the target moves in the view plane
 * so that the point under the pointer follows it; each coordinate stays within bounds.
 */
export function pan(camera: Readonly<Camera>, dx: number, dy: number, height: number): Camera {
  const out = cloneCamera(camera);
  const { right, up } = cameraFrame(camera);
  const perPixel = (2 * viewHalfHeight(camera)) / Math.max(1, height);
  const b = CAMERA_BOUNDS.target;
  for (let i = 0; i < 3; i++) out.target[i] = Math.min(b, Math.max(-b, camera.target[i]! - right[i]! * dx * perPixel + up[i]! * dy * perPixel));
  return out;
}

/** What renderers need of the camera for one frame (world → pane clip space). */
export interface CameraMatrices {
  view: Mat4;
  projection: Mat4;
  viewProj: Mat4;
  /** Inverse of viewProj (picking rays), or null if singular. */
  inverse: Mat4 | null;
  eye: Vec3;
  /** World-space direction towards the light (a headlight above-left of the eye), unit length. */
  light: Vec3;
}

/** The camera's matrices for a pane of this aspect (width / height). */
export function cameraMatrices(camera: Readonly<Camera>, aspect: number): CameraMatrices {
  const { eye, right, up, forward } = cameraFrame(camera);
  const view = lookAt(eye, camera.target, [0, 0, 1]);
  // The box fits within a sphere of radius ~1.6 around the origin; the target may be off centre.
  const reach = 2 + Math.hypot(...camera.target);
  const near = Math.max(0.02, camera.distance - reach);
  const far = camera.distance + reach;
  const safeAspect = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  const projection =
    camera.projection === 'orthographic'
      ? (() => {
          const h = viewHalfHeight(camera);
          return orthographic(-h * safeAspect, h * safeAspect, -h, h, near, far);
        })()
      : perspective(camera.fov * RAD, safeAspect, near, far);
  const viewProj = multiply(projection, view);
  // Headlight: from the eye, a little up and to the left, so faces towards the viewer are lit.
  const lx = -forward[0] + 0.45 * up[0] - 0.35 * right[0];
  const ly = -forward[1] + 0.45 * up[1] - 0.35 * right[1];
  const lz = -forward[2] + 0.45 * up[2] - 0.35 * right[2];
  const ll = Math.hypot(lx, ly, lz) || 1;
  return { view, projection, viewProj, inverse: invert(viewProj), eye, light: [lx / ll, ly / ll, lz / ll] };
}

/** Clip → pane px: x in [0, width] left to right, y in [0, height] top to bottom; null behind the eye. */
export function clipToPane(clip: ArrayLike<number>, width: number, height: number, out: number[] = [0, 0, 0]): number[] | null {
  const w = clip[3]!;
  if (!(w > 1e-9)) return null;
  out[0] = ((clip[0]! / w + 1) / 2) * width;
  out[1] = ((1 - clip[1]! / w) / 2) * height;
  out[2] = clip[2]! / w;
  return out;
}

export { identity };
