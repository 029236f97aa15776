import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConfigIssue } from '../../config/errors.js';
import { isLazySeriesType, loadSeriesType, onSeriesTypeLoaded } from '../../series/registry.js';

/** What the controller needs from its chart. */
export interface LazyTypesHost extends ReactiveControllerHost {
  reportConfigIssues(issues: ConfigIssue[]): void;
}

/**
 * Lazily registered series types (registerLazySeriesType; the 3D types are): the chart asks for
 * the types it uses (`want`, at each commit), which starts their chunk; when one has loaded the
 * chart draws again (its series drew nothing meanwhile). A chunk that fails to load (offline, a
 * blocked URL, a build missing the file) is reported once as `gpu-config-error` naming the type.
 */
export class ChartLazyTypes implements ReactiveController {
  private stop: (() => void) | null = null;
  /** Types this chart has asked for, with their load (each is loaded, and a failure reported, once). */
  private readonly asked = new Map<string, Promise<unknown>>();

  constructor(
    private readonly host: LazyTypesHost,
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

  /**
   * The types the chart draws now: the lazy ones not loaded yet start loading. Returns a promise
   * that settles when those in flight have loaded or failed (nextFrame waits for it), else null.
   */
  want(types: readonly (string | null | undefined)[]): Promise<void> | null {
    const flight: Promise<unknown>[] = [];
    for (const type of types) {
      if (!type || !isLazySeriesType(type)) continue;
      const known = this.asked.get(type);
      if (known) {
        flight.push(known);
        continue;
      }
      const loading = loadSeriesType(type).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.host.reportConfigIssues([{ path: 'series.type', message: `the series type "${type}" could not be loaded (${reason}): its series are not drawn`, source: 'lazy-chunk' }]);
      });
      this.asked.set(type, loading);
      flight.push(loading);
    }
    return flight.length > 0 ? Promise.all(flight).then(() => undefined) : null;
  }
}
