/**
 * At most one asynchronous job in flight, later requests coalesced into the latest (GPU picking:
 * a pointer sends dozens of moves per frame, a pick is a GPU round trip). `request(q)` starts `run(q)`
 * when nothing runs, else remembers q as the next one (replacing any older waiting request); when a
 * run settles and a newer request waits, its result is dropped (stale) and the newer one runs;
 * otherwise `deliver(q, result)` gets it. A run that throws delivers null.
 */
export class LatestOnly<Q, R> {
  /** Jobs started (tests: coalescing). */
  runs = 0;
  private waiting: { q: Q } | null = null;
  private busy = false;
  /** Bumped by cancel(): runs started before it deliver nothing. */
  private generation = 0;

  constructor(
    private readonly run: (q: Q) => Promise<R | null>,
    private readonly deliver: (q: Q, result: R | null) => void,
  ) {}

  get inFlight(): boolean {
    return this.busy;
  }

  request(q: Q): void {
    this.waiting = { q };
    if (!this.busy) void this.drain();
  }

  /** Drops a waiting request; a run in flight delivers nothing. */
  cancel(): void {
    this.waiting = null;
    this.generation++;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting) {
        const { q } = this.waiting;
        this.waiting = null;
        const generation = this.generation;
        this.runs++;
        let result: R | null = null;
        try {
          result = await this.run(q);
        } catch {
          result = null;
        }
        if (!this.waiting && generation === this.generation) this.deliver(q, result);
      }
    } finally {
      this.busy = false;
    }
  }
}
