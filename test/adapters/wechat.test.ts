import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { containsPhone } from '../../src/core/redact.ts';
import { silentLogger } from '../../src/log.ts';
import { createMemoryOutbound } from '../../src/outbound/index.ts';
import { startWechat, type WechatHandle } from '../../src/adapters/wechat/index.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestEngine } from '../fixtures/services.ts';

/**
 * The real wechaty stack on wechaty-puppet-mock, answering with the real engine. The mock side
 * plays the workers: they write into a room or a private chat, and we read what the bot said there.
 */
describe('WeChat adapter on wechaty with the mock puppet', () => {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const outbound = createMemoryOutbound({ log: silentLogger(), pacing: { wechat: { global: { limit: 1, windowMs: 10 } } } });
  let wechat: WechatHandle;
  let services: RunningServices;
  let engine: Engine;
  let me: mock.ContactMock;
  let alice: mock.ContactMock;
  let bob: mock.ContactMock;
  let room: mock.RoomMock;
  const roomLog: { from: string; text: string }[] = [];
  const privateLog = new Map<string, string[]>();
  const handled: string[] = [];
  const qrPrinted: { drawing: string; url: string }[] = [];

  beforeAll(async () => {
    ({ engine, services } = await buildTestEngine());
    wechat = await startWechat({
      puppet,
      botName: '娘家人',
      wakeWords: ['娘家人', '小娘'],
      handle: async (msg) => {
        handled.push(msg.text);
        return engine.handle(msg);
      },
      outbound,
      log: silentLogger(),
      printQr: (drawing, url) => qrPrinted.push({ drawing, url }),
    });
    await outbound.start();
    me = mocker.createContact({ name: '娘家人' });
    const loggedIn = new Promise((r) => wechat.bot.once('login', r));
    mocker.login(me);
    await loggedIn;
    alice = mocker.createContact({ name: 'Alice' });
    bob = mocker.createContact({ name: 'Bob' });
    room = mocker.createRoom({ topic: '渝北建筑工友群', memberIdList: [me.id, alice.id, bob.id] });
    room.on('message', (m) => {
      roomLog.push({ from: m.talker().id, text: m.text() ?? '' });
    });
    for (const c of [alice, bob])
      c.on('message', (m) => {
        if (m.talker().id === me.id && !m.room()) privateLog.set(c.id, [...(privateLog.get(c.id) ?? []), m.text() ?? '']);
      });
  });

  afterAll(async () => {
    await outbound.stop();
    await wechat.stop();
    await services.close();
  });

  const botSaid = () => roomLog.filter((m) => m.from === me.id).map((m) => m.text);
  async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  }

  it('answers a room question that mentions the bot, @-replying the asker with the source', async () => {
    const before = botSaid().length;
    alice.say('@娘家人 年票多少钱', [me]).to(room);
    await until(() => botSaid().length > before, 'a room answer');
    const answer = botSaid()[before]!;
    expect(answer.startsWith('@Alice')).toBe(true);
    expect(answer).toContain('200元');
    expect(botSaid().slice(before).join('')).toContain('来源：');
  });

  it('answers a mention the puppet did not report ("@娘家人\\u2005…" with no mention list)', async () => {
    const before = botSaid().length;
    bob.say('@娘家人\u2005疗休养是什么').to(room);
    await until(() => botSaid().length > before, 'a room answer');
    expect(botSaid()[before]!.startsWith('@Bob')).toBe(true);
    expect(handled).toContain('疗休养是什么');
  });

  it('answers a room message that starts with a wake word', async () => {
    const before = botSaid().length;
    alice.say('小娘，年票在哪里买').to(room);
    await until(() => botSaid().length > before, 'a room answer');
    expect(handled).toContain('年票在哪里买');
  });

  it('keeps quiet in room chatter that does not address it', async () => {
    const before = botSaid().length;
    const seen = handled.length;
    bob.say('今天工地几点收工').to(room);
    alice.say('@Bob 六点', [bob]).to(room);
    await sleep(400);
    expect(botSaid().length).toBe(before);
    expect(handled.length).toBe(seen);
  });

  it("ignores the bot's own messages, so it never answers itself", async () => {
    const seen = handled.length;
    me.say('@娘家人 年票多少钱', [me]).to(room);
    me.say('年票多少钱').to(alice);
    await sleep(400);
    expect(handled.length).toBe(seen);
  });

  it('answers a private chat without any mention', async () => {
    const before = privateLog.get(bob.id)?.length ?? 0;
    bob.say('工会会员有哪些福利').to(me);
    await until(() => (privateLog.get(bob.id)?.length ?? 0) > before, 'a private answer');
    expect(privateLog.get(bob.id)!.slice(before).join('\n').length).toBeGreaterThan(10);
  });

  it('moves a ticket form from the room to a private chat, never showing the phone number in the room', async () => {
    const roomBefore = botSaid().length;
    const dmBefore = privateLog.get(alice.id)?.length ?? 0;
    const dms = () => privateLog.get(alice.id)?.slice(dmBefore) ?? [];
    alice.say('@娘家人 老板拖欠工资三个月了，我要投诉，电话 139 1234 6721', [me]).to(room);
    await until(() => botSaid().length > roomBefore && dms().length > 0, 'the room note and the private follow-up');
    expect(botSaid()[roomBefore]).toContain('私');
    expect(dms()[0]).toContain('称呼');

    const step = async (text: string, expectIn: string) => {
      const n = dms().length;
      alice.say(text).to(me);
      await until(() => dms().length > n, `an answer to "${text}"`);
      expect(dms().slice(n).join('\n')).toContain(expectIn);
    };
    await step('张三', '单位');
    await step('重庆某建筑公司', '区县');
    await step('渝北区', '确认');
    await step('确认', '12351-');
    await outbound.drain();
    const roomText = botSaid().slice(roomBefore).join('\n');
    expect(containsPhone(roomText)).toBe(false);
    expect(roomText).not.toContain('6721');
  });

  it('keeps a conversation through a logout and the next login', async () => {
    const carol = mocker.createContact({ name: 'Carol' });
    const dms: string[] = [];
    carol.on('message', (m) => {
      if (m.talker().id === me.id && !m.room()) dms.push(m.text() ?? '');
    });
    carol.say('公司拖欠工资两个月了，我要投诉，电话 138 0000 1234').to(me);
    await until(() => dms.length > 0, 'the first form question');
    expect(dms.at(-1)).toContain('称呼');

    const loggedOut = new Promise((r) => wechat.bot.once('logout', r));
    await puppet.logout('test');
    await loggedOut;
    expect(wechat.bot.isLoggedIn).toBe(false);
    const loggedIn = new Promise((r) => wechat.bot.once('login', r));
    mocker.login(me);
    await loggedIn;

    const n = dms.length;
    carol.say('王芳').to(me);
    await until(() => dms.length > n, 'the next form question');
    expect(dms.at(-1)).toContain('单位');
  });

  it('draws the login QR code on the terminal when the puppet asks for a scan', async () => {
    mocker.scan('https://login.weixin.qq.com/l/niangjia-test', types.ScanStatus.Waiting);
    await until(() => qrPrinted.length > 0, 'the QR drawing');
    expect(qrPrinted[0]!.drawing).toMatch(/[▀▄█]/);
    expect(qrPrinted[0]!.url).toContain(encodeURIComponent('https://login.weixin.qq.com/l/niangjia-test'));
  });

  it('splits a long reply into several WeChat messages', async () => {
    const { channel } = wechat;
    const before = privateLog.get(bob.id)?.length ?? 0;
    await channel.send(bob.id, { text: '工会为职工办实事。'.repeat(120), citations: [], action: 'notice', awaiting: null });
    await until(() => (privateLog.get(bob.id)?.length ?? 0) >= before + 3, 'the pieces');
    for (const piece of privateLog.get(bob.id)!.slice(before)) expect([...piece].length).toBeLessThanOrEqual(500);
  });
});
