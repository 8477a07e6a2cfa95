import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from './base.ts';
import type { KnowledgeEntry, Passage } from './entry.ts';
import { loadKnowledge } from './loader.ts';
import { sentences } from './ingest.ts';
import { isPassage, type Hit, type PassageEntry, type Retriever, type SearchOptions } from './retriever.ts';
import { addWords, bigramSet, tokenize } from './tokenize.ts';

/**
 * The offline index: BM25 over weighted fields (question phrasings, title and tags weigh more
 * than the answer) combined with the best bigram overlap between the query and one phrasing.
 * Scores are normalized to 0..1 so the policy can apply one threshold.
 */

type Doc = KnowledgeEntry | PassageEntry;

interface Phrasing {
  text: string;
  grams: Set<string>;
}

interface Indexed {
  doc: Doc;
  len: number;
  phrasings: Phrasing[];
  /** A passage's sentences: each one is matched like a question phrasing, and the best make its excerpt. */
  lines: Phrasing[];
}

const K1 = 1.2;
/** How many BM25 candidates are re-scored with phrasing overlap. */
const CANDIDATES = 64;
const B = 0.75;

/**
 * Regions a question may name, mapped to the region label entries carry. Sichuan is not here:
 * Chongqing's own policies cover 川渝 activities, so "去成都" names a destination, not another policy.
 */
const REGION_WORDS: [RegExp, string][] = [
  [/浙江|杭州|宁波|温州|zhejiang/, '浙江'],
  [/内蒙古|内蒙|包头|呼和浩特|inner mongolia/, '内蒙古'],
  [/贵州|铜仁|毕节|贵阳|guizhou/, '贵州'],
  [/长春|吉林|changchun/, '吉林'],
  [/潍坊|山东|weifang/, '山东'],
  [/南京|江苏|nanjing/, '江苏'],
  [/武平|福建|龙岩/, '福建'],
  [/南沙|广州|广东/, '广东'],
  [/湖北|武汉/, '湖北'],
  [/巫山/, '重庆巫山'],
  [/全国|全总|中华全国总工会|国家/, '全国'],
];

/** The text without the region words it names: what it asks, wherever it is asked about. */
export function withoutRegion(text: string): string {
  let t = text;
  for (const [re] of REGION_WORDS) t = t.replace(new RegExp(`(?:${re.source})(?:省|市|自治区)?(?:那边|这边)?的?`, 'g'), ' ');
  return t;
}

export function regionOf(text: string): string | undefined {
  for (const [re, region] of REGION_WORDS) if (re.test(text)) return region;
  return undefined;
}

export class KeywordRetriever implements Retriever {
  private docs: Indexed[] = [];
  /** Inverted index: for each term, the documents holding it and how often (weighted by field). */
  private postings = new Map<string, { doc: number; tf: number }[]>();
  private avgLen = 1;

  constructor(entries: readonly Doc[]) {
    addWords(entries.flatMap((e) => [...e.tags, e.title]));
    for (const e of entries) this.add(e);
    this.finish();
  }

