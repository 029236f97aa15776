import { LitElement, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { GpuConfigErrorEvent } from '../../events/gpu-config-error.js';
import { GpuDataErrorEvent } from '../../events/gpu-data-error.js';
import { IndicatorError } from '../../indicators/errors.js';
import { indicatorRuntime, loadIndicatorRuntime } from '../indicator-runtime.js';

/** What an indicator needs from its chart (the enclosing `<gpu-chart>`). */
export interface IndicatorHost extends HTMLElement {
  addIndicator(indicator: GpuIndicator): void;
  removeIndicator(indicator: GpuIndicator): void;
  indicatorChanged(indicator: GpuIndicator): void;
}

/** Attributes that are not indicator parameters. */
const OWN_ATTRIBUTES = new Set(['type', 'source', 'color', 'pane', 'line-width', 'hidden', 'id', 'class', 'style', 'slot', 'name']);

/**
 * A technical indicator drawn by its parent `<gpu-chart>`: `<gpu-indicator type="ema" period="20">`.
 * Every other attribute is a parameter of the indicator (case-insensitive, dashes ignored:
 * `nbdevup`, `nb-dev-up`); `stddev` sets both Bollinger deviations. Adding, removing or changing
 * one updates the chart at once. Invalid types or parameters fire `gpu-config-error` (from this
 * element, bubbling) and the indicator is not drawn; the rest of the chart keeps working.
 *
 * Overlay indicators (moving averages, bands, SAR, VWAP, channels, …) are drawn over the price
 * series; oscillators (RSI, MACD, Stochastic, …) in a pane of their own below it, unless `pane`
 * says otherwise.
 *
 * @tag gpu-indicator
 * @summary A technical indicator of the enclosing `<gpu-chart>`.
 * @event gpu-config-error - The type or a parameter is invalid; `detail.issues` says which.
 * @event gpu-data-error - The data lacks a column the indicator needs (e.g. volume for MFI), or (a warning) is shorter than the indicator's warm-up, so it has no value yet.
 */
export class GpuIndicator extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** Registers the element; safe to call more than once. */
  static define(name = 'gpu-indicator'): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /**
   * Loads the indicators' code (a lazy chunk, otherwise fetched when the first indicator connects,
   * which then appears a frame later). Pages that always show indicators may call it at start-up.
   */
  static async load(): Promise<void> {
    await loadIndicatorRuntime();
  }

  /** Indicator type, e.g. `sma`, `ema`, `bbands`, `sar`, `vwap` (see docs/indicators.md). */
  @property({ reflect: true }) type = 'sma';

  /** The data column an indicator of one series reads (default `close`, else the first column). */
  @property() source: string | null = null;

  /** Line colour (a CSS colour); default: the next palette colour. */
  @property() color: string | null = null;

  /**
   * Where it is drawn: `overlay` (over the price series), `new` (a pane of its own), or a pane id
   * shared with the other indicators naming it (e.g. two oscillators in one pane). Default: overlay
   * for averages and bands, `new` for oscillators.
   */
  @property() pane: 'overlay' | 'new' | string | null = null;

  /** Line width in CSS px. */
  @property({ type: Number, attribute: 'line-width' }) lineWidth = 1.5;

  private host: IndicatorHost | null = null;
  private reported = '';

  /**
   * The parameters from the attributes, validated against the indicator's definition. Empty until
   * the indicators' code has loaded (a lazy chunk, requested when the element connects).
   */
  get params(): Record<string, number> {
    const runtime = indicatorRuntime();
    return runtime ? runtime.resolveIndicatorParams(this.type, this.rawParams(runtime)) : {};
  }

  /** Checks type and parameters; reports the first problem and returns false. */
  validate(): boolean {
    const runtime = indicatorRuntime();
    // Not loaded yet: not drawable yet, and nothing to report (the chart recomputes once loaded).
    if (!runtime) return false;
    try {
      runtime.resolveIndicatorParams(this.type, this.rawParams(runtime));
      return true;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  /**
   * Reports why this indicator is not drawn: a missing data column as `gpu-data-error`, anything
   * else (type, parameter, pane) as `gpu-config-error`. Both bubble to the chart and the page.
   */
  report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    // Every recomputation re-validates; the same problem is reported once, until something changes.
    if (message === this.reported) return;
    this.reported = message;
    if (error instanceof IndicatorError && (error.code === 'missing-input' || error.code === 'too-short')) {
      const severity = error.code === 'too-short' ? 'warning' : 'error';
      this.dispatchEvent(new GpuDataErrorEvent({ code: error.code, message, severity, source: `gpu-indicator ${this.id || this.type}`, column: error.input }));
      return;
    }
    const param = error instanceof IndicatorError && error.param ? `.${error.param}` : '';
    this.dispatchEvent(new GpuConfigErrorEvent({ issues: [{ path: `indicator ${this.id || this.type}${param}`, message, source: 'gpu-indicator' }] }));
  }

  // Parameters are free-form attributes (period, fast, nbdevup, …), not declared properties: a
  // MutationObserver sees every change to them.
  private readonly attributeObserver = new MutationObserver((records) => {
    // Lit reflecting `type` rewrites the same value: only real changes count.
    if (!records.some((record) => record.oldValue !== this.getAttribute(record.attributeName!))) return;
    this.reported = '';
    this.host?.indicatorChanged(this);
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.host = this.closest('gpu-chart') as IndicatorHost | null;
    this.host?.addIndicator?.(this);
    if (!indicatorRuntime()) {
      void loadIndicatorRuntime().then(() => this.host?.indicatorChanged(this), (error) => this.report(error));
    }
    this.attributeObserver.observe(this, { attributes: true, attributeOldValue: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.attributeObserver.disconnect();
    this.host?.removeIndicator?.(this);
    this.host = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The first update only reflects the initial attributes, which the chart already read.
    if (this.hasUpdatedOnce && changed.size > 0) {
      this.reported = '';
      this.host?.indicatorChanged(this);
    }
    this.hasUpdatedOnce = true;
  }

  private hasUpdatedOnce = false;

  private rawParams(runtime: NonNullable<ReturnType<typeof indicatorRuntime>>): Record<string, string> {
    const names = Object.keys(runtime.getIndicator(this.type).params);
    const byKey = new Map(names.map((name) => [name.toLowerCase(), name]));
    const raw: Record<string, string> = {};
    for (const attribute of Array.from(this.attributes)) {
      if (OWN_ATTRIBUTES.has(attribute.name) || attribute.name.startsWith('data-') || attribute.name.startsWith('aria-')) continue;
      const key = attribute.name.replace(/-/g, '').toLowerCase();
      if (key === 'stddev' && byKey.has('nbdevup')) {
        raw[byKey.get('nbdevup')!] = attribute.value;
        raw[byKey.get('nbdevdn')!] = attribute.value;
        continue;
      }
      raw[byKey.get(key) ?? attribute.name] = attribute.value;
    }
    return raw;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-indicator': GpuIndicator;
  }
}
