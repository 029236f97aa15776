import type { ReactiveControllerHost } from 'lit';
import { ListenerSet, on } from './listener-set.js';
import type { ChartModel } from '../../core/chart-model.js';
import { cloneCamera, orbit, pan, zoom, type Camera } from '../../core/three/camera.js';
import { LatestOnly } from '../../core/three/latest-only.js';
import { announce3d, NAVIGATION_HELP_3D, navigationStep3d, type Shape3d } from '../../core/three/navigate-3d.js';
import { PICK_RADIUS } from '../../core/three/three-view.js';
import type { GpuPick3d } from '../../render/webgpu/pick-3d.js';

/** A renderer that picks 3D layers on the GPU (the WebGPU renderer's pick3d). */
export interface GpuPicker3d {
  /** The element nearest canvas px (x, y) within `radius` px in the last frame drawn. */
  pick3d(x: number, y: number, radius: number): Promise<GpuPick3d | null>;
}

/** What the orbit controller needs from its chart element. */
export interface OrbitHost extends ReactiveControllerHost {
  readonly model: ChartModel;
  readonly interactionTarget: HTMLElement | null;
  /** Feature flags: zoom and pan (rotation follows `pan`) can be switched off by configuration. */
  readonly interactionFeatures: { zoom: boolean; pan: boolean };
  /** The camera moved (by the user or the API): redraw and tell the page. */
  cameraChanged(source: 'pointer' | 'wheel' | 'keyboard' | 'reset' | 'api'): void;
  /** Draws again (the settled, full-detail frame). */
  invalidate(): void;
  pointerAt(cssX: number, cssY: number): void;
  pointerLeft(): void;
  /** The renderer when it picks on the GPU (WebGPU), else null (picking on the CPU). */
  readonly gpuPicker3d: GpuPicker3d | null;
  /** Says `text` through the 3D overlay's live region (keyboard point navigation). */
  announce3d(text: string): void;
  /** A camera refused (setCamera): `gpu-config-error` with the paths. */
  reportConfigIssues(issues: { path: string; message: string; source?: string }[]): void;
}

/** Degrees of rotation per CSS px dragged. */
const DEGREES_PER_PIXEL = 0.4;
const WHEEL_ZOOM_PER_PIXEL = 0.0015;
const KEY_DEGREES = 5;
const KEY_ZOOM = 1.15;
/**
 * The camera counts as settled this long after its last change (at least; three times the recent
 * interval between changes when they come slower, so that a camera turned once per slow frame, as
 * on a software rasterizer, is not refined between every two of them): the full-detail frame is drawn then.
 */
export const SETTLE_MS = 160;

/**
 * Pointer and keyboard of 3D charts: drag rotates (azimuth, elevation), shift-drag (or a right or
 * middle button) pans, wheel and pinch zoom, double-click resets to the configured camera, arrows
 * rotate, + / - zoom, Home or 0 resets. Hovering picks the nearest element (tooltip with x, y, z).
 *
 * It listens on the same target as the 2D ChartInteraction, in the capture phase, and while the
 * chart is in 3D mode it stops the event there, so the 2D controller (time-axis pan and zoom)
 * never sees it; on 2D charts it does nothing at all.
 */
export class ChartOrbit {
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private drag: { x: number; y: number; panning: boolean; camera: Camera } | null = null;
  private pinch: { distance: number; camera: Camera } | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Keyboard point navigation (Enter … Escape): the element reached, or null when off. */
  navigation: number | null = null;
  /** When the camera last changed, and the recent interval between changes (smoothed), ms. */
  private lastChange = 0;
  private changeInterval = 0;
  /** Where the pointer hovers (CSS px), null when it is away. */
  private hovering: { x: number; y: number } | null = null;
  /**
   * GPU picks: at most one in flight, pointer moves coalesced into the latest; the answer goes to
   * the view and the tooltip is placed again (only if the pointer is still there).
   */
  readonly gpuPicks = new LatestOnly<{ x: number; y: number; frame: number }, GpuPick3d>(
    (q) => {
      const picker = this.host.gpuPicker3d;
      const ratio = this.host.model.chartSize.pixelRatio;
      return picker ? picker.pick3d(q.x * ratio, q.y * ratio, PICK_RADIUS * ratio) : Promise.resolve(null);
    },
    (q, found) => {
      this.host.model.three.deliverGpuPick(q.x, q.y, q.frame, found);
      const at = this.hovering;
      if (at && at.x === q.x && at.y === q.y) this.host.pointerAt(q.x, q.y);
    },
  );

