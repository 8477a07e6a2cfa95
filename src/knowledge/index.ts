import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase } from './base.ts';
import { askedKinds, sentenceKinds, type FactKind } from './answerability.ts';
import type { KnowledgeEntry, Passage } from './entry.ts';
import { loadKnowledge } from './loader.ts';
import { sentences } from './ingest.ts';
import { isPassage, type Hit, type PassageEntry, type Retriever, type SearchOptions } from './retriever.ts';
import { buildPostings, IntList, TermIds, TopK, type Postings } from './postings.ts';
import { withColloquialTerms } from '../intents/normalize.ts';
import { addWords, bigramSet, forEachGram, forEachToken } from './tokenize.ts';

/**
 * The offline index: BM25 over weighted fields (question phrasings, title and tags weigh more
 * than the answer) combined with the best bigram overlap between the query and one phrasing.
 * Scores are normalized to 0..1 so the policy can apply one threshold.
 */

type Doc = KnowledgeEntry | PassageEntry;

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

/** Each region's words with what follows them ("浙江省那边的"), to be taken out (replace starts a global pattern afresh). */
const REGION_PHRASES = REGION_WORDS.map(([re]) => new RegExp(`(?:${re.source})(?:省|市|自治区)?(?:那边|这边)?的?`, 'g'));

/** The text without the region words it names: what it asks, wherever it is asked about. */
export function withoutRegion(text: string): string {
  let t = text;
  for (const re of REGION_PHRASES) t = t.replace(re, ' ');
  return t;
}

export function regionOf(text: string): string | undefined {
  for (const [re, region] of REGION_WORDS) if (re.test(text)) return region;
  return undefined;
}

/**
 * Terms (jieba words and character bigrams) and phrasing bigrams are integer ids; postings are
 * flat typed arrays with each document's BM25 weight computed once at build; a search adds
 * weights into one reused score array, keeps the best CANDIDATES in a heap, and counts the bigram
 * ids a phrasing shares with the query against a reused array of marks. What it finds, and every score, is what the plain
 * computation gives: weights and sums are kept in double precision and added in the same order,
 * and ties fall the same way.
 */
export class KeywordRetriever implements Retriever {
  private readonly docs: readonly Doc[];
  private readonly terms = new TermIds();
  private readonly postings: Postings;
  private readonly idfs: Float64Array;
  /** Phrasing grams by id, one id space: CJK bigrams by their code, lone characters and Latin words by their text. */
  private readonly gramIds = new TermIds();
  /** Phrasing p's bigram ids, each once: grams[gramStart[p]..gramStart[p+1]). */
  private readonly grams: Int32Array;
  private readonly gramStart: Int32Array;
  /** Document d's phrasings are phrasingStart[d]..phrasingStart[d+1]: its questions, its title, then a passage's sentences. */
  private readonly phrasingStart: Int32Array;
  /** A passage's sentences: each one is matched like a question phrasing, and the best make its excerpt. */
  private readonly lines: (string[] | undefined)[];
  /** Per-search scratch: BM25 sums by document, the documents touched in order of first touch, the best candidates. */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly top = new TopK(CANDIDATES);
  /** Per-search scratch: queryGram[g] === stamp when bigram g is the query's; a new stamp per search clears them all. */
  private readonly queryGram: Int32Array;
  private stamp = 0;

