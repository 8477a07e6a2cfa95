import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/index.ts';
import { createEngine } from '../../src/engine/engine.ts';
import { composeAnswer } from '../../src/knowledge/compose.ts';
import type { Passage } from '../../src/knowledge/entry.ts';
import { loadKnowledgeBase } from '../../src/knowledge/index.ts';
import { guessDate, guessRegion, ingestDirectory, ingestText } from '../../src/knowledge/ingest.ts';
import { askedPlace, regionPlaces } from '../../src/knowledge/places.ts';
import { watchKnowledge } from '../../src/knowledge/live.ts';
import { reloadable } from '../../src/knowledge/reloadable.ts';
import { isPassage } from '../../src/knowledge/retriever.ts';
import { silentLogger } from '../../src/log.ts';
import { buildServices, type RunningServices } from '../../src/services.ts';
import { conversation } from '../fixtures/messages.ts';

const root = path.resolve(import.meta.dirname, '../..');
const DOCS = path.join(root, 'test/fixtures/ingest-provinces');
const QUESTIONS = path.join(root, 'test/fixtures/ingest-provinces.questions.jsonl');

interface Question {
  id: string;
  text: string;
  must_include: string[][];
}

const questions = async (): Promise<Question[]> =>
  (await readFile(QUESTIONS, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Question);

/** The fixture document a question is about, by the region it names. */
const DOC_OF: Record<string, string> = { 宁夏: '宁夏', 武平: '福建武平', 南宁: '广西南宁', 河北: '河北' };
const regionAsked = (text: string) => Object.entries(DOC_OF).find(([w]) => text.includes(w))![1];

describe('kb ingest: regions, dates and topics of documents from other provinces', () => {
  it('takes the region from the complete place table, title first, county documents as province and county', async () => {
    const docs = await ingestDirectory(DOCS, await mkdtemp(path.join(os.tmpdir(), 'niangjia-ingest-')));
    const byTitle = Object.fromEntries(docs.documents.map((d) => [d.title, d]));
    expect(byTitle['宁夏回族自治区总工会部署2025年职工疗休养工作']!.region).toBe('宁夏');
    expect(byTitle['武平县总工会职工医疗互助活动实施办法']!.region).toBe('福建武平');
    expect(byTitle['南宁市总工会为户外劳动者送清凉']!.region).toBe('广西南宁');
    expect(byTitle['河北省总工会调整困难职工帮扶救助标准']!.region).toBe('河北');
    // The notice's own date, not the year it speaks of; the topic from the same cue words as questions.
    expect(byTitle['河北省总工会调整困难职工帮扶救助标准']!.date).toBe('2024-12-20');
    expect(byTitle['宁夏回族自治区总工会部署2025年职工疗休养工作']!.passages[0]!.topic).toBe('sanatorium');
    expect(byTitle['武平县总工会职工医疗互助活动实施办法']!.passages[0]!.topic).toBe('hardship_aid');
    // The label reads back as the place it names.
    expect(regionPlaces('福建武平')[0]!.province).toBe('福建');
    expect(regionPlaces('广西南宁')[0]).toMatchObject({ province: '广西', city: '南宁' });
  });

  it('names a province from the body when the title names none, and a city only when the body keeps to it', () => {
    expect(guessRegion('关于做好职工疗休养工作的通知', '甘肃省总工会要求各地做好疗休养。兰州、天水两地先行。')).toBe('甘肃');
    expect(guessRegion('关于开展送清凉的通知', '兰州市总工会今年为环卫工人送清凉，兰州各区同步开展。')).toBe('甘肃兰州');
    expect(guessRegion('全国总工会印发意见', '各级工会要落实。')).toBe('全国');
    expect(guessRegion('某单位工会通知', '请大家按时报名。')).toBeUndefined();
    expect(guessDate('2025年3月起施行。2024年11月5日印发。')).toBe('2024-11-05');
  });
});

describe('passages rank with curated entries and answer with their own sentences', () => {
  let passagesDir: string;
  beforeAll(async () => {
    passagesDir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-passages-'));
    await ingestDirectory(DOCS, passagesDir);
  });
  afterAll(() => rm(passagesDir, { recursive: true, force: true }));

  it('finds the document a question asks about above the curated entries, and answers with the sentences that hold the figure', async () => {
    const kb = await loadKnowledgeBase(path.join(root, 'knowledge'), { passagesDir });
    expect(kb.passages).toBe(4);
    for (const q of await questions()) {
      const place = askedPlace(q.text);
      const hits = kb.retriever.search(q.text, { k: 5, ...(place ? { region: place.province } : {}) });
      const top = hits[0]!;
      expect(isPassage(top.entry), q.text).toBe(true);
      expect(top.entry.region, q.text).toBe(regionAsked(q.text));
      const answer = composeAnswer([top], { minScore: 0 })!.text;
      expect(q.must_include.every((group) => group.some((s) => answer.includes(s))), `${q.text}\n${answer}`).toBe(true);
      expect(answer).toContain(`《${top.entry.title}》`);
      expect(answer).toContain(top.entry.date);
      expect(answer).toMatch(/来源：\S+（/);
      // The sentences that answer, not the whole passage.
      expect(answer.length, answer).toBeLessThan(top.entry.answer.length + 80);
      expect(top.excerpt!.length).toBeLessThanOrEqual(3);
    }
  });
});

describe('re-ingesting a document', () => {
  it('replaces its passages: no duplicates, the new text in, the old out, whichever folder it is ingested from', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'niangjia-reingest-'));
    const out = path.join(work, 'passages');
    const docs = path.join(work, 'docs', 'fujian');
    await cp(path.join(DOCS, 'wuping-mutual-aid.txt'), path.join(docs, 'wuping.txt'), { recursive: true });
    await ingestDirectory(path.join(work, 'docs'), out);
    const readAll = async () => {
      const all: Passage[] = [];
      for (const f of await readdir(out)) all.push(...(JSON.parse(await readFile(path.join(out, f), 'utf8')) as Passage[]));
      return all;
    };
    const before = await readAll();
    expect(before.map((p) => p.text).join('')).toContain('缴纳互助金50元');

    const file = path.join(docs, 'wuping.txt');
    await writeFile(file, (await readFile(file, 'utf8')).replace('缴纳互助金50元', '缴纳互助金60元'));
    await ingestDirectory(docs, out); // the same file, through another folder
    const after = await readAll();
    expect(await readdir(out)).toHaveLength(1);
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    expect(after.map((p) => p.text).join('')).toContain('缴纳互助金60元');
    expect(after.map((p) => p.text).join('')).not.toContain('缴纳互助金50元');

    // A document emptied of text leaves no passages behind.
    await writeFile(file, '');
    await ingestDirectory(file, out);
    expect(await readdir(out)).toHaveLength(0);
    await rm(work, { recursive: true, force: true });
  });

  it('keeps ids stable for the same file and distinct across files', () => {
    const a = ingestText('# 标题\n\n第一段。', '/docs/a.md');
    expect(ingestText('# 标题\n\n改过的第一段。', '/docs/a.md').passages[0]!.id).toBe(a.passages[0]!.id);
    expect(ingestText('# 标题\n\n第一段。', '/docs/b.md').passages[0]!.id).not.toBe(a.passages[0]!.id);
  });
});

