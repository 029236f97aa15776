// Scientific colormaps (viridis family, turbo, grays, custom stops) as RGBA8 lookup tables.
export {
  COLORMAP_NAMES,
  ColormapError,
  isColormapName,
  resolveColormap,
  sampleColormap,
  packColormapColor,
  writeColormapColor,
  categoricalColor,
} from './colormap.js';
export type { ColormapName, ColorStop, ColormapSpec, Colormap } from './colormap.js';
