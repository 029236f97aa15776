import { AllocationLedger } from './gpu-allocations.js';
import { pipelineCacheFor, type PipelineCache } from './pipeline-cache.js';
import type { RendererLimits } from './limits.js';
import type { ShaderName } from './webgpu-renderer.js';
import { UNAVAILABLE_MESSAGES, WebGpuUnavailableError } from './webgpu-unavailable.js';

/**
 * Registry key on globalThis: two copies of the bundle on one page (say, the CDN file and an npm
 * build inside a micro-frontend) find the same manager and so share one GPUDevice.
 */
const REGISTRY_KEY = Symbol.for('gpu-charts.device-manager.v1');

export type DeviceEvent =
  | { type: 'lost'; reason: string; message: string }
  | { type: 'device'; device: GPUDevice };

export type DeviceListener = (event: DeviceEvent) => void;

/**
 * Hooks for tests and stress scripts, not for production pages: they make a healthy machine look
 * like a constrained or broken one. Read whenever a chart creates its renderer.
 */
export interface DeviceTestHooks {
  /**
   * Caps the limits renderers size their resources by (WebGPU raises requests below the defaults,
   * so a "small device" cannot be requested for real).
   */
  limits: Partial<RendererLimits> | null;
  /** Replacement WGSL per shader (e.g. a broken `rects` shader). */
  shaders: Partial<Record<ShaderName, string>> | null;
}

/**
 * One GPUDevice per page, shared by every chart; each chart has its own canvas context.
 * The page may inject its own device. Loss of the device (for any reason but our own `release()`)
 * is broadcast so that charts rebuild from their CPU-side data.
 */
export class DeviceManager {
  static shared(): DeviceManager {
    const registry = globalThis as unknown as Record<symbol, DeviceManager | undefined>;
    return (registry[REGISTRY_KEY] ??= new DeviceManager());
  }

  readonly allocations = new AllocationLedger();
  adapterInfo: GPUAdapterInfo | null = null;
  /** How many devices this manager has created or adopted. */
  generation = 0;
  /** Test hooks (see DeviceTestHooks); `allocations.memoryBudgetBytes` simulates running out of memory. */
  readonly testHooks: DeviceTestHooks = { limits: null, shaders: null };

  private gpuOverride: GPU | null = null;
  private current: GPUDevice | null = null;
  private pending: Promise<GPUDevice> | null = null;
  private readonly listeners = new Set<DeviceListener>();
  private readonly releasedOnPurpose = new WeakSet<GPUDevice>();
  private adapterOptions: GPURequestAdapterOptions = { powerPreference: 'high-performance' };

  /** The live device, or null before the first `acquire()` and after a loss. */
  get device(): GPUDevice | null {
    return this.current;
  }

  /** Uses another GPU entry point than navigator.gpu (Node + Dawn, tests). */
  useGpu(gpu: GPU | null, adapterOptions?: GPURequestAdapterOptions): void {
    this.gpuOverride = gpu;
    if (adapterOptions) this.adapterOptions = adapterOptions;
  }

  /** Adopts a device the page created; every chart then draws with it. */
  injectDevice(device: GPUDevice): void {
    if (this.current === device) return;
    this.pending = null;
    this.adopt(device);
  }

  /** The shared device, requested on first use. Rejects with WebGpuUnavailableError. */
  acquire(): Promise<GPUDevice> {
    if (this.current) return Promise.resolve(this.current);
    if (!this.pending) {
      this.pending = this.requestDevice().catch((error: unknown) => {
        this.pending = null;
        throw error;
      });
    }
    return this.pending;
  }

  pipelines(device: GPUDevice): PipelineCache {
    return pipelineCacheFor(device);
  }

  preferredCanvasFormat(): GPUTextureFormat {
    const gpu = this.gpu();
    return gpu && typeof gpu.getPreferredCanvasFormat === 'function' ? gpu.getPreferredCanvasFormat() : 'rgba8unorm';
  }

  /** Listens for loss and replacement of the shared device. Returns the unsubscribe function. */
  subscribe(listener: DeviceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Destroys the shared device on purpose (page teardown, tests); no loss is reported. */
  release(): void {
    const device = this.current;
    this.current = null;
    this.pending = null;
    if (device) {
      this.releasedOnPurpose.add(device);
      device.destroy();
    }
  }

  private gpu(): GPU | null {
    if (this.gpuOverride) return this.gpuOverride;
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    return nav?.gpu ?? null;
  }

  private async requestDevice(): Promise<GPUDevice> {
    const gpu = this.gpu();
    if (!gpu) throw new WebGpuUnavailableError('no-webgpu', UNAVAILABLE_MESSAGES['no-webgpu']);
    let adapter: GPUAdapter | null;
    try {
      adapter = await gpu.requestAdapter(this.adapterOptions);
    } catch (cause) {
      throw new WebGpuUnavailableError('no-adapter', `${UNAVAILABLE_MESSAGES['no-adapter']} (${String(cause)})`, { cause });
    }
    if (!adapter) throw new WebGpuUnavailableError('no-adapter', UNAVAILABLE_MESSAGES['no-adapter']);
    const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
    let device: GPUDevice;
    try {
      device = await adapter.requestDevice({ requiredFeatures, label: 'gpu-charts shared device' });
    } catch (cause) {
      throw new WebGpuUnavailableError('device-failed', `${UNAVAILABLE_MESSAGES['device-failed']} (${String(cause)})`, { cause });
    }
    this.adapterInfo = adapter.info ?? null;
    // Another acquire() or an injected device may have won meanwhile: keep the first.
    if (this.current) {
      device.destroy();
      return this.current;
    }
    this.adopt(device);
    return device;
  }

  private adopt(device: GPUDevice): void {
    this.current = device;
    this.generation++;
    void device.lost.then((info) => {
      if (this.releasedOnPurpose.has(device)) return;
      if (this.current === device) {
        this.current = null;
        this.pending = null;
      }
      this.emit({ type: 'lost', reason: info.reason ?? 'unknown', message: info.message });
    });
    this.emit({ type: 'device', device });
  }

  private emit(event: DeviceEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One chart's failure must not stop the others from hearing about the device.
        console.error('gpu-charts: device listener failed', error);
      }
    }
  }
}
