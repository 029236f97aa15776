// Hostile and malformed configuration through every entry point of the element: the `config`
// property, updateConfig(), config-src and preset URLs (YAML / JSON / TOML text, served from blob:
// URLs), and the attributes. Seeded, so a failure names its case and replays the same way.
//
// For every refused case: a gpu-config-error with well-formed issues (and the offending path where
// the input names one), no gpu-config-change, nothing thrown or left unhandled, the effective
// configuration unchanged (the last good one), and the chart still draws a frame. Valid changes
// are interleaved so that "the last good one" moves.
import { stringify as toYaml } from 'yaml';
import { stringify as toToml } from 'smol-toml';
import { rng } from '../../demo/sample-data.js';
import { assert, assertEqual, createChart, pixel } from './helpers.js';

const SEED = 0x5eed_c0f1;
const OBJECT_CASES = 600;
const TEXT_CASES = 120;
const ATTRIBUTE_CASES = 60;

const times = Array.from({ length: 60 }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000);
const data = { time: times, value: times.map((_, i) => 10 + Math.sin(i / 6) * 4) };

/** A complete, valid config: every branch present, so any leaf can be broken. */
const BASE = Object.freeze(/** @type {import('../../dist/index.js').ChartConfigPatch} */ ({
  theme: 'light',
  timeZone: 'UTC',
  colors: { series: ['#2563eb', '#dc2626'], grid: '#e5e7eb' },
  axes: { x: { visible: true, labels: true }, y: { scale: 'linear', visible: true, position: 'right', autoscale: true } },
  grid: { visible: true, style: 'solid' },
  series: { type: 'line', lineWidth: 2, areaOpacity: 0.2, items: [{ id: 'value', name: 'Value', lineWidth: 2, color: '#2563eb', visible: true }] },
  quality: { tier: 'high', targetFps: 60, maxGpuMemoryMB: 512 },
  features: { crosshair: true, tooltip: true, legend: true, zoom: true, pan: true, autoTune: true },
  telemetry: { enabled: false, sampling: 0.1, batchSize: 50 },
  text: { fontSize: 12, fontFamily: 'system-ui, sans-serif' },
}));

// ——— invalid values per kind of setting (every one is invalid for every setting of its kind) ———

const LONG = 'x'.repeat(100_000);
const NOT_NUMBERS = ['5', '', true, [], {}, [1], { value: 1 }, LONG];
const NOT_NUMBERS_OBJECT_ONLY = [NaN, Infinity, -Infinity, () => 1, Symbol('n'), 10n, new Date(0), new Uint8Array(2), new Map()];
const range = (min, max, integer = false) => ({
  text: [min - 1, max + 1, max * 1e6, -1e308, 1e308, Number.MAX_VALUE, -Number.MAX_VALUE, ...(integer ? [min + 0.5] : []), ...NOT_NUMBERS],
  object: [...NOT_NUMBERS_OBJECT_ONLY, min - Number.EPSILON * Math.max(1, Math.abs(min)) * 4, max + Number.EPSILON * Math.max(1, max) * 4],
});
const NOT_STRINGS = [42, true, [], {}, ['light']];
const picklist = () => ({
  text: ['purple', '', 'LIGHT', ' light', 'light ', '__proto__', 'constructor', 'toString', '🎨', LONG, ...NOT_STRINGS],
  object: [() => 'light', Symbol('light'), new String('light'), Object.create(null)],
});
const color = () => ({
  text: ['notacolor', '#12', '#ggg', '#1234567', 'rgb(1,2)', 'url(javascript:alert(1))', 'red; background: url(x)', 'var(--x)', 'expression(alert(1))', 'red!important', '<script>', LONG, ...NOT_STRINGS],
  object: [() => '#fff', Symbol('red')],
});
const bool = () => ({ text: ['true', 'false', 1, 0, 'yes', [], {}, [true]], object: [new Boolean(true), () => true, NaN] });
const url = () => ({ text: ['javascript:alert(1)', 'ftp://example.com/x', 'not a url', 'http://', '//example.com/x', 42, `https://example.com/${LONG}`], object: [new URL('https://example.com/')] });
const id = () => ({ text: ['', 42, 'x'.repeat(200), [], {}], object: [Symbol('id')] });
const string = (max) => ({ text: ['x'.repeat(max + 1), 42, [], {}, true], object: [Symbol('s'), () => 's'] });
const timeZone = () => ({ text: ['Mars/Olympus', '', 'UTC+99', 'America/Nowhere', '../../etc/passwd', 42, 'x'.repeat(100)], object: [Symbol('UTC')] });

