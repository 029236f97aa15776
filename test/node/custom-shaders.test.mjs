// Custom WGSL hooks (issue 13, items 4-7): the sandbox validator, run before anything is compiled.
// Every malicious input must be refused with a clear message at the right line:column of the
// user's own text; every curated hook and ordinary hook must pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hookTemplateSources, wgsl } from './helpers.mjs';
import {
  validateHook,
  tokenize,
  declaredNames,
  formatShaderIssue,
  SHADER_LIBRARY,
  libraryHook,
  TEMPLATE_NAMES,
  WGSL_PREDECLARED,
  HOOKS,
  HOOK_PARTS,
  HOOK_INPUT_NAMES,
  MAX_HOOK_SOURCE,
  composeHookModule,
  mapToUserText,
  spliceAnchor,
  ANCHORS,
} from '../../build/node/custom-shaders/index.js';

/** Every WGSL file a hooked module is made of. */
const TEMPLATE_FILES = ['primitives', 'markers', 'rects', 'grid', 'density', 'hook-shared', 'hook-colormap', 'hook-point-input', 'hook-points', 'hook-markers', 'hook-rects', 'hook-band'];
const OK_COLOR = 'fn color(p: PointInput) -> vec4f {\n  return p.color;\n}\n';

/** Asserts that `source` is refused with `code` at line:column (the first issue). */
function rejects(source, code, line, column, hook = 'color', messagePart) {
  const result = validateHook(source, /** @type {any} */ (hook));
  assert.equal(result.ok, false, `expected a rejection (${code}) of:\n${source.slice(0, 200)}`);
  const [first] = result.issues;
  assert.equal(first.code, code, `code of: ${formatShaderIssue(first)}`);
  if (line !== undefined) assert.deepEqual([first.line, first.column], [line, column], formatShaderIssue(first));
  if (messagePart) assert.match(first.message, messagePart);
  assert.ok(first.message.length > 20, 'the message explains itself');
  return first;
}

test('ordinary hooks pass and come back normalised', () => {
  const result = validateHook('fn color(p: PointInput) -> vec4f {\r\n  return vec4f(p.level, 0.0, 1.0 - p.level, 1.0);\r\n}\r\n', 'color');
  assert.equal(result.ok, true);
  assert.ok(!result.source.includes('\r'));
  const helpers = validateHook(
    'const N = 8;\nstruct S { a: f32 }\nfn shade(x: f32) -> f32 { return x * 0.5; }\nfn color(p: PointInput) -> vec4f {\n  var s = 0.0;\n  for (var i = 0; i < N; i++) { s += shade(f32(i)); }\n  let k: S = S(s);\n  return p.color * k.a;\n}',
    'color',
  );
  assert.equal(helpers.ok, true, JSON.stringify(helpers));
  assert.deepEqual(helpers.functions, ['shade', 'color']);
  assert.equal(validateHook('fn colormap(t: f32) -> vec4<f32> { return vec4f(t, 0.0, 1.0 - t, 1.0); }', 'colormap').ok, true);
  // A comment may hold non-ASCII text (only code must be ASCII).
  assert.equal(validateHook(`// µ × ü – comments are free text\n${OK_COLOR}`, 'color').ok, true);
});

test('every curated library hook passes the same validator', () => {
  assert.ok(SHADER_LIBRARY.length >= 5);
  for (const name of ['gradient-by-value', 'glow', 'heat-by-density', 'dashed-by-distance', 'up-down']) {
    const entry = libraryHook(name);
    assert.ok(entry, name);
    const result = validateHook(entry.wgsl, entry.hook);
    assert.equal(result.ok, true, `${name}: ${JSON.stringify(result)}`);
  }
  assert.equal(libraryHook('no-such-hook'), null);
});

