import { Stepper, type ValueStepper } from './state.js';
import type { BarStepper } from './types.js';

/** Adapts a one-input, one-output ValueStepper to the bar interface. */
export class SingleStep extends Stepper implements BarStepper {
  readonly out = new Float64Array(1);
  constructor(private readonly inner: ValueStepper) {
    super();
  }
  step(x: readonly number[]): void {
    this.out[0] = this.inner.next(x[0]!);
  }
}
