import { shippedModel } from '../intents/classifier.ts';
import { normalizeText } from '../intents/normalize.ts';
import type { KnowledgeBase } from './base.ts';

/**
 * Questions workers asked before, each labelled with the entry that answers it or with none (the
 * knowledge holds no answer). A new question close to earlier ones about an entry is likely about
 * that entry too; one close to questions nobody could answer likely cannot be answered either.
 * The closeness is the cosine of character 2- and 3-grams (and English words) weighted by how rare
 * they are among the stored questions, so "年票好多钱" and "年票面值几多" meet on 年票 and not on 多.
 *
 * The labelled questions are written by `scripts/train-answerability.ts --write` from the train parts
 * of eval/sets; the frozen parts never enter it. Each entry's own phrasings join them, from the
 * knowledge base in use, so an entry an officer has just written is known by its phrasings at once.
 * The answerability model reads the figures as evidence beside the rest.
 */

export interface StoredQuestion {
  /** The question as normalizeText gives it. */
  t: string;
  /** The entry that answers it, or null when the knowledge cannot. */
  e: string | null;
  /** One of the entry's own phrasings: it counts however exactly the question repeats it. */
  own?: true;
}

export interface NeighbourSupport {
  /** The closeness of the nearest stored question that this entry answers (0 when none shares a gram). */
  entry(id: string): number;
  /**
   * The cosine between the question and the sum of this entry's stored questions: how well it fits the
   * words workers use for the entry taken together, where `entry` reads only the single nearest one.
   */
  centroid(id: string): number;
  /** Whether any stored question is answered by this entry: a passage or a new entry has none yet, and its closeness says nothing. */
  knows(id: string): boolean;
  /**
   * The closeness of the nearest stored question the knowledge could not answer, no more than the
   * share of that question the one asked holds.
   */
  none: number;
}

/**
 * An entry answered fewer stored questions than this is not known well enough for their closeness to
 * tell anything: one phrasing says little about how the next worker will put it. Every entry brings
 * at least two phrasings of its own, so only a passage is unknown.
 */
const KNOWN_FROM = 2;

const NO_SUPPORT: NeighbourSupport = { entry: () => 0, centroid: () => 0, knows: () => false, none: 0 };

/** A gram held by more than this share of the stored questions is too common to look up. */
const COMMON_SHARE = 0.05;
/** However small the memory, a gram in this many questions or fewer is always looked up. */
const COMMON_MIN = 50;

/** A stored question closer than this may be the very words asked; below it, it cannot be. */
const SAME_WORDS = 0.8;

