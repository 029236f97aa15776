// 3D charts without a DOM: the orbit camera's maths (matrices, orbit / zoom / pan, sane bounds),
// the data → world map, the axes' label edges (facing the viewer as the camera turns), picking
// maths, and the checks of 3D data (ragged grids, non-finite heights), plus the chart model
// building a 3D scene.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CAMERA, CAMERA_BOUNDS, cameraFrame, cameraMatrices, clipToPane, invert, multiply, orbit, pan, transformPoint, validateCamera, zoom,
  worldMap, toData, layoutAxes3d, labelEdges, backFaces, pickNearest, parseGrid3d, parsePoints3d, shade, AMBIENT, ChartModel, BOX,
} from '../../build/node/core/index.js';
import { DataError } from '../../build/node/data/index.js';
import { loadSeriesType } from '../../build/node/series/index.js';

// The 3D types are a lazy chunk (core/three-d-lazy.ts): loaded before the model is put in 3D mode.
await loadSeriesType('surface');

const close = (a, b, eps = 1e-9, what = '') => assert.ok(Math.abs(a - b) <= eps, `${what} expected ${b}, got ${a}`);

/** World point → pane px through the camera. */
function project(camera, p, width = 400, height = 300) {
  const m = cameraMatrices(camera, width / height);
  const clip = [0, 0, 0, 0];
  transformPoint(m.viewProj, p[0], p[1], p[2], clip);
  return clipToPane(clip, width, height);
}

test('the target projects to the pane centre, at a depth inside (0, 1), in both projections', () => {
  for (const projection of ['perspective', 'orthographic']) {
    const camera = { ...DEFAULT_CAMERA, projection };
    const p = project(camera, [0, 0, 0]);
    close(p[0], 200, 1e-9, `${projection} x`);
    close(p[1], 150, 1e-9, `${projection} y`);
    assert.ok(p[2] > 0 && p[2] < 1, `${projection} depth ${p[2]}`);
  }
});

test('the eye sits at distance from the target, along azimuth and elevation', () => {
  const { eye, forward, right, up } = cameraFrame({ ...DEFAULT_CAMERA, azimuth: 90, elevation: 0, distance: 5, target: [1, 0, 0] });
  close(eye[0], 1, 1e-12);
  close(eye[1], 5, 1e-12);
  close(eye[2], 0, 1e-12);
  close(forward[1], -1, 1e-12);
  // Right-handed, z up: looking along -y, right is -x, up is +z.
  close(right[0], -1, 1e-12);
  close(up[2], 1, 1e-12);
});

test('points nearer the eye get smaller depth; up in the world is up on screen', () => {
  const camera = { ...DEFAULT_CAMERA, azimuth: 0, elevation: 0 };
  // The eye is at +x: (0.5, 0, 0) is nearer than (-0.5, 0, 0).
  assert.ok(project(camera, [0.5, 0, 0])[2] < project(camera, [-0.5, 0, 0])[2]);
  assert.ok(project(camera, [0, 0, 0.5])[1] < project(camera, [0, 0, -0.5])[1]);
  // Looking along -x with z up, +y is to the right.
  assert.ok(project(camera, [0, 0.5, 0])[0] > 200);
});

test('viewProj × its inverse is the identity', () => {
  const m = cameraMatrices(DEFAULT_CAMERA, 1.5);
  const id = multiply(m.viewProj, invert(m.viewProj));
  for (let i = 0; i < 16; i++) close(id[i], i % 5 === 0 ? 1 : 0, 1e-9, `entry ${i}`);
});

