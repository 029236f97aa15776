import { adStep } from '../ad.js';
import { typicalPrice } from '../cci.js';
import { moneyFlow, mfiValue } from '../mfi.js';
import { sessionKey } from '../vwap.js';
import { Ring, Stepper } from './state.js';
import type { BarStepper } from './types.js';

export class ObvStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private count = 0;
  private acc = 0;
  private prev = 0;
  step(x: readonly number[]): void {
    const [cur, v] = x as [number, number];
    if (this.count++ === 0) {
      this.acc = v;
      this.prev = cur;
    }
    if (cur > this.prev) this.acc += v;
    else if (cur < this.prev) this.acc -= v;
    this.prev = cur;
    this.out[0] = this.acc;
  }
}

export class AdStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private acc = 0;
  step(x: readonly number[]): void {
    this.acc += adStep(x[0]!, x[1]!, x[2]!, x[3]!);
    this.out[0] = this.acc;
  }
}

export class AdoscStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private count = 0;
  private acc = 0;
  private fastEma = 0;
  private slowEma = 0;
  private readonly fastK: number;
  private readonly slowK: number;
  private readonly lookback: number;
  constructor(fast: number, slow: number) {
    super();
    this.fastK = 2 / (fast + 1);
    this.slowK = 2 / (slow + 1);
    this.lookback = Math.max(fast, slow) - 1;
  }
  step(x: readonly number[]): void {
    const i = this.count++;
    const flow = adStep(x[0]!, x[1]!, x[2]!, x[3]!);
    if (i === 0) {
      this.acc = flow;
      this.fastEma = this.slowEma = this.acc;
      this.out[0] = NaN;
      return;
    }
    this.acc += flow;
    this.fastEma = this.fastK * this.acc + (1 - this.fastK) * this.fastEma;
    this.slowEma = this.slowK * this.acc + (1 - this.slowK) * this.slowEma;
    this.out[0] = i >= this.lookback ? this.fastEma - this.slowEma : NaN;
  }
}

export class MfiStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private count = 0;
  private prevTp = 0;
  private pos = 0;
  private neg = 0;
  private nullRun = 0;
  private readonly flows: Ring;
  constructor(private readonly period: number) {
    super();
    this.flows = new Ring(period + 1);
  }
  step(x: readonly number[]): void {
    const p = this.period;
    const i = this.count++;
    const tp = typicalPrice(x[0]!, x[1]!, x[2]!);
    const f = i === 0 ? 0 : moneyFlow(tp, this.prevTp, x[3]!);
    this.prevTp = tp;
    this.flows.push(f);
    this.out[0] = NaN;
    if (i === 0) return;
    if (i > p) {
      const old = this.flows.get(p);
      if (old > 0) this.pos -= old;
      else if (old < 0) this.neg += old;
    }
    if (f > 0) this.pos += f;
    else if (f < 0) this.neg -= f;
    this.nullRun = f === 0 ? this.nullRun + 1 : 0;
    if (this.nullRun >= p) {
      this.nullRun = p;
      this.pos = 0;
      this.neg = 0;
    }
    if (i >= p) this.out[0] = mfiValue(this.pos, this.neg);
  }
}

export class VwapStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private key = NaN;
  private pv = 0;
  private vol = 0;
  constructor(private readonly session: number, private readonly offset: number) {
    super();
  }
  step(x: readonly number[]): void {
    const [h, l, c, v, t] = x as [number, number, number, number, number];
    const k = sessionKey(this.session, this.offset, t);
    if (k !== this.key) {
      this.key = k;
      this.pv = 0;
      this.vol = 0;
    }
    this.pv += typicalPrice(h, l, c) * v;
    this.vol += v;
    this.out[0] = this.vol > 0 ? this.pv / this.vol : NaN;
  }
}
