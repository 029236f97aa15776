import { IndicatorError } from './errors.js';
import { getIndicator, resolveIndicatorInputs, resolveIndicatorParams } from './registry.js';
import type { IndicatorColumns, IndicatorDefinition } from './types.js';
import { createStepper } from './incremental/steppers.js';
import type { BarStepper } from './incremental/types.js';
import { MinMaxPyramid } from '../data/lod/minmax-pyramid.js';
import { resized } from '../data/typed-arrays.js';

type P = Record<string, number>;


/**
 * Steppers whose whole state is a function of the last `window` valid bars once that many have
 * been seen (ring buffers rescanned each bar, no running sums): for them `reset` takes the
 * outputs from the batch function and steps only the last `window` bars to position the state,
 * which is several times faster than stepping every bar (see bench/results/indicators.md).
 */
const WINDOWS: Record<string, (p: P) => number> = {
  donchian: (p) => p.period!,
  willr: (p) => p.period!,
  cci: (p) => p.period!,
  aroon: (p) => p.period! + 1,
  roc: (p) => p.period! + 1,
  mom: (p) => p.period! + 1,
  ichimoku: (p) => Math.max(p.tenkan!, p.kijun!, p.senkouB!) + p.displacement!,
};

/** Options of `IndicatorStream.reset`. */
export interface IndicatorStreamResetOptions {
  /**
   * Step every row through the incremental state even where the batch function and a short
   * window would do (tests and benchmarks compare the two; the results are identical).
   */
  stepAll?: boolean;
}

/** Smallest output capacity, so that a short series does not regrow on every append. */
const MIN_CAPACITY = 1024;

/**
 * One indicator's output columns kept in step with a growing columnar data set: a chart computes
 * them once (`reset`) and then pays O(1) per appended or revised bar (`sync`) for the recursive
 * indicators (EMA family, RSI, MACD, ATR, ADX, SAR, OBV, A/D, VWAP, …) and O(period) for those
 * that rescan a window (STOCH, WILLR, AROON, CCI, Donchian, Ichimoku), instead of recomputing the
 * whole series. After every call the outputs equal the batch function over rows [0, length) bit
 * for bit, missing bars (a non-finite input) and Ichimoku's chikou included.
 *
 * Outputs live in growable Float64Arrays (capacity doubles when full). `column(name)` is the
 * backing array: it may be longer than `length` (entries from `length` on are meaningless) and it
 * is replaced by a larger one when the stream grows or resets, so re-read it after every
 * `reset`/`sync` rather than holding it. `view(name)` / `outputs` are subarrays of [0, length).
 *
 * Negative output offsets (Ichimoku's chikou, −displacement: the value of bar i is only known
 * `displacement` valid bars later) are written back into the earlier row when it becomes known,
 * exactly where the batch function puts it; the last `displacement` valid bars stay NaN, as in
 * the batch output.
 *
 * Bounded streams (a store with `maxPoints` or a time window) drop their oldest rows: `sync`
 * takes how many (`dropped`) and the stream drops the same rows from its outputs in O(1) (a head
 * offset into the output buffers; the pyramids' origins move). The outputs of the kept rows stay
 * what they were: computed with the whole history the stream has seen (an EMA does not restart
 * at the new first row), i.e. the rows [dropped, …) of the batch function over every row ever
 * synced. Buffers are compacted in place when full, so memory stays flat.
 */
export class IndicatorStream {
  readonly type: string;
  readonly params: Readonly<Record<string, number>>;
  /** Output names, in definition order ('value', or e.g. 'upper', 'middle', 'lower'). */
  readonly outputNames: readonly string[];
  /**
   * Per output, bars between the bar that produces a value and the bar it belongs to: 0, or
   * −displacement for Ichimoku's chikou.
   */
  readonly outputOffsets: Readonly<Record<string, number>>;
  /** Leading NaN count of each output (definition's `lookbacks`). */
  readonly lookbacks: Readonly<Record<string, number>>;

  private readonly def: IndicatorDefinition;
  private readonly offsets: Int32Array;
  private readonly hasNegativeOffset: boolean;
  private stepper: BarStepper;
  private buffers: Float64Array[];
  private count = 0;
  /** Buffer index of row 0 (rows before it were dropped). */
  private head = 0;
  /** validRows[validHead …] are the valid rows not dropped yet. */
  private validHead = 0;
  private readonly x: number[];
  /** Rows whose inputs are all finite, in order (kept only when an output has a negative offset). */
  private validRows = new Uint32Array(0);
  private validCount = 0;
  private readonly pyramids: (MinMaxPyramid | null)[];

