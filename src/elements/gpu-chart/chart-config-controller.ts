import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigStack, type LayerName } from '../../config/config-stack.js';
import type { ConfigIssue } from '../../config/errors.js';
import { isConfigError } from '../../config/errors.js';
import { parseConfigText } from '../../config/parse.js';
import { getPreset, presetNames } from '../../config/presets.js';
import type { ChartConfig, ChartConfigPatch } from '../../config/schema.js';
import type { ConfigDiff } from '../../config/diff.js';

/** What the controller needs from the element. */
export interface ConfigHost extends ReactiveControllerHost {
  applyConfig(config: ChartConfig, diff: ConfigDiff, layer: LayerName, durationMs: number): void;
  reportConfigIssues(issues: ConfigIssue[]): void;
}

/**
 * Owns a chart's configuration layers: preset (name or URL), config file (`config-src`, polled
 * with ETag / Last-Modified under `watch-config`, or refetched on server-sent events), the
 * `config` object, attributes and runtime updates. Every change goes through one ConfigStack; an
 * invalid change is reported and the last good config stays live.
 */
export class ChartConfigController implements ReactiveController {
  readonly stack = new ConfigStack();
  private fileUrl: string | null = null;
  private fileValidators: { etag: string | null; lastModified: string | null; text: string | null } = { etag: null, lastModified: null, text: null };
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private events: EventSource | null = null;
  private fileAbort: AbortController | null = null;
  private presetAbort: AbortController | null = null;
  private watch = { enabled: false, intervalMs: 2000, eventsUrl: null as string | null };
  private connected = false;
  private configObject: ChartConfigPatch | null = null;

  constructor(private readonly host: ConfigHost) {
    host.addController(this);
  }

  get config(): ChartConfig {
    return this.stack.config;
  }

  hostConnected(): void {
    this.connected = true;
    this.restartWatching();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stopWatching();
    this.fileAbort?.abort();
    this.presetAbort?.abort();
  }

  /** The `config` property: the last valid object the page set (its layer, `object`, is what counts). */
  get object(): ChartConfigPatch | null {
    return this.configObject;
  }

  set object(value: ChartConfigPatch | null) {
    if (this.setLayer('object', value, 'config')) this.configObject = value;
  }

  /** Sets one layer; reports issues (and keeps the last good config) when it is invalid. */
  setLayer(layer: LayerName, patch: unknown, source?: string): boolean {
    return this.change(layer, patch, source, false);
  }

  /** Merges a patch into the runtime layer (what `chart.updateConfig()` does). */
  updateRuntime(patch: ChartConfigPatch): boolean {
    return this.change('runtime', patch, 'updateConfig', true);
  }

  private change(layer: LayerName, patch: unknown, source: string | undefined, merge: boolean): boolean {
    let update;
    try {
      update = merge ? this.stack.merge(layer, patch, source) : this.stack.set(layer, patch, source);
    } catch (error) {
      this.host.reportConfigIssues(isConfigError(error) ? error.issues : [{ path: '', message: String(error), source: source ?? layer }]);
      return false;
    }
    if (!update.ok) {
      this.host.reportConfigIssues(update.issues);
      return false;
    }
    if (update.diff.changedPaths.length > 0 || layer === 'tier') this.host.applyConfig(update.config, update.diff, layer, update.durationMs);
    return true;
  }

  /** A preset by name (built-in or registered), or a URL of a YAML / JSON / TOML document. */
  async setPreset(nameOrUrl: string | null): Promise<void> {
    this.presetAbort?.abort();
    if (!nameOrUrl) {
      this.setLayer('preset', null);
      return;
    }
    const preset = getPreset(nameOrUrl);
    if (preset) {
      this.setLayer('preset', preset, `preset "${nameOrUrl}"`);
      return;
    }
    if (!/[/.]/.test(nameOrUrl)) {
      this.host.reportConfigIssues([{ path: 'preset', message: `unknown preset "${nameOrUrl}"; expected one of ${presetNames().join(', ')} or a URL`, source: 'attribute' }]);
      return;
    }
    const abort = new AbortController();
    this.presetAbort = abort;
    const loaded = await this.fetchConfig(nameOrUrl, abort.signal, false);
    if (loaded && !abort.signal.aborted) this.setLayer('preset', loaded.config, nameOrUrl);
  }