test('orbit wraps the azimuth and clamps the elevation; zoom and pan stay inside the bounds', () => {
  const c = orbit({ ...DEFAULT_CAMERA, azimuth: 170 }, 20, 200);
  close(c.azimuth, -170, 1e-9);
  assert.equal(c.elevation, CAMERA_BOUNDS.elevation[1]);
  assert.equal(zoom(DEFAULT_CAMERA, 1e9).distance, CAMERA_BOUNDS.distance[0]);
  assert.equal(zoom(DEFAULT_CAMERA, 1e-9).distance, CAMERA_BOUNDS.distance[1]);
  close(zoom(DEFAULT_CAMERA, 2).distance, DEFAULT_CAMERA.distance / 2);
  const far = pan(DEFAULT_CAMERA, 1e9, 0, 300);
  assert.ok(far.target.every((t) => Math.abs(t) <= CAMERA_BOUNDS.target));
  // The input camera is never changed.
  assert.deepEqual(DEFAULT_CAMERA.target, [0, 0, 0]);
});

test('pan moves the target so that the point under the pointer follows it (orthographic: exactly)', () => {
  const camera = /** @type {any} */ ({ ...DEFAULT_CAMERA, projection: 'orthographic' });
  const before = project(camera, [0, 0, 0], 400, 300);
  const moved = pan(camera, 30, -20, 300);
  const after = project(moved, [0, 0, 0], 400, 300);
  close(after[0] - before[0], 30, 1e-6, 'dx');
  close(after[1] - before[1], -20, 1e-6, 'dy');
});

test('validateCamera refuses cameras outside the sane bounds, naming each key, and keeps the base', () => {
  const { camera, issues } = validateCamera({ elevation: 95, distance: 0, fov: NaN, target: [0, 11, 'x'], projection: 'fisheye', spin: 1 });
  const paths = issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['camera.distance', 'camera.elevation', 'camera.fov', 'camera.projection', 'camera.spin', 'camera.target[1]', 'camera.target[2]']);
  assert.match(issues.find((i) => i.path === 'camera.elevation').message, /95 is outside \[-89, 89\]/);
  assert.deepEqual(camera, { ...DEFAULT_CAMERA, target: [0, 0, 0] });
  assert.equal(validateCamera(null).issues[0].path, 'camera');
  const good = validateCamera({ azimuth: 540, elevation: -30, projection: 'orthographic' });
  assert.deepEqual(good.issues, []);
  close(good.camera.azimuth, 180);
  assert.equal(good.camera.projection, 'orthographic');
  assert.equal(good.camera.distance, DEFAULT_CAMERA.distance);
});

test('worldMap fills the box per axis and inverts; a flat range still gets a span', () => {
  const map = worldMap({ x: [10, 20], y: [-1, 1], z: [5, 5] });
  close(10 * map.scale[0] + map.offset[0], -1);
  close(20 * map.scale[0] + map.offset[0], 1);
  close(toData(map, 0, 0), 15);
  assert.ok(map.range.z[1] > map.range.z[0]);
  close(5 * map.scale[2] + map.offset[2], 0, 1e-12, 'a flat z sits mid-box');
  close(map.range.z[1] * map.scale[2] + map.offset[2], BOX[2]);
});

test('the labelled edges face the viewer: x labels on the near y side, on the floor; z on a silhouette edge', () => {
  for (let azimuth = -180; azimuth < 180; azimuth += 30) {
    const camera = { ...DEFAULT_CAMERA, azimuth: azimuth + 15 };
    const m = cameraMatrices(camera, 4 / 3);
    const edges = labelEdges(m.eye, (p) => project(camera, p));
    const back = backFaces(m.eye);
    // Near side: the sign of the eye's coordinate; floor: the back z face.
    assert.equal(edges.x[0], Math.sign(m.eye[1]) || 1, `x edge y side at ${azimuth}`);
    assert.equal(edges.y[0], Math.sign(m.eye[0]) || 1, `y edge x side at ${azimuth}`);
    assert.equal(edges.x[1], back[2]);
    // The z edge is neither the nearest corner nor the farthest.
    const [zx, zy] = edges.z;
    assert.ok(!(zx === -back[0] && zy === -back[1]) && !(zx === back[0] && zy === back[1]), `z edge silhouette at ${azimuth}`);
  }
});

