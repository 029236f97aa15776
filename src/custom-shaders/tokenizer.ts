import type { ShaderIssue } from './errors.js';

/** One WGSL token, with its place in the (normalised) source: 1-based line and column. */
export interface Token {
  type: 'ident' | 'number' | 'punct';
  text: string;
  line: number;
  column: number;
}

export type TokenizeResult = { tokens: Token[]; issue: null } | { tokens: Token[]; issue: ShaderIssue };

/** Punctuation, longest first (WGSL's syntactic tokens). */
const PUNCTUATION = ['<<=', '>>=', '->', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '++', '--', '::', '&', '|', '^', '~', '!', '+', '-', '*', '/', '%', '<', '>', '=', '(', ')', '{', '}', '[', ']', ',', ';', ':', '.', '@', '?'];

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
/** Decimal/hex integer and float literals with their suffixes (i, u, f, h). */
const NUMBER = /^(?:0[xX][0-9a-fA-F]*\.?[0-9a-fA-F]*(?:[pP][+-]?[0-9]+)?[fhiu]?|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?[fhiu]?|[0-9]+\.(?:[eE][+-]?[0-9]+)?[fh]?)/;

/**
 * Splits WGSL into tokens, dropping comments (line comments and nested block comments) and
 * white space. Pure and small on purpose: the sandbox reads tokens, never regular expressions over
 * raw text, so that comments and strings of look-alike characters cannot hide anything.
 */
export function tokenize(text: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  const fail = (message: string, at: number): TokenizeResult => {
    const column = at - lineStart + 1;
    return { tokens, issue: { code: 'syntax', message, line, column } };
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const startLine = line;
      const startColumn = i - lineStart + 1;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else {
          if (text[i] === '\n') {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
      }
      if (depth > 0) return { tokens, issue: { code: 'syntax', message: 'unterminated block comment', line: startLine, column: startColumn } };
      continue;
    }
    const column = i - lineStart + 1;
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(text[j]!)) j++;
      // An identifier running into a non-ASCII letter: a confusable or foreign identifier.
      if (j < n && text.charCodeAt(j) > 127) return fail(`non-ASCII character '${text[j]}' in an identifier: hook identifiers must be ASCII`, j);
      tokens.push({ type: 'ident', text: text.slice(i, j), line, column });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = NUMBER.exec(text.slice(i, i + 64));
      const literal = match?.[0] ?? c;
      tokens.push({ type: 'number', text: literal, line, column });
      i += literal.length;
      continue;
    }
    if (text.charCodeAt(i) > 127) return fail(`non-ASCII character '${String.fromCodePoint(text.codePointAt(i)!)}' outside a comment: hook code must be ASCII`, i);
    const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
    if (!punct) return fail(`unexpected character '${c}'`, i);
    tokens.push({ type: 'punct', text: punct, line, column });
    i += punct.length;
  }
  return { tokens, issue: null };
}

/** Top-level names a WGSL source declares (`fn`, `struct`, `var`, `const`, `alias`, `override`, `let`): for reserved-name lists. */
export function declaredNames(tokens: readonly Token[]): string[] {
  const names: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '{' || t.text === '(') depth++;
    else if (t.text === '}' || t.text === ')') depth--;
    if (depth !== 0 || t.type !== 'ident') continue;
    if (t.text === 'fn' || t.text === 'struct' || t.text === 'const' || t.text === 'alias' || t.text === 'override') {
      const name = tokens[i + 1];
      if (name?.type === 'ident') names.push(name.text);
    } else if (t.text === 'var') {
      let j = i + 1;
      if (tokens[j]?.text === '<') while (j < tokens.length && tokens[j]!.text !== '>') j++;
      const name = tokens[j + (tokens[j]?.text === '>' ? 1 : 0)];
      if (name?.type === 'ident') names.push(name.text);
    }
  }
  return names;
}
