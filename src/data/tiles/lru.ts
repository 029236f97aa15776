/**
 * A least-recently-used map bounded by entry count and by bytes (each entry says its size):
 * the tiles the chart holds. Map keeps insertion order, so re-inserting on access makes the first
 * key the least recently used.
 */
export class LruCache<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly maxEntries = 256,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.total;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** The value, marked as just used. */
  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  /** Without marking it used (for looking around, e.g. for a coarse stand-in). */
  peek(key: string): V | undefined {
    return this.map.get(key)?.value;
  }

  set(key: string, value: V, bytes = 0): void {
    this.delete(key);
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.map) {
      if (this.map.size <= this.maxEntries && this.total <= this.maxBytes) break;
      if (oldest === key) continue;
      this.map.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): boolean {
    const entry = this.map.get(key);
    if (!entry) return false;
    this.map.delete(key);
    this.total -= entry.bytes;
    return true;
  }

  /** Drops every entry the predicate picks (e.g. tiles the live tail made stale). */
  deleteWhere(pick: (key: string, value: V) => boolean): number {
    let n = 0;
    for (const [key, entry] of [...this.map]) {
      if (pick(key, entry.value)) {
        this.map.delete(key);
        this.total -= entry.bytes;
        n++;
      }
    }
    return n;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
