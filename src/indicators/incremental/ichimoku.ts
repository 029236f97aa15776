import { scanExtreme } from '../internal/extremes.js';
import { Ring, Stepper } from './state.js';
import type { BarStepper } from './types.js';

/**
 * Streaming Ichimoku. tenkan, kijun, senkouA and senkouB are for the bar just
 * pushed. chikou is the pushed bar's close, which belongs `displacement` bars
 * back (output offset −displacement): a stream cannot revise a past bar's
 * value through `push`, so the offset is reported instead.
 */
export class IchimokuStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(5);
  private count = 0;
  private readonly highs: Ring;
  private readonly lows: Ring;
  private readonly tenkanHist: Ring;
  private readonly kijunHist: Ring;
  private readonly spanBHist: Ring;
  constructor(
    private readonly tenkan: number,
    private readonly kijun: number,
    private readonly senkouB: number,
    private readonly displacement: number,
  ) {
    super();
    const longest = Math.max(tenkan, kijun, senkouB);
    this.highs = new Ring(longest);
    this.lows = new Ring(longest);
    this.tenkanHist = new Ring(displacement + 1);
    this.kijunHist = new Ring(displacement + 1);
    this.spanBHist = new Ring(displacement + 1);
  }
  private midpoint(period: number): number {
    if (this.highs.size < period) return NaN;
    const hh = scanExtreme((a) => this.highs.get(a), period, true).value;
    const ll = scanExtreme((a) => this.lows.get(a), period, false).value;
    return (hh + ll) / 2;
  }
  step(x: readonly number[]): void {
    const [h, l, c] = x as [number, number, number];
    const d = this.displacement;
    const i = this.count++;
    this.highs.push(h);
    this.lows.push(l);
    const tk = this.midpoint(this.tenkan);
    const kj = this.midpoint(this.kijun);
    this.tenkanHist.push(tk);
    this.kijunHist.push(kj);
    this.spanBHist.push(this.midpoint(this.senkouB));
    const past = i >= d;
    this.out[0] = tk;
    this.out[1] = kj;
    this.out[2] = past ? (this.tenkanHist.get(d) + this.kijunHist.get(d)) / 2 : NaN;
    this.out[3] = past ? this.spanBHist.get(d) : NaN;
    this.out[4] = past ? c : NaN;
  }
}
