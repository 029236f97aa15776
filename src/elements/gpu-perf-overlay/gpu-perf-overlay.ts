import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FrameStats } from '../../perf/frame-stats.js';
import { FrameWindow } from '../../perf/frame-window.js';
import type { FrameSource } from '../../perf/profiler.js';
import { formatBytes, formatCount, formatMs, sparklinePath } from './perf-format.js';
import { gpuPerfOverlayStyles } from './gpu-perf-overlay.styles.js';

export type PerfOverlayPosition = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export type PerfOverlayMode = 'compact' | 'expanded';

/** What the overlay reads from its chart: `onFrame` is required, the rest is shown when present. */
export interface PerfOverlayTarget extends FrameSource {
  qualityTier?: unknown;
  profile?: (ms: number) => Promise<unknown>;
}

/** The figures on display, computed at most every REFRESH_MS. */
interface OverlayView {
  fps: number;
  cpu: string;
  gpu: string;
  totalPoints: string;
  pointsDrawn: string;
  lod: string;
  memory: string;
  renderer: string;
  quality: string;
  cpuPath: string;
  gpuPath: string;
  budgetY: number;
}

/** DOM updates at most 4 times a second: the overlay must not cost the chart frames. */
const REFRESH_MS = 250;
/** Frames behind the CPU / GPU medians. */
const MEDIAN_FRAMES = 60;
/** Frames in the sparkline. */
const SPARK_FRAMES = 120;
const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 24;
/** The 60 Hz frame budget, drawn as a dashed line. */
const BUDGET_MS = 1000 / 60;
const PROFILE_MS = 2000;

const EMPTY_VIEW: OverlayView = {
  fps: 0, cpu: 'n/a', gpu: 'n/a', totalPoints: 'n/a', pointsDrawn: 'n/a', lod: 'n/a', memory: 'n/a', renderer: 'n/a', quality: 'n/a',
  cpuPath: '', gpuPath: '', budgetY: 0,
};

/**
 * Live performance figures of a `<gpu-chart>`, drawn over it: fps, median CPU and GPU frame
 * time, points in the data and drawn after level of detail, GPU memory, renderer, quality tier
 * and a frame-time sparkline. Every figure is measured (`chart.onFrame`); unmeasured ones read
 * `n/a`. Click to expand; the expanded panel can record a 2 s Chrome trace (`chart.profile`).
 *
 * Place it inside the chart, or anywhere with `for="chart-id"` (then it is positioned against
 * its nearest positioned ancestor: wrap both in a `position: relative` box).
 *
 * Cost: DOM updates are throttled to 4 a second and stop once the chart is idle (0 fps shown).
 * While `hidden`, `display: none` or off screen it unsubscribes from the chart's frames and does
 * nothing at all.
 *
 * @tag gpu-perf-overlay
 * @summary Live frame-time, fps, points and memory figures over a chart.
 *
 * @csspart panel - The box holding everything.
 * @csspart summary - The always-visible line (fps, CPU, GPU, sparkline); a button that toggles `mode`.
 * @csspart value - Each figure.
 * @csspart sparkline - The frame-time graph (SVG) of the last 120 frames.
 * @csspart details - The expanded figures (points, memory, renderer, quality).
 * @csspart profile-button - Records 2 s of frames and downloads a Chrome trace (expanded, when the chart can profile).
 *
 * @cssprop --gpu-perf-overlay-background - Panel background.
 * @cssprop --gpu-perf-overlay-color - Text colour.
 * @cssprop --gpu-perf-overlay-accent - CPU line of the sparkline, focus ring.
 * @cssprop --gpu-perf-overlay-gpu-color - GPU line of the sparkline.
 * @cssprop --gpu-perf-overlay-budget-color - The 16.7 ms (60 Hz) line of the sparkline.
 * @cssprop --gpu-perf-overlay-font - Font shorthand.
 * @cssprop --gpu-perf-overlay-offset - Distance from the chart's corner.
 * @cssprop --gpu-perf-overlay-radius - Corner radius.
 * @cssprop --gpu-perf-overlay-z-index - Stacking above the chart (default 10).
 */
export class GpuPerfOverlay extends LitElement {
  static override styles = gpuPerfOverlayStyles;

  /** Registers the element; safe to call more than once (or from two copies of the bundle). */
  static define(name = 'gpu-perf-overlay'): void {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  // `hidden` is a global attribute Lit does not watch; it decides whether the overlay listens.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'hidden'];
  }

  /** Id of the chart to watch (in the same document or shadow root); unset: the enclosing `<gpu-chart>`. */
  @property({ attribute: 'for' }) htmlFor: string | null = null;

  /** Corner of the chart: `top-left`, `top-right` (default), `bottom-left`, `bottom-right`. */
  @property({ reflect: true }) position: PerfOverlayPosition = 'top-right';

