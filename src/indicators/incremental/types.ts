/** One bar for the streaming API; only the fields the indicator reads are needed. */
export interface IncrementalBar {
  readonly open?: number;
  readonly high?: number;
  readonly low?: number;
  readonly close?: number;
  readonly volume?: number;
  readonly time?: number;
  /** The user-chosen source value; falls back to close. */
  readonly source?: number;
}

/** A stepper consumes the indicator's inputs (in definition order) and writes `out`. */
export interface BarStepper {
  readonly out: Float64Array;
  step(x: readonly number[]): void;
  checkpoint(): void;
  rollback(): void;
}