  add(doc: Doc): void {
    const tf = new Map<string, number>();
    const bump = (text: string, w: number) => {
      for (const t of tokenize(text)) tf.set(t, (tf.get(t) ?? 0) + w);
    };
    for (const q of doc.questions) bump(q, 2);
    bump(doc.title, 2);
    bump(doc.tags.join(' '), 2);
    bump(doc.answer, 1);
    bump(doc.region, 1);
    let len = 0;
    for (const v of tf.values()) len += v;
    const index = this.docs.length;
    for (const [term, f] of tf) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push({ doc: index, tf: f });
    }
    const phrasings = [...doc.questions, doc.title].map((text) => ({ text, grams: bigramSet(text) }));
    const lines = isPassage(doc) ? sentences(doc.answer.replace(/\n/g, '')).map((text) => ({ text, grams: bigramSet(text) })) : [];
    this.docs.push({ doc, len, phrasings, lines });
  }

  finish(): void {
    this.avgLen = this.docs.reduce((s, d) => s + d.len, 0) / Math.max(1, this.docs.length);
  }

  get size(): number {
    return this.docs.length;
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, options: SearchOptions = {}): Hit[] {
    const k = options.k ?? 5;
    const all = [...new Set(tokenize(query))];
    const terms = all.filter((t) => this.postings.has(t));
    if (terms.length === 0) return [];
    // Words the knowledge base has never seen count against the match, at a typical weight.
    const unseen = (all.length - terms.length) * Math.log(1 + this.docs.length / 4);
    const ceiling = (terms.reduce((s, t) => s + this.idf(t), 0) + unseen) * (K1 + 1) * 0.55;
    const bm = new Map<number, number>();
    for (const term of terms) {
      const idf = this.idf(term);
      for (const { doc, tf } of this.postings.get(term)!) {
        const d = this.docs[doc]!;
        const part = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.len) / this.avgLen));
        bm.set(doc, (bm.get(doc) ?? 0) + part);
      }
    }
    const qGrams = bigramSet(query);
    const region = options.region ?? regionOf(query);
    // Phrasing overlap is the costly part: only the best BM25 candidates get it.
    const candidates = [...bm].filter(([index]) => !options.topic || this.docs[index]!.doc.topic === options.topic);
    if (candidates.length > CANDIDATES) candidates.sort((a, b) => b[1] - a[1]).length = CANDIDATES;
    const scored: Hit[] = [];
    for (const [index, score0] of candidates) {
      const d = this.docs[index]!;
      let best = 0;
      let matched = d.phrasings[0]?.text ?? d.doc.title;
      for (const p of [...d.phrasings, ...d.lines]) {
        const sim = overlap(qGrams, p.grams);
        if (sim > best) {
          best = sim;
          matched = p.text;
        }
      }
      let score = 0.85 * Math.min(1, score0 / ceiling) + 0.15 * best;
      if (region) score *= d.doc.region.includes(region) ? 1.08 : 0.9;
      scored.push({ entry: d.doc, score, matched, ...(d.lines.length ? { excerpt: excerpt(query, d.doc.title, d.lines) } : {}) });
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((h) => ({ ...h, score: Math.min(1, h.score) }));
  }
}

/** Messages longer than this are also searched clause by clause. */
const LONG_MESSAGE = 40;

/**
 * Search for a whole message. A long, rambling message usually asks its question in one or two
 * clauses, and the rest of the story can drown it: when the whole message finds nothing good, each
 * pair of neighbouring clauses is searched too, and every entry keeps its best score.
 */
export function searchMessage(retriever: Retriever, text: string, options: SearchOptions = {}, wholeHits?: Hit[]): Hit[] {
  const k = options.k ?? 5;
  // The caller may already hold the whole message's hits (the engine votes the topic with them).
  const whole = wholeHits ?? retriever.search(text, { ...options, k });
  // Only when the whole message finds nothing good: clause matches are short and score high too easily.
  if ([...text].length <= LONG_MESSAGE || (whole[0]?.score ?? 0) >= 0.45) return whole;
  const clauses = text.split(/[\s,，。.！!？?；;、]+/).filter((c) => c.length >= 2);
  const windows = clauses.map((_, i) => clauses.slice(i, i + 2).join(' '));
  return withClauseMatches(retriever, whole, windows, { ...options, k });
}

/**
 * Adds what parts of a message find to what the whole found: each part is searched on its own,
 * its matches count a little less (short texts score high too easily), and every entry keeps its
 * best score.
 */
