// custom-elements.json comes from the JSDoc of the elements (@event, @csspart, @cssprop, @tag).
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
  ],
};
