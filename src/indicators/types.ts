/** Column names an indicator can read; 'source' is the user-chosen column (close by default). */
export type IndicatorInput = 'open' | 'high' | 'low' | 'close' | 'volume' | 'time' | 'source';

export interface ParamSpec {
  readonly default: number;
  readonly min: number;
  readonly max?: number;
  readonly integer: boolean;
}

export type IndicatorColumns = Readonly<Record<string, ArrayLike<number> | undefined>>;

export interface IndicatorDefinition {
  /** Registry key: 'sma', 'ema', 'bbands', 'rsi', 'macd', ... */
  readonly type: string;
  /** Human-readable name, e.g. 'Relative Strength Index'. */
  readonly title: string;
  readonly inputs: readonly IndicatorInput[];
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** ['value'] or e.g. ['upper', 'middle', 'lower']. */
  readonly outputs: readonly string[];
  /** true: drawn on the price pane (sma, bbands, sar...); false: in its own pane (rsi, macd...). */
  readonly overlay: boolean;
  /** Conventional reference levels, drawn as dashed lines in its pane (RSI 30 and 70, …); often none. */
  readonly levels: readonly number[];
  /** Leading NaN count of the outputs (the largest one when they differ). */
  lookback(params?: Record<string, number>): number;
  /** Leading NaN count of each output. */
  lookbacks(params?: Record<string, number>): Record<string, number>;
  /**
   * Runs the indicator. Missing params take their defaults; all are validated.
   * Throws IndicatorError when a required input column is missing.
   */
  compute(columns: IndicatorColumns, params?: Record<string, unknown>): Record<string, Float64Array>;
}