/** path → invalid values; the path is what the gpu-config-error must name. */
const LEAVES = {
  theme: picklist(),
  timeZone: timeZone(),
  'colors.background': color(),
  'colors.grid': color(),
  'colors.up': color(),
  'colors.series[1]': color(),
  'axes.x.visible': bool(),
  'axes.y.scale': picklist(),
  'axes.y.position': picklist(),
  'axes.y.autoscale': bool(),
  'grid.visible': bool(),
  'grid.style': picklist(),
  'series.type': picklist(),
  'series.lineWidth': range(1, 10),
  'series.areaOpacity': range(0, 1),
  'series.items[0].id': id(),
  'series.items[0].lineWidth': range(1, 10),
  'series.items[0].color': color(),
  'series.items[0].name': string(256),
  'series.items[0].visible': bool(),
  'quality.msaa': { text: [0, 2, 3, 8, 16, '4', -4, 4.5, 1e9, ...NOT_NUMBERS], object: [NaN, Infinity, 4n, () => 4] },
  'quality.resolutionScale': range(0.25, 2),
  'quality.targetFps': range(15, 240),
  'quality.maxGpuMemoryMB': range(16, 65536, true),
  'quality.tier': picklist(),
  'quality.lodAggressiveness': range(0, 1),
  'features.crosshair': bool(),
  'features.legend': bool(),
  'features.zoom': bool(),
  'features.autoTune': bool(),
  'telemetry.enabled': bool(),
  'telemetry.endpoint': url(),
  'telemetry.sampling': range(0, 1),
  'telemetry.batchSize': range(1, 1000, true),
  'text.fontSize': range(8, 48),
  'text.fontFamily': string(256),
  'axes.x.labels': bool(),
};

/** Settings that must be objects, lists or strings; each value here is the wrong shape. */
const SHAPES = {
  colors: ['#fff', 42, ['#fff'], true],
  'colors.series': ['#fff', { 0: '#fff' }, 42, Array.from({ length: 65 }, () => '#fff')],
  axes: ['x', 1, [{}]],
  'axes.y': [true, 'left'],
  series: ['line', [], 0],
  'series.items': [{ id: 'value' }, 'value', [{ name: 'no id' }], [{ id: 'value' }, 'x'], Array.from({ length: 257 }, (_, i) => ({ id: `s${i}` }))],
  quality: ['high', 4, []],
  'axes.x': [false, 'on'],
  features: [true, ['zoom']],
  indicators: [{ id: 'ma', type: 'sma' }, 'sma', [{ type: 'sma' }], [{ id: 'ma', type: 'sma', params: { period: NaN } }], [{ id: 'ma', type: 'sma', params: { period: '20' } }], [{ id: 'ma', type: 'x'.repeat(65) }]],
  text: ['big', 20],
};

const UNKNOWN_KEYS = ['qualty', 'quality.msaaa', 'series.itemz', 'colors.foreground', 'axes.z', 'series.items[0].width', 'features.sound', 'grid.color', 'telemetry.secret', 'Theme', ' theme', 'theme ', '', '0', '🎨',
  // Removed settings that never had an effect: refused with their own path.
  'data.chunkSize', 'data.cache.maxEntries', 'features.animations', 'motion.reduced'];

/** The path as issues spell it (formatPath of the segments). */
function parsePath(path) {
  const segments = [];
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) segments.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  return segments;
}

function withValue(base, path, value) {
  const copy = structuredClone(base);
  const segments = typeof path === 'string' ? parsePath(path) : path;
  let target = copy;
  segments.slice(0, -1).forEach((segment, i) => {
    if (target[segment] === undefined || typeof target[segment] !== 'object') target[segment] = typeof segments[i + 1] === 'number' ? [] : {};
    target = target[segment];
  });
  target[segments.at(-1)] = value;
  return copy;
}

