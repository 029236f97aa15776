/** A chart in a sync group, as the group sees it. */
export interface SyncMember {
  /** Shows the time window [start, end] another member moved to. */
  syncViewport(start: number, end: number): void;
  /** Shows the crosshair at a time another member's pointer is on (null: the pointer left). */
  syncCrosshair(time: number | null): void;
}

/**
 * Charts linked by `sync-group="name"`: zooming or panning one moves the others' time window,
 * and the crosshair follows the pointer across all of them. Groups are per page and hold members
 * only while they are connected. The registry lives on globalThis under a Symbol.for key, so two
 * copies of the bundle on one page still link their charts.
 */
const REGISTRY = Symbol.for('gpu-charts.sync-groups');
type Registry = Map<string, Set<SyncMember>>;

function registry(): Registry {
  const scope = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (scope[REGISTRY] ??= new Map());
}

export class ChartSync {
  private group: string | null = null;
  /** Set while applying another member's change, so it is not sent back round the group. */
  private applying = false;

  constructor(private readonly member: SyncMember) {}

  /** Joins a group (leaving any other); null or '' leaves. */
  join(group: string | null): void {
    if (group === this.group) return;
    this.leave();
    if (!group) return;
    this.group = group;
    const groups = registry();
    let members = groups.get(group);
    if (!members) groups.set(group, (members = new Set()));
    members.add(this.member);
  }

  leave(): void {
    if (!this.group) return;
    const groups = registry();
    const members = groups.get(this.group);
    members?.delete(this.member);
    if (members?.size === 0) groups.delete(this.group);
    this.group = null;
  }

  /** Members of this member's group, itself excluded. */
  get peers(): SyncMember[] {
    if (!this.group) return [];
    return [...(registry().get(this.group) ?? [])].filter((m) => m !== this.member);
  }

  viewportChanged(start: number, end: number): void {
    this.send((peer) => peer.syncViewport(start, end));
  }

  crosshairMoved(time: number | null): void {
    this.send((peer) => peer.syncCrosshair(time));
  }

  /** Runs a change that came from the group without echoing it back. */
  receive(apply: () => void): void {
    this.applying = true;
    try {
      apply();
    } finally {
      this.applying = false;
    }
  }

  private send(action: (peer: SyncMember) => void): void {
    if (this.applying) return;
    for (const peer of this.peers) {
      // One broken peer must not stop the others (or throw into the page's event handler).
      try {
        action(peer);
      } catch (error) {
        console.error('gpu-charts: sync-group member failed', error);
      }
    }
  }
}