test('malicious: binding declarations are refused', () => {
  rejects(`@group(0) @binding(1) var<storage, read> stolen: array<f32>;\n${OK_COLOR}`, 'binding', 1, 1, 'color', /@group/);
  rejects(`${OK_COLOR}@binding(3) var<uniform> u: vec4f;`, 'binding', 4, 1);
  rejects(`var<uniform> u: vec4f;\n${OK_COLOR}`, 'module-var', 1, 1);
  rejects(`var<private> g: f32;\n${OK_COLOR}`, 'module-var', 1, 1);
  rejects('fn color(p: PointInput) -> vec4f {\n  var<workgroup> w: f32;\n  return p.color;\n}', 'address-space', 2, 7);
  rejects('fn color(p: PointInput) -> vec4f {\n  var<storage> w: f32;\n  return p.color;\n}', 'address-space', 2, 7);
  rejects(`var t: texture_2d<f32>;\n${OK_COLOR}`, 'module-var', 1, 1);
  rejects('fn color(p: PointInput) -> vec4f {\n  let x = textureLoad(lut, vec2u(0u), 0);\n  return x;\n}', 'forbidden-builtin', 2, 11);
  rejects('fn color(p: PointInput) -> vec4f {\n  let n = atomicLoad(pixels[0]);\n  return p.color;\n}', 'forbidden-builtin', 2, 11);
  rejects(`override scale: f32 = 1.0;\n${OK_COLOR}`, 'override', 1, 1);
  rejects(`enable f16;\n${OK_COLOR}`, 'directive', 1, 1);
  rejects(`requires readonly_and_readwrite_storage_textures;\n${OK_COLOR}`, 'directive', 1, 1);
  rejects(`diagnostic(off, derivative_uniformity);\n${OK_COLOR}`, 'directive', 1, 1);
  rejects(`@vertex fn vs() -> @builtin(position) vec4f { return vec4f(0.0); }\n${OK_COLOR}`, 'attribute', 1, 1);
  rejects(`@compute @workgroup_size(1) fn cs() {}\n${OK_COLOR}`, 'attribute', 1, 1);
});

test('malicious: pointer tricks are refused', () => {
  rejects('fn bump(x: ptr<function, f32>) { *x = 1.0; }\nfn color(p: PointInput) -> vec4f { return p.color; }', 'pointer', 1, 12, 'color', /ptr/);
  rejects('fn color(p: PointInput) -> vec4f {\n  var v = 1.0;\n  let q = &v;\n  return p.color;\n}', 'pointer', 3, 11);
  rejects('fn color(p: PointInput) -> vec4f {\n  var c = p.color;\n  let d = (*(&c));\n  return d;\n}', 'pointer', 3, 12);
  rejects('fn color(p: PointInput) -> vec4f {\n  return vec4f(f32(arrayLength(points)));\n}', 'forbidden-builtin', 2, 20);
  // Binary & and * stay allowed.
  assert.equal(validateHook('fn color(p: PointInput) -> vec4f {\n  let bit = (p.index & 1u);\n  return p.color * f32(bit) * 0.5;\n}', 'color').ok, true);
});

test('malicious: the template\'s internals cannot be named', () => {
  for (const [name, column] of [['params', 11], ['points', 11], ['markers', 11], ['pixels', 11], ['hook', 11], ['hookDistances', 11], ['lut', 11], ['toClip', 11]]) {
    rejects(`fn color(p: PointInput) -> vec4f {\n  let x = ${name};\n  return p.color;\n}`, 'reserved', 2, column, 'color', new RegExp(`'${name}'`));
  }
  rejects('fn gc_mine(x: f32) -> f32 { return x; }\n' + OK_COLOR, 'reserved', 1, 4);
  rejects('fn fs_hook() {}\n' + OK_COLOR, 'reserved', 1, 4);
  // Field names after '.' are not references: p.color is the hook's own input.
  assert.equal(validateHook('fn color(p: PointInput) -> vec4f { return vec4f(p.pixel / p.size, 0.0, 1.0); }', 'color').ok, true);
});

