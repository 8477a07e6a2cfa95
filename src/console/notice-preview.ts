import { NOTICE_LIMITS, noticeText } from '../notices/render.ts';
import type { NoticeDraft } from '../notices/types.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * How a notice will look in a WeChat group and in a Telegram group. Both receive the same plain
 * text; Telegram shows the title line bold and links clickable, WeChat shows text as written.
 */
export function noticePreview(draft: Pick<NoticeDraft, 'title' | 'body' | 'link'>, audienceCount?: number): SafeHtml {
  const text = noticeText(draft);
  const [first, ...rest] = text.split('\n');
  const tooLong = (limit: number) => (text.length > limit ? html`<p class="error">超过 ${limit} 字，会被拆成多条发送。</p>` : '');
  const linked = (line: string): SafeHtml => {
    const parts = line.split(/(https?:\/\/[^\s<>"]+)/);
    return html`${parts.map((p, i) => (i % 2 === 1 ? html`<a href="${p}" rel="noopener noreferrer" target="_blank">${p}</a>` : p))}`;
  };
  return html`${audienceCount === undefined ? '' : html`<p>将发送到 <b id="audience-count">${audienceCount}</b> 个已订阅的群。</p>`}
<div class="previews">
<div class="phone wechat" data-preview="wechat"><div class="head">微信群 · 娘家人</div><div class="bubble">${text}</div>${tooLong(NOTICE_LIMITS.wechat)}</div>
<div class="phone telegram" data-preview="telegram"><div class="head">Telegram 群 · 娘家人</div><div class="bubble"><b>${first ?? ''}</b>${rest.map((line) => html`${linked(line)}\n`)}</div>${tooLong(NOTICE_LIMITS.telegram)}</div>
</div>`;
}
