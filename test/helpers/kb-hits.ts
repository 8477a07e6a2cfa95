import { loadKnowledge } from '../../src/knowledge/loader.ts';
import type { Hit, KnowledgeEntry } from '../../src/knowledge/retriever.ts';

/** Hits built from the shipped knowledge base, so checks run against the real entries' figures. */
let loaded: Promise<{ entries: KnowledgeEntry[]; version: string }> | undefined;

export function shippedKnowledge(): Promise<{ entries: KnowledgeEntry[]; version: string }> {
  loaded ??= loadKnowledge('knowledge');
  return loaded;
}

export async function hitsFor(...ids: string[]): Promise<Hit[]> {
  const { entries } = await shippedKnowledge();
  return ids.map((id, i) => {
    const entry = entries.find((e) => e.id === id);
    if (!entry) throw new Error(`no knowledge entry ${id}`);
    return { entry, score: 1 - i * 0.1, matched: entry.questions[0] ?? entry.title };
  });
}