test('malicious: shadowing a builtin the template calls is refused at module scope', () => {
  rejects('fn min(a: i32, b: i32) -> i32 { return b; }\n' + OK_COLOR, 'reserved', 1, 4, 'color', /'min' is a WGSL builtin/);
  rejects('alias vec4f = vec3f;\n' + OK_COLOR, 'reserved', 1, 7);
  rejects('const clamp = 1.0;\n' + OK_COLOR, 'reserved', 1, 7);
  rejects('struct f32 { x: u32 }\n' + OK_COLOR, 'reserved', 1, 8);
  // A local of that name only shadows it in the hook's own code: allowed.
  assert.equal(validateHook('fn color(p: PointInput) -> vec4f {\n  let max = 0.5;\n  return p.color * max;\n}', 'color').ok, true);
});

test('every builtin the templates call or name as a type is in the predeclared list', () => {
  const files = TEMPLATE_FILES;
  const keywords = new Set(['if', 'for', 'return', 'var', 'let', 'fn', 'struct', 'const', 'select', 'loop', 'while', 'switch', 'else', 'continue', 'break', 'true', 'false']);
  const missing = new Set();
  for (const file of files) {
    const { tokens } = tokenize(wgsl(file));
    tokens.forEach((t, i) => {
      if (t.type !== 'ident' || tokens[i - 1]?.text === '.' || tokens[i - 1]?.text === '@' || tokens[i - 1]?.text === 'fn') return;
      const next = tokens[i + 1]?.text;
      const isType = tokens[i - 1]?.text === ':' || tokens[i - 1]?.text === '->';
      // `name<T>` / `name<T, N>` is a type; `a < b` is a comparison.
      const generic = next === '<' && ['>', ','].includes(tokens[i + 3]?.text);
      if (next !== '(' && !generic && !isType) return;
      if (keywords.has(t.text) && t.text !== 'select') return;
      if (TEMPLATE_NAMES.has(t.text) || HOOK_INPUT_NAMES.has(t.text) || ['color', 'colormap', 'read', 'read_write', 'storage', 'uniform'].includes(t.text)) return;
      if (tokens[i - 1]?.text === '<' || tokens[i - 1]?.text === ',') return;
      if (!WGSL_PREDECLARED.has(t.text) && !t.text.startsWith('texture') && !t.text.startsWith('atomic')) missing.add(`${file}: ${t.text}`);
    });
  }
  assert.deepEqual([...missing], []);
});

test('template names: the reserved list is exactly what the templates declare', () => {
  const files = TEMPLATE_FILES;
  const declared = new Set();
  for (const file of files) {
    const { tokens, issue } = tokenize(wgsl(file));
    assert.equal(issue, null, `${file}.wgsl tokenizes`);
    for (const name of declaredNames(tokens)) declared.add(name);
  }
  for (const name of HOOK_INPUT_NAMES) assert.ok(declared.delete(name), `${name} is declared by a template`);
  assert.deepEqual([...declared].sort(), [...TEMPLATE_NAMES].sort());
});

test('PointInput.part: the WGSL constants are HOOK_PARTS, distinct, and the hook input names', () => {
  const wgslParts = {};
  for (const [, name, value] of wgsl('hook-point-input').matchAll(/^const (PART_\w+) = (\d+)u;/gm)) wgslParts[name] = Number(value);
  assert.deepEqual(wgslParts, { ...HOOK_PARTS });
  assert.equal(new Set(Object.values(HOOK_PARTS)).size, Object.keys(HOOK_PARTS).length, 'distinct values');
  assert.ok(Object.values(HOOK_PARTS).every((v) => v < 256), 'a part fits the 8 bits of RectInput.flags');
  assert.deepEqual([...HOOK_INPUT_NAMES].sort(), ['PointInput', ...Object.keys(HOOK_PARTS)].sort());
  for (const field of ['ohlc: vec4f', 'part: u32', 'pixel: vec2f', 'value: f32', 'up: f32', 'color: vec4f']) assert.ok(wgsl('hook-point-input').includes(`  ${field},`), field);
});

test('the colour hook colours candles, OHLC bars, volume, histograms and bands too', () => {
  assert.deepEqual([...HOOKS.color.layerKinds].sort(), ['area', 'band', 'line', 'markers', 'rects']);
  assert.deepEqual([...HOOKS.colormap.layerKinds].sort(), ['density', 'grid']);
});

