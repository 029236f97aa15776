// custom-elements.json comes from the JSDoc of the elements (@event, @csspart, @cssprop, @tag); the
// framework typings in types/ (React/Svelte JSX, Vue) and the Angular directives of examples/angular
// are generated from it in the same run.
import { ANGULAR_DIRECTIVES, generateFrameworkTypings, typeEvents } from './scripts/framework-typings.mjs';

// The staleness tests run the analyzer with --outdir build/…; the typings then go there too, so
// that a check never rewrites the committed files.
const outdirFlag = process.argv.indexOf('--outdir');
const checkDir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : null;
const typingsDir = checkDir ? `${checkDir}/types` : 'types';
const angularFile = checkDir ? `${checkDir}/gpu-charts.directives.ts` : ANGULAR_DIRECTIVES;

export default {
  globs: ['src/elements/**/*.ts', 'src/events/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json names custom-elements.json itself; the staleness test writes elsewhere and must not touch it.
  packagejson: false,
  plugins: [
    {
      // Events are dispatched as `new GpuXEvent(...)`; the analyzer cannot read their names from
      // the constructor and adds nameless entries beside the documented @event ones.
      name: 'drop-nameless-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && event.name !== 'detail');
          }
        }
      },
    },
    {
      name: 'type-events',
      packageLinkPhase({ customElementsManifest }) {
        typeEvents(customElementsManifest);
      },
    },
    {
      name: 'framework-typings',
      packageLinkPhase({ customElementsManifest }) {
        generateFrameworkTypings(customElementsManifest, typingsDir, angularFile);
      },
    },
  ],
};
