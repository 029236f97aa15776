import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, detectFormat, parseConfigText } from '../../build/node/config/index.js';

const YAML_TEXT = `# a typical chart config
theme: dark
timeZone: America/New_York
colors:
  up: '#26a69a'
  down: '#ef5350'
  series: ['#1f77b4', 'orange']
axes:
  x:
    labels: false
  y:
    scale: log
    position: left
series:
  lineWidth: 2
  items:
    - id: close
      column: close
      type: line
      name: Close
    - id: volume
      type: bar
      visible: false
indicators:
  - id: sma20
    type: sma
    color: 'rgb(255, 128, 0)'
    params:
      period: 20
quality:
  msaa: 1
  resolutionScale: 0.75
  tier: medium
  maxGpuMemoryMB: 512
features:
  tooltip: false
telemetry:
  enabled: true
  endpoint: https://example.com/telemetry
`;

const JSON_TEXT = JSON.stringify(
  {
    theme: 'dark',
    timeZone: 'America/New_York',
    colors: { up: '#26a69a', down: '#ef5350', series: ['#1f77b4', 'orange'] },
    axes: { x: { labels: false }, y: { scale: 'log', position: 'left' } },
    series: {
      lineWidth: 2,
      items: [
        { id: 'close', column: 'close', type: 'line', name: 'Close' },
        { id: 'volume', type: 'bar', visible: false },
      ],
    },
    indicators: [{ id: 'sma20', type: 'sma', color: 'rgb(255, 128, 0)', params: { period: 20 } }],
    quality: { msaa: 1, resolutionScale: 0.75, tier: 'medium', maxGpuMemoryMB: 512 },
    features: { tooltip: false },
    telemetry: { enabled: true, endpoint: 'https://example.com/telemetry' },
  },
  null,
  2,
);

