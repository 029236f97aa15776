import { trueRange } from '../trange.js';
import { natrValue } from '../natr.js';
import { directionalMove, dxValue } from '../adx.js';
import { sarInit, sarStep, sarAcceleration, type SarState } from '../sar.js';
import { Stepper } from './state.js';
import type { BarStepper } from './types.js';

/** Wilder ATR; `next` returns NaN during the warm-up. */
export class AtrStep extends Stepper {
  private count = 0;
  private total = 0;
  private prev = NaN;
  private prevClose = NaN;
  constructor(private readonly period: number) {
    super();
  }
  next(h: number, l: number, c: number): number {
    const i = this.count++;
    const pc = this.prevClose;
    this.prevClose = c;
    if (i === 0) return NaN;
    const tr = trueRange(h, l, pc);
    const p = this.period;
    if (i < p) {
      this.total += tr;
      return NaN;
    }
    if (i === p) {
      this.total += tr;
      this.prev = this.total / p;
      return this.prev;
    }
    this.prev *= p - 1;
    this.prev += tr;
    this.prev /= p;
    return this.prev;
  }
}

export class AtrBarStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private readonly atr: AtrStep;
  constructor(period: number, private readonly normalized: boolean) {
    super();
    this.atr = new AtrStep(period);
  }
  step(x: readonly number[]): void {
    const a = this.atr.next(x[0]!, x[1]!, x[2]!);
    this.out[0] = this.normalized && a === a ? natrValue(a, x[2]!) : a;
  }
}

export class AdxStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private count = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private plusDM = 0;
  private minusDM = 0;
  private tr = 0;
  private sumDX = 0;
  private prevAdx = NaN;
  constructor(private readonly period: number) {
    super();
  }
  step(x: readonly number[]): void {
    const [h, l, c] = x as [number, number, number];
    const p = this.period;
    const i = this.count++;
    this.out[0] = NaN;
    if (i > 0) {
      const dm = directionalMove(h, this.prevHigh, l, this.prevLow);
      const tr = trueRange(h, l, this.prevClose);
      if (i < p) {
        if (dm < 0) this.minusDM -= dm;
        else if (dm > 0) this.plusDM += dm;
        this.tr += tr;
      } else {
        this.minusDM -= this.minusDM / p;
        this.plusDM -= this.plusDM / p;
        if (dm < 0) this.minusDM -= dm;
        else if (dm > 0) this.plusDM += dm;
        this.tr = this.tr - this.tr / p + tr;
        const dx = dxValue(this.plusDM, this.minusDM, this.tr);
        if (i < 2 * p) {
          if (dx === dx) this.sumDX += dx;
          if (i === 2 * p - 1) this.out[0] = this.prevAdx = this.sumDX / p;
        } else {
          if (dx === dx) this.prevAdx = (this.prevAdx * (p - 1) + dx) / p;
          this.out[0] = this.prevAdx;
        }
      }
    }
    this.prevHigh = h;
    this.prevLow = l;
    this.prevClose = c;
  }
}

export class SarStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private count = 0;
  private h0 = 0;
  private l0 = 0;
  private readonly s: SarState = { isLong: true, sar: 0, ep: 0, af: 0, newHigh: 0, newLow: 0 };
  private readonly accel: number;
  constructor(acceleration: number, private readonly maximum: number) {
    super();
    this.accel = sarAcceleration(acceleration, maximum);
  }
  step(x: readonly number[]): void {
    const [h, l] = x as [number, number];
    const i = this.count++;
    if (i === 0) {
      this.h0 = h;
      this.l0 = l;
      this.out[0] = NaN;
      return;
    }
    if (i === 1) Object.assign(this.s, sarInit(this.h0, this.l0, h, l, this.accel));
    this.out[0] = sarStep(this.s, h, l, this.accel, this.maximum);
  }
}
