import { describe, expect, it } from 'vitest';
import { stripMentions, stripWakeWord, toInbound, type WechatFacts } from '../../src/adapters/wechat/map.ts';

const facts = (over: Partial<WechatFacts>): WechatFacts => ({
  messageId: 'm1',
  text: '年票多少钱',
  talkerId: 'wxid_alice',
  talkerName: 'Alice',
  mentionSelf: false,
  botNames: ['娘家人'],
  wakeWords: ['娘家人', '小娘'],
  receivedAt: new Date('2026-11-22T08:00:00Z'),
  ...over,
});

describe('wechat toInbound', () => {
  it('maps a private message to a private Inbound on the talker', () => {
    expect(toInbound(facts({}))).toMatchObject({
      platform: 'wechat', chatId: 'wxid_alice', chatType: 'private', senderId: 'wxid_alice', text: '年票多少钱', messageId: 'm1',
    });
  });

  it('answers a room message that mentions the bot in the text only, with the U+2005 space', () => {
    const m = toInbound(facts({ roomId: 'r1@chatroom', text: '@娘家人\u2005年票多少钱' }));
    expect(m).toMatchObject({ chatId: 'r1@chatroom', chatType: 'group', text: '年票多少钱', mentionsBot: true });
  });

  it('recognises the bot by its room alias too', () => {
    const m = toInbound(facts({ roomId: 'r1@chatroom', text: '年票多少钱 @工会小助手', botNames: ['娘家人', '工会小助手'] }));
    expect(m?.text).toBe('年票多少钱');
  });

  it('answers a room message that starts with a wake word, without the wake word', () => {
    expect(toInbound(facts({ roomId: 'r1@chatroom', text: '小娘，疗休养有几天？' }))?.text).toBe('疗休养有几天？');
  });

  it('ignores room chatter that does not address the bot', () => {
    expect(toInbound(facts({ roomId: 'r1@chatroom', text: '今天食堂吃什么' }))).toBeUndefined();
    expect(toInbound(facts({ roomId: 'r1@chatroom', text: '@娘家人的朋友 你好' }))).toBeUndefined();
  });

  it('trusts a mention the puppet reported', () => {
    expect(toInbound(facts({ roomId: 'r1@chatroom', text: '年票多少钱', mentionSelf: true }))?.chatType).toBe('group');
  });
});

describe('mention and wake-word stripping', () => {
  it('strips every mention of any bot name and collapses spaces', () => {
    expect(stripMentions('@娘家人 @娘家人\u2005在吗', ['娘家人'])).toEqual({ text: '在吗', found: true });
    expect(stripMentions('在吗', ['娘家人'])).toEqual({ text: '在吗', found: false });
  });

  it('takes the longest wake word first', () => {
    expect(stripWakeWord('娘家人小娘 你好', ['娘家人', '娘家人小娘']).text).toBe('你好');
  });
});