export function withClauseMatches(retriever: Retriever, hits: readonly Hit[], parts: readonly string[], options: SearchOptions & { k: number }): Hit[] {
  const best = new Map(hits.map((h) => [h.entry.id, h]));
  for (const part of parts) {
    for (const h of retriever.search(part, options)) {
      const scored = { ...h, score: h.score * 0.9 };
      const prev = best.get(h.entry.id);
      if (!prev || prev.score < scored.score) best.set(h.entry.id, scored);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, options.k);
}

const ASKS_AMOUNT = /多少|好多|几|最高|最多|最低|标准|金额|多久|多长/;
const DATE_WORDS = /(?:19|20)\d{2}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月/g;

/**
 * A passage's sentences that answer the query best: up to three, in the passage's order. What the
 * title says is common to every sentence, so only the rest of the question chooses among them;
 * a question for an amount or a count prefers sentences with a figure that is not a date.
 */
function excerpt(query: string, title: string, lines: readonly Phrasing[]): string[] {
  const titleChars = new Set(title);
  const chars = (text: string) => new Set([...text].filter((c) => /[\u4e00-\u9fa5]/.test(c) && !titleChars.has(c)));
  const titleGrams = bigramSet(title);
  const qGrams = [...bigramSet(query)].filter((g) => !titleGrams.has(g));
  const qChars = chars(query);
  const amount = ASKS_AMOUNT.test(query);
  const ranked = lines
    .map((l, i) => {
      const own = chars(l.text);
      const grams = qGrams.length ? qGrams.filter((g) => l.grams.has(g)).length / qGrams.length : 0;
      const single = qChars.size ? [...qChars].filter((c) => own.has(c)).length / qChars.size : 0;
      const figure = amount && /\d/.test(l.text.replace(DATE_WORDS, '')) ? 0.2 : 0;
      return { i, text: l.text, sim: grams + 0.3 * single + figure };
    })
    .sort((a, b) => b.sim - a.sim || a.i - b.i);
  const top = ranked[0]?.sim ?? 0;
  if (top === 0) return lines.slice(0, 2).map((l) => l.text);
  return ranked
    .filter((r, n) => n === 0 || r.sim >= 0.6 * top)
    .slice(0, 3)
    .sort((a, b) => a.i - b.i)
    .map((r) => r.text);
}

/** Overlap of query bigrams with a phrasing: how much of each side the other covers, averaged. */
function overlap(q: Set<string>, p: Set<string>): number {
  if (q.size === 0 || p.size === 0) return 0;
  let common = 0;
  for (const g of q) if (p.has(g)) common += 1;
  return (common / q.size + common / p.size) / 2;
}

export function createKnowledgeBase(entries: readonly KnowledgeEntry[], version: string, passages: Passage[] = []): KnowledgeBase {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const all: Doc[] = [...entries, ...passages.map(toPassageEntry)];
  let retriever = new KeywordRetriever(all);
  return {
    entries,
    version,
    get retriever() {
      return retriever;
    },
    get passages() {
      return all.length - entries.length;
    },
    byId: (id) => byId.get(id),
    addPassages(more) {
      all.push(...more.map(toPassageEntry));
      retriever = new KeywordRetriever(all);
    },
  };
}

function toPassageEntry(p: Passage): PassageEntry {
  return {
    kind: 'passage',
    id: p.id,
    title: p.title,
    topic: p.topic,
    region: p.region,
    issuer: '',
    date: p.date,
    source: p.source,
    tags: [],
    questions: [],
    keyFacts: [],
    answer: p.text,
  };
}

/** Loads knowledge/ and any passages `kb ingest` wrote under DATA_DIR/passages; the version covers both. */
export async function loadKnowledgeBase(dir: string, options: { passagesDir?: string } = {}): Promise<KnowledgeBase> {
  const { entries, version } = await loadKnowledge(dir);
  const passages: Passage[] = [];
  const hash = createHash('sha256');
  if (options.passagesDir) {
    const files = await readdir(options.passagesDir).catch(() => [] as string[]);
    for (const f of files.filter((f) => f.endsWith('.json')).sort()) {
      const raw = await readFile(path.join(options.passagesDir, f), 'utf8').catch(() => undefined);
      // A file removed between listing and reading (a re-ingest replacing it) is simply gone.
      if (raw === undefined) continue;
      hash.update(raw);
      passages.push(...(JSON.parse(raw) as Passage[]));
    }
  }
  return createKnowledgeBase(entries, passages.length ? `${version}+${hash.digest('hex').slice(0, 6)}` : version, passages);
}
