/** WGSL files are imported as strings (a Rollup transform in rollup.config.mjs). */
declare module '*.wgsl' {
  const source: string;
  export default source;
}