  /**
   * @param type registry type ('ema', 'MACD', …; case-insensitive)
   * @param params raw parameters (numbers or numeric strings), resolved and validated by
   *   `resolveIndicatorParams`: throws IndicatorError for an unknown type or a bad parameter.
   */
  constructor(type: string, params: Record<string, unknown> = {}) {
    this.def = getIndicator(type);
    this.type = this.def.type;
    const resolved = resolveIndicatorParams(this.type, params);
    this.params = Object.freeze({ ...resolved });
    this.outputNames = this.def.outputs;
    const offsets: Record<string, number> = Object.fromEntries(this.outputNames.map((o) => [o, 0]));
    if (this.type === 'ichimoku' && resolved.displacement! > 0) offsets.chikou = -resolved.displacement!;
    this.outputOffsets = Object.freeze(offsets);
    this.lookbacks = Object.freeze(this.def.lookbacks(resolved));
    this.offsets = Int32Array.from(this.outputNames, (o) => offsets[o]!);
    this.hasNegativeOffset = this.offsets.some((o) => o < 0);
    this.stepper = createStepper(this.type, resolved);
    this.buffers = this.outputNames.map(() => new Float64Array(0));
    this.pyramids = this.outputNames.map(() => null);
    this.x = new Array<number>(this.def.inputs.length).fill(0);
  }

  /** Rows covered by the outputs. */
  get length(): number {
    return this.count;
  }

  /** Every output as a view of rows [0, length) (new views on each read). */
  get outputs(): Record<string, Float64Array> {
    const out: Record<string, Float64Array> = {};
    this.outputNames.forEach((name, k) => (out[name] = this.buffers[k]!.subarray(this.head, this.head + this.count)));
    return out;
  }

  /**
   * The backing array of an output: valid over [0, length), possibly longer. Its identity changes
   * when the stream grows past its capacity and on `reset`, so do not keep it across calls.
   */
  column(name: string): Float64Array {
    const buffer = this.buffers[this.indexOf(name)]!;
    return this.head === 0 ? buffer : buffer.subarray(this.head);
  }

  /** One output as a view of rows [0, length). */
  view(name: string): Float64Array {
    return this.column(name).subarray(0, this.count);
  }

  /**
   * The min/max pyramid of an output, built on first use and then kept current by `sync`
   * (extended for appended rows, refreshed for a revised last row). `reset` drops it (the next
   * call builds a new one). For an output with a negative offset (chikou) the pyramid covers rows
   * up to the latest row that received a value: every later row is NaN by construction, so range
   * queries stay exact, but its `size` may be less than `length`.
   */
  pyramid(name: string): MinMaxPyramid {
    const k = this.indexOf(name);
    let pyramid = this.pyramids[k];
    if (!pyramid) {
      pyramid = new MinMaxPyramid(this.buffers[k]!, this.head + this.coverage(k), this.head);
      this.pyramids[k] = pyramid;
    }
    return pyramid;
  }

  /**
   * Full computation over rows [0, length) of `columns` (time, open, high, low, close, volume
   * and `source`, the chosen source column; 'source' falls back to 'close' as in the batch
   * function). Columns may be longer than `length` (growable buffers). Runs the incremental
   * stepper over every row — one pass, no per-row checkpoint — so that the outputs are ready and
   * the stepper is positioned after row length − 1 for later `sync` calls. For the windowed
   * indicators (Donchian, WILLR, CCI, AROON, ROC, MOM, Ichimoku) the outputs come from the batch
   * function instead and only the last window of bars is stepped (see WINDOWS); same results.
   * Throws IndicatorError('missing-input') like the batch function when an input is missing, and
   * 'length-mismatch' when a column is shorter than `length`; the stream is unchanged then.
   */
  reset(columns: IndicatorColumns, length: number, options: IndicatorStreamResetOptions = {}): void {
    const inputs = this.inputsFor(columns, length);
    this.stepper = createStepper(this.type, this.params);
    const capacity = Math.max(MIN_CAPACITY, length + (length >>> 2));
    this.buffers = this.outputNames.map(() => new Float64Array(capacity));
    this.validRows = this.hasNegativeOffset ? new Uint32Array(capacity) : new Uint32Array(0);
    this.validCount = 0;
    this.validHead = 0;
    this.head = 0;
    this.pyramids.fill(null);
    this.count = 0;
    const window = WINDOWS[this.type]?.(this.params);
    if (window !== undefined && !options.stepAll && length > 2 * window + 1) this.resetWindowed(inputs, length, window);
    else for (let i = 0; i < length; i++) this.row(inputs, i, i === length - 1);
    this.count = length;
  }

