import { describe, expect, it } from 'vitest';
import type { Update } from 'telegraf/types';
import { toMapped } from '../../src/adapters/telegram/map.ts';

const me = { id: 666, username: 'NiangjiaBot' };
let id = 0;
function message(text: string, over: Record<string, unknown> = {}): Update {
  id += 1;
  return {
    update_id: id,
    message: { message_id: id, date: 1_790_000_000, text, chat: { id: -100, type: 'supergroup', title: '工友群' }, from: { id: 42, is_bot: false, first_name: '小王' }, ...over },
  } as unknown as Update;
}

describe('telegram toMapped', () => {
  it('takes a group @-mention as a turn without the mention, replying to the message', () => {
    const m = toMapped(message('@NiangjiaBot 年票多少钱', { entities: [{ type: 'mention', offset: 0, length: 12 }] }), me);
    expect(m).toMatchObject({ kind: 'turn', inbound: { chatId: '-100', chatType: 'group', senderId: '42', text: '年票多少钱' } });
    expect(m.kind === 'turn' && m.replyTo).toBeTypeOf('number');
  });

  it('ignores plain group chatter and messages from bots', () => {
    expect(toMapped(message('今天几点下班'), me).kind).toBe('ignore');
    expect(toMapped(message('@NiangjiaBot 你好', { from: { id: 9, is_bot: true, first_name: 'x' } }), me).kind).toBe('ignore');
  });

  it('answers a reply to the bot, and maps /ask, /ticket and /status to what the engine reads', () => {
    expect(toMapped(message('那四川呢', { reply_to_message: { from: { id: 666, is_bot: true } } }), me)).toMatchObject({ kind: 'turn', inbound: { text: '那四川呢' } });
    expect(toMapped(message('/ask@NiangjiaBot 年票多少钱'), me)).toMatchObject({ kind: 'turn', inbound: { text: '年票多少钱' } });
    expect(toMapped(message('/status'), me)).toMatchObject({ kind: 'turn', inbound: { text: '我的工单' } });
    expect(toMapped(message('/ticket'), me)).toMatchObject({ kind: 'turn', inbound: { text: '我要登记反映问题' } });
    expect(toMapped(message('/ask@OtherBot 年票'), me).kind).toBe('ignore');
  });

  it('hands /start with its payload, /help and /subscribe to the adapter', () => {
    const start = toMapped(message('/start ticket', { chat: { id: 42, type: 'private' } }), me);
    expect(start).toMatchObject({ kind: 'command', command: 'start', payload: 'ticket', chat: { chatType: 'private' } });
    expect(toMapped(message('/subscribe'), me)).toMatchObject({ kind: 'command', command: 'subscribe', chat: { chatId: '-100', title: '工友群' } });
  });

  it('maps an inline button press to its text in the same chat', () => {
    const u = { update_id: 9, callback_query: { id: 'cb1', from: { id: 42, is_bot: false, first_name: '小王' }, chat_instance: 'x', data: 'qr:确认', message: { message_id: 5, date: 0, chat: { id: 42, type: 'private' } } } } as unknown as Update;
    expect(toMapped(u, me)).toMatchObject({ kind: 'turn', callbackId: 'cb1', inbound: { text: '确认', chatId: '42', chatType: 'private', messageId: 'cb:cb1' } });
  });
});