/** Letters and digits only: two questions that differ in spacing or punctuation are the same question. */
function bare(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

const SPACE = 32;
const isLatin = (c: number) => c >= 97 && c <= 122;
/** Bigrams are kept apart from trigrams, which fill the numbers below 2^48. */
const BIGRAM = 2 ** 48;

/**
 * The grams of a text with their counts: character 2- and 3-grams as numbers (three UTF-16 units fit
 * in a double exactly), English words as strings.
 */
function grams(text: string): Map<number | string, number> {
  const t = text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ');
  const out = new Map<number | string, number>();
  const add = (g: number | string) => out.set(g, (out.get(g) ?? 0) + 1);
  for (let i = 0; i + 1 < t.length; i++) {
    const a = t.charCodeAt(i);
    const b = t.charCodeAt(i + 1);
    if (a === SPACE || b === SPACE) continue;
    // Latin letters are read as words below, not as letter pairs.
    if (isLatin(a) && isLatin(b)) continue;
    add(BIGRAM + a * 65536 + b);
    const c = i + 2 < t.length ? t.charCodeAt(i + 2) : SPACE;
    if (c !== SPACE && !(isLatin(b) && isLatin(c))) add((a * 65536 + b) * 65536 + c);
  }
  for (const w of t.match(/[a-z]{3,}/g) ?? []) add(w);
  return out;
}

/**
 * The stored questions as an inverted index: each gram an integer, its postings one slice of two
 * typed arrays (which question, what weight), so a question is weighed against all in one pass.
 */
export class NeighbourMemory {
  /** Each stored question's entry as a number into entryIds; -1 when nothing answered it. */
  private readonly labelOf: Int32Array;
  private readonly entryIds: string[];
  /** Per entry number, the closest of its questions in the turn under way; zero between turns. */
  private readonly best: Float64Array;
  /** Per entry number, the sum of its questions' closeness in the turn under way; zero between turns. */
  private readonly sum: Float64Array;
  /** Per entry number, the length of the sum of its questions' unit vectors. */
  private readonly centroidNorm: Float64Array;
  /** Per stored question, its dot product with its entry's sum (to take it out when it is the question asked). */
  private readonly selfDot: Float64Array;
  private readonly answered: Set<string>;
  /** The bare text of each labelled question; an entry's own phrasing has none, never being left out. */
  private readonly bareTexts: (string | undefined)[];
  private readonly ids = new Map<number | string, number>();
  private readonly idf: Float64Array;
  private readonly start: Int32Array;
  private readonly doc: Int32Array;
  private readonly weight: Float32Array;
  private readonly scores: Float64Array;
  /** For each stored question, the share of its weight the question asked holds. */
  private readonly held: Float64Array;
  /** For each stored question nothing answered, the kinds of fact it asks for, as bits (0: none read). */
  private readonly askMask: Int32Array;

  /** `kindsOf` reads the kinds of fact a question asks for, as bits; without it every unanswered question counts. */
  constructor(questions: readonly StoredQuestion[], kindsOf: (t: string) => number = () => 0) {
    const numbers = new Map<string, number>();
    this.labelOf = Int32Array.from(questions, (q) => {
      if (!q.e) return -1;
      let e = numbers.get(q.e);
      if (e === undefined) numbers.set(q.e, (e = numbers.size));
      return e;
    });
    this.entryIds = [...numbers.keys()];
    this.best = new Float64Array(this.entryIds.length);
    this.sum = new Float64Array(this.entryIds.length);
    const counts = new Map<string, number>();
    for (const q of questions) if (q.e) counts.set(q.e, (counts.get(q.e) ?? 0) + 1);
    this.answered = new Set([...counts].filter(([, n]) => n >= KNOWN_FROM).map(([e]) => e));
    this.bareTexts = questions.map((q) => (q.own ? undefined : bare(q.t)));
    this.askMask = Int32Array.from(questions, (q) => (q.e === null ? kindsOf(q.t) : 0));
    const n = questions.length;
    this.scores = new Float64Array(n);
    this.held = new Float64Array(n);
    const docs = questions.map((q) => {
      const counts = grams(q.t);
      const gramIds = new Int32Array(counts.size);
      const tf = new Float64Array(counts.size);
      let i = 0;
      for (const [g, c] of counts) {
        let id = this.ids.get(g);
        if (id === undefined) this.ids.set(g, (id = this.ids.size));
        gramIds[i] = id;
        tf[i++] = 1 + Math.log(c);
      }
      return { gramIds, tf };
    });
    const df = new Int32Array(this.ids.size);
    for (const d of docs) for (const id of d.gramIds) df[id]! += 1;
    this.idf = Float64Array.from(df, (f) => Math.log((n + 1) / (f + 1)));
    this.start = new Int32Array(this.ids.size + 1);
    for (let id = 0; id < df.length; id++) this.start[id + 1] = this.start[id]! + df[id]!;
    this.doc = new Int32Array(this.start[df.length]!);
    this.weight = new Float32Array(this.doc.length);
    const fill = this.start.slice(0, df.length);
    // Each entry's questions summed gram by gram, for the length of the sum and each question's share in it.
    const sums = this.entryIds.map(() => new Map<number, number>());
    const unit = docs.map((d, i) => {
      let norm = 0;
      for (let k = 0; k < d.gramIds.length; k++) norm += (d.tf[k]! * this.idf[d.gramIds[k]!]!) ** 2;
      norm = Math.sqrt(norm) || 1;
      const w = new Float64Array(d.gramIds.length);
      const e = this.labelOf[i]!;
      for (let k = 0; k < d.gramIds.length; k++) {
        const id = d.gramIds[k]!;
        const at = fill[id]!++;
        this.doc[at] = i;
        this.weight[at] = w[k] = (d.tf[k]! * this.idf[id]!) / norm;
        if (e >= 0) sums[e]!.set(id, (sums[e]!.get(id) ?? 0) + w[k]!);
      }
      return w;
    });
    this.centroidNorm = Float64Array.from(sums, (m) => Math.sqrt([...m.values()].reduce((a, v) => a + v * v, 0)));
    this.selfDot = Float64Array.from(docs, (d, i) => {
      const e = this.labelOf[i]!;
      if (e < 0) return 0;
      let dot = 0;
      for (let k = 0; k < d.gramIds.length; k++) dot += unit[i]![k]! * (sums[e]!.get(d.gramIds[k]!) ?? 0);
      return dot;
    });
  }

  /**
   * How close the question comes to stored questions of each entry and to those with no answer. A
   * stored question written exactly as this one is left out: it tells what was decided for these very
   * words, not how the words of a new question lean. `asked` holds the kinds of fact the question asks for
   * as bits: an unanswered question that asked for other kinds only ("年票有效期多久" beside "年票多少钱")
   * went unanswered for what this one does not ask, and does not count.
   */
  support(question: string, asked = 0): NeighbourSupport {
    const known: [number, number][] = [];
    let norm = 0;
    for (const [g, c] of grams(question)) {
      const id = this.ids.get(g);
      if (id === undefined || this.idf[id]! <= 0) continue;
      const w = (1 + Math.log(c)) * this.idf[id]!;
      known.push([id, w]);
      norm += w * w;
    }
    const knows = (id: string) => this.answered.has(id);
    if (known.length === 0) return { ...NO_SUPPORT, knows };
    norm = Math.sqrt(norm);
    const scores = this.scores;
    const held = this.held;
    // Only the questions sharing a gram are touched, listed as they are first reached, and cleared after:
    // a turn costs the postings it reads, not the size of the memory.
    const touched: number[] = [];
    const common = Math.max(COMMON_MIN, this.labelOf.length * COMMON_SHARE);
    for (const [id, w] of known) {
      // A gram in many questions (多少, 工会) weighs little and would touch most of them: it counts in the
      // question's length, not in the sums, so a turn reads the rare grams' postings only.
      if (this.start[id + 1]! - this.start[id]! > common) continue;
      for (let at = this.start[id]!; at < this.start[id + 1]!; at++) {
        const doc = this.doc[at]!;
        const stored = this.weight[at]!;
        if (held[doc] === 0) touched.push(doc);
        scores[doc]! += (w / norm) * stored;
        held[doc]! += stored * stored;
      }
    }
    // Entries by number: the closest question of each.
    const best = this.best;
    const sum = this.sum;
    const seen: number[] = [];
    let self: string | undefined;
    let none = 0;
    // The stored question written as this one is left out of its entry's sum as well: its number, or -1.
    let left = -1;
    for (const i of touched) {
      const s = scores[i]!;
      const h = held[i]!;
      scores[i] = 0;
      held[i] = 0;
      if (s <= 0) continue;
      // Only a question this close can be the same words (the common grams left out of the sums weigh little).
      if (s > SAME_WORDS && this.bareTexts[i] !== undefined && this.bareTexts[i] === (self ??= bare(question))) {
        left = i;
        continue;
      }
      const e = this.labelOf[i]!;
      // An unanswered question counts by how much of it this one holds: "成都的年票多少钱" went unanswered
      // for 成都, which "年票多少钱" does not say.
      if (e < 0) {
        const other = this.askMask[i]!;
        if (asked === 0 || other === 0 || (asked & other) !== 0) none = Math.max(none, Math.min(s, h));
        continue;
      }
      if (best[e] === 0) seen.push(e);
      if (s > best[e]!) best[e] = s;
      sum[e]! += s;
    }
    const closest = new Map<string, number>();
    const centroid = new Map<string, number>();
    const leftOf = left >= 0 ? this.labelOf[left]! : -1;
    for (const e of seen) {
      // |C - v|² = |C|² - 2 C·v + 1 for the unit vector v of the question left out.
      const length = e === leftOf ? Math.sqrt(Math.max(0, this.centroidNorm[e]! ** 2 - 2 * this.selfDot[left]! + 1)) : this.centroidNorm[e]!;
      closest.set(this.entryIds[e]!, best[e]!);
      centroid.set(this.entryIds[e]!, length > 0 ? sum[e]! / length : 0);
      best[e] = 0;
      sum[e] = 0;
    }
    return { entry: (id) => closest.get(id) ?? 0, centroid: (id) => centroid.get(id) ?? 0, knows, none };
  }
}

const shipped = shippedModel<{ questions: StoredQuestion[] }>(new URL('./neighbours.json', import.meta.url));

/**
 * The memory for each set of entries in use: the labelled questions and the entries' own phrasings.
 * Keyed by the entries, not the knowledge base: a reloaded base keeps its object and changes its entries.
 */
let memories = new WeakMap<KnowledgeBase['entries'], NeighbourMemory>();

function memoryFor(kb: KnowledgeBase): NeighbourMemory {
  let memory = memories.get(kb.entries);
  if (!memory) {
    const own = kb.entries.flatMap((e) => e.questions.map((q): StoredQuestion => ({ t: normalizeText(q), e: e.id, own: true })));
    memory = new NeighbourMemory([...(shipped.get()?.questions ?? []), ...own], readKinds);
    memories.set(kb.entries, memory);
  }
  return memory;
}

/**
 * Builds the memory for a knowledge base just loaded once the event loop is free, so the first
 * question after a start or a reload does not wait for it (it takes a fraction of a second).
 */
export function prepareNeighbours(kb: KnowledgeBase): void {
  setImmediate(() => memoryFor(kb)).unref();
}

/** How the kinds of fact a stored question asks for are read; set by the answerability module, which knows them. */
let readKinds: (t: string) => number = () => 0;
export function useKindReader(read: (t: string) => number): void {
  readKinds = read;
  memories = new WeakMap();
}

/** A turn weighs its candidates against the same few questions more than once: the last answers are kept. */
const RECENT = 8;
let recent: { memory?: NeighbourMemory; answers: Map<string, NeighbourSupport> } = { answers: new Map() };

/** What earlier questions say of this one, against the knowledge base in use. */
export function neighbourSupport(question: string, kb: KnowledgeBase, asked = 0): NeighbourSupport {
  const memory = memoryFor(kb);
  if (recent.memory !== memory) recent = { memory, answers: new Map() };
  const key = `${asked}:${question}`;
  let support = recent.answers.get(key);
  if (!support) {
    support = memory.support(question, asked);
    if (recent.answers.size >= RECENT) recent.answers.delete(recent.answers.keys().next().value!);
    recent.answers.set(key, support);
  }
  return support;
}

/** Replaces the shipped labelled questions (undefined: none), for the training script that builds them. */
export function useNeighbours(questions: readonly StoredQuestion[] | undefined): void {
  shipped.use(questions ? { questions: [...questions] } : undefined);
  memories = new WeakMap();
}
