import type { ChartConfig } from '../../config/schema.js';
import { DARK_THEME, LIGHT_THEME, type Theme } from '../../core/theme.js';
import { resolveCssColor } from '../resolve-css-color.js';

const PALETTE_SIZE = 8;

/** Config colours drawn by the DOM rather than the renderer, and the custom property of each. */
const DOM_COLOR_PROPERTIES = [
  ['text', '--gpu-chart-text-color'],
  ['axis', '--gpu-chart-axis-color'],
  ['crosshair', '--gpu-chart-crosshair-color'],
] as const;

/**
 * A chart's colours: the theme attribute the styles key on, the DOM parts' colours (inline custom
 * properties), and the colours the renderer draws with, read from CSS custom properties.
 *
 * Reading custom properties forces a style recalculation, so what was read is kept per theme and
 * colour combination: toggling a theme back and forth reads nothing. `forget()` (refreshStyles)
 * drops what was read.
 */
export class ChartTheme {
  private readonly cache = new Map<string, Theme>();
  private key = '';
  private current: Theme | null = null;
  /** The DOM colour properties this chart set (only those are removed when the configuration drops them). */
  private readonly domColors = new Set<string>();

  constructor(private readonly element: HTMLElement) {}

  /** Applies the configuration's theme to the element and returns the colours to draw with. */
  apply(config: ChartConfig): Theme {
    // Theme colours live in CSS custom properties keyed on this attribute (see the styles).
    if (this.element.getAttribute('data-gpu-theme') !== config.theme) this.element.setAttribute('data-gpu-theme', config.theme);
    this.applyDomColors(config.colors);
    const key = JSON.stringify([config.theme, config.colors, config.series.areaOpacity]);
    let theme = key === this.key ? this.current : this.cache.get(key);
    if (!theme) {
      theme = this.read(config);
      if (this.element.isConnected) {
        if (this.cache.size >= 16) this.cache.clear();
        this.cache.set(key, theme);
      }
    }
    // Not connected: no page styles were read, so read them again once connected.
    this.key = this.element.isConnected ? key : '';
    this.current = theme;
    return theme;
  }

  /** Forgets the colours read from CSS (a page changed its custom properties). */
  forget(): void {
    this.cache.clear();
    this.key = '';
    this.current = null;
  }

  private read(config: ChartConfig): Theme {
    const base = config.theme === 'dark' ? DARK_THEME : LIGHT_THEME;
    const style = getComputedStyle(this.element);
    const read = (name: string) => resolveCssColor(style.getPropertyValue(name));
    const colors = config.colors;
    const configured = colors.series?.map((c) => resolveCssColor(c)).filter((c): c is NonNullable<typeof c> => c !== null) ?? [];
    const palette = configured.length > 0 ? configured : Array.from({ length: PALETTE_SIZE }, (_, i) => read(`--gpu-chart-series-${i + 1}`) ?? base.palette[i]!);
    return {
      background: (colors.background && resolveCssColor(colors.background)) || (read('--gpu-chart-background') ?? base.background),
      grid: (colors.grid && resolveCssColor(colors.grid)) || (read('--gpu-chart-grid-color') ?? base.grid),
      palette,
      areaOpacity: config.series.areaOpacity,
      up: (colors.up && resolveCssColor(colors.up)) || (read('--gpu-chart-up-color') ?? base.up),
      down: (colors.down && resolveCssColor(colors.down)) || (read('--gpu-chart-down-color') ?? base.down),
    };
  }

  /**
   * The DOM parts' colours (labels, axes, crosshair): config `colors.text` / `axis` / `crosshair`
   * override the CSS custom properties, as inline properties on the element.
   */
  private applyDomColors(colors: ChartConfig['colors']): void {
    const style = this.element.style;
    for (const [key, property] of DOM_COLOR_PROPERTIES) {
      const value = colors[key];
      if (value) {
        if (style.getPropertyValue(property) !== value) style.setProperty(property, value);
        this.domColors.add(property);
      } else if (this.domColors.delete(property)) {
        style.removeProperty(property);
      }
    }
  }
}
