import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { reloadable, type ReloadableKnowledgeBase } from '../../src/knowledge/reloadable.ts';
import { buildHarness, get, login, newTicket, type Harness } from './harness.ts';

describe('dashboard', () => {
  let h: Harness;
  let kbDir: string;
  let kb: ReloadableKnowledgeBase;
  beforeAll(async () => {
    kbDir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-dash-kb-'));
    await cp(path.resolve(import.meta.dirname, '../../knowledge/sanatorium'), path.join(kbDir, 'sanatorium'), { recursive: true });
    kb = reloadable(await loadKnowledgeBase(kbDir), () => loadKnowledgeBase(kbDir));
    h = await buildHarness({ knowledge: { kb, dir: kbDir } });
  });
  afterAll(async () => {
    await h?.close();
    await rm(kbDir, { recursive: true, force: true });
  });

  it('charts tickets per day, counts open and overdue, lists unanswered and unhelpful, and shows satisfaction', async () => {
    const now = h.clock.now;
    h.clock.now = new Date(now.getTime() - 5 * 86_400_000);
    const old = (await h.tickets.file(newTicket({ category: 'hardship_aid' }), 'bot')).ticket;
    h.clock.now = now;
    const rated = (await h.tickets.file(newTicket({ category: 'rights' }), 'bot')).ticket;
    await h.tickets.assign(rated.number, 'op1', 'op1');
    await h.tickets.transition(rated.number, 'replied', 'op1');
    await h.tickets.rate(rated.number, 4, 'worker');

    h.events.emit('unanswered', { text: '<b>灵活就业</b>能参加工会吗', intent: 'member_benefits', at: now.toISOString(), platform: 'wechat' });
    h.events.emit('unanswered', { text: '<b>灵活就业</b>能参加工会吗', intent: 'member_benefits', at: now.toISOString(), platform: 'telegram' });
    h.events.emit('unhelpful', { text: '年票怎么退', entryIds: ['annual-pass-refund'], at: now.toISOString() });

    const op = await login(h.app, 'op1');
    await expect.poll(async () => (await get(h.app, '/dashboard', op)).body).toContain('年票怎么退');
    const body = (await get(h.app, '/dashboard', op)).body;
    expect(body).toMatch(/id="open-count">未办结 <b>2<\/b>/);
    expect(body).toMatch(/id="overdue-count">已超时 <b>1<\/b>/);
    expect(body).toContain('<svg role="img" aria-label="每日工单"');
    expect(body).toContain('困难帮扶: 1');
    expect(body).toContain('&lt;b&gt;灵活就业&lt;/b&gt;能参加工会吗</td><td>2</td>');
    expect(body).toContain('annual-pass-refund');
    expect(body).toContain('4.0');
    expect(old.status).toBe('received');
  });


  it("lists unanswered questions with workers' phone and ID numbers masked, however written, and stores them masked", async () => {
    const at = h.clock.now.toISOString();
    const texts = [
      '我电话13983456721，身份证500101199001011234，工伤怎么认定',
      '打一三九八三四五六七二一找我，能报销吗',
      '证件号 5001 0119 9001 0112 34 能查吗',
    ];
    for (const text of texts) h.events.emit('unanswered', { text, intent: 'rights', at, platform: 'wechat' });
    const op = await login(h.app, 'off1');
    await expect.poll(async () => (await get(h.app, '/dashboard', op)).body).toContain('能查吗');
    const body = (await get(h.app, '/dashboard', op)).body;
    expect(body).toContain('139****6721');
    expect(body).toContain('500101************');
    for (const raw of ['13983456721', '3456721', '500101199001011234', '一三九八三四五六七二一', '0119 9001']) expect(body).not.toContain(raw);
    const stored = await h.database.query<{ text: string }>("SELECT text FROM bot_feedback WHERE intent = 'rights'");
    expect(stored.map((r) => r.text).join('\n')).not.toMatch(/13983456721|1990010112|一三九八三四五六七二一/);
  });

  it('shows the knowledge version with the counts of entries and ingested passages, and the new version after a reload', async () => {
    const officer = await login(h.app, 'off1');
    const first = (await get(h.app, '/dashboard', officer)).body;
    expect(first).toContain(`id="kb-version">知识库版本 <b>${kb.version}</b>`);
    expect(first).toContain(`${kb.entries.length} 条条目，0 段导入文档`);
    const before = kb.version;
    const file = path.join(kbDir, 'sanatorium', (await readdir(path.join(kbDir, 'sanatorium')))[0]!);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^id: .*$/m, 'id: dashboard-copy'));
    await kb.reload();
    expect(kb.version).not.toBe(before);
    expect((await get(h.app, '/dashboard', officer)).body).toContain(`知识库版本 <b>${kb.version}</b>`);
  });
});
