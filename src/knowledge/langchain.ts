import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { normalizeText } from '../intents/normalize.ts';
import type { KnowledgeBase } from './base.ts';

export interface KnowledgeMetadata {
  id: string;
  title: string;
  topic: string;
  region: string;
  source: string;
  date: string;
  score: number;
}

/**
 * The offline index as a LangChain retriever, so chains and agents built on LangChain read the
 * same knowledge, with the same scores and provenance, as the offline engine.
 */
export class KnowledgeRetriever extends BaseRetriever<KnowledgeMetadata> {
  static override lc_name(): string {
    return 'NiangjiaKnowledgeRetriever';
  }
  lc_namespace = ['niangjia', 'knowledge'];
  private readonly kb: KnowledgeBase;
  private readonly k: number;
  private readonly minScore: number;

  constructor(fields: BaseRetrieverInput & { kb: KnowledgeBase; k?: number; minScore?: number }) {
    super(fields);
    this.kb = fields.kb;
    this.k = fields.k ?? 4;
    this.minScore = fields.minScore ?? 0;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<KnowledgeMetadata>[]> {
    return this.kb.retriever
      .search(normalizeText(query), { k: this.k })
      .filter((h) => h.score >= this.minScore)
      .map(
        (h) =>
          new Document<KnowledgeMetadata>({
            pageContent: h.entry.answer,
            metadata: { id: h.entry.id, title: h.entry.title, topic: h.entry.topic ?? '', region: h.entry.region, source: h.entry.source, date: h.entry.date, score: h.score },
          }),
      );
  }
}