  /** The DOM listeners, on the same target as the 2D controller, in the capture phase (listener-set.ts). */
  private readonly listening: ListenerSet;

  constructor(private readonly host: OrbitHost) {
    // Passive where nothing is prevented; wheel, keys and the context menu may be (preventDefault is ignored in passive listeners).
    const capture = (passive: boolean) => ({ capture: true, passive });
    this.listening = new ListenerSet(
      host,
      () => host.interactionTarget,
      [
        on('wheel', (e) => this.onWheel(e), capture(false)),
        on('pointerdown', (e) => this.onPointerDown(e), capture(true)),
        on('pointermove', (e) => this.onPointerMove(e), capture(true)),
        on('pointerup', (e) => this.onPointerUp(e), capture(true)),
        on('pointercancel', (e) => this.onPointerUp(e), capture(true)),
        on('pointerleave', (e) => this.onPointerLeave(e), capture(true)),
        on('dblclick', (e) => this.onDoubleClick(e), capture(true)),
        on('keydown', (e) => this.onKeyDown(e), capture(false)),
        on('contextmenu', (e) => void (this.claim(e) && e.preventDefault()), capture(false)),
      ],
      () => {
        this.settle();
        this.gpuPicks.cancel();
        this.pointers.clear();
        this.drag = null;
        this.pinch = null;
      },
    );
  }

  /** The element listened to (the interaction target), while connected. */
  private get target(): HTMLElement | null {
    return this.listening.current;
  }

  /** True (and the event stops here) when the chart is 3D. */
  private claim(event: Event): boolean {
    if (!this.host.model.is3d) return false;
    event.stopImmediatePropagation();
    return true;
  }

  /** The camera now (a copy: changing it changes nothing). */
  getCamera(): Camera {
    return cloneCamera(this.host.model.three.camera);
  }

  /**
   * Sets the camera (keys not given keep their values). Outside the sane bounds (CAMERA_BOUNDS)
   * it is refused whole: `gpu-config-error` names each key, and the view stays as it was.
   */
  setCamera(camera: Partial<Camera>): void {
    const issues = this.host.model.three.setCamera(camera);
    if (issues.length > 0) {
      this.host.reportConfigIssues(issues.map((issue) => ({ ...issue, source: 'setCamera' })));
      return;
    }
    this.changed('api');
  }

