/**
 * Compact building blocks of the offline index: integer ids for strings, growable typed arrays,
 * an inverted index laid out in flat arrays, and a bounded heap that keeps the best k. They hold
 * numbers, not objects, so a knowledge base of tens of thousands of entries stays small and
 * quick to collect.
 */

/** Integer ids for index terms, one id space: words by their text, CJK bigrams by their code. */
export class TermIds {
  private readonly words = new Map<string, number>();
  private readonly bigrams = new Map<number, number>();
  size = 0;

  word(word: string): number {
    let id = this.words.get(word);
    if (id === undefined) this.words.set(word, (id = this.size++));
    return id;
  }

  bigram(code: number): number {
    let id = this.bigrams.get(code);
    if (id === undefined) this.bigrams.set(code, (id = this.size++));
    return id;
  }

  /** The id of a word, or -1 if it was never seen. */
  findWord(word: string): number {
    return this.words.get(word) ?? -1;
  }

  /** The id of a bigram, or -1 if it was never seen. */
  findBigram(code: number): number {
    return this.bigrams.get(code) ?? -1;
  }
}

/** How many values one block of an IntList holds (2^15: 128 KB). */
const BLOCK_BITS = 15;
const BLOCK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK - 1;

/**
 * A growable list of 32-bit integers: push while building, then `done()` for an Int32Array of the
 * exact length. It grows by whole blocks and never copies what it holds, so a list of millions
 * allocates its size once, not twice over in doublings (each large allocation can prompt a full
 * collection of a heap that grows with the knowledge base).
 */
export class IntList {
  private readonly blocks: Int32Array[] = [];
  private block = new Int32Array(0);
  private used = 0;
  length = 0;

  push(value: number): void {
    if (this.used === this.block.length) {
      this.block = new Int32Array(BLOCK);
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block[this.used++] = value;
    this.length += 1;
  }

  at(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]![i & BLOCK_MASK]!;
  }

  done(): Int32Array {
    const out = new Int32Array(this.length);
    this.blocks.forEach((b, k) => out.set(k === this.blocks.length - 1 ? b.subarray(0, this.used) : b, k * BLOCK));
    return out;
  }
}

/**
 * An inverted index in flat arrays: the documents holding term t are `docs[start[t]..start[t+1])`,
 * in the order they were added, each with its weight in `weights` at the same position.
 */
export interface Postings {
  start: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

/**
 * Lays out each document's (term, count) pairs, given document by document, term-major: document
 * d's pairs are at docStart[d]..docStart[d+1) of `termOf` and `countOf`. `weightOf` turns a term's
 * document frequency, the document and the count into the weight stored.
 */
export function buildPostings(
  terms: number,
  docStart: Int32Array,
  termOf: IntList,
  countOf: IntList,
  weightOf: (df: number, doc: number, count: number) => number,
): Postings {
  const start = new Int32Array(terms + 1);
  for (let i = 0; i < termOf.length; i++) start[termOf.at(i) + 1]! += 1;
  for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, terms);
  const docs = new Int32Array(termOf.length);
  const weights = new Float64Array(termOf.length);
  for (let doc = 0, i = 0; doc + 1 < docStart.length; doc++) {
    for (const end = docStart[doc + 1]!; i < end; i++) {
      const t = termOf.at(i);
      const at = fill[t]!++;
      docs[at] = doc;
      weights[at] = weightOf(start[t + 1]! - start[t]!, doc, countOf.at(i));
    }
  }
  return { start, docs, weights };
}

/**
 * The k best items by (value descending, then order ascending): the order breaks ties the way a
 * stable sort of the items in that order would. A min-heap on the worst kept item, so offering n
 * items costs n log k, not a sort of all n.
 */
export class TopK {
  private readonly values: Float64Array;
  private readonly orders: Int32Array;
  private readonly items: Int32Array;
  size = 0;

  constructor(readonly k: number) {
    this.values = new Float64Array(k);
    this.orders = new Int32Array(k);
    this.items = new Int32Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  /** Whether (a's value, a's order) ranks below b's. */
  private worse(a: number, b: number): boolean {
    const va = this.values[a]!;
    const vb = this.values[b]!;
    return va < vb || (va === vb && this.orders[a]! > this.orders[b]!);
  }

  offer(item: number, value: number, order: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.put(i, item, value, order);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // Full: the newcomer must beat the worst kept, which sits at the root.
    const v0 = this.values[0]!;
    if (value < v0 || (value === v0 && order > this.orders[0]!)) return;
    this.put(0, item, value, order);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** The kept items, best first. */
  sorted(): { item: number; value: number; order: number }[] {
    return this.kept().sort((a, b) => b.value - a.value || a.order - b.order);
  }

  /** The kept items in the order they were offered in (every order is distinct). */
  inOrder(): { item: number; value: number; order: number }[] {
    return this.kept().sort((a, b) => a.order - b.order);
  }

  private kept(): { item: number; value: number; order: number }[] {
    const out = [];
    for (let i = 0; i < this.size; i++) out.push({ item: this.items[i]!, value: this.values[i]!, order: this.orders[i]! });
    return out;
  }

  private put(i: number, item: number, value: number, order: number): void {
    this.items[i] = item;
    this.values[i] = value;
    this.orders[i] = order;
  }

  private swap(a: number, b: number): void {
    const { items, values, orders } = this;
    const item = items[a]!;
    const value = values[a]!;
    const order = orders[a]!;
    items[a] = items[b]!;
    values[a] = values[b]!;
    orders[a] = orders[b]!;
    items[b] = item;
    values[b] = value;
    orders[b] = order;
  }
}
