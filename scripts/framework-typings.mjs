// Framework typings generated from custom-elements.json: React JSX `IntrinsicElements` (also used
// for Svelte 5, whose `ongpu-ready={...}` handlers and plain property names are the JSX shape) and
// Vue `GlobalComponents`. The same options serve the analyzer plugins (custom-elements-manifest
// .config.mjs, `npm run manifest`) and the staleness test (test/node/framework-typings.test.mjs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

/** The generated files live in types/ and import the element classes and event details from dist/. */
export const TYPINGS_DIR = 'types';
const globalTypePath = '../dist/index.js';

export function jsxOptions(outdir = TYPINGS_DIR) {
  return { outdir, fileName: 'jsx.d.ts', globalTypePath, hideLogs: true };
}

export function vueOptions(outdir = TYPINGS_DIR) {
  return { outdir, fileName: 'vue.d.ts', globalTypePath, hideLogs: true };
}

/** Where the Angular wrappers go: `npm run build` compiles them (ngc, partial mode) to dist/angular (gpu-charts/angular). */
export const ANGULAR_DIRECTIVES = 'angular/gpu-charts.directives.ts';

export function generateFrameworkTypings(manifest, outdir = TYPINGS_DIR, angularFile = ANGULAR_DIRECTIVES) {
  const settable = settableMembersOnly(manifest);
  const jsx = jsxOptions(outdir);
  generateJsxTypes(settable, jsx);
  dedupeImports(join(outdir, jsx.fileName));
  const vue = vueOptions(outdir);
  generateVuejsTypes(settable, vue);
  dedupeImports(join(outdir, vue.fileName));
  camelizeVueProps(join(outdir, vue.fileName));
  mkdirSync(dirname(angularFile), { recursive: true });
  writeFileSync(angularFile, angularDirectives(settable));
}

/**
 * Angular has no generator of this family, and CUSTOM_ELEMENTS_SCHEMA turns template checking
 * off for custom elements (any `[prop]` passes). So each element gets a standalone directive with
 * its tag as selector and one typed input per settable property, forwarding to the element:
 * with strictTemplates, `[config]` is checked against `GpuChart['config']`, and a misspelt
 * `[confg]` fails ("Can't bind to 'confg'"), because an element that a directive matches is
 * checked against the DOM schema for unclaimed bindings. Events stay DOM events; their `$event`
 * is typed through GlobalEventHandlersEventMap (strictDomEventTypes). Angular libraries ship
 * partially compiled code (ng-packagr's format): `npm run build` compiles this file with ngc in
 * partial mode to dist/angular, exported as `gpu-charts/angular`.
 */
export function angularDirectives(manifest) {
  const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  const names = elements.map((element) => element.name);
  const classes = elements.map((element) => {
    const inputs = (element.members ?? [])
      .filter((member) => member.kind === 'field' && !member.static && !member.privacy && !member.name.startsWith('#'))
      .map((member) => {
        const doc = member.description ? `  /** ${member.description.replace(/\s*\n\s*/g, ' ').replace(/\*\//g, '*\\/')} */\n` : '';
        return `${doc}  @Input() set ${member.name}(value: ${element.name}['${member.name}']) {\n    this.element.${member.name} = value;\n  }`;
      });
    return [
      `/** \`<${element.tagName}>\` with typed property bindings. */`,
      `@Directive({ selector: '${element.tagName}' })`,
      `export class ${element.name}Directive {`,
      `  /** The element itself, for its methods and read-only state. */`,
      `  readonly element: ${element.name} = inject<ElementRef<${element.name}>>(ElementRef).nativeElement;`,
      '',
      inputs.join('\n\n'),
      '}',
    ].join('\n');
  });
  return [
    '// Generated from custom-elements.json by scripts/framework-typings.mjs (`npm run manifest`); do not edit.',
    "import { Directive, ElementRef, Input, inject } from '@angular/core';",
    `import type { ${names.join(', ')} } from 'gpu-charts';`,
    '',
    classes.join('\n\n'),
    '',
    '/** Every element directive, for a standalone component\'s `imports`. */',
    `export const GPU_CHARTS_DIRECTIVES = [${names.map((name) => `${name}Directive`).join(', ')}] as const;`,
    '',
  ].join('\n');
}

/**
 * A copy of the manifest, modules in path order, without read-only members: the generators list every public field as a
 * prop, and `frameCount={3}` or `:state="..."` should not type-check.
 */
function settableMembersOnly(manifest) {
  const copy = structuredClone(manifest);
  // The analyzer lists modules in file-system order, which differs between clones: sort them, so
  // the generated files are the same everywhere.
  copy.modules.sort((a, b) => a.path.localeCompare(b.path));
  for (const module of copy.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.members) declaration.members = declaration.members.filter((member) => !member.readonly);
    }
  }
  return copy;
}

/**
 * The Vue generator keys props by attribute name (`"line-width"`) and handlers as `"ongpu-ready"`,
 * but Vue's template type-checking (vue-tsc) normalizes `:line-width` to `lineWidth` and
 * `@gpu-ready` to `onGpuReady`, so with `strictTemplates` neither would be found. Vue's runtime
 * does the same (it sets `lineWidth` on a custom element that has it, and `onGpuReady` listens to
 * `gpu-ready`), so camelCase keys are the true shape.
 */
function camelizeVueProps(path) {
  const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  const text = readFileSync(path, 'utf8');
  const fixed = text.replace(/^(\s*)"([a-z][a-z0-9-]*)"\?:/gm, (_, indent, key) => {
    const prop = key.startsWith('on') && key.includes('-') ? `on${camel(`-${key.slice(2)}`)}` : camel(key);
    return `${indent}${prop}?:`;
  });
  writeFileSync(path, fixed);
}

/**
 * The generators type a handler's argument as `CustomEvent<T>` with T the manifest's event type;
 * ours are event classes (`GpuReadyEvent extends Event`, typed `detail`), so the argument is T.
 */
function unwrapEventClasses(text) {
  return text.replace(/CustomEvent<(Gpu\w+Event)>/g, '$1');
}

/**
 * Two elements firing the same event (gpu-config-error on both <gpu-chart> and <gpu-indicator>)
 * make the generators import its type twice, a duplicate identifier; keep the first.
 */
function dedupeImports(path) {
  const text = readFileSync(path, 'utf8');
  const fixed = unwrapEventClasses(text).replace(/import type \{([^}]*)\}/, (_, names) => {
    const unique = [...new Set(names.split(',').map((name) => name.trim()).filter(Boolean))];
    return `import type {\n  ${unique.join(',\n  ')},\n}`;
  });
  writeFileSync(path, fixed);
}

const pascal = (name) => name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());

/**
 * The analyzer cannot see an event's type: `@event gpu-ready - ...` carries none, and the element
 * dispatches `new GpuReadyEvent(...)`. Every event class lives in src/events/ as `Gpu<Name>Event`
 * (an Event with a typed `detail`), so an event whose class is in the manifest gets that type.
 */
export function typeEvents(manifest) {
  const eventClasses = new Set(
    manifest.modules
      .filter((module) => module.path.startsWith('src/events/'))
      .flatMap((module) => module.declarations ?? [])
      .filter((declaration) => declaration.kind === 'class')
      .map((declaration) => declaration.name),
  );
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      for (const event of declaration.events ?? []) {
        if (event.type || !event.name) continue;
        const eventClass = `${pascal(event.name)}Event`;
        if (eventClasses.has(eventClass)) event.type = { text: eventClass };
      }
    }
  }
}