test('a hook may use the PART_ constants and ohlc, but not redeclare the template\'s input names', () => {
  const parts = 'fn color(p: PointInput) -> vec4f {\n  if (p.part == PART_BODY || p.part == PART_WICK) {\n    return select(vec4f(1.0, 0.0, 0.0, 1.0), vec4f(0.0, 1.0, 0.0, 1.0), p.ohlc.w >= p.ohlc.x);\n  }\n  return p.color;\n}\n';
  assert.equal(validateHook(parts, 'color').ok, true, JSON.stringify(validateHook(parts, 'color')));
  rejects(`const PART_BODY = 7u;\n${OK_COLOR}`, 'reserved', 1, 7, 'color', /PART_BODY/);
  rejects(`struct PointInput { x: f32 }\n${OK_COLOR}`, 'reserved', 1, 8, 'color', /PointInput/);
  // A local of that name only shadows it in the hook's own code: allowed, as for builtins.
  assert.equal(validateHook('fn color(p: PointInput) -> vec4f {\n  let PART_BAR = 1.0;\n  return p.color * PART_BAR;\n}', 'color').ok, true);
});

test('malicious: recursion (any call-graph cycle) is refused at the call that closes it', () => {
  rejects('fn f(x: f32) -> f32 { return f(x - 1.0); }\n' + OK_COLOR, 'recursion', 1, 30, 'color', /f → f/);
  rejects('fn a(x: f32) -> f32 { return b(x); }\nfn b(x: f32) -> f32 { return c(x); }\nfn c(x: f32) -> f32 { return a(x); }\n' + OK_COLOR, 'recursion', 3, 30, 'color', /a → b → c → a/);
  rejects('fn color(p: PointInput) -> vec4f {\n  return color(p);\n}', 'recursion', 2, 10);
});

test('malicious: infinite and unbounded loops are refused', () => {
  rejects('fn color(p: PointInput) -> vec4f {\n  loop { }\n}', 'loop', 2, 3, 'color', /'loop'/);
  rejects('fn color(p: PointInput) -> vec4f {\n  while (true) { }\n  return p.color;\n}', 'loop', 2, 3, 'color', /while/);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (;;) { }\n  return p.color;\n}', 'loop', 2, 8);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; i < 10; i--) { }\n  return p.color;\n}', 'loop', 2, 3, 'color', /never ends/);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; i != 9; i += 2) { }\n  return p.color;\n}', 'loop', 2, 3, 'color', /never ends/);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; i < 8; i++) {\n    i = 0;\n  }\n  return p.color;\n}', 'loop', 3, 5, 'color', /changed inside/);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; i < 8; i++) { i -= 1; }\n  return p.color;\n}', 'loop', 2, 33);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; f32(i) < p.value; i++) { }\n  return p.color;\n}', 'loop', 2, 19);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0u; i < p.index; i++) { }\n  return p.color;\n}', 'loop', 2, 24);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; i < 100000; i++) { }\n  return p.color;\n}', 'loop', 2, 3, 'color', /100000 times/);
  rejects('fn color(p: PointInput) -> vec4f {\n  for (var i = 0; i < 100; i++) {\n    for (var j = 0; j < 100; j++) { }\n  }\n  return p.color;\n}', 'loop', 3, 5, 'color', /10000 times in all/);
  // Constant bounds through a module constant, stepping down: fine.
  assert.equal(validateHook('const N = 12;\nfn color(p: PointInput) -> vec4f {\n  var s = 0.0;\n  for (var i = N; i > 0; i -= 3) { s += 1.0; }\n  return p.color * s;\n}', 'color').ok, true);
});

test('malicious: huge sources are refused before tokenizing', () => {
  const huge = `${OK_COLOR}//${'x'.repeat(MAX_HOOK_SOURCE)}`;
  const issue = rejects(huge, 'size', 4, MAX_HOOK_SOURCE - OK_COLOR.length + 1);
  assert.match(issue.message, /at most 16384/);
  const dense = `fn color(p: PointInput) -> vec4f { return p.color${' + p.color'.repeat(1500)}; }`;
  rejects(dense, 'size');
});