  /** `reset` for a windowed stepper: batch outputs, then the last `window` valid bars stepped. */
  private resetWindowed(inputs: ArrayLike<number>[], length: number, window: number): void {
    const named: Record<string, ArrayLike<number>> = {};
    this.def.inputs.forEach((name, j) => (named[name] = prefix(inputs[j]!, length)));
    const batch = this.def.compute(named, this.params);
    this.outputNames.forEach((name, k) => this.buffers[k]!.set(batch[name]!));
    const valid = (i: number): boolean => {
      for (let j = 0; j < inputs.length; j++) if (!Number.isFinite(inputs[j]![i]!)) return false;
      return true;
    };
    if (this.hasNegativeOffset) {
      for (let i = 0; i < length; i++) if (valid(i)) this.validRows[this.validCount++] = i;
    }
    // The state before the last row depends on the `window` valid rows before it; then the last
    // row is stepped after a checkpoint, as `sync` would have done.
    let start = length - 1;
    for (let seen = 0; start > 0 && seen < window; ) if (valid(--start)) seen++;
    const x = this.x;
    const stepper = this.stepper;
    for (let i = start; i < length; i++) {
      if (i === length - 1) stepper.checkpoint();
      if (!valid(i)) continue;
      for (let j = 0; j < x.length; j++) x[j] = inputs[j]![i]!;
      stepper.step(x);
    }
  }

  /**
   * The data grew to `length` rows: `appended` rows were added at the end and, when
   * `updatedLast`, the row before them (index length − appended − 1, the previous last row) was
   * revised in place — the `{ appended, updatedLast }` that SeriesStore.append returns. Rows
   * before that must be unchanged; when the stream does not cover exactly length − appended rows
   * (e.g. the data was replaced), this falls back to `reset`.
   *
   * Returns the first row whose output values may have changed (length when none did): the
   * revised row, the first appended row, or for chikou the earlier row its value belongs to —
   * what a consumer has to re-upload.
   * `dropped` rows were removed from the front first (a bounded store's ring): the outputs drop
   * them too, and the row numbers above count after the drop.
   * Throws like `reset` for a missing or short column, before changing anything.
   */
  sync(columns: IndicatorColumns, length: number, appended: number, updatedLast: boolean, dropped = 0): number {
    const inputs = this.inputsFor(columns, length);
    const previous = length - appended;
    if (!(appended >= 0) || !(dropped >= 0) || dropped > this.count || previous !== this.count - dropped) {
      this.reset(columns, length);
      return 0;
    }
    if (dropped > 0) this.dropFront(dropped);
    let first = length;
    const revise = updatedLast && previous > 0;
    if (revise) first = this.reviseLast(inputs, previous - 1);
    if (appended > 0) {
      this.reserve(this.head + length);
      for (let i = previous; i < length; i++) {
        const changed = this.row(inputs, i, true);
        if (changed < first) first = changed;
      }
    }
    this.count = length;
    for (let k = 0; k < this.pyramids.length; k++) {
      const pyramid = this.pyramids[k];
      if (!pyramid) continue;
      const values = this.buffers[k]!;
      if (this.offsets[k]! < 0) {
        // Values land at or after the pyramid's last point (see `coverage`).
        pyramid.refreshLast(values);
        const covered = this.coverage(k);
        if (covered > pyramid.size) pyramid.extend(values, this.head + covered);
      } else {
        if (revise) pyramid.refreshLast(values);
        if (appended > 0) pyramid.extend(values, this.head + length);
      }
    }
    return first;
  }

  private indexOf(name: string): number {
    const k = this.outputNames.indexOf(name);
    if (k < 0) {
      throw new RangeError(`${this.type}: no output "${name}" (outputs: ${this.outputNames.join(', ')})`);
    }
    return k;
  }

  private inputsFor(columns: IndicatorColumns, length: number): ArrayLike<number>[] {
    const inputs = resolveIndicatorInputs(this.type, columns);
    if (!Number.isInteger(length) || length < 0) {
      throw new IndicatorError('length-mismatch', `${this.type}: length must be a non-negative integer, got ${length}`);
    }
    inputs.forEach((col, j) => {
      if (col.length < length) {
        const name = this.def.inputs[j]!;
        throw new IndicatorError('length-mismatch', `${this.type}: column "${name}" has ${col.length} rows, fewer than ${length}`, { input: name });
      }
    });
    return inputs;
  }

  /**
   * Rows [0, coverage) of output k can hold a value; every later row is NaN. `length` for
   * ordinary outputs. For a negative offset: through the row the last bar writes (or would write,
   * were it valid) — the earlier rows are final, and only that row can still change.
   */
  private coverage(k: number): number {
    const off = this.offsets[k]!;
    if (off >= 0) return this.count;
    const last = this.head + this.count - 1;
    const lastValid = this.validCount > 0 && this.validRows[this.validCount - 1] === last;
    const before = lastValid ? this.validCount - 1 : this.validCount;
    return before + off >= 0 ? Math.max(0, this.validRows[before + off]! + 1 - this.head) : 0;
  }

