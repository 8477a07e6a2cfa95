import type { KnowledgeBase } from './base.ts';

/** A knowledge base the running service can reload after an editor saves an entry, without a restart. */
export interface ReloadableKnowledgeBase extends KnowledgeBase {
  /** Reads knowledge/ (and the ingested passages) again; turns already under way finish on the old index. */
  reload(): Promise<void>;
}

export function isReloadable(kb: KnowledgeBase): kb is ReloadableKnowledgeBase {
  return typeof (kb as Partial<ReloadableKnowledgeBase>).reload === 'function';
}

/**
 * Wraps a loaded knowledge base so every reader (the engine reads `retriever` on each turn) sees
 * the newest one after `reload()`. A failed reload keeps the current knowledge and throws.
 */
export function reloadable(initial: KnowledgeBase, load: () => Promise<KnowledgeBase>): ReloadableKnowledgeBase {
  if (isReloadable(initial)) return initial;
  let current = initial;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get entries() {
      return current.entries;
    },
    get version() {
      return current.version;
    },
    get retriever() {
      return current.retriever;
    },
    get passages() {
      return current.passages;
    },
    byId: (id) => current.byId(id),
    addPassages: (passages) => current.addPassages(passages),
    reload() {
      // One read at a time, in order: a save made while another reload runs is read by the next one.
      const run = queue.then(load).then((next) => {
        current = next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