/** Formats segments the way the library does (for unknown keys with odd spellings). */
function formatPath(segments) {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function nested(depth, leaf = 1) {
  /** @type {unknown} */
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Objects no parser can produce: each one attacks how the element reads its input. */
function hostileObjects() {
  const cyclic = { theme: 'dark' };
  cyclic.self = cyclic;
  const cyclicDeep = { colors: {} };
  cyclicDeep.colors.again = cyclicDeep;
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  let reads = 0;
  const flipping = { get theme() { return reads++ % 2 === 0 ? 'dark' : 'purple'; } };
  const wide = {};
  for (let i = 0; i < 120_000; i++) wide[`k${i}`] = i;
  class Settings { constructor() { this.theme = 'dark'; } }
  return [
    ['a number', 5, ''],
    ['a string', 'theme: dark', ''],
    ['a boolean', true, ''],
    ['a list', [{ theme: 'dark' }], ''],
    ['a function', () => ({ theme: 'dark' }), ''],
    ['a symbol', Symbol('config'), ''],
    ['a bigint', 10n, ''],
    ['a Date', new Date(0), ''],
    ['a Map', new Map([['theme', 'dark']]), ''],
    ['a class instance', new Settings(), ''],
    ['a typed array', new Float64Array(4), ''],
    ['a RegExp', /theme/, ''],
    ['a Promise', Promise.resolve({ theme: 'dark' }), ''],
    ['nested 100 deep', { colors: nested(100) }, null],
    ['nested 10,000 deep', nested(10_000), null],
    ['a list nested 5,000 deep', { colors: { series: JSON.parse('['.repeat(5000) + ']'.repeat(5000)) } }, null],
    ['cyclic at the root', cyclic, null],
    ['cyclic deeper', cyclicDeep, null],
    ['__proto__ at the root', JSON.parse('{"__proto__": {"polluted": true}}'), '__proto__'],
    ['__proto__ nested', { quality: JSON.parse('{"__proto__": {"msaa": 1}}') }, 'quality.__proto__'],
    ['__proto__ in a list item', { series: { items: [JSON.parse('{"id": "value", "__proto__": {"polluted": true}}')] } }, 'series.items[0].__proto__'],
    ['constructor key', { constructor: { prototype: { polluted: true } } }, 'constructor'],
    ['prototype key', { colors: { prototype: '#fff' } }, 'colors.prototype'],
    ['null-prototype object with a bad value', Object.assign(Object.create(null), { theme: 'purple' }), 'theme'],
    ['120,000 keys', wide, null],
    ['a palette of 200,000 colours', { colors: { series: Array.from({ length: 200_000 }, () => '#fff') } }, null],
    ['a getter that throws', { get theme() { throw new Error('boom'); } }, null],
    ['a getter that flips between reads', flipping, null],
    ['a Proxy whose ownKeys throws', new Proxy({}, { ownKeys() { throw new Error('no keys'); } }), null],
    ['a Proxy whose get throws', new Proxy({ theme: 'dark' }, { get() { throw new Error('no get'); } }), null],
    ['a Proxy whose getPrototypeOf throws', new Proxy({}, { getPrototypeOf() { throw new Error('no proto'); } }), null],
    ['a revoked Proxy', revoked, null],
    ['a frozen object with a bad value', Object.freeze({ quality: Object.freeze({ msaa: 3 }) }), 'quality.msaa'],
    ['a symbol key only', { [Symbol('theme')]: 'dark', theme: 'purple' }, 'theme'],
    ['a sparse list', { colors: { series: [, '#fff'] } }, null], // eslint-disable-line no-sparse-arrays
  ];
}

// ——— texts ———

const MIME = { yaml: 'application/yaml', json: 'application/json', toml: 'application/toml' };

function billionLaughs() {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n');
}

/** [name, format, text, { path?, line? (a number, or true: any), message? }]: texts that must be refused. */
function hostileTexts() {
  return [
    ['YAML billion laughs', 'yaml', billionLaughs(), { message: /alias/ }],
    ['YAML billion laughs inside a setting', 'yaml', `colors:\n  series: &a ["#fff", "#fff", "#fff", "#fff", "#fff", "#fff", "#fff", "#fff"]\n${Array.from({ length: 8 }, (_, i) => `x${i}: &b${i} [${Array(8).fill(i === 0 ? '*a' : `*b${i - 1}`).join(', ')}]`).join('\n')}\n`, { message: /alias/ }],
    ['YAML self-referencing alias', 'yaml', 'a: &a [*a]\n', {}],
    ['YAML alias to nothing', 'yaml', 'theme: *nothing\n', { line: 1 }],
    ['YAML nested 10,000 deep', 'yaml', `colors: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, {}],
    ['YAML block nesting 200 deep', 'yaml', Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1\n', {}],
    ['YAML __proto__ key', 'yaml', '__proto__:\n  polluted: true\n', { path: '__proto__' }],
    ['YAML constructor key', 'yaml', 'quality:\n  constructor: 1\n', { path: 'quality.constructor' }],
    ['YAML merge key', 'yaml', 'base: &b { msaa: 4 }\nquality:\n  <<: *b\n', {}],
    ['YAML binary tag', 'yaml', 'theme: !!binary aGVsbG8=\n', { path: 'theme' }],
    ['YAML unknown tag', 'yaml', 'theme: !js/function "return 1"\n', {}],
    ['YAML two documents', 'yaml', 'theme: dark\n---\ntheme: light\n', {}],
    ['YAML duplicate key', 'yaml', 'theme: dark\ntheme: light\n', { line: 2 }],
    ['YAML tab indentation', 'yaml', 'quality:\n\tmsaa: 4\n', { line: 2 }],
    ['YAML unclosed flow', 'yaml', 'theme: dark\nquality:\n  msaa: [1, 4\n', { line: true }], // at the end of the text
    ['YAML .nan', 'yaml', 'series:\n  lineWidth: .nan\n', { path: 'series.lineWidth', line: 2 }],
    ['YAML .inf', 'yaml', 'quality:\n  targetFps: .inf\n', { path: 'quality.targetFps', line: 2 }],
    ['YAML huge number', 'yaml', 'telemetry:\n  batchSize: 1e400\n', { path: 'telemetry.batchSize' }],
    ['YAML removed setting', 'yaml', 'theme: dark\nmotion:\n  reduced: true\n', { path: 'motion.reduced', line: 3, message: /removed setting/ }],
    ['TOML removed setting', 'toml', '[data]\nchunkSize = 4096\n', { path: 'data.chunkSize', line: 2 }],
    ['YAML scalar document', 'yaml', 'just a string\n', { path: '' }],
    ['YAML list document', 'yaml', '- theme: dark\n', { path: '' }],
    ['YAML control characters', 'yaml', 'theme: "\u0000\u0007"\n', {}],
    ['YAML lone surrogate', 'yaml', 'theme: "\ud800"\n', {}],
    ['JSON truncated', 'json', '{"theme": "dark", "quality": {"msaa": 4', { line: 1 }],
    ['JSON trailing comma', 'json', '{"theme": "dark",}', { line: 1 }],
    ['JSON comments', 'json', '{\n  // dark\n  "theme": "dark"\n}', { line: 2 }],
    ['JSON NaN literal', 'json', '{"series": {"lineWidth": NaN}}', { line: 1 }],
    ['JSON nested 20,000 deep', 'json', `{"colors": ${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`, {}],
    ['JSON __proto__ key', 'json', '{"__proto__": {"polluted": true}}', { path: '__proto__' }],
    ['JSON nested constructor key', 'json', '{"series": {"items": [{"id": "value", "constructor": {"prototype": {}}}]}}', { path: 'series.items[0].constructor' }],
    ['JSON huge number', 'json', '{"quality": {"maxGpuMemoryMB": 1e999}}', { path: 'quality.maxGpuMemoryMB' }],
    ['JSON wrong type', 'json', '{"quality": {"msaa": "4"}}', { path: 'quality.msaa', line: 1 }],
    ['JSON 600 KB', 'json', `{"text": {"fontFamily": "${'x'.repeat(600_000)}"}}`, { message: /longer than/ }],
    ['JSON with a BOM and garbage', 'json', '\ufeff{"theme": dark}', {}],
    ['TOML duplicate key', 'toml', 'theme = "dark"\ntheme = "light"\n', { line: 2 }],
    ['TOML duplicate table', 'toml', '[quality]\nmsaa = 4\n[quality]\nmsaa = 1\n', {}],
    ['TOML unclosed string', 'toml', 'theme = "dark\n', { line: 1 }],
    ['TOML inline arrays 1,000 deep', 'toml', `[colors]\nseries = ${'['.repeat(1000)}${']'.repeat(1000)}\n`, {}],
    ['TOML __proto__ table', 'toml', '[__proto__]\npolluted = true\n', { path: '__proto__' }],
    ['TOML nan', 'toml', '[series]\nlineWidth = nan\n', { path: 'series.lineWidth' }],
    ['TOML inf', 'toml', '[telemetry]\nsampling = inf\n', { path: 'telemetry.sampling' }],
    ['TOML huge integer', 'toml', '[telemetry]\nbatchSize = 99999999999999999999999\n', {}],
    ['TOML date', 'toml', 'theme = 1979-05-27T07:32:00Z\n', { path: 'theme' }],
    ['HTML served as config', 'text/html', '<!doctype html><html><body>hi</body></html>', {}],
  ];
}

/** Serialises a config in a format; null when the value cannot be written in it (functions, NaN in JSON …). */
function serialise(format, config) {
  try {
    if (format === 'json') {
      const text = JSON.stringify(config);
      return JSON.stringify(JSON.parse(text)) === text && !/null/.test(text) ? text : null;
    }
    if (format === 'yaml') return toYaml(config);
    return toToml(config);
  } catch {
    return null;
  }
}

// ——— the harness ———

const escaped = [];
const onError = (event) => escaped.push(`error: ${event.message ?? event.error}`);
const onRejection = (event) => escaped.push(`unhandled rejection: ${event.reason?.stack ?? event.reason}`);

function describeValue(value) {
  try {
    if (typeof value === 'symbol' || typeof value === 'bigint' || typeof value === 'function') return String(value);
    const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function' ? String(v) : Number.isNaN(v) ? 'NaN' : v));
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

class Fuzzer {
  constructor(chart) {
    this.chart = chart;
    this.good = JSON.stringify(chart.effectiveConfig);
    this.goodObject = chart.config;
    this.cases = 0;
    this.refused = 0;
    this.accepted = 0;
  }

  /** Records the events a step causes; `settle` waits for asynchronous entry points. */
  async run(step, settle) {
    const errors = [];
    const changes = [];
    const onConfigError = (event) => errors.push(event.detail);
    const onChange = (event) => changes.push(event.detail);
    this.chart.addEventListener('gpu-config-error', onConfigError);
    this.chart.addEventListener('gpu-config-change', onChange);
    let thrown = null;
    try {
      step(); // what it returns is never read: a hostile value may throw from a `then` getter
      if (settle) await settle(errors, changes);
    } catch (error) {
      thrown = error;
    } finally {
      this.chart.removeEventListener('gpu-config-error', onConfigError);
      this.chart.removeEventListener('gpu-config-change', onChange);
    }
    return { errors, changes, thrown };
  }

  /** A hostile or malformed input: refused, reported, nothing else changes. */
  async refuse(name, step, { path = null, line = null, message = null, settle = null, entry = 'object' } = {}) {
    this.cases++;
    const { errors, changes, thrown } = await this.run(step, settle);
    const where = `case ${this.cases} (${entry}) ${name}`;
    assert(thrown === null, `${where}: threw ${thrown?.stack ?? thrown}`);
    assert(escaped.length === 0, `${where}: ${escaped.join('; ')}`);
    assert(errors.length > 0, `${where}: no gpu-config-error`);
    const issues = errors.flatMap((detail) => detail.issues);
    assert(issues.length > 0, `${where}: an error without issues`);
    for (const issue of issues) {
      assert(typeof issue.path === 'string' && typeof issue.message === 'string' && issue.message.length > 0, `${where}: malformed issue ${describeValue(issue)}`);
      if (issue.line !== undefined) assert(Number.isInteger(issue.line) && issue.line >= 1, `${where}: line ${issue.line}`);
    }
    const summary = issues.map((i) => `${i.path || '<document>'}${i.line ? `:${i.line}` : ''}: ${i.message}`).join(' | ');
    if (path !== null) assert(issues.some((i) => i.path === path), `${where}: expected an issue at "${path}", got ${summary}`);
    if (line === true) assert(issues.some((i) => i.line !== undefined), `${where}: expected an issue with a line, got ${summary}`);
    else if (line !== null) assert(issues.some((i) => i.line === line), `${where}: expected an issue on line ${line}, got ${summary}`);
    if (message !== null) assert(issues.some((i) => message.test(i.message)), `${where}: expected a message like ${message}, got ${summary}`);
    assert(changes.length === 0, `${where}: applied (${describeValue(changes.map((c) => c.changedPaths))}) although refused`);
    assertEqual(JSON.stringify(this.chart.effectiveConfig), this.good, `${where}: effective config is the last good one`);
    assert(this.chart.config === this.goodObject, `${where}: chart.config still returns the last good object`);
    await this.assertDraws(where);
    this.refused++;
  }

  /**
   * A valid change: applied without error; it becomes the last good config.
   * @param {string} name
   * @param {() => unknown} step
   * @param {{ settle?: ((errors: unknown[], changes: unknown[]) => Promise<unknown>) | null, entry?: string, value?: unknown }} [options]
   */
  async accept(name, step, { settle = null, entry = 'object', value } = {}) {
    this.cases++;
    const { errors, thrown } = await this.run(step, settle);
    const where = `case ${this.cases} (${entry}) ${name}`;
    assert(thrown === null, `${where}: threw ${thrown?.stack ?? thrown}`);
    assert(errors.length === 0, `${where}: refused a valid config: ${describeValue(errors)}`);
    this.good = JSON.stringify(this.chart.effectiveConfig);
    if (entry === 'object') {
      assert(this.chart.config === value, `${where}: chart.config returns the new object`);
      this.goodObject = value;
    }
    await this.assertDraws(where);
    this.accepted++;
  }

  /** Input whose fate depends on when it is read (a flipping getter): either outcome, but a valid config after. */
  async either(name, step) {
    this.cases++;
    const where = `case ${this.cases} ${name}`;
    const { thrown } = await this.run(step);
    assert(thrown === null, `${where}: threw ${thrown?.stack ?? thrown}`);
    const theme = this.chart.effectiveConfig.theme;
    assert(theme === 'light' || theme === 'dark', `${where}: effective theme ${describeValue(theme)}`);
    this.good = JSON.stringify(this.chart.effectiveConfig);
    this.goodObject = this.chart.config;
    await this.assertDraws(where);
  }

  async assertDraws(where) {
    // A change of the GPU memory budget (or MSAA) rebuilds the renderer: wait until one is drawing again.
    const frames = this.chart.frameCount;
    this.chart.renderNow();
    for (let i = 0; i < 100 && this.chart.frameCount === frames; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      this.chart.renderNow();
    }
    assert(this.chart.frameCount > frames, `${where}: a frame is drawn after (${this.chart.frameCount} frames, were ${frames})`);
    assert(this.chart.lastFrameStats?.pointsDrawn > 0, `${where}: the frame drew the series`);
  }

  /** The picture itself: background of the configured theme, and the series drawn over it. */
  async assertPicture(where) {
    await this.chart.nextFrame();
    const snapshot = await this.chart.snapshot();
    const plot = this.chart.model.plotCss();
    const ratio = snapshot.width / this.chart.clientWidth;
    const background = pixel(snapshot, (plot.x + 2) * ratio, (plot.y + 2) * ratio);
    const dark = this.chart.effectiveConfig.theme === 'dark';
    assert(dark ? background[0] < 80 : background[0] > 200, `${where}: ${dark ? 'dark' : 'light'} background, got ${background}`);
    let ink = 0;
    for (let i = 0; i < snapshot.data.length; i += 4) {
      if (Math.abs(snapshot.data[i] - background[0]) + Math.abs(snapshot.data[i + 1] - background[1]) + Math.abs(snapshot.data[i + 2] - background[2]) > 90) ink++;
    }
    assert(ink > 100, `${where}: the series is drawn (${ink} pixels of ink)`);
  }
}

/** Waits until the chart reported an error or a change for an asynchronous entry point (or `ms` passed). */
function untilReported(ms = 8000) {
  return (errors, changes) =>
    new Promise((resolve) => {
      const started = performance.now();
      const poll = () => {
        if (errors.length > 0 || changes.length > 0 || performance.now() - started > ms) setTimeout(resolve, 20); // a little longer: nothing else may follow
        else setTimeout(poll, 5);
      };
      poll();
    });
}

const blobs = [];
function blobUrl(text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  blobs.push(url);
  return url;
}

describe('gpu-chart configuration fuzzing', function () {
  this.timeout(120_000);

  before(() => {
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
  });

  after(() => {
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    for (const url of blobs.splice(0)) URL.revokeObjectURL(url);
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
  });

  it('refuses hostile input through every entry point and keeps drawing the last good config', async () => {
    const random = rng(SEED);
    const pick = (list) => list[Math.floor(random() * list.length)];
    const chart = await createChart({ data });
    const fuzz = new Fuzzer(chart);
    const started = performance.now();

    // A valid config first: every branch present (what the mutations break).
    await fuzz.accept('the base config', () => (chart.config = BASE), { value: BASE });

    /** A random valid change: what "the last good config" moves to between hostile ones. */
    const validChange = () => ({
      theme: pick(['light', 'dark']),
      series: { lineWidth: 1 + Math.round(random() * 8), items: [{ id: 'value', color: pick(['#2563eb', '#f97316', 'rgb(16, 185, 129)', 'gold']) }] },
      grid: { visible: random() < 0.5 },
      text: { fontSize: 8 + Math.round(random() * 20) },
      quality: { tier: 'high' },
    });

    // ——— objects: `chart.config = …` and `chart.updateConfig(…)` ———
    const leafPaths = Object.keys(LEAVES);
    const shapePaths = Object.keys(SHAPES);
    const hostile = hostileObjects();
    for (let i = 0; i < OBJECT_CASES; i++) {
      const viaUpdate = random() < 0.5;
      const entry = viaUpdate ? 'updateConfig' : 'config';
      const apply = (value) => () => (viaUpdate ? chart.updateConfig(value) : (chart.config = value));
      const roll = random();
      if (roll < 0.08) {
        const value = validChange();
        if (viaUpdate) await fuzz.accept(`valid ${describeValue(value)}`, apply(value), { entry });
        else await fuzz.accept(`valid ${describeValue(value)}`, apply(value), { entry: 'object', value });
      } else if (roll < 0.6) {
        const path = pick(leafPaths);
        const pool = random() < 0.7 ? LEAVES[path].text : LEAVES[path].object;
        const bad = pick(pool);
        // updateConfig merges into the runtime layer: only the broken branch is needed.
        const value = viaUpdate && random() < 0.5 ? withValue({}, path, bad) : withValue(BASE, path, bad);
        if (viaUpdate && path.startsWith('series.items') && !path.endsWith('.id')) value.series.items[0].id = 'value';
        await fuzz.refuse(`${path} = ${describeValue(bad)}`, apply(value), { path, entry: viaUpdate ? entry : 'object' });
      } else if (roll < 0.72) {
        const path = pick(shapePaths);
        const bad = pick(SHAPES[path]);
        await fuzz.refuse(`${path} = ${describeValue(bad)}`, apply(withValue(BASE, path, bad)), { entry: viaUpdate ? entry : 'object' });
      } else if (roll < 0.82) {
        const path = pick(UNKNOWN_KEYS);
        const segments = path === '' ? [''] : parsePath(path);
        const value = withValue(BASE, segments, pick([1, 'x', {}, true]));
        await fuzz.refuse(`unknown key ${JSON.stringify(path)}`, apply(value), { path: formatPath(segments), entry: viaUpdate ? entry : 'object' });
      } else {
        const [name, value, path] = pick(hostile);
        if (name.startsWith('a getter that flips')) await fuzz.either(name, apply(value));
        else await fuzz.refuse(name, apply(value), { path, entry: viaUpdate ? entry : 'object' });
      }
      if (i % 40 === 39) await fuzz.assertPicture(`after object case ${i + 1}`);
    }
    // Every hostile object at least once, through both property entry points.
    for (const [name, value, path] of hostile) {
      for (const viaUpdate of [false, true]) {
        const step = () => (viaUpdate ? chart.updateConfig(value) : (chart.config = value));
        if (name.startsWith('a getter that flips')) await fuzz.either(name, step);
        else await fuzz.refuse(name, step, { path, entry: viaUpdate ? 'updateConfig' : 'object' });
      }
    }
    assertEqual({}.polluted, undefined, 'Object.prototype untouched');
    await fuzz.assertPicture('after the objects');

    // ——— texts: config-src and preset URLs (blob: URLs with a MIME type) ———
    const viaText = async (name, format, text, expect, valid = false) => {
      const type = MIME[format] ?? format;
      const asPreset = random() < 0.35;
      const url = blobUrl(text, type);
      const step = () => {
        if (asPreset) chart.preset = url;
        else chart.configSrc = url;
      };
      const entry = asPreset ? 'preset URL' : 'config-src';
      // A valid document may change nothing in effect (a higher layer sets the same keys): wait for its layer.
      const layer = asPreset ? 'preset' : 'file';
      const before = chart.configuration.stack.layer(layer);
      const applied = async (errors) => {
        const until = performance.now() + 8000;
        while (errors.length === 0 && chart.configuration.stack.layer(layer) === before && performance.now() < until) await sleep(5);
      };
      if (valid) await fuzz.accept(name, step, { settle: applied, entry });
      else await fuzz.refuse(name, step, { ...expect, settle: untilReported(), entry });
    };
    for (const [name, format, text, expect] of hostileTexts()) await viaText(name, format, text, expect);
    for (let i = 0; i < TEXT_CASES; i++) {
      const format = pick(['yaml', 'json', 'toml']);
      const roll = random();
      if (roll < 0.15) {
        // A valid document (changes something, so that the new config is observable).
        const text = serialise(format, { ...validChange(), series: { lineWidth: 1 + i % 9 } });
        await viaText(`valid ${format}`, format, text, {}, true);
      } else if (roll < 0.75) {
        const path = pick(leafPaths);
        const bad = pick(LEAVES[path].text);
        const text = serialise(format, withValue(BASE, path, bad));
        if (text === null) continue; // not writable in this format (e.g. null in TOML)
        await viaText(`${format} ${path} = ${describeValue(bad)}`, format, text, { path });
      } else {
        // A valid document cut short, or with a byte flipped into a delimiter: always a syntax or schema error.
        const text = serialise(format, BASE);
        const cut = format === 'yaml' ? `${text.slice(0, 1 + Math.floor(random() * (text.length - 2)))}\n  : [\n` : text.slice(0, 1 + Math.floor(random() * (text.length - 2)));
        const garbage = format === 'toml' ? `${cut}\n= = =\n` : cut;
        await viaText(`${format} truncated at ${cut.length}`, format, garbage, {});
      }
    }
    // A URL that is not there, and URLs that are not URLs.
    await fuzz.refuse('config-src 404', () => (chart.configSrc = '/test/browser/fixtures/missing.yaml'), { path: '', settle: untilReported(), entry: 'config-src' });
    for (const bad of ['http://[::1', 'https://exa mple.com/x.yaml', 'http://:0/x.yaml']) {
      await fuzz.refuse(`config-src ${bad}`, () => (chart.configSrc = bad), { settle: untilReported(), entry: 'config-src' });
      await fuzz.refuse(`preset ${bad}`, () => (chart.preset = bad), { settle: untilReported(), entry: 'preset URL' });
    }
    await fuzz.assertPicture('after the texts');

    // ——— attributes ———
    const GARBAGE = ['purple', '', ' ', 'LIGHT', 'dark ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '<script>alert(1)</script>', '🎨🎨', '\u0000', 'x'.repeat(100_000), 'null', 'undefined', 'NaN', '[object Object]', '{"theme":"dark"}', 'line area'];
    // attribute → its property (whose last good value must stay; `preset` keeps what was asked for).
    const ATTRIBUTES = { theme: 'theme', 'time-zone': 'timeZone', 'y-scale': 'yScale', type: 'type', lod: 'lod', renderer: 'renderer', preset: null };
    const attributeCases = [];
    for (const name of Object.keys(ATTRIBUTES)) for (const value of ['purple', '__proto__', 'x'.repeat(100_000)]) attributeCases.push([name, value]);
    for (let i = 0; i < ATTRIBUTE_CASES; i++) attributeCases.push([pick(Object.keys(ATTRIBUTES)), pick(GARBAGE)]);
    for (const [name, value] of attributeCases) {
      if (name === 'preset' && value.trim() === '') continue; // an empty preset attribute means "no preset": valid
      if (chart.getAttribute(name) === value) continue; // the same value again changes nothing (a refused preset name stays set)
      const property = ATTRIBUTES[name];
      const before = property ? chart[property] : null;
      await fuzz.refuse(`${name}="${describeValue(value).slice(1, 40)}"`, () => chart.setAttribute(name, value), {
        // A preset that looks like a URL is fetched (and 404s): that issue names the document.
        path: name === 'preset' && /[/.]/.test(value) ? '' : name,
        settle: name === 'preset' ? untilReported() : async () => chart.updateComplete,
        entry: 'attribute',
      });
      if (property) assertEqual(chart[property], before, `${name}: the property keeps its last good value`);
    }
    // Numbers from attributes that are not numbers are no config error, but must not break anything.
    chart.setAttribute('watch-interval', 'not a number');
    chart.setAttribute('watch-config', '');
    await chart.updateComplete;
    chart.removeAttribute('watch-config');
    await chart.updateComplete;

    await sleep(100); // late rejections from aborted fetches would land here
    assertEqual(escaped.length, 0, `nothing escaped: ${escaped.join('; ')}`);
    await fuzz.assertPicture('at the end');
    const seconds = (performance.now() - started) / 1000;
    console.log(`config fuzz: ${fuzz.cases} cases (${fuzz.refused} refused, ${fuzz.accepted} valid) in ${seconds.toFixed(1)} s, seed ${SEED}`);
  });
});

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
