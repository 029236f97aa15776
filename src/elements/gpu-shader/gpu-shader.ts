import { LitElement, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { HookName } from '../../custom-shaders/index.js';

/** What a shader hook needs from its chart (the enclosing `<gpu-chart>`). */
export interface ShaderHost extends HTMLElement {
  addShader(shader: GpuShader): void;
  removeShader(shader: GpuShader): void;
  shaderChanged(shader: GpuShader): void;
}

/**
 * A custom WGSL hook for one series of the enclosing `<gpu-chart>`: a function of fixed signature
 * the library splices into its own shader template (see docs/shaders.md).
 *
 * ```html
 * <gpu-shader for="price" hook="color">
 *   <script type="text/wgsl">
 *     fn color(p: PointInput) -> vec4f { return vec4f(p.level, 0.2, 1.0 - p.level, 1.0); }
 *   </script>
 * </gpu-shader>
 * <gpu-shader for="price" library="up-down"></gpu-shader>
 * ```
 *
 * The WGSL is the `wgsl` property if set, else the text of a `<script type="text/wgsl">` child
 * (use one whenever the code contains `<`: HTML would read `vec4<f32>` as a tag), else the
 * element's text. It is validated by the sandbox before compiling; a refused or failing hook fires
 * `gpu-shader-error` with line:column in that text and the series keeps its default colour.
 *
 * @tag gpu-shader
 * @summary A sandboxed custom WGSL colour or colormap hook of one series.
 * @event gpu-shader-error - The hook was refused (validation, compilation), disabled by the watchdog, or cannot run (Canvas2D).
 * @event gpu-shader-ready - The hook compiled and draws from the next frame on.
 */
export class GpuShader extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** Registers the element; safe to call more than once. */
  static define(name = 'gpu-shader'): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /** The id of the series the hook colours: its `id` (`series` property, `series.items[].id`), else its column name (e.g. `value`; OHLC bars: `ohlc`). */
  @property({ attribute: 'for', reflect: true }) for = '';

  /** Which hook: `color` (lines, areas, scatter markers, candles and OHLC bars with their volume, volume and bar series, bands) or `colormap` (heatmaps, density maps). */
  @property({ reflect: true }) hook: HookName = 'color';

  /** A curated hook by name (`gradient-by-value`, `glow`, `heat-by-density`, `dashed-by-distance`, `up-down`) instead of code. */
  @property({ reflect: true }) library: string | null = null;

  /** Time budget of a frame drawn with this hook, ms (default 1000); three frames over it in a row disable it. */
  @property({ type: Number, attribute: 'budget-ms' }) budgetMs: number | null = null;

  /** Keeps the element but draws the series' default colour. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The WGSL source, overriding the element's text (the shader playground sets it). */
  @property({ attribute: false }) wgsl: string | null = null;

  private host: ShaderHost | null = null;

  /** The WGSL to validate: `wgsl`, else a `<script type="text/wgsl">` child's text, else the element's text. */
  get source(): string {
    if (this.wgsl !== null) return this.wgsl;
    const script = this.querySelector('script[type="text/wgsl"]');
    return (script ?? this).textContent ?? '';
  }

  /** The id events report: the element's id, else `<for>:<hook>`. */
  get hookId(): string {
    return this.id || `${this.for}:${this.hook}`;
  }

  // The code is the element's content: a MutationObserver sees edits to it (and to attributes).
  private readonly contentObserver = new MutationObserver(() => this.host?.shaderChanged(this));

  override connectedCallback(): void {
    super.connectedCallback();
    this.host = this.closest('gpu-chart') as ShaderHost | null;
    this.host?.addShader?.(this);
    this.contentObserver.observe(this, { childList: true, characterData: true, subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.contentObserver.disconnect();
    this.host?.removeShader?.(this);
    this.host = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.hasUpdatedOnce && changed.size > 0) this.host?.shaderChanged(this);
    this.hasUpdatedOnce = true;
  }

  private hasUpdatedOnce = false;
}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-shader': GpuShader;
  }
}
