import { emaK } from '../ema.js';
import { kamaConstant } from '../kama.js';
import { rocValue } from '../roc.js';
import { Ring, ValueStepper } from './state.js';

/*
 * Streaming moving averages. Each mirrors the arithmetic of its batch kernel
 * operation for operation, so streaming and batch agree bit for bit.
 */

export class SmaStep extends ValueStepper {
  private total = 0;
  private count = 0;
  private readonly ring: Ring;
  constructor(private readonly period: number) {
    super();
    this.ring = new Ring(period);
  }
  next(v: number): number {
    this.ring.push(v);
    this.count++;
    this.total += v;
    if (this.count < this.period) return NaN;
    const out = this.total / this.period;
    this.total -= this.ring.get(this.period - 1);
    return out;
  }
}

export class EmaStep extends ValueStepper {
  private sum = 0;
  private count = 0;
  private prev = NaN;
  private readonly k: number;
  constructor(private readonly period: number) {
    super();
    this.k = emaK(period);
  }
  next(v: number): number {
    this.count++;
    if (this.count <= this.period) {
      this.sum += v;
      if (this.count < this.period) return NaN;
      this.prev = this.sum / this.period;
      return this.prev;
    }
    this.prev = (v - this.prev) * this.k + this.prev;
    return this.prev;
  }
}

export class WmaStep extends ValueStepper {
  private periodSum = 0;
  private periodSub = 0;
  private trailingValue = 0;
  private count = 0;
  private readonly ring: Ring;
  private readonly divider: number;
  constructor(private readonly period: number) {
    super();
    this.ring = new Ring(period);
    this.divider = (period * (period + 1)) / 2;
  }
  next(v: number): number {
    this.ring.push(v);
    this.count++;
    if (this.count < this.period) {
      this.periodSub += v;
      this.periodSum += v * this.count;
      return NaN;
    }
    this.periodSub += v;
    this.periodSub -= this.trailingValue;
    this.periodSum += v * this.period;
    this.trailingValue = this.ring.get(this.period - 1);
    const out = this.periodSum / this.divider;
    this.periodSum -= this.periodSub;
    return out;
  }
}

/** Feeds `inner` only once `v` is defined, as the batch kernels start at the first valid index. */
function chain(inner: ValueStepper, v: number): number {
  return v === v ? inner.next(v) : NaN;
}

export class DemaStep extends ValueStepper {
  private readonly e1: EmaStep;
  private readonly e2: EmaStep;
  constructor(period: number) {
    super();
    this.e1 = new EmaStep(period);
    this.e2 = new EmaStep(period);
  }
  next(v: number): number {
    const a = this.e1.next(v);
    const b = chain(this.e2, a);
    return b === b ? 2 * a - b : NaN;
  }
}

export class TemaStep extends ValueStepper {
  private readonly e1: EmaStep;
  private readonly e2: EmaStep;
  private readonly e3: EmaStep;
  constructor(period: number) {
    super();
    this.e1 = new EmaStep(period);
    this.e2 = new EmaStep(period);
    this.e3 = new EmaStep(period);
  }
  next(v: number): number {
    const a = this.e1.next(v);
    const b = chain(this.e2, a);
    const c = chain(this.e3, b);
    return c === c ? c + (3 * a - 3 * b) : NaN;
  }
}

export class TrixStep extends ValueStepper {
  private readonly e1: EmaStep;
  private readonly e2: EmaStep;
  private readonly e3: EmaStep;
  private prevE3 = NaN;
  constructor(period: number) {
    super();
    this.e1 = new EmaStep(period);
    this.e2 = new EmaStep(period);
    this.e3 = new EmaStep(period);
  }
  next(v: number): number {
    const c = chain(this.e3, chain(this.e2, this.e1.next(v)));
    const out = c === c && this.prevE3 === this.prevE3 ? rocValue(c, this.prevE3) : NaN;
    this.prevE3 = c;
    return out;
  }
}

export class KamaStep extends ValueStepper {
  private count = 0;
  private sumROC1 = 0;
  private prevKama = NaN;
  private trailingValue = 0;
  private readonly ring: Ring;
  constructor(private readonly period: number) {
    super();
    this.ring = new Ring(period + 1);
  }
  next(v: number): number {
    const n = this.period;
    if (n === 1) return v;
    this.ring.push(v);
    const t = this.count++;
    if (t === 0) return NaN;
    const prev = this.ring.get(1);
    if (t <= n) this.sumROC1 += Math.abs(prev - v);
    if (t < n) return NaN;
    if (t === n) {
      this.prevKama = prev;
      this.trailingValue = this.ring.get(n);
      const sc = kamaConstant(v - this.trailingValue, this.sumROC1);
      this.prevKama = (v - this.prevKama) * sc + this.prevKama;
      return this.prevKama;
    }
    const t2 = this.ring.get(n);
    this.sumROC1 -= Math.abs(this.trailingValue - t2);
    this.sumROC1 += Math.abs(v - prev);
    this.trailingValue = t2;
    const sc = kamaConstant(v - t2, this.sumROC1);
    this.prevKama = (v - this.prevKama) * sc + this.prevKama;
    return this.prevKama;
  }
}
