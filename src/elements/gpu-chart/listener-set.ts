import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One DOM listener of a ListenerSet: its event type, the function, and its options. */
export interface ListenerEntry {
  readonly type: string;
  readonly listener: (event: Event) => void;
  readonly options?: AddEventListenerOptions;
}

/** A typed ListenerEntry for an element event (`on('pointerdown', this.onDown, { capture: true })`). */
export function on<K extends keyof HTMLElementEventMap>(type: K, listener: (event: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions): ListenerEntry {
  return { type, listener: listener as (event: Event) => void, options };
}

/**
 * DOM listeners that live exactly as long as their element is connected, on one target at a time:
 * attached when the host connects (or, since the target only exists after the first render, after
 * the first update that has it), moved when the target is replaced, removed when the host
 * disconnects. A reactive controller, so the chart's controllers (interaction, annotations, orbit)
 * share one attach/detach instead of each repeating it. `onDetach` resets what a controller keeps
 * per gesture (pointers held, a drag) when its listeners go.
 */
export class ListenerSet implements ReactiveController {
  private target: HTMLElement | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly findTarget: () => HTMLElement | null,
    private readonly listeners: readonly ListenerEntry[],
    private readonly onDetach?: () => void,
  ) {
    host.addController(this);
  }

  /** The element listened to now, or null while detached. */
  get current(): HTMLElement | null {
    return this.target;
  }

  hostConnected(): void {
    this.attach();
  }

  hostUpdated(): void {
    if (!this.target) this.attach();
  }

  hostDisconnected(): void {
    this.detach();
  }

  /** Listens on the current target (no-op when it is already the one, or there is none yet). */
  attach(): void {
    const target = this.findTarget();
    if (!target || target === this.target) return;
    this.detach();
    this.target = target;
    for (const { type, listener, options } of this.listeners) target.addEventListener(type, listener, options);
  }

  /** Removes every listener; `onDetach` runs when there were some. */
  detach(): void {
    const target = this.target;
    if (!target) return;
    // Removal matches on type, function and capture only.
    for (const { type, listener, options } of this.listeners) target.removeEventListener(type, listener, { capture: options?.capture ?? false });
    this.target = null;
    this.onDetach?.();
  }
}
