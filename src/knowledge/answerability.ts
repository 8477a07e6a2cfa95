import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from './base.ts';
import { askedPlaces, covers, placeLabel, type Place } from './places.ts';
import type { Hit } from './retriever.ts';
import { domainSegmenter } from './tokenize.ts';

/**
 * Whether the chosen knowledge answers what was asked. Retrieval finds the entry most like the
 * question; that is not the same as an entry that answers it ("工会每月扣多少会费" is most like the
 * entry on buying passes with 会费). Three questions decide it, and each is evidence the policy reads:
 * - the kind of fact asked (amount, duration, count, date, eligibility, procedure, place, who)
 *   and whether the entry states a fact of that kind;
 * - whether the things asked about (会费, 工伤, 有效期, 退票) are what the entry is about;
 * - whether the place asked about is one the entry's region covers.
 * A small logistic model, trained by `scripts/train-answerability.ts` on labelled questions,
 * turns the evidence into one calibrated probability that an answer from this entry is right.
 */

export const FACT_KINDS = ['amount', 'duration', 'count', 'date', 'eligibility', 'procedure', 'place', 'who'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const FACT_KIND_LABEL: Record<FactKind, string> = {
  amount: '金额标准',
  duration: '时间期限',
  count: '次数名额',
  date: '具体日期',
  eligibility: '适用条件',
  procedure: '办理流程',
  place: '具体地点',
  who: '负责部门',
};

const ASKED: [FactKind, RegExp][] = [
  ['amount', /多少钱|好多钱|几块|几多钱|多少元|金额|多少补|补(贴|助|偿)?(多少|好多)|报销?(多少|好多|几成|比例)|赔(多少|好多)|给(多少|好多)|发(多少|好多)|扣(多少|好多)|交(多少|好多)|价格|价钱|费用|收费|要钱|花钱|贵不贵|免费|标准是|how much|cost|price|fee/i],
  ['duration', /多久|多长时间|好久|几天|多少天|几个月|多少个月|多少年|几年|期限|有效期|时效|时限|how long/i],
  ['count', /几次|多少次|好多次|多少人|几个人|名额|几家|多少个|多少家/],
  ['date', /什么时候|啥时候|哪天|几号|几月|截止|哪一年|when\b/i],
  ['eligibility', /能不能|可不可以|可以不|有没有资格|符合|条件|资格|谁能|哪些人|能.{0,10}(吗|不|么)$|算不算|是不是|属不属于|有没有|有莫得|有没得|eligible|\bcan i\b|\bam i\b/i],
  ['procedure', /怎么|咋个?(申请|办|弄|报名|领|买|用|整|搞)|如何|流程|手续|材料|步骤|去哪(里|儿)?(办|申请|领|买)|\bhow\b/i],
  ['place', /在哪|哪里|地址|地点|哪儿|哪些(地方|景区|景点)|\bwhere\b/i],
  ['who', /找谁|谁管|哪个部门|谁负责|谁出|谁来|谁给|\bwho\b/i],
];

const CN_NUM = '[零一二两三四五六七八九十百千万半]';
const STATED: [FactKind, RegExp][] = [
  ['amount', new RegExp(`\\d[\\d.,]*\\s*(元|块|万|亿|%|倍)|${CN_NUM}+(元|块|万元|倍|成)|免费|不收费|不要钱|自费|费用由|工资的|月工资|全额`)],
  ['duration', new RegExp(`\\d+\\s*(天|日|个月|月|年|小时|周|工作日)|${CN_NUM}+(天|日|个月|年|周)|期限|有效期|当年|全年|每年|长期`)],
  ['count', new RegExp(`\\d+\\s*(次|人|个|家|名|场|项|批)|${CN_NUM}+(次|项|个|家|批|名)`)],
  ['date', /\d+月\d*日?|\d{4}年|年底|年初|春节|元旦|截至|截止|起|之前|以前/],
  ['eligibility', /可以|能|符合|属于|适用|面向|针对|对象|条件|会员|职工|困难|不能|不得|不属于|应当|均可|都可/],
  ['procedure', /申请|拨打|登录|小程序|携带|提交|材料|流程|报名|办理|联系|扫码|APP|app|公众号|向.{1,12}(申请|提出|反映)|找|先|再/],
  ['place', /地址|位于|在.{1,14}(路|街|号|区|县|楼|站|点|馆)|驿站|景区|景点|场馆|网点|服务站|阵地|基地/],
  ['who', /工会|单位|部门|负责|承担|出资|由|用人单位|人社|社保/],
];

/** The kinds of fact a question asks for; none when it asks generally ("年票是啥"). */
export function askedKinds(question: string): FactKind[] {
  return ASKED.filter(([, re]) => re.test(question)).map(([k]) => k);
}

const statedCache = new WeakMap<object, Set<FactKind>>();
/** The kinds of fact an entry's answer states. */
export function statedKinds(entry: Hit['entry']): Set<FactKind> {
  let kinds = statedCache.get(entry);
  if (!kinds) {
    const text = `${entry.answer} ${entry.keyFacts.join(' ')}`;
    kinds = new Set(STATED.filter(([, re]) => re.test(text)).map(([k]) => k));
    statedCache.set(entry, kinds);
  }
  return kinds;
}

/** Words that name no subject of their own: the union itself, workers, asking, doing. */
const GENERIC = new Set(
  '真的假 真的假的 真的 假的 只能 到底 有没有 有没得 没得 莫得 有莫得 不能 能用 算不算 好多钱 多少钱 几块钱 哪些地方 一般 专门 到底 一样 是不是 能不能 可不可以 行不行 要不要 还能 怎么样 咋样 为什么 为啥 工会 公会 总工会 职工 员工 工人 会员 大家 问题 事情 事儿 情况 政策 规定 东西 时候 现在 今年 明年 去年 单位 公司 地方 这边 那边 朋友 同事 老板 娘家人 小娘 意思 办法 咨询 请问 知道 了解 申请 办理 怎么办 需要 可以 能够 应该 觉得 感觉 希望 还有 是否 多少 一下 问问 问下 谢谢 麻烦 帮忙 服务 相关 具体 详细 一般 情况 有关 方面 福利 活动 内容 信息 消息 通知 文件 规定 标准 条件 流程 材料 手续 时间 费用 价格 钱 元 块 天 年 月 次 人'.split(
    ' ',
  ),
);
/** Light verbs carry no subject: 是, 有, 要, 搞, 弄 … */
const LIGHT_VERB = /^(是|有|要|想|能|会|去|来|做|搞|弄|整|办|问|说|看|给|用|找|拿|得|让|把|被|算|叫|请|帮|没|在|到|走|干|讲|听|问问|告诉|发|出|上|下|过|开|打|报|交|领|买|能够|可以|应该|需要|觉得|知道|了解|咨询|申请|办理|希望|包括|属于|进行|提供|享受|参加|参与)$/;
const SUBJECT_TAGS = new Set(['n', 'nz', 'vn', 'nt', 'nw', 'eng', 'an', 'v', 'i', 'l', 'j']);


/** The words that say what a question is about: nouns and content verbs, without the generic ones. */
export function subjectWords(question: string): string[] {
  const out: string[] = [];
  for (const { word, tag } of domainSegmenter().tag(question.toLowerCase(), true)) {
    const w = word.trim();
    if (!w || !SUBJECT_TAGS.has(tag) || GENERIC.has(w) || LIGHT_VERB.test(w)) continue;
    if (tag === 'eng' && w.length < 3) continue;
    if (tag === 'v' && [...w].length < 2 && !/^[退换补续转扣停断辞开罚赔伤病]$/.test(w)) continue;
    if (/^\d/.test(w)) continue;
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

interface KbStats {
  n: number;
  texts: Map<string, string>;
  df: Map<string, number>;
}
const statsCache = new WeakMap<object, KbStats>();
// Keyed by the entries array, which a reload replaces: the statistics follow the knowledge in force.

function aboutText(e: Hit['entry']): string {
  return `${e.title} ${e.tags.join(' ')} ${e.questions.join(' ')} ${e.keyFacts.join(' ')} ${e.answer}`.toLowerCase();
}

function statsOf(kb: KnowledgeBase): KbStats {
  let s = statsCache.get(kb.entries);
  if (!s) {
    s = { n: kb.entries.length, texts: new Map(), df: new Map() };
    for (const e of kb.entries) s.texts.set(e.id, aboutText(e));
    statsCache.set(kb.entries, s);
  }
  return s;
}

function textOf(stats: KbStats, e: Hit['entry']): string {
  let t = stats.texts.get(e.id);
  if (t === undefined) stats.texts.set(e.id, (t = aboutText(e)));
  return t;
}

/** How informative a word is across the knowledge base: rare words name subjects, common ones do not. */
function weightOf(stats: KbStats, word: string): number {
  let df = stats.df.get(word);
  if (df === undefined) {
    df = 0;
    for (const t of stats.texts.values()) if (t.includes(word)) df += 1;
    stats.df.set(word, df);
  }
  return Math.log(1 + stats.n / (df + 1));
}

/** 1 when the text holds the word, ½ when it holds most of its character pairs (有效期 ~ 有效), else 0. */
function presence(text: string, word: string): number {
  if (text.includes(word)) return 1;
  const chars = [...word];
  if (chars.length < 3) return 0;
  let hits = 0;
  for (let i = 0; i + 1 < chars.length; i++) if (text.includes(chars[i]! + chars[i + 1]!)) hits += 1;
  return hits / (chars.length - 1) >= 0.5 ? 0.5 : 0;
}

export interface Assessment {
  hit: Hit;
  kinds: { asked: FactKind[]; stated: FactKind[]; missing: FactKind[] };
  /** Share of the question's subject weight the entry covers (1 when the question names none). */
  coverage: number;
  /** Subject words the entry does not hold, most informative first. */
  missing: string[];
  /** Share of subject weight that no entry of the knowledge base holds at all. */
  unknown: number;
  /** Share of the weight of the asking clause's subjects the entry covers ("有效期是好久" → 有效期). */
  focus: number;
  /** The weight of the most informative subject the entry lacks, relative to the rarest possible word. */
  missMax: number;
  /** Share of the asking clause's subject weight that no entry holds at all (年龄限制, 换届选举). */
  focusUnknown: number;
  place: { asked?: Place; ok: boolean };
  /** The question quotes a figure the entry states ("看到说能拿6万"): it asks about this very entry, wherever it applies. */
  cites: boolean;
  /** Calibrated probability that answering with this entry answers the question. */
  p: number;
}

export interface AssessContext {
  kb: KnowledgeBase;
  /** A comparison across places ("各地", "别的省") accepts an entry for any place named. */
  compare?: boolean;
  /** The places asked about; read from the question when not given. */
  places?: Place[];
}

const COMPARE = /各地|各省|别的(省|市|地方)|其他(省|市|地方)|外地|对比|比较|compare/;

export function asksComparison(question: string): boolean {
  return COMPARE.test(question);
}

/**
 * The evidence for each candidate entry. What the question asks (its subjects and their weights,
 * the asking clause, the kinds of fact, the place) is read once; each entry is then held against it.
 */
export function assessAll(question: string, hits: readonly Hit[], ctx: AssessContext): Assessment[] {
  const stats = statsOf(ctx.kb);
  const subjects = subjectWords(question).map((w) => ({ w, weight: weightOf(stats, w), unknown: (stats.df.get(w) ?? 0) === 0 }));
  const focusWords = new Set(subjectWords(focusClause(question)));
  const maxWeight = Math.log(1 + stats.n);
  const asked = askedKinds(question);
  const places = ctx.places ?? askedPlaces(question);
  return hits.map((hit) => {
    const text = textOf(stats, hit.entry);
    let total = 0;
    let covered = 0;
    let unknownWeight = 0;
    let focusTotal = 0;
    let focusCovered = 0;
    let focusUnknown = 0;
    const missing: { w: string; weight: number }[] = [];
    for (const s of subjects) {
      const got = presence(text, s.w);
      total += s.weight;
      covered += got * s.weight;
      if (got < 1) missing.push(s);
      if (s.unknown) unknownWeight += s.weight;
      if (!focusWords.has(s.w)) continue;
      focusTotal += s.weight;
      focusCovered += got * s.weight;
      if (s.unknown) focusUnknown += s.weight;
    }
    const stated = statedKinds(hit.entry);
    // Every place asked about must be one the entry covers ("上海的跟重庆一样不" is not answered by 重庆's rule alone).
    const uncovered = places.find((p) => !covers(hit.entry.region, p));
    const placeOk = !uncovered || (Boolean(ctx.compare) && places.some((p) => covers(hit.entry.region, p)));
    const place = uncovered ?? places.at(-1);
    const a: Omit<Assessment, 'p'> = {
      hit,
      kinds: { asked, stated: [...stated], missing: asked.filter((k) => !stated.has(k)) },
      coverage: total > 0 ? covered / total : 1,
      missing: missing.sort((x, y) => y.weight - x.weight).map((m) => m.w),
      unknown: total > 0 ? unknownWeight / total : 0,
      focus: focusTotal > 0 ? focusCovered / focusTotal : total > 0 ? covered / total : 1,
      focusUnknown: focusTotal > 0 ? focusUnknown / focusTotal : 0,
      missMax: missing.length ? Math.max(...missing.map((m) => m.weight)) / maxWeight : 0,
      place: { ...(place ? { asked: place } : {}), ok: placeOk },
      cites: citesFigure(question, text),
    };
    return { ...a, p: probability(features(a, question)) };
  });
}

const ASKING = /真的假的|真的吗|是真的|对不对|多少|好多|几|多久|好久|啥|什么|怎么|咋|如何|哪|能不能|可不可以|可以不|能.{0,8}(吗|不|么)|是不是|有没有|有没得|算不算|要不要|吗|么|[?？]|\b(how|what|when|where|who|can|does|is|are)\b/i;
/** The clause that asks: the subjects there are what the answer must be about. */
export function focusClause(question: string): string {
  const clauses = question.split(/[，,。.！!；;\n]|\s+/).filter((c) => c.trim());
  const asking = clauses.filter((c) => ASKING.test(c));
  return (asking.length ? asking : clauses).join(' ');
}

const FIGURE = /\d+(?:\.\d+)?\s*(?:万|千|百|元|块|天|%|人次|人)?/g;
function citesFigure(question: string, entryText: string): boolean {
  return (question.match(FIGURE) ?? []).some((f) => /\d{2,}|\d[万千百元块天%]/.test(f) && entryText.includes(f.replace(/\s+/g, '')));
}

/**
 * The evidence as numbers, in the order of the model's weights. The place is not among them: a
 * place the entry does not cover is a rule of the policy, not a matter of degree.
 */
export function features(a: Omit<Assessment, 'p'>, question: string): number[] {
  const kindsOk = a.kinds.asked.length === 0 ? 1 : 1 - a.kinds.missing.length / a.kinds.asked.length;
  // In a long message the story around the question is not what must be covered: the asking clause is.
  const long = [...question].length > LONG_MESSAGE;
  const coverage = long ? a.focus : a.coverage;
  const unknown = long ? a.focusUnknown : a.unknown;
  return [a.hit.score, coverage, unknown, kindsOk, Math.log(1 + [...question].length) / 6, a.kinds.asked.length === 0 ? 1 : 0, a.cites ? 1 : 0, a.focus, a.missMax];
}

/** Messages longer than this tell a story around their question. */
export const LONG_MESSAGE = 40;

export const FEATURE_NAMES = ['score', 'coverage', 'unknown', 'kindsOk', 'length', 'general', 'cites', 'focus', 'missMax'] as const;

/** Logistic weights [bias, ...features]; written by scripts/train-answerability.ts. */
const WEIGHTS = JSON.parse(readFileSync(new URL('./answerability.weights.json', import.meta.url), 'utf8')) as { features: string[]; weights: number[] };

function probability(x: number[]): number {
  const w = WEIGHTS.weights;
  let z = w[0] ?? 0;
  for (let i = 0; i < x.length; i++) z += (w[i + 1] ?? 0) * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

export { placeLabel };
