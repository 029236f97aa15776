import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ANNOTATION_KINDS, type AnnotationJson, type AnnotationKind } from '../../annotations/types.js';

/** What the toolbar drives: a `<gpu-chart>` (its annotation API). */
interface DrawingChart extends HTMLElement {
  startDrawing(kind: AnnotationKind, style?: Partial<AnnotationJson>): void;
  stopDrawing(): void;
  readonly drawingKind: AnnotationKind | null;
  undo(): boolean;
  redo(): boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  selectedAnnotation: string | null;
  removeAnnotation(id: string): boolean;
}

/** A tool of the bar: a kind, with the style it draws with (markers: buy or sell). */
interface Tool {
  name: string;
  kind: AnnotationKind;
  style: Partial<AnnotationJson>;
  label: string;
  icon: string;
}

const TOOLS: readonly Tool[] = [
  { name: 'trend', kind: 'trend', style: {}, label: 'Trend line', icon: '╱' },
  { name: 'ray', kind: 'ray', style: {}, label: 'Ray', icon: '↗' },
  { name: 'arrow', kind: 'arrow', style: {}, label: 'Arrow', icon: '➚' },
  { name: 'hline', kind: 'hline', style: {}, label: 'Horizontal line', icon: '─' },
  { name: 'vline', kind: 'vline', style: {}, label: 'Vertical line', icon: '│' },
  { name: 'rect', kind: 'rect', style: {}, label: 'Rectangle', icon: '▭' },
  { name: 'range', kind: 'range', style: {}, label: 'Price and time range', icon: '⇕' },
  { name: 'fib', kind: 'fib', style: {}, label: 'Fibonacci retracement', icon: 'ƒ' },
  { name: 'text', kind: 'text', style: {}, label: 'Text', icon: 'T' },
  { name: 'buy', kind: 'marker', style: { side: 'buy' }, label: 'Buy marker', icon: '▲' },
  { name: 'sell', kind: 'marker', style: { side: 'sell' }, label: 'Sell marker', icon: '▼' },
];

/**
 * A small toolbar for drawing on a `<gpu-chart>`: one button per tool (trend, ray, arrow, hline,
 * vline, rect, range, fib, text, buy and sell markers), undo, redo and delete. Put it inside the
 * chart, or anywhere with `for="chart-id"`. A tool button starts `chart.startDrawing(kind)`; pressing
 * it again (or Escape on the chart) stops. Hold Alt or Ctrl/⌘ while placing to snap to the bars'
 * open, high, low and close.
 *
 * @tag gpu-drawing-tools
 * @summary Drawing toolbar of a `<gpu-chart>`.
 * @csspart button - Each button; `aria-pressed="true"` on the active tool.
 */
export class GpuDrawingTools extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      gap: 2px;
      padding: 2px;
      border-radius: 6px;
      background: var(--gpu-drawing-tools-background, rgba(127, 127, 127, 0.12));
      font: 13px system-ui, sans-serif;
      position: relative;
      z-index: 2;
    }
    button {
      min-width: 28px;
      height: 28px;
      border: 1px solid transparent;
      border-radius: 4px;
      background: transparent;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    button:hover:not(:disabled) {
      background: rgba(127, 127, 127, 0.2);
    }
    button[aria-pressed='true'] {
      border-color: #2962ff;
      background: rgba(41, 98, 255, 0.15);
    }
    button:disabled {
      opacity: 0.4;
      cursor: default;
    }
    .sep {
      width: 1px;
      margin: 4px 2px;
      background: rgba(127, 127, 127, 0.4);
    }
  `;

  static define(name = 'gpu-drawing-tools'): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /** Id of the chart to draw on (default: the enclosing `<gpu-chart>`). */
  @property({ attribute: 'for' }) for: string | null = null;
  /** Tools shown, comma-separated (default all: trend, ray, arrow, hline, vline, rect, range, fib, text, buy, sell). */
  @property() tools: string | null = null;

  @state() private active: string | null = null;
  @state() private canUndo = false;
  @state() private canRedo = false;
  private chart: DrawingChart | null = null;

  /** The chart driven, or null. */
  get target(): DrawingChart | null {
    const byId = this.for ? (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for) : null;
    return ((byId ?? this.closest('gpu-chart')) as DrawingChart | null) ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Presses on the bar are not presses on the chart it may sit in (no pan, no drawing).
    for (const type of ['pointerdown', 'pointerup', 'pointermove', 'dblclick', 'wheel', 'keydown']) this.addEventListener(type, stop);
    queueMicrotask(() => this.bind());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of ['pointerdown', 'pointerup', 'pointermove', 'dblclick', 'wheel', 'keydown']) this.removeEventListener(type, stop);
    this.bind(null);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('for')) this.bind();
  }

  private bind(chart: DrawingChart | null = this.isConnected ? this.target : null): void {
    if (chart === this.chart) return;
    this.chart?.removeEventListener('gpu-drawing-mode', this.sync);
    this.chart?.removeEventListener('gpu-annotation-change', this.sync);
    this.chart = chart;
    chart?.addEventListener('gpu-drawing-mode', this.sync);
    chart?.addEventListener('gpu-annotation-change', this.sync);
    this.sync();
  }

  private readonly sync = (): void => {
    const chart = this.chart;
    const kind = chart?.drawingKind ?? null;
    if (kind === null) this.active = null;
    else if (!this.active || TOOLS.find((t) => t.name === this.active)?.kind !== kind) this.active = TOOLS.find((t) => t.kind === kind)?.name ?? null;
    this.canUndo = chart?.canUndo ?? false;
    this.canRedo = chart?.canRedo ?? false;
  };

  private shownTools(): readonly Tool[] {
    if (!this.tools) return TOOLS;
    const names = this.tools.split(/[\s,]+/).filter(Boolean);
    return TOOLS.filter((t) => names.includes(t.name) || (names.includes(t.kind) && (ANNOTATION_KINDS as readonly string[]).includes(t.kind)));
  }

  private pick(tool: Tool): void {
    const chart = this.chart ?? this.target;
    if (!chart) return;
    this.bind(chart);
    if (this.active === tool.name) {
      chart.stopDrawing();
      return;
    }
    chart.startDrawing(tool.kind, tool.style);
    this.active = tool.name;
  }

  private deleteSelected(): void {
    const chart = this.chart;
    const id = chart?.selectedAnnotation;
    if (chart && id) chart.removeAnnotation(id);
  }

  override render() {
    return html`${this.shownTools().map(
        (tool) =>
          html`<button part="button" data-tool=${tool.name} title=${tool.label} aria-label=${tool.label} aria-pressed=${this.active === tool.name ? 'true' : 'false'} @click=${() => this.pick(tool)}>${tool.icon}</button>`,
      )}
      <span class="sep" aria-hidden="true"></span>
      <button part="button" data-tool="undo" title="Undo (Ctrl+Z)" aria-label="Undo" ?disabled=${!this.canUndo} @click=${() => this.chart?.undo()}>↶</button>
      <button part="button" data-tool="redo" title="Redo (Ctrl+Shift+Z)" aria-label="Redo" ?disabled=${!this.canRedo} @click=${() => this.chart?.redo()}>↷</button>
      <button part="button" data-tool="delete" title="Delete the selected drawing (Delete)" aria-label="Delete the selected drawing" @click=${() => this.deleteSelected()}>✕</button>${nothing}`;
  }
}

function stop(event: Event): void {
  event.stopPropagation();
}

declare global {
  interface HTMLElementTagNameMap {
    'gpu-drawing-tools': GpuDrawingTools;
  }
}
