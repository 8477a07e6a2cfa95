import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

/**
 * Chinese-aware tokens for retrieval: jieba's search-mode words (it keeps domain nouns such
 * as 年票, 包工头 and 疗休养 whole, measured against Intl.Segmenter) plus character bigrams, so
 * a typo or an unseen compound still overlaps. Latin words and numbers pass through.
 */

const DOMAIN_WORDS = [
  '工会', '年票', '文旅年票', '工会文旅年票', '百万职工游巴蜀', '巴蜀', '疗休养', '淡季', '送温暖', '困难职工', '帮扶',
  '医疗互助', '互助保障', '大病救助', '临时救助', '工会驿站', '渝工港湾', '职工之家', '爱心妈咪小屋', '托管班',
  '夏令营', '欠薪', '讨薪', '包工头', '劳动仲裁', '法律援助', '劳动争议', '新就业形态', '外卖员', '快递员', '网约车',
  '职业伤害保障', '十件实事', '会费', '消费券', '春秋游', '观演', '观展', '安康杯', '集体协商', '普法', '工匠学院',
  '送清凉', '两节', '12351', '入会', '建会', '疗养院', '产业工人', '劳模', '工匠', '职工服务', '困难帮扶',
];

/**
 * jieba's own dictionary, read here rather than through `@node-rs/jieba/dict.js`: that module also
 * reads the 6 MB IDF table, which retrieval never uses, and keeps both buffers for the life of the
 * process. Read here, the 5 MB text is garbage once the segmenter has built its trie from it.
 */
function jiebaDictionary(): Buffer {
  return readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
}

let jieba: Jieba | undefined;
function segmenter(extraWords: readonly string[] = []): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(jiebaDictionary());
    jieba.loadDict(new TextEncoder().encode(DOMAIN_WORDS.map((w) => `${w} 2000 n`).join('\n')));
  }
  if (extraWords.length) jieba.loadDict(new TextEncoder().encode(extraWords.map((w) => `${w} 500 n`).join('\n')));
  return jieba;
}

/** The segmenter that knows the domain's words and those the knowledge base taught it. */
export function domainSegmenter(): Jieba {
  return segmenter();
}

/** Teaches the segmenter words from the knowledge base (tags, titles) once at index build. */
export function addWords(words: readonly string[]): void {
  const clean = [...new Set(words.filter((w) => /^[\u4e00-\u9fa5]{2,10}$/.test(w)))];
  segmenter(clean);
}

const STOP = new Set(
  '的 了 吗 呢 啊 吧 呀 哦 嘛 哈 么 噻 撒 嗯 我 你 他 她 它 我们 你们 他们 是 有 在 和 与 就 都 也 还 又 要 会 能 可以 这 那 这个 那个 哪个 什么 啥 啥子 怎么 咋 咋个 怎样 如何 多少 好多 几 一 一个 个 请问 请 问 想 想问 知道 一下 下 给 把 被 让 对 从 到 去 来 说 看 吧 不 没 没有 莫得 得 着 过 里 上 中 等 及 或 而 但 如果 因为 所以 可 嗯嗯 hello hi the a an is are to of and or in on for what how'.split(
    ' ',
  ),
);

