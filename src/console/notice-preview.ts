import { NOTICE_LIMITS, noticeText } from '../notices/render.ts';
import type { NoticeDraft } from '../notices/types.ts';
import { NO_AUDIENCE } from '../notices/service.ts';
import { html, type SafeHtml } from './html.ts';
import { PLATFORM_LABEL } from './labels.ts';

/** Subscribed groups a notice would reach, per platform. */
export type AudienceByPlatform = Partial<Record<string, number>>;

export function audienceTotal(byPlatform: AudienceByPlatform): number {
  return Object.values(byPlatform).reduce<number>((a, b) => a + (b ?? 0), 0);
}

/** 微信 2 个、Telegram 1 个 */
function platformCounts(byPlatform: AudienceByPlatform): string {
  const order = (p: string) => (p === 'wechat' ? 0 : p === 'telegram' ? 1 : 2);
  return Object.entries(byPlatform)
    .filter(([, n]) => n)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([p, n]) => `${PLATFORM_LABEL[p] ?? p} ${n} 个`)
    .join('、');
}

/** 3 个群（微信 2 个、Telegram 1 个） */
export function audienceSentence(byPlatform: AudienceByPlatform): string {
  const total = audienceTotal(byPlatform);
  return total === 0 ? '0 个群' : `${total} 个群（${platformCounts(byPlatform)}）`;
}

/** The question asked before 立即发送: exactly who will receive it. */
export function sendConfirmation(byPlatform: AudienceByPlatform): string {
  return audienceTotal(byPlatform) === 0 ? NO_AUDIENCE : `立即发送到 ${audienceSentence(byPlatform)}，发出后不能撤回。确定发送吗？`;
}

/**
 * How a notice will look in a WeChat group and in a Telegram group. Both receive the same plain
 * text; Telegram shows the title line bold and links clickable, WeChat shows text as written.
 */
export function noticePreview(draft: Pick<NoticeDraft, 'title' | 'body' | 'link'>, byPlatform?: AudienceByPlatform): SafeHtml {
  const text = noticeText(draft);
  const [first, ...rest] = text.split('\n');
  const tooLong = (limit: number) => (text.length > limit ? html`<p class="error">超过 ${limit} 字，会被拆成多条发送。</p>` : '');
  const linked = (line: string): SafeHtml => {
    const parts = line.split(/(https?:\/\/[^\s<>"]+)/);
    return html`${parts.map((p, i) => (i % 2 === 1 ? html`<a href="${p}" rel="noopener noreferrer" target="_blank">${p}</a>` : p))}`;
  };
  const reach = byPlatform === undefined
    ? ''
    : audienceTotal(byPlatform) === 0
      ? html`<p class="error" id="audience-none">将发送到 <b id="audience-count">0</b> 个群：${NO_AUDIENCE}</p>`
      : html`<p>将发送到 <b id="audience-count">${audienceTotal(byPlatform)}</b> 个已订阅的群（<span id="audience-platforms">${platformCounts(byPlatform)}</span>）。</p>`;
  return html`${reach}
<div class="previews">
<div class="phone wechat" data-preview="wechat"><div class="head">微信群 · 娘家人</div><div class="bubble">${text}</div>${tooLong(NOTICE_LIMITS.wechat)}</div>
<div class="phone telegram" data-preview="telegram"><div class="head">Telegram 群 · 娘家人</div><div class="bubble"><b>${first ?? ''}</b>${rest.map((line) => html`${linked(line)}\n`)}</div>${tooLong(NOTICE_LIMITS.telegram)}</div>
</div>`;
}