  constructor(entries: readonly Doc[]) {
    addWords(entries.flatMap((e) => [...e.tags, e.title]));
    const n = entries.length;
    this.docs = [...entries];
    this.lines = new Array<string[] | undefined>(n);
    const termOf = new IntList();
    const countOf = new IntList();
    // Document d's (term, count) pairs are termOf/countOf[docStart[d]..docStart[d+1]).
    const docStart = new Int32Array(n + 1);
    const lens = new Float64Array(n);
    const grams = new IntList();
    const gramStart = new IntList();
    gramStart.push(0);
    this.phrasingStart = new Int32Array(n + 1);
    // A document's term counts, by term id, in a scratch array cleared after each document.
    let counts = new Int32Array(4096);
    const seen: number[] = [];
    let weight = 0;
    const count = (id: number) => {
      if (id >= counts.length) {
        const bigger = new Int32Array(counts.length * 2);
        bigger.set(counts);
        counts = bigger;
      }
      if (counts[id] === 0) seen.push(id);
      counts[id]! += weight;
    };
    const word = (w: string) => count(this.terms.word(w));
    const bigram = (code: number) => count(this.terms.bigram(code));
    const bump = (text: string, w: number) => {
      weight = w;
      forEachToken(text, word, bigram);
    };
    entries.forEach((doc, index) => {
      // Question phrasings, title and tags weigh more than the answer.
      for (const q of doc.questions) bump(q, 2);
      bump(doc.title, 2);
      bump(doc.tags.join(' '), 2);
      bump(doc.answer, 1);
      bump(doc.region, 1);
      // The English answer, so a question written in English meets the entry's own English words.
      if ('en' in doc && doc.en) bump(doc.en, 1);
      let len = 0;
      for (const id of seen) {
        len += counts[id]!;
        termOf.push(id);
        countOf.push(counts[id]!);
        counts[id] = 0;
      }
      seen.length = 0;
      docStart[index + 1] = termOf.length;
      lens[index] = len;
      const lines = isPassage(doc) ? sentences(doc.answer.replace(/\n/g, '')) : [];
      if (lines.length) this.lines[index] = lines;
      for (const text of [...doc.questions, doc.title, ...lines]) {
        this.phrasingGrams(text, (id) => grams.push(id));
        gramStart.push(grams.length);
      }
      this.phrasingStart[index + 1] = gramStart.length - 1;
    });
    let total = 0;
    for (let i = 0; i < n; i++) total += lens[i]!;
    const avgLen = total / Math.max(1, n);
    // A term's idf depends on its document frequency alone, and a document's length part on the
    // document alone: each is worked out once, not once per posting, and the weight is the same sum.
    const idfByDf = new Float64Array(n + 1);
    const idfOf = (df: number) => (idfByDf[df] ||= Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    const lengthPart = new Float64Array(n);
    for (let d = 0; d < n; d++) lengthPart[d] = K1 * (1 - B + (B * lens[d]!) / avgLen);
    this.idfs = new Float64Array(this.terms.size);
    this.postings = buildPostings(this.terms.size, docStart, termOf, countOf, (df, doc, tf) => (idfOf(df) * tf * (K1 + 1)) / (tf + lengthPart[doc]!));
    const { start } = this.postings;
    for (let t = 0; t < this.terms.size; t++) this.idfs[t] = idfOf(start[t + 1]! - start[t]!);
    this.grams = grams.done();
    this.gramStart = gramStart.done();
    this.scores = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.queryGram = new Int32Array(this.gramIds.size);
    this.gramSeenIn = [];
  }

  get size(): number {
    return this.docs.length;
  }

  /** Which phrasing last gave each gram id, while building: a phrasing's grams count once each, as in its bigramSet. */
  private gramSeenIn: number[] = [];
  private phrasings = 0;

  /** Each distinct gram of a phrasing (those of its bigramSet) as an id, new ids given to grams never seen; no strings made for bigrams. */
  private phrasingGrams(text: string, onId: (id: number) => void): void {
    const phrasing = ++this.phrasings;
    const seen = this.gramSeenIn;
    const once = (id: number) => {
      if (id === seen.length) seen.push(0);
      if (seen[id] === phrasing) return;
      seen[id] = phrasing;
      onId(id);
    };
    forEachGram(
      text,
      (code) => once(this.gramIds.bigram(code)),
      (gram) => once(this.gramIds.word(gram)),
    );
  }

  /** The ids of the query's distinct grams the index knows, and how many distinct grams it has in all. */
  private queryGrams(query: string): { ids: number[]; size: number } {
    const codes = new Set<number>();
    const others = new Set<string>();
    const ids: number[] = [];
    forEachGram(
      query,
      (code) => {
        if (codes.has(code)) return;
        codes.add(code);
        const id = this.gramIds.findBigram(code);
        if (id >= 0) ids.push(id);
      },
      (gram) => {
        if (others.has(gram)) return;
        others.add(gram);
        const id = this.gramIds.findWord(gram);
        if (id >= 0) ids.push(id);
      },
    );
    return { ids, size: codes.size + others.size };
  }

  /** Marks the query's bigram ids for overlap. */
  private markQuery(qGrams: readonly number[]): void {
    if (this.stamp === 0x7fffffff) {
      this.queryGram.fill(0);
      this.stamp = 0;
    }
    this.stamp += 1;
    for (const g of qGrams) this.queryGram[g] = this.stamp;
  }

  /** The text of document `index`'s phrasing `p`. */
  private phrasingText(index: number, p: number): string {
    const d = this.docs[index]!;
    const j = p - this.phrasingStart[index]!;
    const q = d.questions.length;
    return j < q ? d.questions[j]! : j === q ? d.title : this.lines[index]![j - q - 1]!;
  }

  /** Documents by BM25 over the query's known terms: the best CANDIDATES, in the order they are re-scored. */
  private candidates(terms: readonly number[], topic: string | undefined): { item: number; value: number; order: number }[] {
    const { start, docs, weights } = this.postings;
    const { scores, touched, top } = this;
    let touchedCount = 0;
    for (const t of terms) {
      for (let p = start[t]!, end = start[t + 1]!; p < end; p++) {
        const doc = docs[p]!;
        // Every weight is positive, so a zero sum means the document is touched for the first time.
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc]! += weights[p]!;
      }
    }
    top.reset();
    let kept = 0;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      // A passage's topic is a guess made at ingest ("职工文旅年卡" may be filed under benefits): it competes on any topic.
      if (!topic || this.docs[doc]!.topic === topic || isPassage(this.docs[doc]!)) {
        kept += 1;
        top.offer(doc, scores[doc]!, i);
      }
      scores[doc] = 0;
    }
    // Few enough to re-score them all: they keep the order they were first touched in (no need to rank them first).
    return kept <= CANDIDATES ? top.inOrder() : top.sorted();
  }

  search(query: string, options: SearchOptions = {}): Hit[] {
    const k = options.k ?? 5;
    // The query's distinct terms in order of first appearance, and how many the index knows.
    const words = new Set<string>();
    const bigrams = new Set<number>();
    const terms: number[] = [];
    const known = (id: number) => {
      if (id >= 0) terms.push(id);
    };
    forEachToken(
      query,
      (w) => {
        if (words.has(w)) return;
        words.add(w);
        known(this.terms.findWord(w));
      },
      (code) => {
        if (bigrams.has(code)) return;
        bigrams.add(code);
        known(this.terms.findBigram(code));
      },
    );
    if (terms.length === 0) return [];
    // Words the knowledge base has never seen count against the match, at a typical weight.
    const unseen = (words.size + bigrams.size - terms.length) * Math.log(1 + this.docs.length / 4);
    const ceiling = (terms.reduce((s, t) => s + this.idfs[t]!, 0) + unseen) * (K1 + 1) * 0.55;
    const { ids: qGrams, size: qSize } = this.queryGrams(query);
    this.markQuery(qGrams);
    const region = options.region ?? regionOf(query);
    // Phrasing overlap is the costly part: only the best BM25 candidates get it.
    // Phrasing overlap adds at most 0.15 to a candidate's BM25 part: taken from the highest such bound down, the
    // candidates are scored until the next bound falls below the k-th score, which nothing after it can reach.
    const bounded = this.candidates(terms, options.topic).map(({ item: index, value: score0 }, order) => {
      const base = 0.85 * Math.min(1, score0 / ceiling);
      const factor = region ? (this.docs[index]!.region.includes(region) ? 1.08 : 0.9) : 1;
      return { index, order, base, factor, bound: region ? (base + 0.15) * factor : base + 0.15 };
    });
    bounded.sort((a, b) => b.bound - a.bound || a.order - b.order);
    const best: { index: number; score: number; matched: number; order: number }[] = [];
    const ranks = (a: { score: number; order: number }, b: { score: number; order: number }) => b.score - a.score || a.order - b.order;
    for (const c of bounded) {
      if (best.length >= k && (k <= 0 || c.bound < best[k - 1]!.score)) break;
      const { score, matched } = this.phrasingMatch(c.index, qSize, c.base, region ? c.factor : undefined);
      const scored = { index: c.index, score, matched, order: c.order };
      let at = best.length;
      while (at > 0 && ranks(best[at - 1]!, scored) > 0) at -= 1;
      best.splice(at, 0, scored);
    }
    return best
      .slice(0, k)
      .map(({ index, score, matched }) => {
        const entry = this.docs[index]!;
        const lines = this.lines[index];
        return { entry, score: Math.min(1, score), matched: this.phrasingText(index, matched), ...(lines ? { excerpt: excerpt(query, entry.title, lines) } : {}) };
      });
  }

  /** Document `index`'s best phrasing against the marked query, and its score from the BM25 part and the region's factor. */
  private phrasingMatch(index: number, qSize: number, base: number, factor: number | undefined): { score: number; matched: number } {
    const from = this.phrasingStart[index]!;
    let best = 0;
    let matched = from;
    for (let p = from, end = this.phrasingStart[index + 1]!; p < end; p++) {
      const sim = this.overlap(qSize, p);
      if (sim > best) {
        best = sim;
        matched = p;
      }
    }
    let score = base + 0.15 * best;
    if (factor !== undefined) score *= factor;
    return { score, matched };
  }

  /** Overlap of the query's bigrams (marked) with phrasing p: how much of each side the other covers, averaged. */
  private overlap(qSize: number, p: number): number {
    const { grams, queryGram, stamp } = this;
    const from = this.gramStart[p]!;
    const to = this.gramStart[p + 1]!;
    if (qSize === 0 || from === to) return 0;
    let common = 0;
    for (let g = from; g < to; g++) if (queryGram[grams[g]!] === stamp) common += 1;
    return (common / qSize + common / (to - from)) / 2;
  }
}

