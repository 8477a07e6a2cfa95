import { byQueuedAt, formKey, type Outbox, type OutboxItem } from './outbox.ts';

/**
 * The shared outbox with a copy on this machine's disk. A worker who confirms a form while the
 * ticket database is down is told it will not be lost; a Redis that keeps nothing on disk loses
 * the shared copy when it restarts, and the local copy (fsync'd) is still there. Each process
 * works the shared copy and its own; a form held in both places is filed once, because the store
 * files each idempotency key once. Holds are the shared outbox's; while Redis is away the local
 * copy is worked by this process alone.
 */
export function mirroredOutbox(shared: Outbox, local: Outbox): Outbox {
  /** Both sides' results; fails only when neither side answered. */
  async function both<R>(fn: (o: Outbox) => Promise<R>): Promise<R[]> {
    const results = await Promise.allSettled([fn(shared), fn(local)]);
    const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<R>> => r.status === 'fulfilled').map((r) => r.value);
    if (ok.length === 0) throw (results[0] as PromiseRejectedResult).reason;
    return ok;
  }
  const list = async (): Promise<OutboxItem[]> => {
    const union = new Map<string, OutboxItem>();
    for (const items of await both((o) => o.list())) for (const item of items) if (!union.has(formKey(item))) union.set(formKey(item), item);
    return [...union.values()].sort(byQueuedAt);
  };
  return {
    // Kept when either copy is written: the form is refused only when neither could keep it.
    put: async (item) => void (await both((o) => o.put(item))),
    list,
    remove: async (key) => void (await both((o) => o.remove(key))),
    size: async () => (await list()).length,
    hold: (key, owner, ms) => shared.hold(key, owner, ms).catch(() => local.hold(key, owner, ms)),
    letGo: (key, owner) => shared.letGo(key, owner).catch(() => local.letGo(key, owner)),
  };
}
