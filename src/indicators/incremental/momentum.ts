import { rsiValue } from '../rsi.js';
import { fastKValue } from '../stoch.js';
import { willrValue } from '../willr.js';
import { cciWindow, typicalPrice } from '../cci.js';
import { rocValue } from '../roc.js';
import { aroonValue } from '../aroon.js';
import { buyingPressure, ultoscPeriods, ultoscValue } from '../ultosc.js';
import { trueRange } from '../trange.js';
import { scanExtreme } from '../internal/extremes.js';
import { Ring, Stepper, ValueStepper } from './state.js';
import { EmaStep, SmaStep } from './averages.js';
import type { BarStepper } from './types.js';

export class RsiStep extends ValueStepper {
  private count = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  constructor(private readonly period: number) {
    super();
  }
  next(v: number): number {
    const p = this.period;
    const i = this.count++;
    const d = v - this.prev;
    this.prev = v;
    if (i === 0) return NaN;
    if (i <= p) {
      if (d < 0) this.loss -= d;
      else this.gain += d;
      if (i < p) return NaN;
      this.loss /= p;
      this.gain /= p;
      return rsiValue(this.gain, this.loss);
    }
    this.loss *= p - 1;
    this.gain *= p - 1;
    if (d < 0) this.loss -= d;
    else this.gain += d;
    this.loss /= p;
    this.gain /= p;
    return rsiValue(this.gain, this.loss);
  }
}

export class MacdStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(3);
  private count = 0;
  private readonly fastEma: EmaStep;
  private readonly slowEma: EmaStep;
  private readonly signalEma: EmaStep;
  private readonly fastStart: number;
  constructor(fast: number, slow: number, signal: number) {
    super();
    const [f, s] = slow < fast ? [slow, fast] : [fast, slow];
    this.fastEma = new EmaStep(f);
    this.slowEma = new EmaStep(s);
    this.signalEma = new EmaStep(signal);
    // TA-Lib starts the fast EMA late so both EMAs are seeded on the same bar.
    this.fastStart = s - f;
  }
  step(x: readonly number[]): void {
    const v = x[0]!;
    const i = this.count++;
    const slow = this.slowEma.next(v);
    const fast = i >= this.fastStart ? this.fastEma.next(v) : NaN;
    const line = fast - slow;
    const sig = line === line ? this.signalEma.next(line) : NaN;
    const ok = sig === sig;
    this.out[0] = ok ? line : NaN;
    this.out[1] = sig;
    this.out[2] = ok ? line - sig : NaN;
  }
}

/** Shared by STOCH and WILLR: rolling highest high / lowest low over `period` bars. */
class Extremes extends Stepper {
  private readonly highs: Ring;
  private readonly lows: Ring;
  highest = NaN;
  lowest = NaN;
  constructor(private readonly period: number) {
    super();
    this.highs = new Ring(period);
    this.lows = new Ring(period);
  }
  /** Returns false until the window is full. */
  push(h: number, l: number): boolean {
    this.highs.push(h);
    this.lows.push(l);
    if (this.highs.size < this.period) return false;
    this.highest = scanExtreme((a) => this.highs.get(a), this.period, true).value;
    this.lowest = scanExtreme((a) => this.lows.get(a), this.period, false).value;
    return true;
  }
}

export class StochStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(2);
  private readonly ext: Extremes;
  private readonly slowK: SmaStep;
  private readonly slowD: SmaStep;
  constructor(fastK: number, slowK: number, slowD: number) {
    super();
    this.ext = new Extremes(fastK);
    this.slowK = new SmaStep(slowK);
    this.slowD = new SmaStep(slowD);
  }
  step(x: readonly number[]): void {
    const [h, l, c] = x as [number, number, number];
    let k = NaN;
    let d = NaN;
    if (this.ext.push(h, l)) {
      k = this.slowK.next(fastKValue(c, this.ext.lowest, this.ext.highest));
      if (k === k) d = this.slowD.next(k);
    }
    this.out[0] = d === d ? k : NaN;
    this.out[1] = d;
  }
}