  /**
   * Every camera change: the chart is moving (point clouds draw their reduced level of detail,
   * see core/three/points-lod.ts) until the camera has been still SETTLE_MS, when the full
   * picture is drawn (progressive refinement).
   */
  private changed(source: Parameters<OrbitHost['cameraChanged']>[0]): void {
    this.host.model.three.moving = true;
    const now = performance.now();
    const interval = now - this.lastChange;
    this.lastChange = now;
    // A pause of ten seconds or more starts a new gesture: its interval says nothing of the frame
    // rate. Slow frames (seconds on a software rasterizer) keep counting, capped at 2 s.
    const recent = Math.min(interval, 2000);
    this.changeInterval = interval > 10_000 ? 0 : this.changeInterval === 0 ? recent : this.changeInterval * 0.7 + recent * 0.3;
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.settle();
      this.host.invalidate();
    }, Math.max(SETTLE_MS, 3 * this.changeInterval));
    this.host.cameraChanged(source);
  }

  /** The camera is still: full detail from the next frame on. */
  private settle(): void {
    if (this.settleTimer !== null) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.host.model.three.moving = false;
  }

  private local(event: MouseEvent): { x: number; y: number } {
    const rect = this.target!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  private set(camera: Camera, source: Parameters<OrbitHost['cameraChanged']>[0]): void {
    this.host.model.three.camera = camera;
    this.changed(source);
  }

  private onWheel(event: WheelEvent): void {
    if (!this.claim(event) || !this.host.interactionFeatures.zoom) return;
    event.preventDefault();
    const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    this.set(zoom(this.host.model.three.camera, Math.exp(-delta * WHEEL_ZOOM_PER_PIXEL)), 'wheel');
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.claim(event)) return;
    this.target!.focus({ preventScroll: true });
    const at = this.local(event);
    this.pointers.set(event.pointerId, at);
    this.target!.setPointerCapture?.(event.pointerId);
    const camera = this.host.model.three.camera;
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      this.pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y), camera };
      this.drag = null;
      return;
    }
    this.drag = { x: at.x, y: at.y, panning: event.shiftKey || event.button === 1 || event.button === 2, camera };
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.claim(event)) return;
    const at = this.local(event);
    if (this.pointers.has(event.pointerId)) this.pointers.set(event.pointerId, at);
    if (this.pinch && this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (this.host.interactionFeatures.zoom && this.pinch.distance > 0) this.set(zoom(this.pinch.camera, distance / this.pinch.distance), 'pointer');
      return;
    }
    const drag = this.drag;
    if (drag) {
      const dx = at.x - drag.x;
      const dy = at.y - drag.y;
      if (!this.host.interactionFeatures.pan) return;
      if (drag.panning) {
        const height = this.host.model.three.lastFrame?.pane.height ?? 300;
        const ratio = this.host.model.chartSize.pixelRatio;
        this.set(pan(drag.camera, dx * ratio, dy * ratio, height), 'pointer');
      } else {
        this.set(orbit(drag.camera, -dx * DEGREES_PER_PIXEL, dy * DEGREES_PER_PIXEL), 'pointer');
      }
      return;
    }
    this.hover(at.x, at.y);
  }

  /**
   * The pointer hovers at (x, y): the tooltip shows the element there. With WebGPU the view asks
   * for a GPU pick (asynchronous; the answer places the tooltip again), on Canvas2D it picks on the CPU.
   */
  private hover(x: number, y: number): void {
    this.hovering = { x, y };
    const three = this.host.model.three;
    three.gpuPicker = this.host.gpuPicker3d ? (cssX, cssY, frame) => this.gpuPicks.request({ x: cssX, y: cssY, frame }) : null;
    this.host.pointerAt(x, y);
  }

  private onPointerUp(event: PointerEvent): void {
    if (!this.claim(event)) return;
    this.pointers.delete(event.pointerId);
    if (this.pointers.size < 2) this.pinch = null;
    if (this.pointers.size === 0) this.drag = null;
  }

  private onPointerLeave(event: PointerEvent): void {
    if (!this.claim(event)) return;
    if (this.drag) return;
    this.hovering = null;
    this.gpuPicks.cancel();
    this.host.model.three.clearGpuPick();
    this.host.pointerLeft();
  }

  private onDoubleClick(event: MouseEvent): void {
    if (!this.claim(event)) return;
    event.preventDefault();
    this.host.model.three.reset();
    this.changed('reset');
  }

  /** The shape navigation moves in: the chart's grid or its points. */
  private shape(): Shape3d | null {
    const { grid, points } = this.host.model.three;
    if (grid) return { kind: 'grid', rows: grid.rows, cols: grid.cols };
    if (points) return { kind: 'points', count: points.count };
    return null;
  }

  /**
   * Keyboard point navigation of 3D charts: Enter starts it (the arrows then step through the
   * points or grid cells instead of rotating), Escape leaves. Each step is announced (x, y, z and
   * the point's other columns) and the tooltip shows the element, as under a pointer.
   */
  private navigate(event: KeyboardEvent): boolean {
    const plain = !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
    const shape = this.shape();
    if (this.navigation === null) {
      if (event.key !== 'Enter' || !plain) return false;
      if (!shape) {
        this.host.announce3d('No data to explore.');
        return true;
      }
      this.navigation = 0;
      this.showNavigation(shape, NAVIGATION_HELP_3D);
      return true;
    }
    if (event.key === 'Escape') {
      this.navigation = null;
      this.host.pointerLeft();
      this.host.announce3d('Left point navigation.');
      return true;
    }
    if (!shape || !plain) return false;
    const next = navigationStep3d(shape, this.navigation, event.key);
    if (next === null) return false;
    this.navigation = next;
    this.showNavigation(shape, '');
    return true;
  }

  /** Announces the element reached and puts the tooltip on it (where the last frame drew it). */
  private showNavigation(shape: Shape3d, prefix: string): void {
    const three = this.host.model.three;
    const i = Math.min(this.navigation ?? 0, shape.kind === 'grid' ? shape.rows * shape.cols - 1 : shape.count - 1);
    this.navigation = i;
    let values: { x: number; y: number; z: number; extra: [string, number][] };
    if (three.grid) {
      const g = three.grid;
      values = { x: g.xs[i % g.cols]!, y: g.ys[Math.floor(i / g.cols)]!, z: g.values[i]!, extra: [] };
    } else {
      const p = three.points!;
      values = { x: p.x[i]!, y: p.y[i]!, z: p.z[i]!, extra: Object.entries(p.columns).map(([name, column]) => [name, column[i]!]) };
    }
    const o = this.host.model.options;
    this.host.announce3d(`${prefix ? `${prefix} ` : ''}${announce3d(shape, i, values, { x: o.xTitle || 'x', y: o.yTitle || 'y', z: 'z' })}`);
    const last = three.lastFrame;
    if (!last) return;
    const { pane, map, matrices } = last;
    const m = matrices.viewProj;
    const wx = values.x * map.scale[0] + map.offset[0];
    const wy = values.y * map.scale[1] + map.offset[1];
    const wz = values.z * map.scale[2] + map.offset[2];
    const w = m[3]! * wx + m[7]! * wy + m[11]! * wz + m[15]!;
    if (!(w > 1e-9)) return;
    const ratio = this.host.model.chartSize.pixelRatio;
    const sx = pane.x + (((m[0]! * wx + m[4]! * wy + m[8]! * wz + m[12]!) / w + 1) / 2) * pane.width;
    const sy = pane.y + ((1 - (m[1]! * wx + m[5]! * wy + m[9]! * wz + m[13]!) / w) / 2) * pane.height;
    this.hover(sx / ratio, sy / ratio);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.host.model.is3d) return;
    if (this.navigate(event)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    const camera = this.host.model.three.camera;
    let next: Camera | null = null;
    switch (event.key) {
      case 'ArrowLeft':
        next = orbit(camera, KEY_DEGREES, 0);
        break;
      case 'ArrowRight':
        next = orbit(camera, -KEY_DEGREES, 0);
        break;
      case 'ArrowUp':
        next = orbit(camera, 0, KEY_DEGREES);
        break;
      case 'ArrowDown':
        next = orbit(camera, 0, -KEY_DEGREES);
        break;
      case '+':
      case '=':
        next = this.host.interactionFeatures.zoom ? zoom(camera, KEY_ZOOM) : null;
        break;
      case '-':
      case '_':
        next = this.host.interactionFeatures.zoom ? zoom(camera, 1 / KEY_ZOOM) : null;
        break;
      case 'Home':
      case '0':
        event.preventDefault();
        event.stopImmediatePropagation();
        this.host.model.three.reset();
        this.changed('reset');
        return;
      default:
        // Other keys (Escape, Tab…) reach the 2D controller and the page.
        return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (next) this.set(next, 'keyboard');
  }
}
