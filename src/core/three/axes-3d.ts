import { numericTicks } from '../ticks/numeric-ticks.js';
import { clipToPane, type CameraMatrices } from './camera.js';
import { transformPoint, type Vec3 } from './mat4.js';
import { BOX, type WorldMap } from './world.js';

/** A label of the 3D axes, placed in pane px (the overlay positions it; CSS px = px / ratio). */
export interface Axis3dLabel {
  axis: 'x' | 'y' | 'z';
  /** 'tick' (a value) or 'title' (the axis' name). */
  role: 'tick' | 'title';
  text: string;
  /** Pane px (device), centre of the label. */
  x: number;
  y: number;
}

/** The axes of one frame: world segments (box edges, ticks, grid lines) and the labels. */
export interface Axes3dLayout {
  /** Box edges of the back faces and the ticks' grid lines on them: 6 floats per segment. */
  grid: number[];
  /** Edges carrying the labels and their tick marks: 6 floats per segment. */
  edges: number[];
  labels: Axis3dLabel[];
  /** Which box edge each axis' labels are on: the fixed coordinates of that edge (±1 per other axis). */
  labelEdges: { x: [number, number]; y: [number, number]; z: [number, number] };
}

const AXES = ['x', 'y', 'z'] as const;
const TICK_OUT = 0.06;
const LABEL_OUT = 0.16;
const TITLE_OUT = 0.36;

/**
 * The faces behind the data: along each axis, the face on the far side from the eye (the eye
 * looks at it from inside the box). Returns the sign (+1 / -1) of that face per axis.
 */
export function backFaces(eye: Vec3): [number, number, number] {
  return [eye[0] >= 0 ? -1 : 1, eye[1] >= 0 ? -1 : 1, eye[2] >= 0 ? -1 : 1];
}

/**
 * Where each axis' labels go, readable from this eye: the x labels on the x-parallel edge of the
 * floor (the z back face) nearest the viewer along y, likewise y's along x; the z labels on the
 * vertical edge on the box's silhouette (neither nearest nor farthest corner) that lies further
 * left on screen. `project` maps world to pane px.
 */
export function labelEdges(eye: Vec3, project: (p: Vec3) => number[] | null): Axes3dLayout['labelEdges'] {
  const back = backFaces(eye);
  const front = [-back[0], -back[1], -back[2]] as const;
  const floor = back[2];
  // Silhouette vertical edges: (front x, back y) and (back x, front y).
  const a: [number, number] = [front[0], back[1]];
  const b: [number, number] = [back[0], front[1]];
  const pa = project([a[0] * BOX[0], a[1] * BOX[1], 0]);
  const pb = project([b[0] * BOX[0], b[1] * BOX[1], 0]);
  const z = !pa ? b : !pb ? a : pa[0]! <= pb[0]! ? a : b;
  return { x: [front[1], floor], y: [front[0], floor], z };
}

/** A point on the box edge along `axis` at parameter `t` (world), the other coordinates at the edge's signs. */
function edgePoint(axis: number, t: number, edge: [number, number]): [number, number, number] {
  const p: [number, number, number] = [0, 0, 0];
  p[axis] = t;
  const others = [0, 1, 2].filter((i) => i !== axis);
  p[others[0]!] = edge[0] * BOX[others[0]!]!;
  p[others[1]!] = edge[1] * BOX[others[1]!]!;
  return p;
}

/** The outward direction (world) of an edge: away from the box along both of its fixed coordinates. */
function outward(axis: number, edge: [number, number]): [number, number, number] {
  const d: [number, number, number] = [0, 0, 0];
  const others = [0, 1, 2].filter((i) => i !== axis);
  // The vertical (z) labels step out sideways only; x and y labels mostly sideways, a little down.
  d[others[0]!] = edge[0];
  d[others[1]!] = axis === 2 ? edge[1] : edge[1] * 0.35;
  const l = Math.hypot(...d) || 1;
  return [d[0] / l, d[1] / l, d[2] / l];
}

