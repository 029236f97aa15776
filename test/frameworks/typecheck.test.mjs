// The example apps type-check their templates against the typings generated from
// custom-elements.json (types/*.d.ts, examples/angular/src/app/gpu-charts.directives.ts), and the
// same check fails when the template misspells a property or misreads an event's detail: a copy
// of each app, with the mistakes written in, must be rejected by the framework's own checker
// (tsc for React, vue-tsc for Vue, svelte-check for Svelte, ngc with strictTemplates for Angular).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const ROOT = resolve('.');

/** For each app: the file to spoil, and [correct, misspelt] pairs the checker must name. */
const APPS = {
  react: {
    file: 'src/App.tsx',
    mistakes: [
      ['config={config}', 'confg={config}', 'confg'],
      ['event.detail.renderer', 'event.detail.renderr', 'renderr'],
    ],
  },
  vue: {
    file: 'src/App.vue',
    mistakes: [
      [':config="config"', ':confg="config"', 'confg'],
      ['@gpu-ready="onReady"', '@gpu-ready="(event) => (renderer = event.detail.renderr)"', 'renderr'],
    ],
  },
  svelte: {
    file: 'src/App.svelte',
    mistakes: [
      ['    {config}', '    confg={config}', 'confg'],
      ['event.detail.renderer', 'event.detail.renderr', 'renderr'],
    ],
  },
  angular: {
    file: 'src/app/app.component.ts',
    mistakes: [
      ['[config]="config()"', '[confg]="config()"', 'confg'],
      ['(gpu-ready)="onReady($event)"', '(gpu-ready)="renderer.set($event.detail.renderr)"', 'renderr'],
    ],
  },
};

/** Runs the app's `typecheck` script in `dir` with the workspace's and the root's binaries. */
function typecheck(app, dir) {
  const script = JSON.parse(readFileSync(join(ROOT, 'examples', app, 'package.json'), 'utf8')).scripts.typecheck;
  const bins = [join(ROOT, 'examples', app, 'node_modules', '.bin'), join(ROOT, 'node_modules', '.bin')];
  return new Promise((done) => {
    const child = spawn(script, { cwd: dir, shell: true, env: { ...process.env, PATH: [...bins, process.env.PATH].join(delimiter) } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => done({ code, output }));
  });
}

/** A copy of the app beside it (so node_modules resolve as for the app) with the mistakes in. */
function spoiltCopy(app) {
  const source = join(ROOT, 'examples', app);
  const copy = join(source, 'build', 'misspelt');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (!['node_modules', 'dist', 'build', '.angular'].includes(entry)) cpSync(join(source, entry), join(copy, entry), { recursive: true });
  }
  const file = join(copy, APPS[app].file);
  let text = readFileSync(file, 'utf8');
  for (const [right, wrong] of APPS[app].mistakes) {
    assert.ok(text.includes(right), `${APPS[app].file} still contains ${right}`);
    text = text.replace(right, wrong);
  }
  writeFileSync(file, text);
  return copy;
}

// Two apps at a time, each checking the app and its spoilt copy at once.
describe('typed templates', { concurrency: 2 }, () => {
  for (const app of Object.keys(APPS)) {
    test(`${app}: the example type-checks, and misspelt properties and event fields do not`, async () => {
      const copy = spoiltCopy(app);
      try {
        const [good, bad] = await Promise.all([typecheck(app, join(ROOT, 'examples', app)), typecheck(app, copy)]);
        assert.equal(good.code, 0, `examples/${app} type-checks:\n${good.output}`);
        assert.notEqual(bad.code, 0, `the misspelt copy of examples/${app} must not type-check:\n${bad.output}`);
        for (const [, , name] of APPS[app].mistakes) assert.match(bad.output, new RegExp(name), `the checker names ${name}:\n${bad.output}`);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  }
});