test('layoutAxes3d: ticks of each axis labelled inside the pane; grid lines on the back faces', () => {
  const map = worldMap({ x: [0, 100], y: [0, 1], z: [-5, 5] });
  const m = cameraMatrices(DEFAULT_CAMERA, 400 / 300);
  const axes = layoutAxes3d(map, m, 400, 300, { x: 'strike', y: 'expiry', z: 'vol' });
  for (const axis of ['x', 'y', 'z']) {
    const ticks = axes.labels.filter((l) => l.axis === axis && l.role === 'tick');
    assert.ok(ticks.length >= 2, `${axis} ticks`);
    assert.ok(axes.labels.some((l) => l.axis === axis && l.role === 'title'));
  }
  for (const l of axes.labels) assert.ok(l.x > -40 && l.x < 440 && l.y > -40 && l.y < 340, `${l.text} at ${l.x}, ${l.y}`);
  assert.ok(axes.labels.some((l) => l.text === '100'));
  assert.equal(axes.grid.length % 6, 0);
  // Every grid segment lies on a back face.
  const back = backFaces(m.eye);
  for (let i = 0; i < axes.grid.length; i += 6) {
    const onBack = [0, 1, 2].some((a) => axes.grid[i + a] === back[a] * BOX[a] && axes.grid[i + 3 + a] === back[a] * BOX[a]);
    assert.ok(onBack, `segment ${i / 6} on a back face`);
  }
});

test('pickNearest: the front-most point within the radius; nothing beyond it', () => {
  const camera = { ...DEFAULT_CAMERA, azimuth: 0, elevation: 0 };
  const m = cameraMatrices(camera, 1);
  // Two points on the line of sight through the centre, and one off to the side.
  const pts = [[-0.5, 0, 0], [0.5, 0, 0], [0, 0.6, 0]];
  const at = (i, out) => pts[i].forEach((v, k) => (out[k] = v));
  const hit = pickNearest(3, at, m.viewProj, 200, 200, 100, 100, 5);
  assert.equal(hit.index, 1, 'the nearer of the two overlapping points');
  assert.equal(pickNearest(3, at, m.viewProj, 200, 200, 5, 5, 5), null);
  const side = project(camera, pts[2], 200, 200);
  assert.equal(pickNearest(3, at, m.viewProj, 200, 200, side[0] + 2, side[1], 5).index, 2);
});

test('shade: ambient for a face edge-on to the light, full for one facing it, two-sided', () => {
  close(shade(0, 0, 1, [0, 0, 1]), 1);
  close(shade(0, 0, -1, [0, 0, 1]), 1);
  close(shade(1, 0, 0, [0, 0, 1]), AMBIENT);
});

/** @param {() => unknown} run @param {string} column @param {RegExp} message */
function rejects(run, column, message) {
  assert.throws(run, (error) => {
    assert.ok(error instanceof DataError, `a DataError, got ${error}`);
    assert.equal(error.column, column);
    assert.match(error.message, message);
    return true;
  });
}

