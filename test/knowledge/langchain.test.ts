import { describe, expect, it } from 'vitest';
import { KnowledgeRetriever } from '../../src/knowledge/langchain.ts';
import { shippedKnowledge } from '../fixtures/services.ts';

describe('KnowledgeRetriever (LangChain)', () => {
  it('returns the entries the offline engine would use, with their provenance', async () => {
    const retriever = new KnowledgeRetriever({ kb: await shippedKnowledge(), k: 3 });
    const docs = await retriever.invoke('淡季疗休养每人每天补贴多少');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs[0]!.pageContent).toContain('200');
    expect(docs[0]!.metadata.region).toContain('内蒙古');
    expect(docs[0]!.metadata.source.length).toBeGreaterThan(2);
  });

  it('returns nothing below its score floor', async () => {
    const retriever = new KnowledgeRetriever({ kb: await shippedKnowledge(), minScore: 0.3 });
    expect(await retriever.invoke('明天主城下雨不')).toEqual([]);
  });
});