/** Messages longer than this are also searched clause by clause. */
const LONG_MESSAGE = 40;

/**
 * Search for a whole message. A long, rambling message usually asks its question in one or two
 * clauses, and the rest of the story can drown it: when the whole message finds nothing good, each
 * pair of neighbouring clauses is searched too, and every entry keeps its best score. `ownWords`: the
 * message without the policy terms normalization added, whose clauses these are.
 */
export function searchMessage(retriever: Retriever, text: string, options: SearchOptions = {}, wholeHits?: Hit[], ownWords: string = text): Hit[] {
  const k = options.k ?? 5;
  // The caller may already hold the whole message's hits (the engine votes the topic with them).
  const whole = wholeHits ?? retriever.search(text, { ...options, k });
  // Only when the whole message finds nothing good: clause matches are short and score high too easily.
  if ([...ownWords].length <= LONG_MESSAGE || (whole[0]?.score ?? 0) >= 0.45) return whole;
  // The clauses are the worker's own: a policy term added at the end ("… 工资") is no clause, and alone it finds any short entry.
  const clauses = ownWords.split(/[\s,，。.！!？?；;、]+/).filter((c) => c.length >= 2);
  const windows = clauses.map((_, i) => withColloquialTerms(clauses.slice(i, i + 2).join(' ')));
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
/** Kinds a single sentence can be seen to state; who, eligibility and the like are too loosely told to pick a sentence by. */
const STATED_IN_SENTENCE: ReadonlySet<FactKind> = new Set(['amount', 'duration', 'count', 'date', 'contact', 'place', 'documents', 'procedure']);
const DATE_WORDS = /(?:19|20)\d{2}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月/g;

/**
 * A passage's sentences that answer the query best: up to three, in the passage's order. What the
 * title says is common to every sentence, so only the rest of the question chooses among them;
 * a question for an amount or a count prefers sentences with a figure that is not a date.
 */
function excerpt(query: string, title: string, lines: readonly string[]): string[] {
  // The kinds of fact asked (how much, when, where, which papers): a sentence stating one is the answer's.
  const asked = askedKinds(query).filter((k) => STATED_IN_SENTENCE.has(k));
  const titleChars = new Set(title);
  const chars = (text: string) => new Set([...text].filter((c) => /[\u4e00-\u9fa5]/.test(c) && !titleChars.has(c)));
  const titleGrams = bigramSet(title);
  const qGrams = [...bigramSet(query)].filter((g) => !titleGrams.has(g));
  const qChars = chars(query);
  const amount = ASKS_AMOUNT.test(query);
  const ranked = lines
    .map((text, i) => {
      const own = chars(text);
      const lineGrams = bigramSet(text);
      const grams = qGrams.length ? qGrams.filter((g) => lineGrams.has(g)).length / qGrams.length : 0;
      const single = qChars.size ? [...qChars].filter((c) => own.has(c)).length / qChars.size : 0;
      const figure = amount && /\d/.test(text.replace(DATE_WORDS, '')) ? 0.2 : 0;
      const stated = asked.length ? sentenceKinds(text).filter((k) => asked.includes(k)).length / asked.length : 0;
      return { i, text, sim: grams + 0.3 * single + figure + 0.3 * stated };
    })
    .sort((a, b) => b.sim - a.sim || a.i - b.i);
  const top = ranked[0]?.sim ?? 0;
  if (top === 0) return lines.slice(0, 2);
  return ranked
    .filter((r, n) => n === 0 || r.sim >= 0.6 * top)
    .slice(0, 3)
    .sort((a, b) => a.i - b.i)
    .map((r) => r.text);
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
