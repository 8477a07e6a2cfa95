import { afterEach, describe, expect, it } from 'vitest';
import { lastUserText, type FakeOpenAI } from '../helpers/fake-openai.ts';
import { modelPathOnFake } from '../helpers/model-on-fake.ts';
import { MARKER } from '../../src/llm/prompts.ts';

const HISTORY = ['职工：内蒙古淡季疗休养补多少', '娘家人：内蒙古的政策是每人每天200元。'];

describe('rewrite', () => {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('turns a follow-up into a standalone question, with the history sent as data', async () => {
    const env = await modelPathOnFake();
    fake = env.fake;
    fake.queue({ text: '“浙江的职工疗休养有什么补贴？”\n', usage: { prompt: 90, completion: 12 } });
    const out = await env.model.rewrite({ text: '那浙江呢?', history: HISTORY });
    expect(out).toEqual({ ok: true, value: '浙江的职工疗休养有什么补贴？', usage: { promptTokens: 90, completionTokens: 12 }, cached: false });
    const user = lastUserText(fake.requests[0]!);
    expect(user).toContain(`<<<对话记录\n${HISTORY.join('\n')}\n对话记录>>>`);
    expect(user).toContain('<<<追问\n那浙江呢?\n追问>>>');
  });

  it.each([
    ['an empty reply', '   '],
    ['a reply longer than 200 characters', '浙'.repeat(201)],
    ['an answer of several lines', '浙江的疗休养补贴是多少？\n浙江省总每年拿出2000万元。'],
    ['the system prompt', `${MARKER}`],
  ])('rejects %s', async (_label, text) => {
    const env = await modelPathOnFake();
    fake = env.fake;
    fake.queue({ text });
    const out = await env.model.rewrite({ text: '那浙江呢', history: HISTORY });
    expect(out.ok).toBe(false);
  });
});