  /** `compact` (fps, CPU, GPU, sparkline) or `expanded` (everything); a click toggles it. */
  @property({ reflect: true }) mode: PerfOverlayMode = 'compact';

  /** Times the figures were redrawn: at most 4 a second, none while hidden (for tests and audits). */
  get updateCount(): number {
    return this.updates;
  }

  /**
   * The chart (or any object with `onFrame`) to watch; overrides `for` and the enclosing chart.
   * Reading it gives the one set here, else the one watched now (null while hidden).
   */
  get chart(): PerfOverlayTarget | null {
    return this.explicitChart ?? this.subscribedTo;
  }

  set chart(target: PerfOverlayTarget | null) {
    this.explicitChart = target;
    this.sync();
  }

  @state() private view: OverlayView = EMPTY_VIEW;
  @state() private profiling = false;

  private readonly frames = new FrameWindow();
  private explicitChart: PerfOverlayTarget | null = null;
  private subscribedTo: PerfOverlayTarget | null = null;
  private unsubscribe: (() => void) | null = null;
  private visibility: IntersectionObserver | null = null;
  /** Without IntersectionObserver there is no telling: assume visible. */
  private onScreen = typeof IntersectionObserver === 'undefined';
  private awaitingDefinition = false;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  private updates = 0;

  constructor() {
    super();
    this.addEventListener('click', this.onClick);
    // Passive: nothing here cancels scrolling, so the browser need not wait for this listener.
    for (const type of ['pointerdown', 'wheel', 'dblclick', 'keydown']) this.addEventListener(type, this.keepFromChart, { passive: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof IntersectionObserver !== 'undefined') {
      // Reports display:none (on the overlay or an ancestor) and scrolled-away alike, without
      // forcing layout; the first report comes right after observe().
      this.visibility = new IntersectionObserver((entries) => {
        this.onScreen = entries[entries.length - 1]!.isIntersecting;
        this.sync();
      });
      this.visibility.observe(this);
    }
    if (this.htmlFor && document.readyState === 'loading') {
      // A chart later in the page is not parsed yet.
      document.addEventListener('DOMContentLoaded', () => this.sync(), { once: true });
    }
    this.sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.visibility?.disconnect();
    this.visibility = null;
    this.onScreen = typeof IntersectionObserver === 'undefined';
    this.sync();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'hidden') this.sync();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('htmlFor')) this.sync();
  }

  override render() {
    const view = this.view;
    const expanded = this.mode === 'expanded';
    return html`<div class="panel" part="panel" role="group" aria-label="Chart performance">
      <button class="summary" part="summary" type="button" aria-expanded=${expanded ? 'true' : 'false'}>
        <span class="figures">
          <span><span part="value" data-field="fps">${view.fps}</span> <span class="label">fps</span></span>
          <span><span class="label">CPU</span> <span part="value" data-field="cpu">${view.cpu}</span></span>
          <span><span class="label">GPU</span> <span part="value" data-field="gpu">${view.gpu}</span></span>
        </span>
        <svg class="sparkline" part="sparkline" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" preserveAspectRatio="none" aria-hidden="true">
          <line class="budget" x1="0" x2=${SPARK_WIDTH} y1=${view.budgetY} y2=${view.budgetY}></line>
          <path class="gpu" d=${view.gpuPath}></path>
          <path class="cpu" d=${view.cpuPath}></path>
        </svg>
      </button>
      ${expanded ? this.renderDetails(view) : nothing}
    </div>`;
  }

  private renderDetails(view: OverlayView) {
    const canProfile = typeof this.subscribedTo?.profile === 'function';
    return html`<dl part="details">
        <dt>Points</dt><dd part="value" data-field="total-points">${view.totalPoints}</dd>
        <dt>Drawn</dt><dd part="value"><span data-field="points-drawn">${view.pointsDrawn}</span> (<span data-field="lod">${view.lod}</span>)</dd>
        <dt>GPU memory</dt><dd part="value" data-field="memory">${view.memory}</dd>
        <dt>Renderer</dt><dd part="value" data-field="renderer">${view.renderer}</dd>
        <dt>Quality</dt><dd part="value" data-field="quality">${view.quality}</dd>
      </dl>
      ${canProfile
        ? html`<button class="profile" part="profile-button" type="button" ?disabled=${this.profiling} @click=${this.onProfile}>
            ${this.profiling ? 'Profiling…' : 'Profile 2 s'}
          </button>`
        : nothing}`;
  }

  /** Subscribes to the chart when connected, not hidden and on screen; otherwise lets go of it. */
  private sync(): void {
    const target = this.isConnected && !this.hidden && this.onScreen ? this.findChart() : null;
    if (target === this.subscribedTo) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribedTo = null;
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    // Figures from before a pause would be stale: start again from nothing.
    this.frames.clear();
    if (!target) return;
    this.subscribedTo = target;
    this.unsubscribe = target.onFrame(this.onStats);
    this.scheduleRefresh();
  }

  private findChart(): PerfOverlayTarget | null {
    if (this.explicitChart) return this.explicitChart;
    const root = this.getRootNode() as Document | ShadowRoot;
    const element = this.htmlFor ? root.getElementById?.(this.htmlFor) ?? null : this.closest('gpu-chart');
    if (!element) return null;
    if (typeof (element as unknown as Partial<FrameSource>).onFrame === 'function') return element as unknown as PerfOverlayTarget;
    // The chart's element is not upgraded yet (defined later, or lazily).
    if (!this.awaitingDefinition && element.localName.includes('-')) {
      this.awaitingDefinition = true;
      void customElements.whenDefined(element.localName).then(() => {
        this.awaitingDefinition = false;
        this.sync();
      });
    }
    return null;
  }

  private readonly onStats = (stats: FrameStats): void => {
    // Called in the chart's frame: record (no allocation) and leave the DOM for later.
    this.frames.add(stats);
    this.scheduleRefresh();
  };

  private scheduleRefresh(): void {
    if (this.refreshTimer !== null) return;
    const wait = Math.max(0, this.lastRefreshAt + REFRESH_MS - performance.now());
    this.refreshTimer = setTimeout(this.onRefreshTimer, wait);
  }

  private readonly onRefreshTimer = (): void => {
    this.refreshTimer = null;
    this.refresh();
    // While frames are coming, keep going so that fps falls to 0 once they stop; then rest.
    if (this.view.fps > 0) this.scheduleRefresh();
  };

  private refresh(): void {
    const now = performance.now();
    this.lastRefreshAt = now;
    this.updates++;
    const latest = this.frames.latest;
    const cpuTimes = this.frames.recent('cpu', SPARK_FRAMES);
    const gpuTimes = this.frames.recent('gpu', SPARK_FRAMES);
    let top = BUDGET_MS * 1.25;
    for (const ms of cpuTimes) if (ms > top) top = ms;
    for (const ms of gpuTimes) if (ms > top) top = ms;
    this.view = {
      fps: this.frames.countSince(now - 1000),
      cpu: latest ? formatMs(this.frames.medianCpuMs(MEDIAN_FRAMES)) : 'n/a',
      gpu: formatMs(this.frames.medianGpuMs(MEDIAN_FRAMES)),
      totalPoints: latest ? formatCount(latest.totalPoints) : 'n/a',
      pointsDrawn: latest ? formatCount(latest.pointsDrawn) : 'n/a',
      lod: latest?.lod ?? 'n/a',
      memory: latest ? formatBytes(latest.memoryBytes) : 'n/a',
      renderer: latest?.renderer ?? 'n/a',
      quality: this.qualityTier(),
      cpuPath: sparklinePath(cpuTimes, SPARK_FRAMES, top, SPARK_WIDTH, SPARK_HEIGHT),
      gpuPath: sparklinePath(gpuTimes, SPARK_FRAMES, top, SPARK_WIDTH, SPARK_HEIGHT),
      budgetY: SPARK_HEIGHT - (BUDGET_MS / top) * SPARK_HEIGHT,
    };
  }

  private qualityTier(): string {
    const chart = this.subscribedTo;
    if (!chart || !('qualityTier' in chart)) return 'n/a';
    const tier = chart.qualityTier;
    return tier === null || tier === undefined ? 'n/a' : String(tier);
  }

  /** Inside a chart these would bubble into it (through its slot) and pan, zoom or reset it. */
  private readonly keepFromChart = (event: Event): void => {
    if (this.closest('gpu-chart')) event.stopPropagation();
  };

  private readonly onClick = (event: Event): void => {
    if (event.composedPath().some((node) => node instanceof HTMLElement && node.classList.contains('profile'))) return;
    this.mode = this.mode === 'expanded' ? 'compact' : 'expanded';
  };

  private readonly onProfile = async (): Promise<void> => {
    const chart = this.subscribedTo;
    if (!chart?.profile || this.profiling) return;
    this.profiling = true;
    try {
      const trace = await chart.profile(PROFILE_MS);
      const url = URL.createObjectURL(new Blob([JSON.stringify(trace)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `gpu-chart-profile-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
      link.click();
      // Revoking at once can cancel the download in some browsers; a minute is plenty.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      console.error('gpu-perf-overlay: profile failed', error);
    } finally {
      this.profiling = false;
    }
  };
}


declare global {
  interface HTMLElementTagNameMap {
    'gpu-perf-overlay': GpuPerfOverlay;
  }
}