/**
 * The axes of a frame: ticks of each axis' data range (about `maxTicks`), grid lines on the three
 * back faces, the labelled edges with tick marks, tick labels and titles projected to pane px.
 */
export function layoutAxes3d(map: WorldMap, camera: CameraMatrices, width: number, height: number, titles: { x: string; y: string; z: string }, maxTicks = 5): Axes3dLayout {
  const clip = [0, 0, 0, 0];
  const project = (p: Vec3): number[] | null => {
    transformPoint(camera.viewProj, p[0], p[1], p[2], clip);
    return clipToPane(clip, width, height, [0, 0, 0]);
  };
  const edges = labelEdges(camera.eye, project);
  const back = backFaces(camera.eye);
  const grid: number[] = [];
  const edgeLines: number[] = [];
  const labels: Axis3dLabel[] = [];
  const push = (out: number[], a: number[], b: number[]): void => {
    out.push(a[0]!, a[1]!, a[2]!, b[0]!, b[1]!, b[2]!);
  };
  // Box edges of the three back faces.
  for (let axis = 0; axis < 3; axis++) {
    const f = back[axis]! * BOX[axis]!;
    const others = [0, 1, 2].filter((i) => i !== axis);
    const [u, v] = others as [number, number];
    const corner = (su: number, sv: number): number[] => {
      const p = [0, 0, 0];
      p[axis] = f;
      p[u] = su * BOX[u]!;
      p[v] = sv * BOX[v]!;
      return p;
    };
    push(grid, corner(-1, -1), corner(1, -1));
    push(grid, corner(1, -1), corner(1, 1));
    push(grid, corner(1, 1), corner(-1, 1));
    push(grid, corner(-1, 1), corner(-1, -1));
  }
  AXES.forEach((name, axis) => {
    const [lo, hi] = map.range[name];
    const ticks = numericTicks(lo, hi, maxTicks).filter((t) => t.value >= lo && t.value <= hi);
    const edge = edges[name];
    const out = outward(axis, edge);
    const a = edgePoint(axis, -BOX[axis]!, edge);
    const b = edgePoint(axis, BOX[axis]!, edge);
    push(edgeLines, a, b);
    for (const tick of ticks) {
      const w = tick.value * map.scale[axis]! + map.offset[axis]!;
      // Grid lines across the two back faces that contain this axis' direction.
      for (let face = 0; face < 3; face++) {
        if (face === axis) continue;
        const f = back[face]! * BOX[face]!;
        const other = 3 - axis - face;
        const p0 = [0, 0, 0];
        const p1 = [0, 0, 0];
        p0[axis] = p1[axis] = w;
        p0[face] = p1[face] = f;
        p0[other] = -BOX[other]!;
        p1[other] = BOX[other]!;
        push(grid, p0, p1);
      }
      const p = edgePoint(axis, w, edge);
      push(edgeLines, p, [p[0] + out[0] * TICK_OUT, p[1] + out[1] * TICK_OUT, p[2] + out[2] * TICK_OUT]);
      if (!tick.label) continue;
      const at = project([p[0] + out[0] * LABEL_OUT, p[1] + out[1] * LABEL_OUT, p[2] + out[2] * LABEL_OUT]);
      if (at) labels.push({ axis: name, role: 'tick', text: tick.label, x: at[0]!, y: at[1]! });
    }
    const title = titles[name];
    if (title) {
      const mid = edgePoint(axis, 0, edge);
      const at = project([mid[0] + out[0] * TITLE_OUT, mid[1] + out[1] * TITLE_OUT, mid[2] + out[2] * TITLE_OUT]);
      if (at) labels.push({ axis: name, role: 'title', text: title, x: at[0]!, y: at[1]! });
    }
  });
  return { grid, edges: edgeLines, labels, labelEdges: edges };
}