  /** The first `n` rows were dropped: O(1) (the head and the pyramids' origins move). */
  private dropFront(n: number): void {
    this.head += n;
    this.count -= n;
    while (this.validHead < this.validCount && this.validRows[this.validHead]! < this.head) this.validHead++;
    for (const pyramid of this.pyramids) pyramid?.dropFront(n);
  }

  /** Room for `needed` buffer entries: the live rows move back to the start first (compaction), then buffers grow. */
  private reserve(needed: number): void {
    const capacity = this.buffers[0]!.length;
    if (capacity >= needed) return;
    if (this.head > 0) {
      const head = this.head;
      for (const buffer of this.buffers) buffer.copyWithin(0, head, head + this.count);
      if (this.hasNegativeOffset) {
        for (let v = this.validHead; v < this.validCount; v++) this.validRows[v - this.validHead] = this.validRows[v]! - head;
        this.validCount -= this.validHead;
        this.validHead = 0;
      }
      this.head = 0;
      this.pyramids.fill(null); // rebuilt on next use, aligned to the new start
      needed -= head;
      if (capacity >= needed) return;
    }
    const next = Math.max(needed, capacity * 2, MIN_CAPACITY);
    this.buffers = this.buffers.map((b) => resized(b, next));
    if (this.hasNegativeOffset) this.validRows = resized(this.validRows, next);
  }

  /** Reads row i's inputs into `x`; false when one is not finite (a missing bar: no step). */
  private readRow(inputs: ArrayLike<number>[], i: number): boolean {
    const x = this.x;
    let valid = true;
    for (let j = 0; j < x.length; j++) {
      const v = inputs[j]![i]!;
      x[j] = v;
      if (!Number.isFinite(v)) valid = false;
    }
    return valid;
  }

  /**
   * Steps row i (checkpointing first when `checkpoint`) and writes its outputs; returns the first
   * row written.
   */
  private row(inputs: ArrayLike<number>[], i: number, checkpoint: boolean): number {
    const x = this.x;
    const valid = this.readRow(inputs, i);
    const stepper = this.stepper;
    if (checkpoint) stepper.checkpoint();
    if (valid) stepper.step(x);
    return this.write(i, valid);
  }

  /**
   * Writes the outputs of row `row` after the stepper consumed it (or skipped it, when not
   * valid); returns the first row written. Rows are counted from the head, as everywhere.
   */
  private write(row: number, valid: boolean): number {
    const head = this.head;
    const i = row + head;
    const out = this.stepper.out;
    const buffers = this.buffers;
    let first = i;
    if (!this.hasNegativeOffset) {
      if (valid) for (let k = 0; k < buffers.length; k++) buffers[k]![i] = out[k]!;
      else for (let k = 0; k < buffers.length; k++) buffers[k]![i] = NaN;
      return row;
    }
    const v = this.validCount;
    if (valid) this.validRows[this.validCount++] = i;
    for (let k = 0; k < buffers.length; k++) {
      const off = this.offsets[k]!;
      if (off === 0) {
        buffers[k]![i] = valid ? out[k]! : NaN;
        continue;
      }
      // The value belongs to the valid row `off` valid rows back; row i itself waits for later bars.
      buffers[k]![i] = NaN;
      if (valid && v + off >= 0) {
        const target = this.validRows[v + off]!;
        // A row already dropped keeps nothing.
        if (target < head) continue;
        buffers[k]![target] = out[k]!;
        if (target < first) first = target;
      }
    }
    return first - head;
  }

  /** Row i (the last one) was revised: undo its effects, then step it again. */
  private reviseLast(inputs: ArrayLike<number>[], i: number): number {
    const head = this.head;
    let first = i;
    if (this.hasNegativeOffset && this.validCount > this.validHead && this.validRows[this.validCount - 1] === i + head) {
      // It was valid: forget it, and clear the earlier rows it had written to.
      this.validCount--;
      for (let k = 0; k < this.buffers.length; k++) {
        const off = this.offsets[k]!;
        if (off < 0 && this.validCount + off >= 0) {
          const target = this.validRows[this.validCount + off]!;
          if (target < head) continue;
          this.buffers[k]![target] = NaN;
          if (target - head < first) first = target - head;
        }
      }
    }
    const x = this.x;
    const valid = this.readRow(inputs, i);
    this.stepper.rollback();
    if (valid) this.stepper.step(x);
    return Math.min(first, this.write(i, valid));
  }
}

/** Rows [0, length) of a column, without copying typed arrays. */
function prefix(col: ArrayLike<number>, length: number): ArrayLike<number> {
  if (col.length === length) return col;
  if (ArrayBuffer.isView(col)) return (col as unknown as Float64Array).subarray(0, length);
  return Array.prototype.slice.call(col, 0, length) as number[];
}
