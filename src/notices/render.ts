import type { Reply } from '../core/message.ts';
import type { NoticeDraft } from './types.ts';

/** Longest message each platform takes in one piece (Telegram's API limit; a safe figure for WeChat). */
export const NOTICE_LIMITS = { telegram: 4096, wechat: 2000 } as const;

/** The text a group receives: the same plain text on every platform, so the preview is exact. */
export function noticeText(notice: Pick<NoticeDraft, 'title' | 'body' | 'link'>): string {
  const parts = [`【工会通知】${notice.title}`, notice.body.trim()];
  if (notice.link) parts.push(`详情：${notice.link}`);
  parts.push('有疑问可在群里@我，或拨打职工服务热线 12351。');
  return parts.join('\n\n');
}

/** A notice as an outbound Reply; `meta.source` carries the delivery's dedupe key so the send can be recorded. */
export function noticeReply(notice: Pick<NoticeDraft, 'title' | 'body' | 'link'>, dedupeKey: string): Reply {
  return { text: noticeText(notice), citations: [], action: 'notice', awaiting: null, meta: { source: dedupeKey } };
}
