import type { ShaderIssue, ShaderIssueCode } from './errors.js';
import { HOOK_INPUT_NAMES, HOOKS, MAX_HOOK_SOURCE, MAX_HOOK_TOKENS, MAX_LOOP_ITERATIONS, MAX_NESTED_ITERATIONS, TEMPLATE_NAMES, TEMPLATE_PREFIX, WGSL_PREDECLARED, type HookName } from './hooks.js';
import { tokenize, type Token } from './tokenizer.js';
import { normaliseSource, positionOf } from './unicode.js';

export type HookValidation = { ok: true; source: string; functions: string[] } | { ok: false; issues: ShaderIssue[] };

/** Attributes a hook may use: none of them reaches outside the hook. */
const ALLOWED_ATTRIBUTES = new Set(['must_use', 'align', 'size']);

/** Words whose mere presence is refused, with the code and reason. */
const FORBIDDEN_WORDS: ReadonlyMap<string, [ShaderIssueCode, string]> = new Map([
  ['ptr', ['pointer', 'pointer types (ptr<…>) are not allowed in a hook']],
  ['enable', ['directive', "'enable' directives are not allowed in a hook"]],
  ['requires', ['directive', "'requires' directives are not allowed in a hook"]],
  ['diagnostic', ['directive', "'diagnostic' directives and attributes are not allowed in a hook"]],
  ['override', ['override', "pipeline-overridable constants ('override') are not allowed in a hook"]],
  ['while', ['loop', "'while' loops are not allowed: use a 'for' loop with constant bounds"]],
  ['loop', ['loop', "'loop' statements are not allowed: use a 'for' loop with constant bounds"]],
  ['continuing', ['loop', "'continuing' blocks are not allowed: use a 'for' loop with constant bounds"]],
  ['discard', ['forbidden-builtin', "'discard' is not allowed: return a transparent colour (alpha 0) instead"]],
  ['storage', ['address-space', "the 'storage' address space is not allowed in a hook"]],
  ['uniform', ['address-space', "the 'uniform' address space is not allowed in a hook"]],
  ['workgroup', ['address-space', "the 'workgroup' address space is not allowed in a hook"]],
  ['private', ['address-space', "the 'private' address space is not allowed in a hook"]],
  ['handle', ['address-space', "the 'handle' address space is not allowed in a hook"]],
  ['sampler', ['forbidden-builtin', 'samplers are not available to hooks']],
  ['sampler_comparison', ['forbidden-builtin', 'samplers are not available to hooks']],
  ['arrayLength', ['forbidden-builtin', "'arrayLength' needs a buffer: hooks see only their inputs"]],
  ['workgroupBarrier', ['forbidden-builtin', 'barriers are not available to hooks']],
  ['storageBarrier', ['forbidden-builtin', 'barriers are not available to hooks']],
  ['textureBarrier', ['forbidden-builtin', 'barriers are not available to hooks']],
  ['workgroupUniformLoad', ['forbidden-builtin', "'workgroupUniformLoad' is not available to hooks"]],
]);

/** Prefixes of builtin names a hook has no business with (textures, atomics, subgroups). */
const FORBIDDEN_PREFIXES: readonly [string, string][] = [
  ['texture', 'textures are not available to hooks'],
  ['atomic', 'atomics are not available to hooks'],
  ['subgroup', 'subgroup operations are not available to hooks'],
  ['quad', 'quad operations are not available to hooks'],
];

/** Tokens after which `&` or `*` is a unary (address-of, dereference) operator. */
function isOperandStart(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.type === 'ident') return previous.text === 'return';
  if (previous.type === 'number') return false;
  return previous.text !== ')' && previous.text !== ']';
}

function issueAt(token: Token, code: ShaderIssueCode, message: string): ShaderIssue {
  return { code, message, line: token.line, column: token.column };
}

