/**
 * What is wrong with a custom shader hook, located in the user's own text (1-based line and
 * column; 0 when the problem has no place, e.g. a missing function).
 */
export type ShaderIssueCode =
  | 'size'
  | 'unicode'
  | 'syntax'
  | 'binding'
  | 'address-space'
  | 'pointer'
  | 'directive'
  | 'override'
  | 'attribute'
  | 'reserved'
  | 'forbidden-builtin'
  | 'recursion'
  | 'loop'
  | 'signature'
  | 'module-var'
  | 'compile';

export interface ShaderIssue {
  code: ShaderIssueCode;
  message: string;
  line: number;
  column: number;
}

/** `line:column: message` (or the message alone when it has no place). */
export function formatShaderIssue(issue: ShaderIssue): string {
  return issue.line > 0 ? `${issue.line}:${issue.column}: ${issue.message}` : issue.message;
}
