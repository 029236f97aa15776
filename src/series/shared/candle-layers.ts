import type { OhlcAggregate } from '../../data/lod/ohlc-aggregate.js';
import { RECT_HOOK_INPUT_WORDS, type Rgba, type RectsLayer } from '../../core/scene/frame-scene.js';
import { HOOK_PARTS, type HookPart } from '../../custom-shaders/hooks.js';
import type { TimeScale, ValueScale } from '../../core/scales.js';

export type BarStyle = 'candlestick' | 'ohlc';

/** RGBA 0..1 → the packed RGBA8 of RectsLayer (r | g << 8 | b << 16 | a << 24). */
export function packColor([r, g, b, a]: Rgba): number {
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v * 255)));
  return (byte(r) | (byte(g) << 8) | (byte(b) << 16) | (byte(a) << 24)) >>> 0;
}

/**
 * Growable rect + colour arrays reused frame after frame, and what a colour hook sees of each
 * rectangle (RectsLayer.hookInputs: its bar's OHLC, value, index and part), written by `input`.
 *
 * The hook inputs are 8 words per rectangle, twice the rectangle itself: they are written (and
 * their array allocated) only while a hook is attached to the series (`reset(…, true)`); an
 * unhooked series' layer has no `hookInputs`, which only the WebGPU hook path reads.
 */
export class RectBuffer {
  rects = new Float32Array(4096);
  colors = new Uint32Array(1024);
  /** Empty until a hooked frame needs it. */
  inputs = new Float32Array(0);
  /** The u32 words of `inputs` (index, part | up << 8). */
  private inputBits = new Uint32Array(0);
  /** This frame writes hook inputs (the series is hooked). */
  private withInputs = false;
  count = 0;

  /** Starts a frame of up to `capacity` rectangles; `withInputs`: a hook is attached to the series. */
  reset(capacity: number, withInputs: boolean): void {
    this.count = 0;
    this.withInputs = withInputs;
    if (this.colors.length < capacity) {
      this.colors = new Uint32Array(capacity * 2);
      this.rects = new Float32Array(capacity * 8);
    }
    if (withInputs && this.inputs.length < this.colors.length * RECT_HOOK_INPUT_WORDS) {
      this.inputs = new Float32Array(this.colors.length * RECT_HOOK_INPUT_WORDS);
      this.inputBits = new Uint32Array(this.inputs.buffer);
    }
  }

  push(x0: number, y0: number, x1: number, y1: number, color: number): void {
    const i = this.count++;
    this.rects[i * 4] = x0;
    this.rects[i * 4 + 1] = y0;
    this.rects[i * 4 + 2] = x1;
    this.rects[i * 4 + 3] = y1;
    this.colors[i] = color;
  }

  /**
   * The hook inputs of the rectangle pushed last: its bar's open, high, low, close, its value and
   * the pane y it is drawn at, the bar's index among the drawn bars, its part and direction.
   */
  input(open: number, high: number, low: number, close: number, value: number, valueY: number, index: number, part: HookPart, up: boolean): void {
    if (!this.withInputs) return;
    const at = (this.count - 1) * RECT_HOOK_INPUT_WORDS;
    const f = this.inputs;
    f[at] = open;
    f[at + 1] = high;
    f[at + 2] = low;
    f[at + 3] = close;
    f[at + 4] = value;
    f[at + 5] = valueY;
    this.inputBits[at + 6] = index;
    this.inputBits[at + 7] = part | (up ? 1 << 8 : 0);
  }

  layer(id: string): RectsLayer {
    const layer: RectsLayer = { kind: 'rects', id, rects: this.rects, colors: this.colors, count: this.count, minSize: 1 };
    if (this.withInputs) layer.hookInputs = this.inputs;
    return layer;
  }
}

/**
 * Turns OHLC candles (one per bar, or one per bucket of bars when zoomed out: see
 * OhlcAggregator) into rectangles: a body from open to close and a one-pixel wick from low to
 * high for candlesticks; a high-low bar with open (left) and close (right) ticks for OHLC.
 */
/** What a colour hook sees of one part of bar `k` (pushed last): the bar's OHLC, its close as the value. */
function barInput(out: RectBuffer, agg: OhlcAggregate, k: number, closeY: number, rising: boolean, part: HookPart): void {
  out.input(agg.open[k]!, agg.high[k]!, agg.low[k]!, agg.close[k]!, agg.close[k]!, closeY, k, part, rising);
}

export class CandleLayers {
  private readonly bars = new RectBuffer();
  private readonly volume = new RectBuffer();

  /** Centre x and full width (plot px) of candle k. */
  private geometry(agg: OhlcAggregate, k: number, time: ArrayLike<number>, xScale: TimeScale, slotPx: number): [number, number] {
    if (agg.mode === 'raw') return [xScale.toPixel(agg.time[k]!), slotPx];
    const left = xScale.toPixel(time[agg.firstIndex[k]!]!);
    const right = xScale.toPixel(time[agg.lastIndex[k]!]!);
    return [(left + right) / 2, Math.max(slotPx, right - left + slotPx)];
  }

