import type { KnowledgeEntry, Passage } from './entry.ts';
import type { Retriever } from './retriever.ts';

/** The loaded knowledge: curated entries plus ingested passages, one index over both. */
export interface KnowledgeBase {
  entries: readonly KnowledgeEntry[];
  /** Changes whenever any entry changes; part of the model path's cache key. */
  version: string;
  retriever: Retriever;
  /** How many ingested passages are searched alongside the entries. */
  readonly passages: number;
  byId(id: string): KnowledgeEntry | undefined;
  addPassages(passages: Passage[]): void;
}
