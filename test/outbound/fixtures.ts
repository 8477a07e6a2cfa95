import type { Outbound, Platform } from '../../src/core/message.ts';

let n = 0;

/** An outbound message with a fresh dedupeKey unless one is given. */
export function makeOutbound(over: Partial<Outbound> & { text?: string } = {}): Outbound {
  n += 1;
  const { text, ...rest } = over;
  return {
    platform: 'telegram' as Platform,
    chatId: '42',
    dedupeKey: `t-${process.pid}-${n}-${Math.random().toString(36).slice(2, 8)}`,
    reply: { text: text ?? `消息 ${n}`, citations: [], action: 'notice', awaiting: null },
    ...rest,
  };
}

export { maxInWindow, sustainedRate } from '../../src/outbound/measure.ts';
