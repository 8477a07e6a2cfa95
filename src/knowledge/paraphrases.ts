import { readFileSync } from 'node:fs';

/**
 * Words workers and the policies use for the same thing: 开销 and 费用, 娃儿 and 子女, 老婆 and
 * 配偶. One group a line in paraphrases.txt, words apart by spaces, `#` starting a comment. A word
 * of a question is found in an entry that says it with another word of its group, so a worker's
 * own wording is not taken for a matter the knowledge does not hold.
 *
 * A group holds only words that can stand for one another in a question without changing what is
 * asked: 产假 and 陪产假, 辞职 and 辞退, 经济补偿 and 赔偿金 are different matters and never share one.
 */

const NONE: readonly string[] = [];

/** Each word of the text's groups, with the other words of its group. A word in two groups joins both. */
export function parseParaphrases(text: string): Map<string, readonly string[]> {
  const others = new Map<string, Set<string>>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const words = [...new Set(line.toLowerCase().split(/\s+/))];
    if (words.length < 2) continue;
    for (const w of words) {
      const set = others.get(w) ?? new Set<string>();
      for (const o of words) if (o !== w) set.add(o);
      others.set(w, set);
    }
  }
  return new Map([...others].map(([w, set]) => [w, [...set]]));
}

let lexicon: Map<string, readonly string[]> | undefined;

/** The other words of the word's groups; none when it has no paraphrase. */
export function paraphrasesOf(word: string): readonly string[] {
  lexicon ??= parseParaphrases(readFileSync(new URL('./paraphrases.txt', import.meta.url), 'utf8'));
  return lexicon.get(word) ?? NONE;
}
