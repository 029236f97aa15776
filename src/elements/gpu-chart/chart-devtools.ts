import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FrameStats } from '../../perf/frame-stats.js';

/**
 * The page side of the "GPU Charts" DevTools panel (devtools/ in the repository).
 *
 * Every connected `<gpu-chart>` registers itself on `globalThis.__GPU_CHARTS__`, a registry that
 * DevTools reads with `chrome.devtools.inspectedWindow.eval` (which sees only the page's globals,
 * hence a global and not a module export). What it costs a page that never opens DevTools: one Map
 * entry per connected chart and a listener for each of the few events logged below (they fire
 * rarely). Frame stats are recorded only once something has asked for a snapshot (the panel), so an
 * uninspected chart does not even subscribe to its frames. Removing the element unregisters it.
 *
 * The registry is shared by every copy of the bundle on the page (the first one creates it) and
 * answers in JSON-safe values only, so the panel can read it across the DevTools boundary.
 */

/** What the registry reads from a chart: GpuChart's public API (structural, to stay one-way). */
interface InspectableChart extends HTMLElement, ReactiveControllerHost {
  readonly state: string;
  readonly rendererKind?: string | null;
  readonly qualityTier?: string | null;
  readonly effectiveConfig: unknown;
  readonly frameCount?: number;
  readonly gpuMemoryBytes?: number;
  readonly label: string | null;
  onFrame?(listener: (stats: FrameStats) => void): () => void;
  updateConfig?(patch: unknown): boolean;
}

/** One entry of a chart's event log. */
export interface DevtoolsEvent {
  /** Date.now() when it fired. */
  time: number;
  type: string;
  detail: unknown;
}

/** A chart as the panel shows it (JSON-safe). */
export interface DevtoolsChartSnapshot {
  id: string;
  /** The element's `id` attribute, if any. */
  elementId: string | null;
  label: string | null;
  state: string;
  renderer: string | null;
  tier: string | null;
  adapter: unknown;
  size: { width: number; height: number };
  frameCount: number;
  gpuMemoryBytes: number;
  /** The resolved configuration; null in the entries that are not the detailed one. */
  effectiveConfig: unknown;
  /** The last frames' stats, oldest first (recorded since the first snapshot); empty unless detailed. */
  frames: FrameStats[];
  /** The logged events, oldest first; empty unless detailed. */
  events: DevtoolsEvent[];
  /** Whether this entry carries the configuration, frames and events. */
  detailed: boolean;
}

export interface DevtoolsRegistry {
  readonly version: 1;
  /**
   * Snapshots of every connected chart, in registration order; starts frame recording. With
   * `detail`, only that chart's entry carries its configuration, frames and events (the panel
   * shows one chart at a time, so a poll stays small however many charts the page has); without
   * it, every entry does.
   */
  snapshot(detail?: string): DevtoolsChartSnapshot[];
  /** Applies `patch` through the chart's `updateConfig`; the issues of a refused patch come back. */
  updateConfig(id: string, patch: unknown): { ok: boolean; issues: unknown[] };
  /** Scrolls a chart into view and outlines it briefly (the panel's "show" button). */
  reveal(id: string): boolean;
}

/** Events worth seeing in the panel: lifecycle, recovery, fallback, quality, configuration, data. */
export const LOGGED_EVENTS = ['gpu-ready', 'gpu-recovery', 'gpu-fallback', 'gpu-quality-change', 'gpu-config-change', 'gpu-config-error', 'gpu-data-error'] as const;
const MAX_EVENTS = 100;
const MAX_FRAMES = 60;
const KEY = '__GPU_CHARTS__';

/** Copies a value into plain JSON (typed arrays become arrays, functions and cycles are dropped). */
function plain(value: unknown): unknown {
  const seen = new WeakSet<object>();
  try {
    return JSON.parse(
      JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === 'function') return undefined;
        if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>).slice(0, 1000);
        if (v && typeof v === 'object') {
          if (seen.has(v)) return undefined;
          seen.add(v);
        }
        return v;
      }),
    );
  } catch {
    return null;
  }
}

class Registry implements DevtoolsRegistry {
  readonly version = 1 as const;
  readonly hooks = new Map<string, ChartDevtoolsHook>();
  /** True once the panel has asked: from then on every chart records its frames. */
  inspecting = false;
  private nextId = 1;

  newId(): string {
    return `chart-${this.nextId++}`;
  }

  snapshot(detail?: string): DevtoolsChartSnapshot[] {
    if (!this.inspecting) {
      this.inspecting = true;
      for (const hook of this.hooks.values()) hook.recordFrames();
    }
    return [...this.hooks.entries()].map(([id, hook]) => hook.snapshot(detail === undefined || detail === id));
  }

  updateConfig(id: string, patch: unknown): { ok: boolean; issues: unknown[] } {
    const hook = this.hooks.get(id);
    if (!hook) return { ok: false, issues: [{ path: '', message: `no chart with id ${id} on the page` }] };
    return hook.updateConfig(patch);
  }

