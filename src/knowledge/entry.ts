import { z } from 'zod';
import { TOPICS } from '../intents/types.ts';

/**
 * One knowledge-base entry: a fact the union stands behind, in Niangjia's own words, with
 * where it comes from. Files in knowledge/ are Markdown with YAML front matter; the body is
 * the answer.
 */
export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/, 'lowercase letters, digits and dashes'),
    title: z.string().min(2).max(80),
    topic: z.enum(TOPICS),
    region: z.string().min(2).max(20),
    issuer: z.string().min(2).max(60),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD'),
    source: z.string().min(2).max(120),
    tags: z.array(z.string().min(1)).default([]),
    questions: z.array(z.string().min(2)).min(2, 'at least two question phrasings'),
    answer: z.string().min(10).max(600),
    /** Facts that must stay in any rewording of the answer (figures, names); used by the model path's checks. */
    keyFacts: z.array(z.string()).default([]),
    /** The law and article each fact rests on, e.g. 《劳动合同法》第四十七条; required in the national rights module. */
    law: z.array(z.string().min(4).max(80)).min(1).optional(),
    /** A one- or two-sentence English answer with the key figure and where to ask. */
    en: z.string().min(10).max(400).optional(),
  })
  .strict();

export type KnowledgeEntry = z.output<typeof entrySchema>;

/** A plain passage from `kb ingest`: searchable, citable, but not a curated answer. */
export interface Passage {
  id: string;
  title: string;
  source: string;
  region: string;
  date: string;
  topic?: string;
  /** The ingested document's absolute path: ingesting it again replaces these passages. */
  document?: string;
  text: string;
}
