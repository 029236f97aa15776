/**
 * Nesting pre-check for YAML, run on the `yaml` package's lexer before
 * anything recursive sees the text.
 *
 * Why: the yaml composer recurses per nesting level. It catches its own
 * stack overflow, but in V8 a RegExp compiled while the stack is nearly
 * exhausted aborts the whole process ("RegExpCompiler Allocation failed"),
 * which no try/catch can stop. So depth is bounded up front:
 * - flow depth (`[`/`{`) is counted exactly from lexer tokens;
 * - block depth is bounded by indentation: every nested block collection
 *   starts further right than its parent, so an indicator (`-`, `?`, `:`)
 *   in block context at column c implies depth ≤ c + 1.
 * The lexer is a generator, so hostile input is rejected after reading only
 * as far as the first violation.
 */
import type { Lexer } from 'yaml';

export interface NestingLimits {
  maxFlowDepth: number;
  maxBlockColumn: number;
}

export const YAML_NESTING_LIMITS: NestingLimits = { maxFlowDepth: 64, maxBlockColumn: 128 };

export function findYamlNestingProblem(
  LexerClass: typeof Lexer,
  text: string,
  limits: NestingLimits = YAML_NESTING_LIMITS,
): { offset: number; message: string } | undefined {
  if (obviouslyShallow(text, limits)) return undefined;
  let offset = 0;
  let column = 0;
  let flow = 0;
  for (const token of new LexerClass().lex(text)) {
    // Single control characters are the lexer's zero-width markers (document, scalar, flow end).
    if (token.length === 1 && token < ' ' && token !== '\n' && token !== '\t') continue;
    if (token === '[' || token === '{') {
      if (++flow > limits.maxFlowDepth) {
        return { offset, message: `nested deeper than ${limits.maxFlowDepth} levels` };
      }
    } else if (token === ']' || token === '}') {
      if (flow > 0) flow--;
    } else if (flow === 0 && (token === '-' || token === '?' || token === ':') && column > limits.maxBlockColumn) {
      return { offset, message: `indented deeper than ${limits.maxBlockColumn} columns` };
    }
    offset += token.length;
    const newline = token.lastIndexOf('\n');
    column = newline === -1 ? column + token.length : token.length - newline - 1;
  }
  return undefined;
}

/**
 * Fast path (about 1 µs instead of a lexer pass, which costs about a quarter
 * of a YAML parse): with no more brackets in total than the flow limit and
 * no line longer than the column limit, neither limit can be exceeded.
 */
function obviouslyShallow(text: string, limits: NestingLimits): boolean {
  let brackets = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (i - lineStart > limits.maxBlockColumn) return false;
      lineStart = i + 1;
    } else if ((c === 91 || c === 123) && ++brackets > limits.maxFlowDepth) return false; // [ {
  }
  return text.length - lineStart <= limits.maxBlockColumn;
}