describe('a running service and documents ingested after it started', () => {
  let services: RunningServices;
  let database: Database;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'niangjia-live-'));
    database = await openDatabase({ inMemory: true });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, TERMINAL_CHAT: 'off', KB_DIR: path.join(root, 'knowledge') });
    services = await buildServices(config, { log: silentLogger(), database, noFlusher: true, kbPollMs: 200 });
  }, 60_000);
  afterAll(async () => {
    await services.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers questions about them from them, with region and source, without a restart, and shows the new version', async () => {
    const engine = createEngine(services);
    const before = services.kb.version;
    const [first] = await conversation(engine).say('宁夏职工疗休养一天补助多少钱');
    expect(first!.text).not.toContain('400元');

    // `kb ingest` as another process would run it: files appear under DATA_DIR/passages.
    await ingestDirectory(DOCS, path.join(dataDir, 'passages'));
    const deadline = Date.now() + 20_000;
    while (services.kb.passages < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(services.kb.passages).toBe(4);
    expect(services.kb.version).not.toBe(before);

    let answered = 0;
    const misses: string[] = [];
    for (const q of await questions()) {
      const [reply] = await conversation(engine).say(q.text);
      const text = reply?.text ?? '';
      const fromDoc = reply?.citations?.find((c) => c.region === regionAsked(q.text) && /\.(md|txt)$/.test(c.source));
      const facts = q.must_include.every((group) => group.some((s) => text.includes(s)));
      if (fromDoc && facts && text.includes(regionAsked(q.text)) && text.includes('来源')) answered += 1;
      else misses.push(`${q.id} ${q.text}\n${text}`);
    }
    expect(answered, misses.join('\n\n')).toBeGreaterThanOrEqual(8);
  }, 60_000);
});

describe('watched knowledge', () => {
  it('follows an edited entry folder, and keeps the last good knowledge while an entry does not load', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'niangjia-livekb-'));
    const kbDir = path.join(work, 'knowledge');
    await cp(path.join(root, 'knowledge/sanatorium'), kbDir, { recursive: true });
    const load = () => loadKnowledgeBase(kbDir, { passagesDir: path.join(work, 'passages') });
    const kb = reloadable(await load(), load);
    const watcher = await watchKnowledge({ kb, dirs: [kbDir, path.join(work, 'passages')], log: silentLogger(), pollMs: 100 });
    try {
      const count = kb.entries.length;
      const first = kb.version;
      const entry = (await readFile(path.join(kbDir, (await readdir(kbDir)).find((f) => f.endsWith('.md'))!), 'utf8')).replace(/^id: .*$/m, 'id: live-added-entry');
      await writeFile(path.join(kbDir, 'live-added.md'), entry);
      await expect.poll(() => kb.entries.length, { timeout: 20_000, interval: 100 }).toBe(count + 1);
      expect(kb.version).not.toBe(first);
      expect(kb.byId('live-added-entry')).toBeDefined();

      const good = kb.version;
      await writeFile(path.join(kbDir, 'half-written.md'), '---\nid: x\n');
      expect(await watcher.refresh()).toBe(false);
      expect(kb.version).toBe(good);
    } finally {
      watcher.stop();
      await rm(work, { recursive: true, force: true });
    }
  }, 30_000);
});
