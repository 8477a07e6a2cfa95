import type { Citation } from '../core/message.ts';
import { sentences } from './ingest.ts';
import { isPassage, type Hit } from './retriever.ts';
import { inEnglish } from './places.ts';

/**
 * The offline answer: the best entry's answer, the region named when the policy is not
 * Chongqing's or national, and the source. A second entry joins only when it scores almost as
 * well and the whole stays short enough for a phone.
 */

/** Two entries join only when both fit in about what a phone shows without scrolling. */
export const MAX_ANSWER_CHARS = 240;
const HOME_REGIONS = new Set(['重庆', '全国', '重庆市']);

export function citationOf(hit: Hit): Citation {
  const e = hit.entry;
  return { id: e.id, title: e.title, source: e.source, region: e.region, date: e.date };
}

function regionLead(hit: Hit): string {
  const { region, answer } = hit.entry;
  if (HOME_REGIONS.has(region)) return '';
  const short = region.replace(/^(重庆|吉林|山东|江苏|福建|广东)(?=.)/, '');
  return answer.slice(0, 12).includes(short) ? '' : `【${region}】`;
}

/**
 * A passage from an ingested document is not a curated answer: the answer is the sentences that
 * answer the question (the retriever picks them), said to be from the document, its region and date.
 */
export function passageAnswer(hit: Hit): string {
  const e = hit.entry;
  const lines = hit.excerpt?.length ? hit.excerpt : sentences(e.answer.replace(/\n/g, '')).slice(0, 2);
  const where = [e.region, e.date].filter((x) => x && x !== '未注明').join('，');
  return `据《${e.title}》${where ? `（${where}）` : ''}：${lines.join('')}`;
}

export interface ComposeOptions {
  minScore: number;
  /** A region the question names (浙江, 内蒙古…): when the best entry is another region's, the answer says so first. */
  askedRegion?: string;
}

/** "来源：[1] …（重庆，2024）；[2] …": the same line under every answer, offline or composed by the model. */
export function sourceLine(hits: readonly Hit[]): string {
  const sources = hits.map((h, i) => `${hits.length > 1 ? `[${i + 1}] ` : ''}${h.entry.source}（${h.entry.region}，${h.entry.date}）`);
  return `来源：${sources.join('；')}`;
}

export function composeAnswer(hits: readonly Hit[], options: ComposeOptions): { text: string; citations: Citation[] } | undefined {
  const [top, next] = hits;
  if (!top || top.score < options.minScore) return undefined;
  const asked = options.askedRegion;
  const elsewhere = asked && !top.entry.region.includes(asked) ? `我的资料里没有${asked}的这项政策；下面是${top.entry.region}的规定，仅供参考：\n` : '';
  const used = [top];
  if (next && !isPassage(top.entry) && !isPassage(next.entry) && next.entry.id !== top.entry.id && next.score >= top.score * 0.95 && next.entry.topic === top.entry.topic) {
    if (top.entry.answer.length + next.entry.answer.length <= MAX_ANSWER_CHARS) used.push(next);
  }
  const body = used.map((h) => (isPassage(h.entry) ? passageAnswer(h) : `${regionLead(h)}${withoutVerdict(h.entry.answer.trim())}`)).join('\n');
  return { text: `${elsewhere}${body}\n${sourceLine(used)}`, citations: used.map(citationOf) };
}

/**
 * An entry written as the answer to one yes-no question may open with its verdict ("能。", "管。",
 * "是真的。"). The same entry answers other questions too, where a bare verdict would say yes to
 * something not asked; the rule that follows says it in full.
 */
const VERDICT = /^(?:能|不能|有|没有|可以|不可以|管|是|不是|是真的|支持|会|不会)[。！!]\s*/;
const VERDICT_EN = /^yes[:,.!]\s*/i;
function withoutVerdict(answer: string): string {
  const rest = answer.replace(VERDICT, '');
  const english = rest.replace(VERDICT_EN, '');
  return english === rest ? rest : english.charAt(0).toUpperCase() + english.slice(1);
}

/**
 * An answer for a worker who wrote in English: the entry's English answer when it has one,
 * otherwise the Chinese answer said to be Chinese, always with the source and the hotline.
 */
export function composeEnglish(hits: readonly Hit[]): { text: string; citations: Citation[] } | undefined {
  const top = hits[0];
  if (!top) return undefined;
  const e = top.entry as Hit['entry'] & { en?: string };
  const where = HOME_REGIONS.has(e.region) ? '' : ` This is the policy of ${inEnglish(e.region)}, not necessarily yours.`;
  const body = e.en ? `${withoutVerdict(e.en)}${where}` : `My materials say (in Chinese):${where}\n${withoutVerdict(e.answer.trim())}`;
  return { text: `${body}\nSource: ${e.source} (${e.region}, ${e.date}). Questions: union hotline 12351.`, citations: [citationOf(top)] };
}