  reveal(id: string): boolean {
    return this.hooks.get(id)?.reveal() ?? false;
  }
}

function registry(): Registry {
  const scope = globalThis as unknown as Record<string, unknown>;
  const existing = scope[KEY];
  if (existing instanceof Registry) return existing;
  // Another copy of the bundle made one: its class differs, its shape does not.
  if (existing && typeof existing === 'object' && (existing as { version?: unknown }).version === 1) return existing as Registry;
  const created = new Registry();
  Object.defineProperty(scope, KEY, { value: created, configurable: true, enumerable: false, writable: false });
  return created;
}

/** Registers its chart on the DevTools registry while connected and keeps its event log. */
export class ChartDevtoolsHook implements ReactiveController {
  private readonly id: string;
  private readonly events: DevtoolsEvent[] = [];
  private readonly frames: FrameStats[] = [];
  private adapter: unknown = null;
  private unsubscribeFrames: (() => void) | null = null;
  private readonly log = (event: Event): void => {
    const detail = (event as CustomEvent).detail as { adapter?: unknown } | undefined;
    if (event.type === 'gpu-ready') this.adapter = plain(detail?.adapter ?? null);
    // The detail is copied into plain JSON when the panel asks (snapshot), not here: logging sits
    // inside every updateConfig() (gpu-config-change), where a JSON round trip cost about a third of
    // the call. Our events' details are small plain data that nothing mutates after dispatch.
    this.events.push({ time: Date.now(), type: event.type, detail });
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  };

  constructor(private readonly chart: InspectableChart) {
    this.id = registry().newId();
    // Listening from construction: the first events (gpu-ready) fire soon after connection.
    for (const type of LOGGED_EVENTS) chart.addEventListener(type, this.log);
    chart.addController(this);
  }

  hostConnected(): void {
    const reg = registry();
    reg.hooks.set(this.id, this);
    if (reg.inspecting) this.recordFrames();
  }

  hostDisconnected(): void {
    registry().hooks.delete(this.id);
    this.unsubscribeFrames?.();
    this.unsubscribeFrames = null;
  }

  recordFrames(): void {
    if (this.unsubscribeFrames || !this.chart.onFrame) return;
    this.unsubscribeFrames = this.chart.onFrame((stats) => {
      // GPU time arrives later for the same frame, possibly after newer frames: update that entry
      // in place rather than add one (the ring stays in frame order, one entry per frame).
      let at = this.frames.length - 1;
      while (at >= 0 && this.frames[at]!.frame > stats.frame) at--;
      if (at >= 0 && this.frames[at]!.frame === stats.frame) {
        this.frames[at] = { ...stats };
        return;
      }
      // A frame older than every entry (its GPU time came after the ring moved on) is dropped.
      if (at < 0 && this.frames.length >= MAX_FRAMES) return;
      this.frames.splice(at + 1, 0, { ...stats });
      if (this.frames.length > MAX_FRAMES) this.frames.shift();
    });
  }

  snapshot(detailed = true): DevtoolsChartSnapshot {
    const chart = this.chart;
    return {
      id: this.id,
      elementId: chart.id || null,
      label: chart.label ?? chart.getAttribute('aria-label'),
      state: chart.state,
      renderer: chart.rendererKind ?? null,
      tier: chart.qualityTier ?? null,
      adapter: this.adapter,
      size: { width: chart.clientWidth, height: chart.clientHeight },
      frameCount: chart.frameCount ?? 0,
      gpuMemoryBytes: chart.gpuMemoryBytes ?? 0,
      effectiveConfig: detailed ? plain(chart.effectiveConfig) : null,
      frames: detailed ? this.frames.map((stats) => ({ ...stats })) : [],
      events: detailed ? this.events.map((event) => ({ ...event, detail: plain(event.detail) })) : [],
      detailed,
    };
  }

  updateConfig(patch: unknown): { ok: boolean; issues: unknown[] } {
    if (!this.chart.updateConfig) return { ok: false, issues: [{ path: '', message: 'this element has no updateConfig' }] };
    // A refused patch fires gpu-config-error synchronously: collect its issues for the panel.
    const issues: unknown[] = [];
    const collect = (event: Event): void => {
      issues.push(...(((event as CustomEvent).detail as { issues?: unknown[] })?.issues ?? []));
    };
    this.chart.addEventListener('gpu-config-error', collect);
    try {
      const ok = this.chart.updateConfig(patch);
      return { ok: ok && issues.length === 0, issues: plain(issues) as unknown[] };
    } catch (error) {
      return { ok: false, issues: [{ path: '', message: error instanceof Error ? error.message : String(error) }] };
    } finally {
      this.chart.removeEventListener('gpu-config-error', collect);
    }
  }

  reveal(): boolean {
    if (!this.chart.isConnected) return false;
    this.chart.scrollIntoView({ block: 'center' });
    const previous = this.chart.style.outline;
    this.chart.style.outline = '3px solid #f59e0b';
    setTimeout(() => (this.chart.style.outline = previous), 1500);
    return true;
  }
}
