// M4 level of detail on the GPU (see ResidentLineLayer): the value column stays resident, the CPU
// sends where each pixel column starts and ends (bounds, from the float64 time column), and two
// compute passes write the polyline that the line pipeline (primitives.wgsl, vs_line) draws:
//
// 1. cs_reduce, one workgroup per pixel column: the first, smallest, largest and last finite value
//    of its rows, as row indices in row order (ties: the lowest row, as the CPU's min/max pyramid).
// 2. cs_compact, one workgroup: a prefix sum of the per-column counts, then every pick becomes a
//    point at its column's centre; the neighbours outside the window (computed on the CPU, already
//    clipped) go first and last, and the indirect draw's vertex count is written.
//
// The same rules as M4Decimator: a column of at most 4 rows keeps each of them (a NaN there breaks
// the line), a column without a finite value is one break, first and last only when finite.

struct Reduce {
  columns: u32,
  hasBefore: u32,
  hasAfter: u32,
  _pad: u32,
  columnWidth: f32,
  ay: f32,
  by: f32,
  _pad2: f32,
  before: vec2f,
  after: vec2f,
};

@group(0) @binding(0) var<uniform> params: Reduce;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read> bounds: array<u32>;
// Four row indices per column (NO_ROW: a break), then the count per column after them.
@group(0) @binding(3) var<storage, read_write> picks: array<u32>;
@group(0) @binding(4) var<storage, read_write> points: array<vec2f>;
// drawIndirect arguments: vertexCount, instanceCount, firstVertex, firstInstance.
@group(0) @binding(5) var<storage, read_write> drawArgs: array<u32>;

const NO_ROW: u32 = 0xffffffffu;
const GAP_Y: f32 = 1e30;
const GROUP: u32 = 256u;

// NaN by its bits: WGSL lets compilers assume floats are never NaN, so `v != v` may fold away.
fn isNan(v: f32) -> bool {
  let bits = bitcast<u32>(v);
  return (bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0u;
}

var<workgroup> minValue: array<f32, 256>;
var<workgroup> minRow: array<u32, 256>;
var<workgroup> maxValue: array<f32, 256>;
var<workgroup> maxRow: array<u32, 256>;

// (value, row) a beats b as a minimum: smaller, or equal at a lower row; NO_ROW never wins.
fn lessThan(va: f32, ra: u32, vb: f32, rb: u32) -> bool {
  if (ra == NO_ROW) { return false; }
  if (rb == NO_ROW) { return true; }
  return va < vb || (va == vb && ra < rb);
}

fn greaterThan(va: f32, ra: u32, vb: f32, rb: u32) -> bool {
  if (ra == NO_ROW) { return false; }
  if (rb == NO_ROW) { return true; }
  return va > vb || (va == vb && ra < rb);
}

@compute @workgroup_size(256)
fn cs_reduce(@builtin(workgroup_id) group: vec3u, @builtin(num_workgroups) groups: vec3u, @builtin(local_invocation_index) lane: u32) {
  let column = group.x + group.y * groups.x;
  var a = 0u;
  var b = 0u;
  if (column < params.columns) {
    a = bounds[column];
    b = bounds[column + 1u];
  }
  var lo = 0.0;
  var loRow = NO_ROW;
  var hi = 0.0;
  var hiRow = NO_ROW;
  if (b > a + 4u) {
    // Rows strided by the group size: neighbouring lanes read neighbouring rows.
    for (var row = a + lane; row < b; row += GROUP) {
      let v = values[row];
      if (!isNan(v)) {
        if (lessThan(v, row, lo, loRow)) { lo = v; loRow = row; }
        if (greaterThan(v, row, hi, hiRow)) { hi = v; hiRow = row; }
      }
    }
  }
  minValue[lane] = lo;
  minRow[lane] = loRow;
  maxValue[lane] = hi;
  maxRow[lane] = hiRow;
  workgroupBarrier();
  for (var stride = GROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lane < stride) {
      let other = lane + stride;
      if (lessThan(minValue[other], minRow[other], minValue[lane], minRow[lane])) {
        minValue[lane] = minValue[other];
        minRow[lane] = minRow[other];
      }
      if (greaterThan(maxValue[other], maxRow[other], maxValue[lane], maxRow[lane])) {
        maxValue[lane] = maxValue[other];
        maxRow[lane] = maxRow[other];
      }
    }
    workgroupBarrier();
  }
  if (lane != 0u || column >= params.columns) { return; }

  let base = column * 4u;
  var n = 0u;
  if (b > a && b <= a + 4u) {
    for (var row = a; row < b; row++) {
      if (isNan(values[row])) { picks[base + n] = NO_ROW; } else { picks[base + n] = row; }
      n++;
    }
  } else if (b > a) {
    if (minRow[0] == NO_ROW) {
      picks[base] = NO_ROW;
      n = 1u;
    } else {
      // First, min, max, last in row order, each row once.
      var quad = array<u32, 4>(NO_ROW, NO_ROW, NO_ROW, NO_ROW);
      var q = 0u;
      if (!isNan(values[a])) { quad[q] = a; q++; }
      quad[q] = minRow[0]; q++;
      quad[q] = maxRow[0]; q++;
      if (!isNan(values[b - 1u])) { quad[q] = b - 1u; q++; }
      for (var i = 1u; i < 4u; i++) {
        for (var j = i; j > 0u; j--) {
          if (quad[j] < quad[j - 1u]) {
            let t = quad[j];
            quad[j] = quad[j - 1u];
            quad[j - 1u] = t;
          }
        }
      }
      var previous = NO_ROW;
      for (var k = 0u; k < 4u; k++) {
        if (k < q && quad[k] != previous) {
          picks[base + n] = quad[k];
          n++;
        }
        if (k < q) { previous = quad[k]; }
      }
    }
  }
  picks[params.columns * 4u + column] = n;
}

