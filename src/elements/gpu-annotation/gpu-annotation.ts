import { LitElement, css, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { GpuConfigErrorEvent } from '../../events/gpu-config-error.js';
import type { AnnotationIssue } from '../../annotations/validate.js';
import { parsePointsAttribute } from './parse-points.js';

/** What an annotation element needs from its chart (the enclosing `<gpu-chart>`). */
export interface AnnotationHost extends HTMLElement {
  annotationConnected(annotation: GpuAnnotation): void;
  annotationDisconnected(annotation: GpuAnnotation): void;
  annotationChanged(annotation: GpuAnnotation): void;
}

let serial = 0;

/**
 * A drawing on its parent `<gpu-chart>`, anchored in data coordinates:
 * `<gpu-annotation kind="trend" points="2024-01-02 101.5; 2024-01-09 108" color="#f90">`.
 * Kinds: hline, vline, trend, ray, rect, text, arrow, range, fib, marker (see docs/annotations.md).
 * Adding, removing or changing one redraws the chart. An invalid one (unknown kind, missing or
 * non-finite points, a bad colour) fires `gpu-config-error` from this element naming the attribute;
 * it is not drawn (or drawn with the default style), the others still are.
 *
 * @tag gpu-annotation
 * @summary A trend line, level, range, Fibonacci retracement, text or marker on the enclosing `<gpu-chart>`.
 * @event gpu-config-error - The annotation is invalid; `detail.issues` names the attribute (`gpu-annotation#id.points[1].price`).
 */
export class GpuAnnotation extends LitElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  static define(name = 'gpu-annotation'): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /** hline, vline, trend, ray, rect, text, arrow, range, fib or marker. */
  @property({ reflect: true }) kind = 'trend';
  /** `"time price; time price"` (times: epoch ms or date strings), or a JSON array of `{ time, price }`. */
  @property() points: string | null = null;
  /** Shortcut for one-point kinds: the time of a vline, marker or text. */
  @property() time: string | null = null;
  /** Shortcut for one-point kinds: the price of an hline, marker or text. */
  @property({ type: Number }) price: number | null = null;
  /** `main` (default) or an indicator pane (its `pane` name or indicator id). */
  @property() pane: string | null = null;
  @property() color: string | null = null;
  @property() fill: string | null = null;
  /** Stroke width, CSS px. */
  @property() width: string | null = null;
  /** solid, dashed or dotted. */
  @property() dash: string | null = null;
  @property() label: string | null = null;
  /** CSS font of its labels, e.g. `12px monospace`. */
  @property() font: string | null = null;
  /** Text of a text annotation (default: the element's text content). */
  @property() text: string | null = null;
  /** Markers: buy (arrow below the bar, pointing up) or sell (above, pointing down). */
  @property() side: string | null = null;
  /** Marker size, CSS px. */
  @property() size: string | null = null;
  /** Fib levels, comma-separated (default 0, 0.236, 0.382, 0.5, 0.618, 0.786, 1). */
  @property() levels: string | null = null;
  /** Shows handles when selected: drag, nudge with arrow keys, Delete. Default on; `editable="false"` locks it. */
  @property() editable: string | null = null;

  private host: AnnotationHost | null = null;
  private readonly fallbackId = `annotation-${++serial}`;
  private reported = '';

  /** Its id: the `id` attribute, else one made up for this element. */
  get annotationId(): string {
    return this.id || this.fallbackId;
  }

  /** The annotation as declared (JSON, not yet validated: the chart validates it). */
  toJSON(): Record<string, unknown> {
    const kind = this.kind;
    const out: Record<string, unknown> = { id: this.annotationId, kind };
    let points: unknown;
    if (this.points !== null) points = parsePointsAttribute(this.points);
    else {
      const point: Record<string, unknown> = {};
      if (this.time !== null) point.time = this.time;
      if (this.price !== null) point.price = this.price;
      points = [point];
    }
    out.points = points;
    const set = (key: string, value: unknown) => {
      if (value !== null && value !== undefined) out[key] = value;
    };
    set('pane', this.pane);
    set('color', this.color);
    set('fill', this.fill);
    set('width', this.width === null ? null : numberOr(this.width));
    set('dash', this.dash);
    set('label', this.label);
    set('font', this.font);
    const content = this.textContent?.trim();
    set('text', this.text ?? (kind === 'text' && content ? content : null));
    set('side', this.side);
    set('size', this.size === null ? null : numberOr(this.size));
    set('levels', this.levels === null ? null : this.levels.split(/[\s,]+/).filter(Boolean).map(numberOr));
    set('editable', this.editable === null ? null : this.editable === 'false' ? false : this.editable === '' || this.editable === 'true' ? true : this.editable);
    if (this.hidden) out.visible = false;
    return out;
  }

  /** Reports why it is not drawn as declared (once per distinct problem). */
  report(issues: readonly AnnotationIssue[]): void {
    const key = issues.map((i) => `${i.path}:${i.message}`).join('\n');
    if (key === this.reported) return;
    this.reported = key;
    if (issues.length === 0) return;
    this.dispatchEvent(new GpuConfigErrorEvent({ issues: issues.map((i) => ({ path: i.path, message: i.message, source: 'gpu-annotation' })) }));
  }

  private readonly observer = new MutationObserver((records) => {
    if (!records.some((r) => r.type !== 'attributes' || r.oldValue !== this.getAttribute(r.attributeName!))) return;
    this.host?.annotationChanged(this);
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.host = this.closest('gpu-chart') as AnnotationHost | null;
    this.host?.annotationConnected?.(this);
    // Attributes (including id and hidden) and a text annotation's text content.
    this.observer.observe(this, { attributes: true, attributeOldValue: true, childList: true, characterData: true, subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
    this.host?.annotationDisconnected?.(this);
    this.host = null;
    this.reported = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Property sets (not attributes) reach the chart here; attribute changes through the observer.
    if (this.hasUpdatedOnce && changed.size > 0) this.host?.annotationChanged(this);
    this.hasUpdatedOnce = true;
  }

  private hasUpdatedOnce = false;
}

/** A number when the text is one, else the text (the validator then says it is not a number). */
function numberOr(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-annotation': GpuAnnotation;
  }
}
