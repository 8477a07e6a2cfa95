import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '../../src/auth/users.ts';
import { conversation } from '../fixtures/messages.ts';
import { get, login, PASSWORD } from '../console/harness.ts';
import { startServiceWithConsole, type ServiceWithConsole } from '../helpers/service-console.ts';

/**
 * What a worker adds to their ticket in the chat ("补充：…") and the rating they give at 回访 reach
 * the ticket through the same desk as the console's changes: operators see both on the ticket page
 * and in the operations log, once each, with the phone number in an addition masked.
 */
describe('a worker’s addition and rating, as operators see them', () => {
  let s: ServiceWithConsole;
  beforeAll(async () => {
    s = await startServiceWithConsole();
    await createUserStore({ database: s.services.database }).create({ username: 'op1', role: 'operator', password: PASSWORD });
    await createUserStore({ database: s.services.database }).create({ username: 'boss', role: 'admin', password: PASSWORD });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the addition on the ticket and in the log, and the rating after 回访', async () => {
    const w = conversation(s.engine);
    await w.say('公司把我社保停了还要裁我 我要投诉 我叫赵强 电话13800002222 在江北区 重庆某某科技有限公司');
    const [filed] = await w.say('确认');
    const number = filed!.meta!.ticketNumber!;

    const [added] = await w.say('补充：公司还让我签自愿离职 我老婆电话13911112222');
    expect(added?.text).toContain(number);
    const op = await login(s.app, 'op1');
    const page = (await get(s.app, `/tickets/${number}`, op)).body;
    expect(page).toContain('公司还让我签自愿离职');
    expect(page).toContain('139****2222');
    expect(page).not.toContain('13911112222');

    for (const to of ['in_progress', 'replied', 'follow_up'] as const) await s.services.desk.transition(number, to, 'op1');
    const [thanks] = await w.say('4');
    expect(thanks?.text).toContain('4 分');
    expect((await s.services.tickets.get(number))?.rating).toBe(4);

    const rated = (await get(s.app, `/tickets/${number}`, op)).body;
    expect(rated).toMatch(/评分[^<]*→ 4/);

    const log = (await get(s.app, '/audit', await login(s.app, 'boss'))).body;
    const rows = log.split('</tr>').filter((r) => r.includes(number));
    expect(rows.filter((r) => r.includes('职工补充情况'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('职工评分') && r.includes('4 分'))).toHaveLength(1);
    expect(log).not.toContain('13911112222');
  });

  it('tells the worker when there is no open ticket to add to, and adds nothing', async () => {
    const w = conversation(s.engine);
    const [none] = await w.say('补充：老板又打电话来骂人');
    expect(none?.text).toContain('没有在办的工单');
    const log = (await get(s.app, '/audit', await login(s.app, 'boss'))).body;
    expect(log).not.toContain('老板又打电话来骂人');
  });
});
