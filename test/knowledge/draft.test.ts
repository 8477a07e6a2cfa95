import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftFor, saveEntry, type EntryDraft } from '../../src/knowledge/draft.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { reloadable, type ReloadableKnowledgeBase } from '../../src/knowledge/reloadable.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('knowledge editor drafts', () => {
  let dir: string;
  let kb: ReloadableKnowledgeBase;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-kb-'));
    await cp(path.join(root, 'knowledge'), dir, { recursive: true });
    kb = reloadable(await loadKnowledgeBase(dir), () => loadKnowledgeBase(dir));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const question = '工会健步走比赛的奖品去哪里领';
  const filled = (d: EntryDraft): EntryDraft => ({
    ...d,
    issuer: '示例区总工会',
    source: '示例区总工会健步走活动通知',
    questions: [...d.questions, '健步走奖品找哪个领'],
    keyFacts: ['每月最后一周', '基层工会'],
    answer: '健步走比赛的奖品在每月最后一周到所在基层工会领取，带上会员证。',
  });

  it('pre-fills the draft from the question and what the search found', () => {
    const draft = draftFor(question, kb.retriever.search(question, { k: 5 }), '2026-11-22');
    expect(draft.questions).toEqual([question]);
    expect(draft.title).toBe(question);
    expect(draft.date).toBe('2026-11-22');
    expect(draft.id).toMatch(/^[a-z]+-[0-9a-f]{8}$/);
    expect(draft.topic).toBe('member_benefits');
  });

  it('writes nothing when kb check finds a problem, and names the field', async () => {
    const draft = draftFor(question, kb.retriever.search(question, { k: 5 }), '2026-11-22');
    const missing = await saveEntry(dir, { ...draft, id: 'member-missing-fields', source: '', answer: '太短' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['source', 'answer', 'questions']));
    // A phrasing another entry already has makes retrieval pick between them by chance.
    const taken = kb.entries.find((e) => e.topic === 'member_benefits')!.questions[0]!;
    const duplicate = await saveEntry(dir, { ...filled(draft), id: 'member-taken-phrasing', questions: ['健步走的奖品在哪儿领取', taken] });
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('duplicate phrasing'));
    // A rights entry must cite the law and article.
    const uncited = await saveEntry(dir, { ...filled(draft), id: 'law-walking-prizes', topic: 'rights' });
    expect(uncited.ok).toBe(false);
    if (!uncited.ok) expect(uncited.problems.map((p) => p.field)).toContain('law');
    expect(await readdir(path.join(dir, 'member_benefits'))).not.toContain('member-taken-phrasing.md');
    expect(await readdir(path.join(dir, 'rights'))).not.toContain('law-walking-prizes.md');
  });

  it('writes an entry that passes, and the reloaded knowledge answers with it', async () => {
    const draft = filled(draftFor(question, kb.retriever.search(question, { k: 5 }), '2026-11-22'));
    expect(kb.retriever.search(question, { k: 1 })[0]?.entry.id).not.toBe(draft.id);
    const saved = await saveEntry(dir, draft);
    expect(saved.ok).toBe(true);
    const text = await readFile(path.join(dir, 'member_benefits', `${draft.id}.md`), 'utf8');
    expect(text).toContain('健步走奖品找哪个领');
    const version = kb.version;
    await kb.reload();
    expect(kb.version).not.toBe(version);
    const top = kb.retriever.search(question, { k: 1 })[0];
    expect(top?.entry.id).toBe(draft.id);
    expect(top?.entry.answer).toContain('每月最后一周');
    // The same id cannot be written twice.
    const again = await saveEntry(dir, draft);
    expect(again.ok).toBe(false);
  });
});
