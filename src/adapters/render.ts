import type { Citation, Reply } from '../core/message.ts';
import { redact } from '../core/redact.ts';
import type { Capabilities } from './channel.ts';

/** A reply as a platform sends it: one or more text messages, plus buttons where it has them. */
export interface Rendered {
  parts: string[];
  /** Quick replies to show as buttons (empty when the platform has none: they are numbered in the text). */
  buttons: string[];
}

const SENTENCE_END = /[。！？!?；;…\n]/;

/** "来源：[1] 标题（重庆，2026-03-01）" - the same on every platform, so a worker can look the source up. */
export function citationFooter(citations: readonly Citation[]): string {
  if (citations.length === 0) return '';
  const items = citations.map((c, i) => {
    const where = [c.region, c.date].filter(Boolean).join('，');
    return `[${i + 1}] ${c.title}${where ? `（${where}）` : ''}`;
  });
  return `来源：${items.join('；')}`;
}

/**
 * Splits text into pieces of at most `maxLength` characters, at sentence ends where it can, at
 * commas next, and mid-sentence only when one sentence alone is too long.
 */
export function splitText(text: string, maxLength: number): string[] {
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text.trim() ? [text] : [];
  const parts: string[] = [];
  let start = 0;
  while (chars.length - start > maxLength) {
    const end = start + maxLength;
    let cut = lastIndexMatching(chars, start, end, SENTENCE_END);
    if (cut < 0) cut = lastIndexMatching(chars, start, end, /[，,、：:\s]/);
    const stop = cut < 0 ? end : cut + 1;
    const piece = chars.slice(start, stop).join('').trim();
    if (piece) parts.push(piece);
    start = stop;
  }
  const rest = chars.slice(start).join('').trim();
  if (rest) parts.push(rest);
  return parts;
}

function lastIndexMatching(chars: string[], from: number, to: number, re: RegExp): number {
  for (let i = to - 1; i > from; i--) if (re.test(chars[i]!)) return i;
  return -1;
}

/** The last guard before a group chat: a phone or ID number is masked whatever produced the text. */
export function safeForGroup(text: string): string {
  return redact(text);
}

/**
 * Turns a Reply into what a platform can show: the citation footer, quick replies as numbered
 * lines when there are no buttons, and pieces no longer than the platform's limit.
 */
export function renderReply(reply: Reply, caps: Capabilities, options: { group?: boolean } = {}): Rendered {
  const blocks = [reply.text.trim()];
  const quick = reply.quickReplies ?? [];
  if (quick.length > 0 && !caps.buttons) blocks.push(quick.map((q, i) => `${i + 1}. ${q}`).join('\n'));
  // Answers composed by the engine already end with their source line.
  const footer = reply.text.includes('来源：') ? '' : citationFooter(reply.citations);
  if (footer) blocks.push(footer);
  let text = blocks.filter(Boolean).join('\n\n');
  if (options.group) text = safeForGroup(text);
  return { parts: splitText(text, caps.maxLength), buttons: caps.buttons ? quick : [] };
}
