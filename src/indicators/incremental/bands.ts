import { isReseedBar, reseed, slide, variance, type VarianceState } from '../internal/rolling-variance.js';
import { scanExtreme } from '../internal/extremes.js';
import { typicalPrice } from '../cci.js';
import { Ring, Stepper, ValueStepper } from './state.js';
import { EmaStep, SmaStep } from './averages.js';
import { AtrStep } from './volatility.js';
import type { BarStepper } from './types.js';

/** Population standard deviation, same anchor/reseed schedule as the batch. */
export class StdDevStep extends ValueStepper {
  private count = 0;
  private readonly ring: Ring;
  private readonly state: VarianceState = { anchor: 0, s1: 0, s2: 0 };
  constructor(private readonly period: number) {
    super();
    this.ring = new Ring(period + 1);
  }
  next(v: number): number {
    const p = this.period;
    this.ring.push(v);
    const i = this.count++;
    if (i < p - 1) return NaN;
    if (isReseedBar(i, p - 1, p)) reseed(this.state, (j) => this.ring.get(p - 1 - j), p);
    else slide(this.state, v, this.ring.get(p));
    return Math.sqrt(variance(this.state, p));
  }
}

export class StdDevBarStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private readonly sd: StdDevStep;
  constructor(period: number, private readonly nbDev: number) {
    super();
    this.sd = new StdDevStep(period);
  }
  step(x: readonly number[]): void {
    const s = this.sd.next(x[0]!);
    this.out[0] = this.nbDev !== 1 ? s * this.nbDev : s;
  }
}

export class BbandsStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(3);
  private readonly mid: SmaStep;
  private readonly sd: StdDevStep;
  constructor(period: number, private readonly up: number, private readonly dn: number) {
    super();
    this.mid = new SmaStep(period);
    this.sd = new StdDevStep(period);
  }
  step(x: readonly number[]): void {
    const m = this.mid.next(x[0]!);
    const s = this.sd.next(x[0]!);
    this.out[0] = m + s * this.up;
    this.out[1] = m;
    this.out[2] = m - s * this.dn;
  }
}

export class KeltnerStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(3);
  private readonly mid: EmaStep;
  private readonly atr: AtrStep;
  constructor(period: number, private readonly mult: number, atrPeriod: number) {
    super();
    this.mid = new EmaStep(period);
    this.atr = new AtrStep(atrPeriod);
  }
  step(x: readonly number[]): void {
    const [h, l, c] = x as [number, number, number];
    const m = this.mid.next(typicalPrice(h, l, c));
    const r = this.atr.next(h, l, c);
    const ok = m === m && r === r;
    this.out[0] = ok ? m + this.mult * r : NaN;
    this.out[1] = ok ? m : NaN;
    this.out[2] = ok ? m - this.mult * r : NaN;
  }
}

export class DonchianStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(3);
  private readonly highs: Ring;
  private readonly lows: Ring;
  constructor(private readonly period: number) {
    super();
    this.highs = new Ring(period);
    this.lows = new Ring(period);
  }
  step(x: readonly number[]): void {
    this.highs.push(x[0]!);
    this.lows.push(x[1]!);
    if (this.highs.size < this.period) {
      this.out.fill(NaN);
      return;
    }
    const hh = scanExtreme((a) => this.highs.get(a), this.period, true).value;
    const ll = scanExtreme((a) => this.lows.get(a), this.period, false).value;
    this.out[0] = hh;
    this.out[1] = (hh + ll) / 2;
    this.out[2] = ll;
  }
}
