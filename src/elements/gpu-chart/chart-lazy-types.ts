import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onSeriesTypeLoaded } from '../../series/registry.js';

/**
 * Draws again when a lazily registered series type (registerLazySeriesType) has loaded: its series
 * drew nothing while the chunk was on its way. Subscribed only while the chart is connected.
 */
export class ChartLazyTypes implements ReactiveController {
  private stop: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly loaded: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.stop ??= onSeriesTypeLoaded(() => this.loaded());
  }

  hostDisconnected(): void {
    this.stop?.();
    this.stop = null;
  }
}
