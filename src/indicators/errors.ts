/**
 * The one error type thrown by the indicators module. `code` lets callers (the
 * chart element, config validation) react without parsing messages; the message
 * itself is written for a human reading a console.
 */
export type IndicatorErrorCode =
  | 'unknown-indicator'
  | 'unknown-param'
  | 'invalid-param'
  | 'not-integer'
  | 'out-of-range'
  | 'missing-input'
  | 'length-mismatch'
  | 'no-bar'
  /** The data is shorter than the warm-up: no value yet (a warning; streaming may bring enough). */
  | 'too-short';

export class IndicatorError extends Error {
  readonly code: IndicatorErrorCode;
  /** The parameter at fault, for the param codes. */
  readonly param?: string;
  /** The input column at fault, for 'missing-input'. */
  readonly input?: string;

  constructor(code: IndicatorErrorCode, message: string, details: { param?: string; input?: string } = {}) {
    super(message);
    this.name = 'IndicatorError';
    this.code = code;
    if (details.param !== undefined) this.param = details.param;
    if (details.input !== undefined) this.input = details.input;
  }
}
