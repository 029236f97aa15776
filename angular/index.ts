// gpu-charts/angular: one standalone directive per element (selector = its tag, a typed input per
// settable property), generated from custom-elements.json into gpu-charts.directives.ts and
// compiled by `npm run build` with ngc in partial mode (the Ivy format Angular libraries ship:
// the app's Angular CLI links it), so that strictTemplates checks `[config]`, `[data]`, … .
export * from './gpu-charts.directives';
