/**
 * The chat commands groups use to (un)subscribe. Adapters and the engine call `noticeCommand`
 * on a message's text and hand the chat to NoticeService when it matches.
 */
export type NoticeCommand = 'subscribe' | 'unsubscribe';

const SUBSCRIBE = /^\s*(?:\/subscribe(?:@\w+)?|订阅通知|订阅工会通知)\s*$/i;
const UNSUBSCRIBE = /^\s*(?:\/unsubscribe(?:@\w+)?|取消订阅|退订通知|取消订阅通知)\s*$/i;

export function noticeCommand(text: string): NoticeCommand | undefined {
  if (SUBSCRIBE.test(text)) return 'subscribe';
  if (UNSUBSCRIBE.test(text)) return 'unsubscribe';
  return undefined;
}