export class WillrStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private readonly ext: Extremes;
  constructor(period: number) {
    super();
    this.ext = new Extremes(period);
  }
  step(x: readonly number[]): void {
    const [h, l, c] = x as [number, number, number];
    this.out[0] = this.ext.push(h, l) ? willrValue(c, this.ext.lowest, this.ext.highest) : NaN;
  }
}

export class CciStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private readonly tp: Ring;
  constructor(private readonly period: number) {
    super();
    this.tp = new Ring(period);
  }
  step(x: readonly number[]): void {
    const p = this.period;
    this.tp.push(typicalPrice(x[0]!, x[1]!, x[2]!));
    this.out[0] = this.tp.size < p ? NaN : cciWindow((j) => this.tp.get(p - 1 - j), p);
  }
}

/** ROC (percent) or MOM (difference) against the value `period` bars back. */
export class ChangeStep extends ValueStepper {
  private readonly ring: Ring;
  constructor(private readonly period: number, private readonly percent: boolean) {
    super();
    this.ring = new Ring(period + 1);
  }
  next(v: number): number {
    this.ring.push(v);
    if (this.ring.size <= this.period) return NaN;
    const then = this.ring.get(this.period);
    return this.percent ? rocValue(v, then) : v - then;
  }
}

export class AroonStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(2);
  private readonly highs: Ring;
  private readonly lows: Ring;
  constructor(private readonly period: number) {
    super();
    this.highs = new Ring(period + 1);
    this.lows = new Ring(period + 1);
  }
  step(x: readonly number[]): void {
    const p = this.period;
    this.highs.push(x[0]!);
    this.lows.push(x[1]!);
    if (this.highs.size <= p) {
      this.out.fill(NaN);
      return;
    }
    // scanExtreme keeps the newest of equal extremes, like TA-Lib's >= / <=.
    this.out[0] = aroonValue(p, scanExtreme((a) => this.lows.get(a), p + 1, false).age);
    this.out[1] = aroonValue(p, scanExtreme((a) => this.highs.get(a), p + 1, true).age);
  }
}

export class UltoscStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  private count = 0;
  private prevClose = 0;
  private readonly a = [0, 0, 0];
  private readonly b = [0, 0, 0];
  private readonly nonZero = [0, 0, 0];
  private readonly bp: Ring;
  private readonly tr: Ring;
  private readonly periods: [number, number, number];
  constructor(p1: number, p2: number, p3: number) {
    super();
    this.periods = ultoscPeriods(p1, p2, p3);
    this.bp = new Ring(this.periods[2]);
    this.tr = new Ring(this.periods[2]);
  }
  step(x: readonly number[]): void {
    const [h, l, c] = x as [number, number, number];
    const i = this.count++;
    const pc = this.prevClose;
    this.prevClose = c;
    this.out[0] = NaN;
    if (i === 0) return;
    const bp = buyingPressure(l, c, pc);
    const tr = trueRange(h, l, pc);
    this.bp.push(bp);
    this.tr.push(tr);
    const lookback = this.periods[2];
    for (let w = 0; w < 3; w++) {
      // Before the first output a window only takes the terms it will hold then.
      if (i < lookback && i < lookback - this.periods[w]! + 1) continue;
      this.a[w] += bp;
      this.b[w] += tr;
      if (tr !== 0) this.nonZero[w]++;
    }
    if (i < lookback) return;
    this.out[0] = ultoscValue(this.a, this.b);
    for (let w = 0; w < 3; w++) {
      const age = this.periods[w]! - 1;
      this.a[w] -= this.bp.get(age);
      this.b[w] -= this.tr.get(age);
      if (this.tr.get(age) !== 0) this.nonZero[w]--;
      if (this.nonZero[w] === 0) {
        this.a[w] = 0;
        this.b[w] = 0;
      }
    }
  }
}