  /** Pixel width of one bar's slot: the plot width over the visible bars. */
  private slot(agg: OhlcAggregate, plotWidth: number): number {
    return plotWidth / Math.max(1, agg.visibleBars);
  }

  /** `hooked`: a hook is attached to the series (its rectangles then carry hook inputs). */
  bodies(agg: OhlcAggregate, time: ArrayLike<number>, xScale: TimeScale, yScale: ValueScale, plotWidth: number, style: BarStyle, up: Rgba, down: Rgba, pixelRatio: number, hooked: boolean): RectsLayer {
    const out = this.bars;
    out.reset(agg.count * 3, hooked);
    const upColor = packColor(up);
    const downColor = packColor(down);
    const slotPx = this.slot(agg, plotWidth);
    const line = Math.max(1, Math.round(pixelRatio));
    for (let k = 0; k < agg.count; k++) {
      const [x, width] = this.geometry(agg, k, time, xScale, slotPx);
      const open = yScale.toPixel(agg.open[k]!);
      const close = yScale.toPixel(agg.close[k]!);
      const high = yScale.toPixel(agg.high[k]!);
      const low = yScale.toPixel(agg.low[k]!);
      if (!(high === high && low === low && open === open && close === close)) continue;
      const rising = agg.close[k]! >= agg.open[k]!;
      const color = rising ? upColor : downColor;
      // Gaps between candles: 20 % of the slot, at least a pixel once there is room for one.
      const body = Math.max(1, width * 0.8 > 2 ? Math.floor(width * 0.8) : width);
      if (style === 'candlestick') {
        out.push(x - line / 2, high, x + line / 2, low, color);
        barInput(out, agg, k, close, rising, HOOK_PARTS.PART_WICK);
        out.push(x - body / 2, open, x + body / 2, close, color);
        barInput(out, agg, k, close, rising, HOOK_PARTS.PART_BODY);
      } else {
        const tick = Math.max(line, Math.floor(body / 2));
        out.push(x - line / 2, high, x + line / 2, low, color);
        barInput(out, agg, k, close, rising, HOOK_PARTS.PART_WICK);
        out.push(x - tick, open - line / 2, x, open + line / 2, color);
        barInput(out, agg, k, close, rising, HOOK_PARTS.PART_OPEN_TICK);
        out.push(x, close - line / 2, x + tick, close + line / 2, color);
        barInput(out, agg, k, close, rising, HOOK_PARTS.PART_CLOSE_TICK);
      }
    }
    return out.layer('candles');
  }

  /**
   * Volume as a histogram coloured by the candle's direction: in the bottom `scale` fraction of the
   * plot on its own scale (0 to the largest visible volume), as under candles; or, given a value
   * scale, on that scale (a volume series of its own). `hooked`: as for `bodies`.
   */
  volumes(agg: OhlcAggregate, time: ArrayLike<number>, xScale: TimeScale, plotWidth: number, plotHeight: number, up: Rgba, down: Rgba, scale: number | ValueScale, hooked: boolean): RectsLayer {
    const out = this.volume;
    out.reset(agg.count, hooked);
    let max = 0;
    for (let k = 0; k < agg.count; k++) if (agg.volume[k]! > max) max = agg.volume[k]!;
    if (!(max > 0)) return out.layer('volume');
    // Under candles the bars are translucent so that the candles over them stay readable.
    const alpha = typeof scale === 'number' ? 0.45 : 0.8;
    const upColor = packColor([up[0], up[1], up[2], up[3] * alpha]);
    const downColor = packColor([down[0], down[1], down[2], down[3] * alpha]);
    const slotPx = this.slot(agg, plotWidth);
    const perUnit = typeof scale === 'number' ? (plotHeight * scale) / max : 0;
    const toY = typeof scale === 'number' ? (v: number) => plotHeight - v * perUnit : (v: number) => scale.toPixel(v);
    const baseY = toY(0);
    for (let k = 0; k < agg.count; k++) {
      const v = agg.volume[k]!;
      if (!(v > 0)) continue;
      const [x, width] = this.geometry(agg, k, time, xScale, slotPx);
      const body = Math.max(1, width * 0.8 > 2 ? Math.floor(width * 0.8) : width);
      const rising = agg.close[k]! >= agg.open[k]!;
      const top = toY(v);
      out.push(x - body / 2, top, x + body / 2, baseY, rising ? upColor : downColor);
      out.input(agg.open[k]!, agg.high[k]!, agg.low[k]!, agg.close[k]!, v, top, k, HOOK_PARTS.PART_VOLUME, rising);
    }
    return out.layer('volume');
  }
}
