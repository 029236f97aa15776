// Colour hooks (lines, areas, scatter markers, candles and OHLC bars, volume and histogram bars,
// bands): `fn color(p: PointInput) -> vec4f`. The fields and the PART_ constants are documented in
// docs/shaders.md (and HOOK_PARTS in src/custom-shaders/hooks.ts); keep the three in step.
struct PointInput {
  pixel: vec2f,     // pane-relative device px, y down (markers: the marker's centre)
  data: vec2f,      // data at `pixel`: x - the window's left edge (log x: log10 x), y value
  value: f32,       // the series' value here: the line's y at this x (markers: the marker's y;
                    // bars: the bar's value, volume bars: the volume; bands: their middle)
  level: f32,       // the height of `value` in the pane: 0 at the bottom edge, 1 at the top
  index: u32,       // drawn segment (joining points index, index + 1), marker or bar index
  distance: f32,    // device px along the line from its first drawn point (markers, bars, bands: 0)
  up: f32,          // 1 on a rising segment (markers: y >= the previous marker's; candles, OHLC
                    // and volume bars: close >= open; histogram bars: value >= 0), else 0
  color: vec4f,     // the series' own colour here, straight alpha (bars: the bar's own colour)
  size: vec2f,      // the pane's size, device px
  ohlc: vec4f,      // open, high, low, close of the bar (volume bars: of their candle); bands:
                    // (low edge, top, bottom, high edge) at this x; other kinds: value repeated
  part: u32,        // which part of the series is drawn: one of the PART_ constants below
}

// PointInput.part: what a fragment belongs to.
const PART_LINE = 0u;          // a line series' stroke (and any other line layer)
const PART_AREA = 1u;          // an area's fill
const PART_MARKER = 2u;        // a scatter marker
const PART_BODY = 3u;          // a candle's body (open to close)
const PART_WICK = 4u;          // a candle's wick, or an OHLC bar's high-low bar
const PART_OPEN_TICK = 5u;     // an OHLC bar's open tick (left)
const PART_CLOSE_TICK = 6u;    // an OHLC bar's close tick (right)
const PART_VOLUME = 7u;        // a volume bar (under candles, or a volume series)
const PART_BAR = 8u;           // a histogram (bar series) bar
const PART_BAND = 9u;          // a band's fill where its high edge is on top
const PART_BAND_CROSSED = 10u; // a band's fill where its edges crossed (the low edge on top)

// Group 1 of a hooked pipeline: the maps from pane pixels back to data (written per frame).
struct HookParams {
  xMap: vec4f,      // (a, b, log, 0): a * px + b is data x - window start (log: log10 x)
  yMap: vec4f,      // (a, b, log, 0): a * py + b is the value (log: log10 of it)
  color: vec4f,     // the layer's own colour, straight alpha
  size: vec2f,      // pane size, device px
  count: u32,       // elements in the layer
  part: u32,        // PointInput.part of the whole layer (rects: per rectangle instead)
}

@group(1) @binding(0) var<uniform> hook: HookParams;

fn gc_value(m: vec4f, pixel: f32) -> f32 {
  let v = m.x * pixel + m.y;
  if (m.z > 0.5) {
    return pow(10.0, v);
  }
  return v;
}

fn gc_input(pixel: vec2f, lineY: f32, index: u32, distance: f32, up: f32, color: vec4f) -> PointInput {
  var p: PointInput;
  p.pixel = pixel;
  p.data = vec2f(hook.xMap.x * pixel.x + hook.xMap.y, gc_value(hook.yMap, pixel.y));
  p.value = gc_value(hook.yMap, lineY);
  p.level = 1.0 - lineY / max(hook.size.y, 1.0);
  p.index = index;
  p.distance = distance;
  p.up = up;
  p.color = color;
  p.size = hook.size;
  p.ohlc = vec4f(p.value);
  p.part = hook.part;
  return p;
}