test('3D grids: nested rows, flat values, the heatmap shape; ragged rows and non-finite heights are refused by position', () => {
  const g = parseGrid3d({ x: [1, 2, 3], y: [10, 20], z: [[1, 2, 3], [4, 5, 6]] });
  assert.equal(g.rows, 2);
  assert.equal(g.cols, 3);
  assert.deepEqual([...g.values], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(g.bounds, { x: [1, 3], y: [10, 20], z: [1, 6] });
  assert.deepEqual([...parseGrid3d({ x: [0, 1], y: [0, 1], z: Float32Array.of(1, 2, 3, 4) }).values], [1, 2, 3, 4]);
  const h = parseGrid3d({ rows: 2, cols: 2, values: [1, 2, 3, 4], x0: 0, dx: 2, y0: 0, dy: 1 });
  assert.deepEqual([...h.xs], [1, 3]);
  rejects(() => parseGrid3d({ x: [1, 2, 3], y: [10, 20], z: [[1, 2, 3], [4, 5]] }), 'z[1]', /ragged/);
  rejects(() => parseGrid3d({ x: [1, 2, 3], y: [10, 20], z: [[1, 2, 3], [4, NaN, 6]] }), 'z[1][1]', /row 1, column 1 must be a finite number/);
  rejects(() => parseGrid3d({ x: [1, 2, 3], y: [10, 20], z: [[1, 2, 3], [4, Infinity, 6]] }), 'z[1][1]', /finite/);
  rejects(() => parseGrid3d({ x: [1, 3, 2], y: [10, 20], z: [[1, 2, 3], [4, 5, 6]] }), 'x[2]', /increase strictly/);
  rejects(() => parseGrid3d({ x: [1, 2], y: [10, 20, 30], z: [[1, 2], [3, 4]] }), 'z', /has 2 rows; y has 3/);
  rejects(() => parseGrid3d({ rows: 1, cols: 2, values: [1, NaN], x0: 0, dx: 1, y0: 0, dy: 1 }), 'values[1]', /finite/);
  rejects(() => parseGrid3d([1, 2, 3]), 'data', /3D grid needs/);
});

test('3D points: x, y, z and extra columns; mismatched or non-finite columns are refused', () => {
  const p = parsePoints3d({ x: [0, 1], y: [2, 3], z: [4, 5], size: [1, 2] });
  assert.equal(p.count, 2);
  assert.deepEqual([...p.columns.size], [1, 2]);
  assert.deepEqual(p.bounds.z, [4, 5]);
  rejects(() => parsePoints3d({ x: [0, 1], y: [2], z: [4, 5] }), 'y', /has 1 values; x has 2/);
  rejects(() => parsePoints3d({ x: [0, 1], y: [2, 3], z: [4, null] }), 'z[1]', /finite/);
  rejects(() => parsePoints3d({ x: [0, 1], y: [2, 3] }), 'data', /needs columns { x/);
});

test('the chart model in 3D mode: the axes box, a surface layer with the camera, no time axis; picking', () => {
  const model = new ChartModel();
  model.setOptions({ defaultType: 'surface' });
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  model.three.setGrid(parseGrid3d({ x: [0, 1, 2], y: [0, 1, 2], z: [[0, 0, 0], [0, 1, 0], [0, 0, 0]] }));
  model.setSeriesOptions(null);
  const frame = model.frame();
  const kinds = frame.scene.layers.map((l) => l.kind);
  assert.deepEqual(kinds, ['lines3d', 'lines3d', 'surface3d']);
  assert.deepEqual(frame.xLabels, []);
  assert.ok(frame.labels3d.length >= 6);
  const surface = /** @type {any} */ (frame.scene.layers[2]);
  assert.equal(surface.cols, 3);
  assert.equal(surface.rows, 3);
  assert.equal(surface.stride, 1);
  // The peak's world position projects where the camera puts it; picking there finds it.
  const clip = [0, 0, 0, 0];
  transformPoint(surface.camera.viewProj, surface.xs[1], surface.ys[1], 1 * surface.zScale + surface.zOffset, clip);
  const pane = frame.scene.plot;
  const px = pane.x + ((clip[0] / clip[3] + 1) / 2) * pane.width;
  const py = pane.y + ((1 - clip[1] / clip[3]) / 2) * pane.height;
  const info = model.pick(px, py);
  assert.ok(info, 'a pick');
  assert.equal(info.three, true);
  assert.deepEqual(info.values.map((v) => [v.name, v.value]), [['x', 1], ['y', 1], ['z', 1]]);
  // Rotation changes the camera only: the layer's data key stays.
  const key = surface.dataKey;
  model.three.camera = orbit(model.three.camera, 40, 0);
  const next = /** @type {any} */ (model.frame().scene.layers[2]);
  assert.equal(next.dataKey, key);
});
