import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/message.ts';
import { redact } from '../../src/core/redact.ts';
import { formatTime } from '../../src/core/time.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { conversation } from '../fixtures/messages.ts';
import { buildTestServices } from '../fixtures/services.ts';

let services: RunningServices;
let engine: Engine;
beforeAll(async () => {
  services = await buildTestServices();
  engine = createEngine(services);
});
afterAll(async () => {
  await services.close();
});

/** What the worker would type for the field the bot asks for. */
const ANSWERS: Record<string, string> = {
  name: '王敏',
  phone: '我的电话 136 0838 2291',
  employer: '重庆捷运仓储物流有限公司',
  district: '渝北区',
  description: '老板拖了两个月工资没发，五千多块',
};

describe('the ticket transcript is the record', () => {
  it('holds exactly what was typed and what was sent, from just before the form, and nothing of an earlier ticket', async () => {
    const w = conversation(engine);
    const said: { from: 'worker' | 'bot'; text: string }[] = [];
    const say = async (text: string): Promise<Reply[]> => {
      const replies = await w.say(text);
      said.push({ from: 'worker', text }, ...replies.map((r) => ({ from: 'bot' as const, text: r.text })));
      return replies;
    };

    // An earlier ticket of the same worker is rated first: that "5" belongs to it, not to the next one.
    const earlier = await services.desk.file(
      {
        fields: { name: '王敏', phone: '13608382291', employer: '某超市', district: '南岸区', description: '年票景区不认' },
        category: 'annual_pass',
        requestType: 'complaint',
        priority: 'normal',
        urgent: false,
        tier: '一般',
        origin: { platform: 'terminal', chatId: w.base.chatId, senderId: w.base.senderId },
        transcript: [],
        idempotencyKey: `earlier-${w.base.chatId}`,
      },
      'bot',
    );
    if (earlier.status !== 'filed') throw new Error('not filed');
    for (const to of ['in_progress', 'replied', 'follow_up'] as const) await services.desk.transition(earlier.ticket.number, to, 'op1');
    await say('5');
    said.length = 0;

    await say('年票在哪里办呀？？');
    let replies = await say('老板欠我俩月工资了！！一直拖着不给，帮我登记一下嘛');
    for (let i = 0; i < 8 && replies.at(-1)?.awaiting && replies.at(-1)?.awaiting !== 'confirm'; i++) {
      replies = await say(ANSWERS[replies.at(-1)!.awaiting!]!);
    }
    expect(replies.at(-1)?.awaiting).toBe('confirm');
    const filed = (await say('确认')).at(-1)!;
    expect(filed.meta?.form).toBe('filed');

    const ticket = (await services.tickets.get(filed.meta!.ticketNumber!))!;
    // Everything up to and including 确认 (the reply with the ticket number is sent after filing).
    const expected = said.slice(0, -1).map((l) => ({ ...l, text: redact(l.text) }));
    expect(expected.at(-1)).toEqual({ from: 'worker', text: '确认' });
    expect(ticket.transcript.map(({ from, text }) => ({ from, text }))).toEqual(expected);
    expect(ticket.transcript.every((l) => !Number.isNaN(Date.parse(l.at)))).toBe(true);
    expect(ticket.transcript.map((l) => l.text).join('\n')).not.toContain('13608382291');
    expect(ticket.fields.phone).toBe('13608382291');
  });

  it('masks a phone written in the story on the confirmation card, and tells 我的工单 times in the configured zone', async () => {
    const w = conversation(engine);
    let replies = await w.say('我在渝北区一个物流仓库做分拣 被拖欠两个月工资五千多 我电话是136 0838 2291 麻烦帮我登记');
    for (let i = 0; i < 8 && replies.at(-1)?.awaiting && replies.at(-1)?.awaiting !== 'confirm'; i++) {
      replies = await w.say(ANSWERS[replies.at(-1)!.awaiting!]!);
    }
    const card = replies.at(-1)!;
    expect(card.awaiting).toBe('confirm');
    expect(card.text.replace(/[\s-]/g, '')).not.toContain('13608382291');
    expect(card.text).toContain('136****2291');
    const filed = (await w.say('确认')).at(-1)!;
    const ticket = (await services.tickets.get(filed.meta!.ticketNumber!))!;
    const status = (await w.say('我的工单')).at(-1)!;
    expect(status.text).toContain(`更新于 ${formatTime(ticket.updatedAt, 'Asia/Shanghai')}`);
    expect(status.text).not.toContain(ticket.updatedAt.slice(0, 16).replace('T', ' '));
  });
});
