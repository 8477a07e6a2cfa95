import type { KnowledgeEntry, Passage } from './entry.ts';

/** One retrieved document with its score, so a knowledge editor sees why an answer was chosen. */
export interface Hit {
  entry: KnowledgeEntry | PassageEntry;
  /** Normalized to 0..1: 1 is a near-exact match of a question phrasing. */
  score: number;
  /** The phrasing or passage sentence that matched best. */
  matched: string;
  /** For a passage: the one to three sentences that answer the query, in the passage's order. */
  excerpt?: string[];
}

/** Passages ingested from documents become searchable entries without curated questions. */
export interface PassageEntry extends Omit<KnowledgeEntry, 'questions' | 'keyFacts' | 'tags' | 'topic'> {
  kind: 'passage';
  topic?: string;
  tags: string[];
  questions: string[];
  keyFacts: string[];
}

export interface SearchOptions {
  k?: number;
  topic?: string;
  region?: string;
}

/** The retrieval port: keyword/BM25 offline, anything else later. */
export interface Retriever {
  search(query: string, options?: SearchOptions): Hit[];
}

/** Retrieval scores below this are guesses: the bot asks back instead of answering. */
export const ANSWER_MIN_SCORE = 0.3;

export function isPassage(e: Hit['entry']): e is PassageEntry {
  return (e as PassageEntry).kind === 'passage';
}

export type { KnowledgeEntry, Passage };