/**
 * Checks a hook's WGSL before anything is compiled. The hook may declare functions (helpers and
 * the hook itself), structs, constants and aliases; inside functions, `let`, `var` (function
 * address space) and `for` loops with constant bounds. Everything that could reach outside its
 * inputs is refused with the place (line:column in the user's text) and why:
 *
 * - resource declarations (`@group`, `@binding`, `var<storage|uniform|workgroup|private>`,
 *   module-scope `var`), textures, samplers, atomics, barriers, pointers (`ptr<…>`, unary `&`
 *   and `*`), `enable` / `requires` / `diagnostic` directives, `override`, entry-point and
 *   I/O attributes;
 * - any name of the library's templates (`params`, `points`, `markers`, …, and `gc_…`);
 * - recursion (any cycle in the call graph) and unbounded loops (`while`, `loop`, or a `for` whose
 *   bounds are not constant, whose counter the body changes, or that runs more than
 *   MAX_LOOP_ITERATIONS times, MAX_NESTED_ITERATIONS nested);
 * - sources over MAX_HOOK_SOURCE characters, control characters (NUL), bidi and invisible
 *   characters anywhere, non-ASCII outside comments (confusable identifiers);
 * - a missing hook function or one with another signature.
 *
 * Returns the normalised source (line endings) to compile, or every problem found (the first is
 * the one to show).
 */
