import { resolveColormap, type Colormap, type ColormapSpec } from '../../core/colormap/index.js';

/**
 * A series' colormap, resolved once per spec: the spec last seen, its colormap and a key naming
 * its LUT (renderers upload a LUT again only when the key changes). A spec that fails to resolve
 * gives viridis: the element reports bad colormaps (gpu-config-error) where they are set.
 */
export class ColormapCache {
  private spec: ColormapSpec | undefined;
  colormap: Colormap = resolveColormap('viridis');
  key = 'viridis';

  get(spec: ColormapSpec): Colormap {
    if (this.spec === spec) return this.colormap;
    this.spec = spec;
    try {
      this.colormap = resolveColormap(spec);
      this.key = typeof spec === 'string' ? spec : JSON.stringify(spec);
    } catch {
      this.colormap = resolveColormap('viridis');
      this.key = 'viridis';
    }
    return this.colormap;
  }
}