const CJK_RUN = /[\u4e00-\u9fa5]+/g;
/** Function characters: a bigram made only of these carries no topic (怎么, 是不, 那个). */
const FUNCTION_CHARS = new Set([...'好现的了吗呢啊吧呀哦嘛么噻撒嗯我你他她它们是有在和就都也还又要会能可这那哪个什啥怎咋样多少几一请问想知道下给把被让对从到去来说看不没得着过里上中等及或而但如果因为所以嗦哈喃诶嘞咯']);
/** The same characters as a table by UTF-16 code, so a bigram is checked without making strings. */
const IS_FUNCTION_CHAR = new Uint8Array(0x10000);
for (const c of FUNCTION_CHARS) IS_FUNCTION_CHAR[c.charCodeAt(0)] = 1;
/** Whether the bigram at `i` of a CJK run (one UTF-16 unit per character) is made only of function characters. */
function isFunctionBigram(run: string, i: number): boolean {
  return IS_FUNCTION_CHAR[run.charCodeAt(i)] === 1 && IS_FUNCTION_CHAR[run.charCodeAt(i + 1)] === 1;
}
const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fa5;
const isHan = (c: number) => c >= HAN_FIRST && c <= HAN_LAST;
/** One character of the CJK range the runs are made of. */
function isSingleHan(word: string): boolean {
  return word.length === 1 && isHan(word.charCodeAt(0));
}
const LATIN_NUM = /[a-z]+|\d+(?:\.\d+)?/g;
/** A letter or a digit somewhere in a word: what makes it more than punctuation. */
const HAS_LETTER = /[\p{L}\p{N}]/u;

/**
 * A CJK bigram as a number: the two characters' places in the range, which stays a small integer.
 * The index keys bigrams by it, so building it makes no string per bigram.
 */
function bigramCode(text: string, i: number): number {
  return (text.charCodeAt(i) - HAN_FIRST) * (HAN_LAST - HAN_FIRST + 1) + (text.charCodeAt(i + 1) - HAN_FIRST);
}

/** The bigram a code stands for, as tokenize spells it: '#' and the two characters. */
export function bigramToken(code: number): string {
  const span = HAN_LAST - HAN_FIRST + 1;
  return `#${String.fromCharCode(HAN_FIRST + Math.floor(code / span), HAN_FIRST + (code % span))}`;
}

/**
 * The tokens of `text`, in tokenize's order: jieba's words, the character bigrams, then Latin words
 * and numbers. A bigram is given by its code (a word that spells one, '#' and two characters, too),
 * so the same token always arrives the same way.
 */
export function forEachToken(text: string, onWord: (word: string) => void, onBigram: (code: number) => void): void {
  const t = text.toLowerCase();
  for (const w of segmenter().cutForSearch(t, true)) {
    const word = w.trim();
    if (!word || STOP.has(word) || !HAS_LETTER.test(word)) continue;
    if (isSingleHan(word)) continue; // single characters are covered by bigrams
    if (word.length === 3 && word[0] === '#' && isHan(word.charCodeAt(1)) && isHan(word.charCodeAt(2))) onBigram(bigramCode(word, 1));
    else onWord(word);
  }
  for (const run of t.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) if (!isFunctionBigram(run, i)) onBigram(bigramCode(run, i));
  }
  for (const m of t.match(LATIN_NUM) ?? []) if (!STOP.has(m)) onWord(m);
}

/** Retrieval tokens: jieba's words, '#'-marked character bigrams, Latin words and numbers. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachToken(
    text,
    (word) => out.push(word),
    (code) => out.push(bigramToken(code)),
  );
  return out;
}

/**
 * The grams phrasing similarity compares, in bigramSet's order and with its repeats: each CJK
 * bigram but those of function characters alone, by its code; a lone CJK character that is no
 * function character, and the Latin words and numbers, as text.
 */
export function forEachGram(text: string, onBigram: (code: number) => void, onOther: (gram: string) => void): void {
  const t = text.toLowerCase();
  for (const run of t.match(CJK_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) if (!isFunctionBigram(run, i)) onBigram(bigramCode(run, i));
    if (run.length === 1 && !FUNCTION_CHARS.has(run)) onOther(run);
  }
  for (const m of t.match(LATIN_NUM) ?? []) onOther(m);
}

/** Character bigrams of the CJK runs, as a set, for phrasing similarity. */
export function bigramSet(text: string): Set<string> {
  const s = new Set<string>();
  forEachGram(
    text,
    (code) => s.add(bigramToken(code).slice(1)),
    (gram) => s.add(gram),
  );
  return s;
}