export function validateHook(source: string, hook: HookName): HookValidation {
  if (typeof source !== 'string') return fail({ code: 'syntax', message: 'the hook source must be a string', line: 0, column: 0 });
  if (source.length > MAX_HOOK_SOURCE) {
    return fail({ code: 'size', message: `the hook is ${source.length} characters long; at most ${MAX_HOOK_SOURCE} are allowed`, ...positionOf(source, MAX_HOOK_SOURCE) });
  }
  const { text, issue: unicode } = normaliseSource(source);
  if (unicode) return fail(unicode);
  const lexed = tokenize(text);
  if (lexed.issue) return fail(lexed.issue);
  const tokens = lexed.tokens;
  if (tokens.length > MAX_HOOK_TOKENS) return fail(issueAt(tokens[MAX_HOOK_TOKENS]!, 'size', `the hook has ${tokens.length} tokens; at most ${MAX_HOOK_TOKENS} are allowed`));

  const issues: ShaderIssue[] = [];
  const constants = moduleIntConstants(tokens);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const previous = tokens[i - 1];
    if (t.type === 'punct') {
      if (t.text === '{') depth++;
      else if (t.text === '}') depth--;
      else if (t.text === '@') {
        const name = tokens[i + 1];
        if (name?.text === 'group' || name?.text === 'binding') issues.push(issueAt(t, 'binding', `resource bindings (@${name.text}) are not allowed: a hook sees only its inputs`));
        else if (name?.text === 'diagnostic') issues.push(issueAt(t, 'directive', "'diagnostic' attributes are not allowed in a hook"));
        else if (!name || !ALLOWED_ATTRIBUTES.has(name.text)) issues.push(issueAt(t, 'attribute', `the attribute @${name?.text ?? ''} is not allowed in a hook (entry points, I/O and bindings belong to the library's template)`));
      } else if ((t.text === '&' || t.text === '*') && isOperandStart(previous)) {
        issues.push(issueAt(t, 'pointer', t.text === '&' ? "taking an address ('&') is not allowed in a hook" : "dereferencing ('*') is not allowed in a hook"));
      }
      continue;
    }
    if (t.type !== 'ident' || previous?.text === '.') continue;
    const forbidden = FORBIDDEN_WORDS.get(t.text);
    if (forbidden) {
      issues.push(issueAt(t, forbidden[0], forbidden[1]));
      continue;
    }
    const prefix = FORBIDDEN_PREFIXES.find(([p]) => t.text.startsWith(p));
    if (prefix) {
      issues.push(issueAt(t, 'forbidden-builtin', `'${t.text}': ${prefix[1]}`));
      continue;
    }
    if (TEMPLATE_NAMES.has(t.text) || t.text.startsWith(TEMPLATE_PREFIX)) {
      issues.push(issueAt(t, 'reserved', `'${t.text}' is a name of the library's template: a hook can neither read nor redeclare it (choose another name)`));
      continue;
    }
    if (depth === 0 && (t.text === 'fn' || t.text === 'struct' || t.text === 'alias' || t.text === 'const')) {
      const name = tokens[i + 1];
      if (name?.type === 'ident' && WGSL_PREDECLARED.has(name.text)) {
        issues.push(issueAt(name, 'reserved', `'${name.text}' is a WGSL builtin the library's template uses: a hook may not redeclare it at module scope`));
      }
      if (name?.type === 'ident' && HOOK_INPUT_NAMES.has(name.text)) {
        issues.push(issueAt(name, 'reserved', `'${name.text}' is declared by the library's template (the colour hook's input): a hook may use it but not redeclare it`));
      }
    }
    if (t.text === 'var') {
      if (depth === 0) issues.push(issueAt(t, 'module-var', "module-scope 'var' is not allowed: use 'const', or a 'var' inside the function"));
      else if (tokens[i + 1]?.text === '<' && tokens[i + 2]?.text !== 'function') issues.push(issueAt(tokens[i + 2] ?? t, 'address-space', `the address space '${tokens[i + 2]?.text ?? ''}' is not allowed in a hook`));
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const functions = functionsOf(tokens);
  const recursion = findRecursion(functions, tokens);
  if (recursion) return fail(recursion);
  for (const fn of functions) {
    const loopIssue = checkLoops(tokens, fn.bodyStart, fn.bodyEnd, constants);
    if (loopIssue) return fail(loopIssue);
  }
  const signature = checkSignature(tokens, functions, hook);
  if (signature) return fail(signature);
  return { ok: true, source: text, functions: functions.map((f) => f.name) };
}

function fail(issue: ShaderIssue): HookValidation {
  return { ok: false, issues: [issue] };
}

interface FunctionInfo {
  name: string;
  token: Token;
  /** Index of the `fn` token, of the body's `{` and of its matching `}`. */
  at: number;
  bodyStart: number;
  bodyEnd: number;
}

/** The module-scope functions, with their bodies' token ranges. */
function functionsOf(tokens: readonly Token[]): FunctionInfo[] {
  const functions: FunctionInfo[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    if (depth !== 0 || t.text !== 'fn' || t.type !== 'ident') continue;
    const name = tokens[i + 1];
    if (!name || name.type !== 'ident') continue;
    let j = i + 2;
    while (j < tokens.length && tokens[j]!.text !== '{') j++;
    const end = matching(tokens, j);
    functions.push({ name: name.text, token: name, at: i, bodyStart: j, bodyEnd: end });
    i = end;
  }
  return functions;
}

/** Index of the `}` closing the `{` at `open` (the last token when unbalanced: the compiler reports it). */
function matching(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '{') depth++;
    else if (tokens[i]!.text === '}' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** A cycle in the call graph (a function calling itself, directly or through others), at the call that closes it. */
function findRecursion(functions: readonly FunctionInfo[], tokens: readonly Token[]): ShaderIssue | null {
  const byName = new Map(functions.map((f) => [f.name, f]));
  const calls = new Map<string, { callee: string; token: Token }[]>();
  for (const fn of functions) {
    const out: { callee: string; token: Token }[] = [];
    for (let i = fn.bodyStart; i <= fn.bodyEnd; i++) {
      const t = tokens[i]!;
      if (t.type === 'ident' && tokens[i - 1]?.text !== '.' && tokens[i + 1]?.text === '(' && byName.has(t.text)) out.push({ callee: t.text, token: t });
    }
    calls.set(fn.name, out);
  }
  // Depth-first search; a call to a function still on the stack closes a cycle.
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): ShaderIssue | null => {
    state.set(name, 'active');
    stack.push(name);
    for (const { callee, token } of calls.get(name) ?? []) {
      const s = state.get(callee);
      if (s === 'active') {
        const cycle = [...stack.slice(stack.indexOf(callee)), callee].join(' → ');
        return issueAt(token, 'recursion', `recursion is not allowed: ${cycle}`);
      }
      if (s === undefined) {
        const found = visit(callee);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return null;
  };
  for (const fn of functions) {
    if (state.has(fn.name)) continue;
    const found = visit(fn.name);
    if (found) return found;
  }
  return null;
}

/** Integer constants declared at module scope (`const N = 16;`, `const N: i32 = 16i;`): loop bounds may name them. */
function moduleIntConstants(tokens: readonly Token[]): Map<string, number> {
  const constants = new Map<string, number>();
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    if (depth !== 0 || t.text !== 'const') continue;
    const name = tokens[i + 1];
    let j = i + 2;
    if (tokens[j]?.text === ':') j += 2;
    if (name?.type === 'ident' && tokens[j]?.text === '=' && tokens[j + 2]?.text === ';') {
      const value = intLiteral(tokens[j + 1]);
      if (value !== null) constants.set(name.text, value);
    }
  }
  return constants;
}

/** The value of an integer literal token (`16`, `16i`, `16u`, `0x10`), or null. */
function intLiteral(token: Token | undefined): number | null {
  if (!token || token.type !== 'number') return null;
  const match = /^(0[xX][0-9a-fA-F]+|[0-9]+)[iu]?$/.exec(token.text);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) ? value : null;
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '!=']);

