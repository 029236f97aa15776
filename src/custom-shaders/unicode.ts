import type { ShaderIssue } from './errors.js';

/**
 * Characters that make source text read differently from how it compiles ("Trojan Source",
 * CVE-2021-42574): bidirectional overrides and isolates, and invisible joiners/marks.
 */
const INVISIBLE_OR_BIDI = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u180E]/;

/** C0/C1 controls other than tab, line feed and carriage return (NUL included). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Line and column (1-based) of offset `at` in `text`. */
export function positionOf(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: at - start + 1 };
}

/**
 * Normalises line endings (CRLF and lone CR become LF, so that line numbers are what an editor
 * shows) and rejects the characters no hook needs and attackers like: NUL and other controls,
 * bidi controls and invisible characters anywhere (comments included). Non-ASCII letters are
 * allowed in comments only; the tokenizer rejects them in code (identifiers must be ASCII, so no
 * confusable identifier like a Cyrillic `а` in `pаrams` can pass for another).
 */
export function normaliseSource(source: string): { text: string; issue: ShaderIssue | null } {
  const text = source.replace(/\r\n?/g, '\n');
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    return { text, issue: { code: 'unicode', message: `control character U+${hex(code)}${code === 0 ? ' (NUL)' : ''} is not allowed in a shader hook`, ...positionOf(text, control.index) } };
  }
  const hidden = INVISIBLE_OR_BIDI.exec(text);
  if (hidden) {
    const code = hidden[0].charCodeAt(0);
    return { text, issue: { code: 'unicode', message: `invisible or bidirectional control character U+${hex(code)} is not allowed (it can make code read differently from how it compiles)`, ...positionOf(text, hidden.index) } };
  }
  // Lone surrogates cannot be encoded for the compiler.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text)) {
    const at = text.search(/[\uD800-\uDFFF]/);
    return { text, issue: { code: 'unicode', message: 'malformed UTF-16 (a lone surrogate) in the shader source', ...positionOf(text, at) } };
  }
  return { text, issue: null };
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