var<workgroup> sums: array<u32, 256>;

@compute @workgroup_size(256)
fn cs_compact(@builtin(local_invocation_index) lane: u32) {
  let columns = params.columns;
  let per = (columns + GROUP - 1u) / GROUP;
  let first = min(lane * per, columns);
  let last = min(first + per, columns);
  var total = 0u;
  for (var c = first; c < last; c++) { total += picks[columns * 4u + c]; }
  sums[lane] = total;
  workgroupBarrier();
  // Inclusive scan (Hillis–Steele) over the lanes' totals.
  for (var offset = 1u; offset < GROUP; offset = offset * 2u) {
    var add = 0u;
    if (lane >= offset) { add = sums[lane - offset]; }
    workgroupBarrier();
    sums[lane] += add;
    workgroupBarrier();
  }
  var at = sums[lane] - total + params.hasBefore;
  for (var c = first; c < last; c++) {
    let n = picks[columns * 4u + c];
    let x = (f32(c) + 0.5) * params.columnWidth;
    for (var k = 0u; k < 4u; k++) {
      if (k < n) {
        let row = picks[c * 4u + k];
        var y = GAP_Y;
        if (row != NO_ROW) { y = params.ay * values[row] + params.by; }
        points[at] = vec2f(x, y);
        at++;
      }
    }
  }
  if (lane == GROUP - 1u) {
    let picked = sums[GROUP - 1u];
    if (params.hasBefore != 0u) { points[0] = params.before; }
    if (params.hasAfter != 0u) { points[picked + params.hasBefore] = params.after; }
    let count = picked + params.hasBefore + params.hasAfter;
    // vs_line: six vertices per segment between consecutive points.
    drawArgs[0] = select(0u, 6u * (count - 1u), count > 1u);
    drawArgs[1] = 1u;
    drawArgs[2] = 0u;
    drawArgs[3] = 0u;
    // The count in the buffer's last slot, for readback (tests compare it with the CPU's M4).
    points[arrayLength(&points) - 1u] = vec2f(f32(count), 0.0);
  }
}