const TOML_TEXT = `# a typical chart config
theme = "dark"
timeZone = "America/New_York"

[colors]
up = "#26a69a"
down = "#ef5350"
series = ["#1f77b4", "orange"]

[axes.y]
scale = "log"
position = "left"

[series]
lineWidth = 2

[[series.items]]
id = "close"
column = "close"
type = "line"
name = "Close"

[[series.items]]
id = "volume"
type = "bar"
visible = false

[[indicators]]
id = "sma20"
type = "sma"
color = "rgb(255, 128, 0)"
params = { period = 20 }

[quality]
msaa = 1
resolutionScale = 0.75
tier = "medium"
maxGpuMemoryMB = 512

# a super-table after its sub-table, with a dotted key
[axes]
x.labels = false

[features]
tooltip = false

[telemetry]
enabled = true
endpoint = "https://example.com/telemetry"
`;

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error?.constructor?.name}: ${error}`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('YAML, JSON and TOML parse the same config to the same object', async () => {
  const yaml = await parseConfigText(YAML_TEXT, { filename: 'chart.yaml' });
  const json = await parseConfigText(JSON_TEXT, { filename: 'chart.json' });
  const toml = await parseConfigText(TOML_TEXT, { filename: 'chart.toml' });
  assert.equal(yaml.format, 'yaml');
  assert.equal(json.format, 'json');
  assert.equal(toml.format, 'toml');
  assert.deepEqual(json.config, yaml.config);
  assert.deepEqual(toml.config, yaml.config);
  assert.equal(yaml.config.series.items[1].visible, false);
  // Not defaults-filled: only what the text sets.
  assert.equal(yaml.config.text, undefined);
  assert.equal(yaml.config.quality.targetFps, undefined);
});

test('a partial file sets just what it names', async () => {
  const { config } = await parseConfigText('theme: dark\n', { filename: 'chart.yaml' });
  assert.deepEqual(config, { theme: 'dark' });
  assert.deepEqual((await parseConfigText('', { filename: 'chart.json' })).config, {});
  assert.deepEqual((await parseConfigText('# only a comment\n', { filename: 'chart.yaml' })).config, {});
  assert.deepEqual((await parseConfigText('# only a comment\n', { filename: 'chart.toml' })).config, {});
});

test('format: explicit option > MIME type > extension > sniffing', () => {
  const json = '{"theme": "dark"}';
  assert.equal(detectFormat(json, { format: 'yaml', mimeType: 'application/json', filename: 'a.toml' }), 'yaml');
  assert.equal(detectFormat(json, { mimeType: 'application/json; charset=utf-8', filename: 'a.toml' }), 'json');
  assert.equal(detectFormat(json, { mimeType: 'text/plain', filename: 'https://x.test/c/chart.TOML?v=2#top' }), 'toml');
  assert.equal(detectFormat('theme: dark', { mimeType: 'application/yaml' }), 'yaml');
  assert.equal(detectFormat('theme = "dark"', { mimeType: 'application/toml' }), 'toml');
  assert.equal(detectFormat('x', { filename: 'chart.yml' }), 'yaml');
  assert.equal(detectFormat('  \n{"theme": "dark"}'), 'json');
  assert.equal(detectFormat('# c\ntheme = "dark"'), 'toml');
  assert.equal(detectFormat('[quality]\nmsaa = 1'), 'toml');
  assert.equal(detectFormat('# c\ntheme: dark'), 'yaml');
  assert.equal(detectFormat('quality: {msaa: 1}'), 'yaml');
});

test('parses by sniffing when nothing else is known', async () => {
  assert.deepEqual((await parseConfigText('{"theme": "dark"}')).config, { theme: 'dark' });
  assert.deepEqual((await parseConfigText('theme = "dark"')).config, { theme: 'dark' });
  assert.deepEqual((await parseConfigText('theme: dark')).config, { theme: 'dark' });
});

test('YAML syntax errors carry file:line:column', async () => {
  const error = await rejection(parseConfigText('theme: dark\nquality:\n  msaa: [1, 4\n  tier: low\n', { filename: 'chart.yaml' }));
  const [issue] = error.issues;
  assert.equal(issue.source, 'chart.yaml');
  // yaml notices the unclosed flow sequence where the next key starts.
  assert.deepEqual([issue.line, issue.column], [4, 3]);
  assert.match(error.message, /^chart\.yaml:4:3: Flow sequence/);
});

test('YAML duplicate keys are syntax errors', async () => {
  const error = await rejection(parseConfigText('theme: dark\ntheme: light\n', { filename: 'chart.yaml' }));
  assert.equal(error.issues[0].line, 2);
  assert.equal(error.issues[0].column, 1);
});

test('JSON syntax errors carry file:line:column', async () => {
  const text = '{\n  "theme": "dark",\n  "quality": {\n    "msaa": 4,\n  }\n}';
  const error = await rejection(parseConfigText(text, { filename: 'chart.json' }));
  const [issue] = error.issues;
  assert.deepEqual([issue.line, issue.column], [5, 3]);
  assert.equal(error.message, 'chart.json:5:3: expected a property name in double quotes, found character "}"');

  const unterminated = await rejection(parseConfigText('{\n  "theme": "dark\n}', { filename: 'c.json' }));
  // The raw newline inside the string is the error.
  assert.deepEqual([unterminated.issues[0].line, unterminated.issues[0].column], [2, 17]);
  assert.match(unterminated.message, /control character in string/);

  const trailing = await rejection(parseConfigText('{"theme": "dark"} x', { filename: 'c.json' }));
  assert.deepEqual([trailing.issues[0].line, trailing.issues[0].column], [1, 19]);
});

test('TOML syntax errors carry file:line:column', async () => {
  const error = await rejection(parseConfigText('theme = "dark"\n\n[quality]\nmsaa = = 4\n', { filename: 'chart.toml' }));
  const [issue] = error.issues;
  assert.equal(issue.source, 'chart.toml');
  assert.equal(issue.line, 4);
  assert.equal(typeof issue.column, 'number');
  assert.match(error.message, /^chart\.toml:4:\d+: /);
});

test('YAML schema errors point at the offending key', async () => {
  const text = 'theme: dark\nquality:\n  msaa: 3\n  tier: low\nseries:\n  items:\n    - id: a\n    - id: b\n      colour: red\n';
  const error = await rejection(parseConfigText(text, { filename: 'chart.yaml' }));
  assert.deepEqual(
    error.issues.map((i) => [i.path, i.line, i.column]),
    [
      ['quality.msaa', 3, 3],
      ['series.items[1].colour', 9, 7],
    ],
  );
  assert.equal(error.issues[0].message, 'expected 1 | 4, got 3');
  assert.equal(error.issues[1].message, 'unknown key');
  assert.match(error.message, /^chart\.yaml:3:3: quality\.msaa: expected 1 \| 4, got 3\nchart\.yaml:9:7: series\.items\[1\]\.colour: unknown key$/);
});

test('YAML: a missing required key points at its list item', async () => {
  const text = 'series:\n  items:\n    - name: no id\n';
  const error = await rejection(parseConfigText(text, { filename: 'chart.yaml' }));
  assert.deepEqual(error.issues.map((i) => [i.path, i.message, i.line, i.column]), [
    ['series.items[0].id', 'missing required key', 3, 7],
  ]);
});

test('JSON schema errors point at the offending key', async () => {
  const text = '{\n  "theme": "dark",\n  "quality": {\n    "msaa": 3\n  },\n  "series": {"items": [{"id": "a"}, {"id": "b", "colour": "red"}]}\n}';
  const error = await rejection(parseConfigText(text, { filename: 'chart.json' }));
  assert.deepEqual(
    error.issues.map((i) => [i.path, i.line, i.column]),
    [
      ['quality.msaa', 4, 5],
      ['series.items[1].colour', 6, 49],
    ],
  );
});

test('TOML schema errors point at the key line', async () => {
  const error = await rejection(parseConfigText(TOML_TEXT.replace('msaa = 1', 'msaa = 3').replace('name = "Close"', 'nam = "Close"'), { filename: 'chart.toml' }));
  const lines = TOML_TEXT.split('\n');
  assert.deepEqual(
    error.issues.map((i) => [i.path, i.line]),
    [
      ['series.items[0].nam', lines.indexOf('name = "Close"') + 1],
      ['quality.msaa', lines.indexOf('msaa = 1') + 1],
    ],
  );
});

test('__proto__, constructor and prototype keys are refused in every format', async () => {
  const documents = [
    ['a.json', '{"__proto__": {"polluted": true}}'],
    ['b.json', '{"quality": {"constructor": {"prototype": {"polluted": true}}}}'],
    ['c.yaml', '__proto__:\n  polluted: true\n'],
    ['d.yaml', 'series:\n  items:\n    - id: a\n      constructor:\n        prototype:\n          polluted: true\n'],
    ['e.toml', '[__proto__]\npolluted = true\n'],
    ['f.toml', '[constructor.prototype]\npolluted = true\n'],
    ['g.json', '{"indicators": [{"id": "a", "type": "sma", "params": {"__proto__": 1}}]}'],
  ];
  for (const [filename, text] of documents) {
    const error = await rejection(parseConfigText(text, { filename }));
    assert.match(error.message, /forbidden key "(__proto__|constructor)"/, filename);
  }
  assert.equal({}.polluted, undefined);
  assert.equal(/** @type {{ polluted?: unknown }} */ (Object.prototype).polluted, undefined);
  assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('polluted'), false);
});

test('YAML billion laughs is rejected quickly', async () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const started = performance.now();
  const error = await rejection(parseConfigText(lines.join('\n'), { filename: 'lol.yaml' }));
  assert.ok(performance.now() - started < 1000, 'took too long');
  assert.match(error.message, /^lol\.yaml: too many alias expansions/);
});

test('YAML alias cycles are rejected', async () => {
  const error = await rejection(parseConfigText('series: &x\n  items: [*x]\n', { filename: 'cycle.yaml' }));
  assert.match(error.message, /nested deeper than 64 levels$/);
});

test('deep nesting is rejected in every format without crashing', async () => {
  const n = 100_000;
  const cases = [
    ['flow.yaml', '['.repeat(n) + ']'.repeat(n)],
    ['flowmap.yaml', 'a: '.concat('{a: '.repeat(n), '1', '}'.repeat(n))],
    ['seq.yaml', '- '.repeat(n) + 'x'],
    ['indent.yaml', Array.from({ length: 900 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1'],
    ['deep.json', '['.repeat(n) + ']'.repeat(n)],
    ['deep2.json', '{"a":'.repeat(n) + '1' + '}'.repeat(n)],
    ['deep.toml', `a = ${'['.repeat(n)}${']'.repeat(n)}`],
    ['moderate.json', '{"a":'.repeat(70) + '1' + '}'.repeat(70)],
    ['moderate.yaml', 'a: '.concat('{a: '.repeat(70), '1', '}'.repeat(70))],
  ];
  for (const [filename, text] of cases) {
    const started = performance.now();
    const error = await rejection(parseConfigText(text, { filename }));
    assert.match(error.message, /nested|deep|indented|longer than/, `${filename}: ${error.message}`);
    assert.ok(performance.now() - started < 2000, `${filename} took too long`);
  }
});

test('huge numbers, oversize text and wrong input types become ConfigErrors', async () => {
  const huge = await rejection(parseConfigText('{"quality": {"maxGpuMemoryMB": 1e400}}', { filename: 'x.json' }));
  assert.equal(huge.issues[0].path, 'quality.maxGpuMemoryMB');
  const bigInt = await rejection(parseConfigText('[quality]\nmaxGpuMemoryMB = 99999999999999999999999\n', { filename: 'x.toml' }));
  assert.equal(bigInt.issues[0].line, 2);
  await rejection(parseConfigText('quality:\n  msaa: .inf\n', { filename: 'x.yaml' }));
  await rejection(parseConfigText(' '.repeat(10) + '{}', { maxLength: 5 }));
  await rejection(parseConfigText(null));
  // @ts-expect-error: an object, not text, on purpose (the parser must refuse it)
  await rejection(parseConfigText({ theme: 'dark' }));
  await rejection(parseConfigText('[1, 2, 3]', { format: 'json' }));
  await rejection(parseConfigText('just a string', { format: 'yaml' }));
  // @ts-expect-error: a format that does not exist, on purpose
  await rejection(parseConfigText('theme: dark', { format: 'xml' }));
  await rejection(parseConfigText('when = 1979-05-27T07:32:00Z', { format: 'toml' }));
  await rejection(parseConfigText('theme: !!js/function "function(){}"', { format: 'yaml' }));
  await rejection(parseConfigText('---\ntheme: dark\n---\ntheme: light\n', { format: 'yaml' }));
});

test('parsed configs are plain fresh objects', async () => {
  const { config } = await parseConfigText('[quality]\nmsaa = 1\n', { filename: 'x.toml' });
  // smol-toml builds null-prototype tables; validation hands back ordinary objects.
  assert.equal(Object.getPrototypeOf(config), Object.prototype);
  assert.equal(Object.getPrototypeOf(config.quality), Object.prototype);
});

test('YAML with many (shallow) flow collections and long lines is fine', async () => {
  const items = Array.from({ length: 200 }, (_, i) => `{id: s${i}, color: '#${String(i % 10).repeat(6)}', name: ${'n'.repeat(100)}}`);
  const text = `series:\n  items: [${items.join(', ')}]\ncolors:\n  series: [${Array(60).fill("'red'").join(', ')}]\n`;
  const { config } = await parseConfigText(text, { filename: 'wide.yaml' });
  assert.equal(config.series.items.length, 200);
});

test('YAML nesting errors point at where the limit was crossed', async () => {
  const text = `theme: dark\nseries:\n  items: ${'['.repeat(80)}${']'.repeat(80)}\n`;
  const error = await rejection(parseConfigText(text, { filename: 'deep.yaml' }));
  assert.deepEqual([error.issues[0].line, error.issues[0].column], [3, 10 + 64]);
  assert.equal(error.issues[0].message, 'nested deeper than 64 levels');
});