/**
 * Every `for` in tokens [start, end] must be `for (var|let? i (: i32|u32)? = A; i OP B; STEP)`
 * with A and B integer literals (or module constants), OP one of < <= > >= !=, STEP `i++`, `i--`,
 * `i += K`, `i -= K` or `i = i ± K` (K a positive literal), moving towards B, and a body that never
 * assigns `i` (nor takes its address: refused earlier). Then the trip count is known: at most
 * MAX_LOOP_ITERATIONS, and the product over nested loops at most MAX_NESTED_ITERATIONS.
 */
function checkLoops(tokens: readonly Token[], start: number, end: number, constants: Map<string, number>): ShaderIssue | null {
  // Loops open at token i: [index of their body's closing brace, product of trip counts so far].
  const open: [number, number][] = [];
  for (let i = start; i <= end; i++) {
    while (open.length > 0 && open[open.length - 1]![0] < i) open.pop();
    const t = tokens[i]!;
    if (t.type !== 'ident' || t.text !== 'for') continue;
    const parsed = parseFor(tokens, i, constants);
    if ('issue' in parsed) return parsed.issue;
    const outer = open.length > 0 ? open[open.length - 1]![1] : 1;
    if (parsed.trips > MAX_LOOP_ITERATIONS) return issueAt(t, 'loop', `this loop runs ${parsed.trips} times; at most ${MAX_LOOP_ITERATIONS} are allowed`);
    const product = outer * parsed.trips;
    if (product > MAX_NESTED_ITERATIONS) return issueAt(t, 'loop', `nested loops run ${product} times in all; at most ${MAX_NESTED_ITERATIONS} are allowed`);
    // The body must leave the counter alone.
    for (let j = parsed.bodyStart + 1; j < parsed.bodyEnd; j++) {
      const u = tokens[j]!;
      if (u.type !== 'ident' || u.text !== parsed.counter || tokens[j - 1]?.text === '.') continue;
      const next = tokens[j + 1]?.text ?? '';
      if (['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '++', '--'].includes(next) || ['++', '--'].includes(tokens[j - 1]?.text ?? '')) {
        return issueAt(u, 'loop', `the loop counter '${parsed.counter}' is changed inside the loop body: its bounds must stay constant`);
      }
    }
    open.push([parsed.bodyEnd, product]);
  }
  return null;
}

type ParsedFor = { counter: string; trips: number; bodyStart: number; bodyEnd: number } | { issue: ShaderIssue };

function parseFor(tokens: readonly Token[], at: number, constants: Map<string, number>): ParsedFor {
  const forToken = tokens[at]!;
  const bad = (token: Token | undefined, why: string): ParsedFor => ({ issue: issueAt(token ?? forToken, 'loop', `only 'for' loops with constant bounds are allowed: ${why}`) });
  let i = at + 1;
  const expect = (text: string): boolean => tokens[i]?.text === text && (i++, true);
  if (!expect('(')) return bad(tokens[i], "expected '(' after 'for'");
  if (tokens[i]?.text === 'var' || tokens[i]?.text === 'let') i++;
  else return bad(tokens[i], "the initialiser must declare the counter ('var i = 0')");
  const counter = tokens[i];
  if (!counter || counter.type !== 'ident') return bad(counter, 'expected the counter name');
  i++;
  if (tokens[i]?.text === ':') {
    if (tokens[i + 1]?.text !== 'i32' && tokens[i + 1]?.text !== 'u32') return bad(tokens[i + 1], 'the counter must be an i32 or u32');
    i += 2;
  }
  if (!expect('=')) return bad(tokens[i], "expected '=' in the initialiser");
  const from = boundValue(tokens[i], constants);
  if (from === null) return bad(tokens[i], 'the initial value must be an integer literal or a module-scope integer constant');
  i++;
  if (!expect(';')) return bad(tokens[i], "expected ';' after the initialiser");
  if (tokens[i]?.text !== counter.text) return bad(tokens[i], `the condition must compare the counter '${counter.text}'`);
  i++;
  const op = tokens[i]?.text ?? '';
  if (!COMPARISONS.has(op)) return bad(tokens[i], 'the condition must be counter < | <= | > | >= | != a constant');
  i++;
  const to = boundValue(tokens[i], constants);
  if (to === null) return bad(tokens[i], 'the bound must be an integer literal or a module-scope integer constant');
  i++;
  if (!expect(';')) return bad(tokens[i], "expected ';' after the condition (only 'counter OP constant')");
  // The step: i++ | i-- | ++i | --i | i += K | i -= K | i = i + K | i = i - K.
  let step = 0;
  const a = tokens[i]?.text;
  const b = tokens[i + 1]?.text;
  if (a === counter.text && (b === '++' || b === '--')) {
    step = b === '++' ? 1 : -1;
    i += 2;
  } else if ((a === '++' || a === '--') && b === counter.text) {
    step = a === '++' ? 1 : -1;
    i += 2;
  } else if (a === counter.text && (b === '+=' || b === '-=')) {
    const k = intLiteral(tokens[i + 2]);
    if (k === null || k <= 0) return bad(tokens[i + 2], 'the step must be a positive integer literal');
    step = b === '+=' ? k : -k;
    i += 3;
  } else if (a === counter.text && b === '=' && tokens[i + 2]?.text === counter.text && (tokens[i + 3]?.text === '+' || tokens[i + 3]?.text === '-')) {
    const k = intLiteral(tokens[i + 4]);
    if (k === null || k <= 0) return bad(tokens[i + 4], 'the step must be a positive integer literal');
    step = tokens[i + 3]!.text === '+' ? k : -k;
    i += 5;
  } else {
    return bad(tokens[i], `the update must be ${counter.text}++, ${counter.text}--, ${counter.text} += K or ${counter.text} -= K`);
  }
  if (!expect(')')) return bad(tokens[i], "expected ')' after the update");
  if (tokens[i]?.text !== '{') return bad(tokens[i], "expected the loop body '{'");
  const bodyStart = i;
  const bodyEnd = matching(tokens, i);
  const trips = tripCount(from, op, to, step);
  if (trips === null) return bad(forToken, `the loop from ${from} (${op} ${to}, step ${step > 0 ? '+' : ''}${step}) never ends`);
  return { counter: counter.text, trips, bodyStart, bodyEnd };
}

function boundValue(token: Token | undefined, constants: Map<string, number>): number | null {
  if (!token) return null;
  if (token.type === 'ident') return constants.get(token.text) ?? null;
  return intLiteral(token);
}

/** Iterations of `for (i = from; i op to; i += step)`, or null when it would not end. */
function tripCount(from: number, op: string, to: number, step: number): number | null {
  const holds = (i: number) => (op === '<' ? i < to : op === '<=' ? i <= to : op === '>' ? i > to : op === '>=' ? i >= to : i !== to);
  if (!holds(from)) return 0;
  if (op === '!=') {
    // Ends only if stepping lands exactly on the bound.
    const distance = to - from;
    if (Math.sign(distance) !== Math.sign(step) || distance % step !== 0) return null;
    return distance / step;
  }
  const rising = op === '<' || op === '<=';
  if (rising !== step > 0) return null;
  const span = op === '<' ? to - from : op === '<=' ? to - from + 1 : op === '>' ? from - to : from - to + 1;
  return Math.ceil(span / Math.abs(step));
}

/** The hook function must exist once, at module scope, with the hook's signature. */
function checkSignature(tokens: readonly Token[], functions: readonly FunctionInfo[], hook: HookName): ShaderIssue | null {
  const definition = HOOKS[hook];
  const matches = functions.filter((f) => f.name === hook);
  if (matches.length === 0) return { code: 'signature', message: `the hook must define \`${definition.signature}\``, line: 0, column: 0 };
  const fn = matches[0]!;
  // fn NAME ( param : TYPE ) -> vec4f {
  let i = fn.at + 2;
  const wrong = (token: Token | undefined) => issueAt(token ?? fn.token, 'signature', `the hook's signature must be \`${definition.signature}\``);
  if (tokens[i]?.text !== '(') return wrong(tokens[i]);
  i++;
  if (tokens[i]?.type !== 'ident' || tokens[i + 1]?.text !== ':') return wrong(tokens[i]);
  i += 2;
  const type = tokens[i]?.text;
  const accepted = definition.parameterType === 'f32' ? type === 'f32' : type === definition.parameterType;
  if (!accepted) return wrong(tokens[i]);
  i++;
  if (tokens[i]?.text === ',') i++;
  if (tokens[i]?.text !== ')' || tokens[i + 1]?.text !== '->') return wrong(tokens[i]);
  i += 2;
  const ret = tokens.slice(i, fn.bodyStart).map((t) => t.text).join('');
  if (ret !== 'vec4f' && ret !== 'vec4<f32>') return wrong(tokens[i]);
  return null;
}
