import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChartModel } from '../../core/chart-model.js';

/** What the canvas controller needs from its chart element. */
export interface CanvasHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly clientWidth: number;
  readonly clientHeight: number;
}

/**
 * The chart's canvas: its size in device pixels (CSS size × devicePixelRatio × resolution scale,
 * fitted to the GPU by `fit`), kept up to date by a ResizeObserver and a devicePixelRatio media
 * query that live exactly as long as the element is connected; and a fresh canvas when the
 * renderer changes kind (a canvas keeps the first context type it gave).
 */
export class ChartCanvas implements ReactiveController {
  private resizeObserver: ResizeObserver | null = null;
  private pixelRatioQuery: MediaQueryList | null = null;
  private kind: 'webgpu' | 'canvas2d' | null = null;
  private observing = false;

  constructor(
    private readonly host: CanvasHost & Element,
    private readonly model: ChartModel,
    /** The pixel ratio to use for a CSS size and a wanted ratio (lowered to fit the GPU's limits). */
    private readonly fit: (cssWidth: number, cssHeight: number, ratio: number) => number,
    private readonly resolutionScale: () => number,
    /** The size changed: draw again. */
    private readonly resized: () => void,
  ) {
    host.addController(this);
  }

  get element(): HTMLCanvasElement | null {
    return this.host.renderRoot.querySelector('canvas:not(.retiring)');
  }

  /** Starts following the element's size (after the first render); the first callback measures. */
  observe(): void {
    this.observing = true;
    (this.resizeObserver ??= new ResizeObserver(() => this.measure())).observe(this.host);
  }

  hostConnected(): void {
    // Moved in the DOM: disconnecting dropped the observer.
    if (this.observing) this.observe();
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    // A MediaQueryList with a listener lives as long as the document, and would keep the chart alive.
    this.pixelRatioQuery?.removeEventListener('change', this.measure);
    this.pixelRatioQuery = null;
  }

  /** Sizes the canvas and the model for the element's current size and pixel ratio. */
  readonly measure = (): void => {
    const canvas = this.element;
    if (!canvas) return;
    const width = this.host.clientWidth;
    const height = this.host.clientHeight;
    const devicePixelRatio = globalThis.devicePixelRatio || 1;
    const pixelRatio = this.fit(width, height, devicePixelRatio * this.resolutionScale());
    this.model.setSize({ width, height, pixelRatio });
    const pixelWidth = Math.max(1, Math.round(width * pixelRatio));
    const pixelHeight = Math.max(1, Math.round(height * pixelRatio));
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    // devicePixelRatio changes (browser zoom, moving to another screen) measure again.
    this.pixelRatioQuery?.removeEventListener('change', this.measure);
    this.pixelRatioQuery = globalThis.matchMedia?.(`(resolution: ${devicePixelRatio}dppx)`) ?? null;
    this.pixelRatioQuery?.addEventListener('change', this.measure);
    this.resized();
  };

  /**
   * The canvas for a renderer of this kind: the current one, or a fresh one beneath it. The old
   * canvas stays on top, showing the last picture, until the new renderer has drawn (`frameDrawn`):
   * switching renderers never shows a blank frame.
   */
  canvasFor(kind: 'webgpu' | 'canvas2d'): HTMLCanvasElement | null {
    let canvas = this.element;
    if (!canvas) return null;
    if (this.kind && this.kind !== kind) {
      const fresh = document.createElement('canvas');
      fresh.setAttribute('part', 'canvas');
      fresh.width = canvas.width;
      fresh.height = canvas.height;
      canvas.classList.add('retiring');
      canvas.removeAttribute('part');
      canvas.before(fresh);
      canvas = fresh;
    }
    this.kind = kind;
    return canvas;
  }

  /** A frame was drawn on the current canvas: the ones it replaced go. */
  frameDrawn(): void {
    for (const old of this.host.renderRoot.querySelectorAll('canvas.retiring')) old.remove();
  }
}
