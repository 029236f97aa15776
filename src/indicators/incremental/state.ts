/**
 * Streaming state with one level of undo, so `updateLast` can replace the last
 * bar: before each bar the wrapper takes a checkpoint, and `updateLast` rolls
 * back to it and steps the replacement bar. A checkpoint costs O(number of
 * scalar fields): ring buffers only remember the one slot the next push
 * overwrites, so window indicators stay O(1) per checkpoint too.
 */

/** Fixed-capacity ring of the most recent values; get(0) is the newest. */
export class Ring {
  private readonly buf: Float64Array;
  private head = 0;
  size = 0;
  private cpHead = 0;
  private cpSize = 0;
  private cpValue = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  push(v: number): void {
    this.buf[this.head] = v;
    this.head = this.head + 1 === this.buf.length ? 0 : this.head + 1;
    if (this.size < this.buf.length) this.size++;
  }

  /** Value pushed `age` pushes ago (0 = last). */
  get(age: number): number {
    let k = this.head - 1 - age;
    if (k < 0) k += this.buf.length;
    return this.buf[k]!;
  }

  checkpoint(): void {
    this.cpHead = this.head;
    this.cpSize = this.size;
    this.cpValue = this.buf[this.head]!;
  }

  /** Undoes at most one push made since the checkpoint. */
  rollback(): void {
    this.buf[this.cpHead] = this.cpValue;
    this.head = this.cpHead;
    this.size = this.cpSize;
  }
}

type Saved = Record<string, unknown>;

/**
 * Base of every stepper. Checkpointing is generic: number and boolean fields,
 * plain objects / arrays of numbers (shallow-copied), Rings and nested
 * Steppers are saved; anything else (configuration, scratch) is left alone.
 */
export abstract class Stepper {
  private saved: Saved | null = null;

  checkpoint(): void {
    const saved: Saved = this.saved ?? {};
    for (const key of Object.keys(this)) {
      if (key === 'saved') continue;
      const v = (this as unknown as Saved)[key];
      if (typeof v === 'number' || typeof v === 'boolean') saved[key] = v;
      else if (v instanceof Ring || v instanceof Stepper) v.checkpoint();
      else if (Array.isArray(v)) saved[key] = v.slice();
      else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) saved[key] = { ...(v as object) };
    }
    this.saved = saved;
  }

  rollback(): void {
    const saved = this.saved;
    if (!saved) return;
    for (const key of Object.keys(this)) {
      if (key === 'saved') continue;
      const v = (this as unknown as Saved)[key];
      if (v instanceof Ring || v instanceof Stepper) v.rollback();
      else if (key in saved) {
        const s = saved[key];
        // Copy into the live object/array so references held elsewhere stay valid.
        if (Array.isArray(v)) v.splice(0, v.length, ...(s as unknown[]));
        else if (v !== null && typeof v === 'object') Object.assign(v, s as object);
        else (this as unknown as Saved)[key] = s;
      }
    }
  }
}

/** A stepper producing one number per input value (building block for composites). */
export abstract class ValueStepper extends Stepper {
  abstract next(v: number): number;
}