  /** The config file (`config-src`). */
  async setFile(url: string | null): Promise<void> {
    this.fileAbort?.abort();
    this.fileUrl = url;
    this.fileValidators = { etag: null, lastModified: null, text: null };
    if (!url) {
      this.setLayer('file', null);
      this.restartWatching();
      return;
    }
    await this.reloadFile();
    this.restartWatching();
  }

  /** `watch-config`, its interval, and the server-sent-events URL. */
  setWatch(enabled: boolean, intervalMs: number, eventsUrl: string | null): void {
    this.watch = { enabled, intervalMs: Math.max(250, intervalMs || 2000), eventsUrl };
    this.restartWatching();
  }

  /** Fetches the config file again; unchanged files (304, same text) cost no work. */
  async reloadFile(): Promise<void> {
    const url = this.fileUrl;
    if (!url) return;
    this.fileAbort?.abort();
    const abort = new AbortController();
    this.fileAbort = abort;
    const loaded = await this.fetchConfig(url, abort.signal, true);
    if (!loaded || abort.signal.aborted || url !== this.fileUrl) return;
    this.setLayer('file', loaded.config, url);
  }

  private async fetchConfig(url: string, signal: AbortSignal, conditional: boolean): Promise<{ config: unknown } | null> {
    const headers: Record<string, string> = {};
    if (conditional && this.fileValidators.etag) headers['if-none-match'] = this.fileValidators.etag;
    if (conditional && this.fileValidators.lastModified) headers['if-modified-since'] = this.fileValidators.lastModified;
    let absolute: string;
    let response: Response;
    try {
      // Inside the try: an unparsable URL ("http://[::1") is reported like a failed fetch.
      absolute = new URL(url, document.baseURI).href;
      response = await fetch(absolute, { signal, headers, cache: 'no-cache' });
    } catch (error) {
      if (!signal.aborted) this.host.reportConfigIssues([{ path: '', message: `could not fetch ${url}: ${String(error)}`, source: url }]);
      return null;
    }
    if (response.status === 304) return null;
    if (!response.ok) {
      this.host.reportConfigIssues([{ path: '', message: `HTTP ${response.status} ${response.statusText} for ${url}`, source: url }]);
      return null;
    }
    const text = await response.text();
    if (conditional) {
      const unchanged = text === this.fileValidators.text;
      this.fileValidators = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), text };
      if (unchanged) return null;
    }
    try {
      const parsed = await parseConfigText(text, { filename: new URL(absolute).pathname, mimeType: response.headers.get('content-type') ?? undefined });
      return { config: parsed.config };
    } catch (error) {
      this.host.reportConfigIssues(isConfigError(error) ? error.issues.map((issue) => ({ ...issue, source: issue.source ?? url })) : [{ path: '', message: String(error), source: url }]);
      return null;
    }
  }

  private restartWatching(): void {
    this.stopWatching();
    if (!this.connected || !this.fileUrl || !this.watch.enabled) return;
    if (this.watch.eventsUrl && typeof EventSource !== 'undefined') {
      // The server says when something changed; we refetch (cheap: conditional request).
      this.events = new EventSource(new URL(this.watch.eventsUrl, document.baseURI).href);
      this.events.addEventListener('change', () => void this.reloadFile());
      this.events.addEventListener('message', () => void this.reloadFile());
    } else {
      this.pollTimer = setInterval(() => void this.reloadFile(), this.watch.intervalMs);
    }
  }

  private stopWatching(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.events?.close();
    this.events = null;
  }
}