test('malicious: unicode tricks are refused', () => {
  // Trojan Source: a right-to-left override inside a comment.
  rejects('fn color(p: PointInput) -> vec4f {\n  /* \u202E } \u2066 */ return p.color;\n}', 'unicode', 2, 6, 'color', /U\+202E/);
  rejects('fn color(p: PointInput) -> vec4f {\n  return p.color;\u2067\n}', 'unicode', 2, 18);
  // Zero-width characters.
  rejects('fn color(p: PointInput) -> vec4f {\n  let a\u200B = 1.0;\n  return p.color;\n}', 'unicode', 2, 8, 'color', /U\+200B/);
  rejects('\uFEFFfn color(p: PointInput) -> vec4f { return p.color; }', 'unicode', 1, 1);
  // NUL and other controls.
  rejects('fn color(p: PointInput) -> vec4f {\n  return p.color;\0\n}', 'unicode', 2, 18, 'color', /NUL/);
  rejects('fn color(p: PointInput) -> vec4f {\u0007 return p.color; }', 'unicode', 1, 35);
  // A confusable identifier: Cyrillic 'а' (U+0430) in "pаrams" looks like the template's params.
  rejects('fn color(p: PointInput) -> vec4f {\n  let x = p\u0430rams;\n  return p.color;\n}', 'syntax', 2, 12, 'color', /non-ASCII/);
  rejects('fn color(p: PointInput) -> vec4f {\n  let \u00E9t\u00E9 = 1.0;\n  return p.color;\n}', 'syntax', 2, 7, 'color', /non-ASCII/);
  rejects('fn color(p: PointInput) -> vec4f { return p.color\uFF0B1.0; }', 'syntax', 1, 50);
});

test('the hook function must exist with its exact signature', () => {
  rejects('fn colour(p: PointInput) -> vec4f { return p.color; }', 'signature', 0, 0, 'color', /fn color\(p: PointInput\) -> vec4f/);
  rejects('fn color(p: f32) -> vec4f { return vec4f(p); }', 'signature', 1, 13);
  rejects('fn color(p: PointInput) -> vec3f { return p.color.rgb; }', 'signature', 1, 28);
  rejects('fn colormap(t: f32, u: f32) -> vec4f { return vec4f(t); }', 'signature', 1, 21, 'colormap');
  rejects(OK_COLOR, 'signature', 0, 0, 'colormap', /fn colormap\(t: f32\) -> vec4f/);
});

test('composition: the user text comes first, so compiler lines are the user\'s lines', () => {
  const sources = hookTemplateSources();
  for (const template of ['points', 'markers', 'rects', 'band', 'grid', 'density']) {
    const { code, userLines } = composeHookModule(OK_COLOR, /** @type {any} */ (template), sources);
    assert.equal(userLines, 3);
    assert.ok(code.startsWith(OK_COLOR));
    assert.ok(code.includes(template === 'grid' || template === 'density' ? 'gc_colormap(t)' : 'fn gc_input('));
  }
  // The rects and band templates draw with the built-in shaders' own corner functions.
  const rects = composeHookModule(OK_COLOR, 'rects', sources).code;
  assert.ok(rects.includes('fn vs_rect_hook(') && rects.includes('fn vs_rect(') && (rects.match(/rectCorner\(/g) ?? []).length === 3, 'rects: one rectCorner, called by vs_rect and vs_rect_hook');
  const band = composeHookModule(OK_COLOR, 'band', sources).code;
  assert.ok(band.includes('fn vs_band_hook(') && (band.match(/bandCorner\(/g) ?? []).length === 3, 'band: one bandCorner, called by vs_band and vs_band_hook');
  assert.deepEqual(mapToUserText(2, 7, 3), { line: 2, column: 7 });
  assert.deepEqual(mapToUserText(40, 7, 3), { line: 0, column: 0 });
  // Each built-in shader still holds exactly one anchor; a drifted shader fails loudly.
  for (const which of Object.keys(ANCHORS)) assert.ok(spliceAnchor(sources[which], /** @type {any} */ (which)).includes('gc_'));
  assert.throws(() => spliceAnchor('fn nothing() {}', 'grid'), /anchor/);
});
