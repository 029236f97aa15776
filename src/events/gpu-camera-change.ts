import type { Camera } from '../core/three/camera.js';

/** A 3D chart's camera moved: dragged, zoomed, panned, reset, or set through `setCamera()` / config. */
export interface GpuCameraChangeDetail {
  camera: Camera;
  source: 'pointer' | 'wheel' | 'keyboard' | 'reset' | 'api';
}

/** `gpu-camera-change` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuCameraChangeEvent extends Event {
  static readonly type = 'gpu-camera-change';
  readonly detail: Readonly<GpuCameraChangeDetail>;

  constructor(detail: GpuCameraChangeDetail) {
    super('gpu-camera-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-camera-change': GpuCameraChangeEvent;
  }
}
