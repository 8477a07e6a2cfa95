import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/message.ts';
import { cleanText, hasBadText } from '../../src/core/sanitize.ts';
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

const last = (rs: Reply[]) => rs[rs.length - 1]!;

describe('text with NUL, control characters or lone surrogates', () => {
  it('is cleaned at the door: line ends kept, control characters dropped, a lone surrogate shown as �', () => {
    expect(cleanText('a\u0000b\u0007c\r\nd\u001be\u0085')).toBe('abc\nde');
    expect(cleanText('x\ud800y\udc00z')).toBe('x\ufffdy\ufffdz');
    expect(cleanText('年票😀')).toBe('年票😀');
    expect(hasBadText('年票😀\n\t')).toBe(false);
  });

  it('still lets a worker file a ticket, with the clean text on the ticket', async () => {
    const w = conversation(engine, { senderName: '王\u0000敏\ud800' });
    const r1 = last(await w.say('我在渝北区物流仓库做分拣\u0000 被拖欠两个月工资\ud83d 房租都交不起了\u0007 电话13608382291 帮我登记'));
    expect(r1.awaiting).toBe('name');
    last(await w.say('王敏\u0000'));
    const r3 = last(await w.say('重庆捷运仓储物流\udc00有限公司'));
    expect(r3.awaiting).toBe('confirm');
    const done = last(await w.say('确认\u0000'));
    expect(done.meta?.form).toBe('filed');
    expect(done.text).not.toContain('出了点问题');
    const ticket = await services.tickets.get(done.meta!.ticketNumber!);
    const stored = JSON.stringify(ticket);
    expect(stored).not.toMatch(/\\u0000|\\u0007|\\ud83d|\\udc00|\\ud800/i);
    expect(ticket!.fields.description).toContain('被拖欠两个月工资');
  });
});
