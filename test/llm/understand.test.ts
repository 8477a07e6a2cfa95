import { afterEach, describe, expect, it } from 'vitest';
import { lastUserText, type FakeOpenAI } from '../helpers/fake-openai.ts';
import { modelPathOnFake } from '../helpers/model-on-fake.ts';
import { INTENTS } from '../../src/intents/types.ts';
import { redact } from '../../src/core/redact.ts';

const TEXT = '老板拖了仨月工资，我在九龙坡，电话 139-8345-6721，帮我问下咋个办';
const MODEL_JSON = {
  intent: 'rights',
  confidence: 0.86,
  slots: { phone: '13983456721', district: '九龙坡区', name: null, employer: '渝中建工', ticketNumber: null },
};

describe('understand', () => {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('asks for json_schema with the intents and reads the parsed reply (jsonSchema)', async () => {
    const env = await modelPathOnFake({ structuredMethod: 'jsonSchema' });
    fake = env.fake;
    fake.respond({ json: MODEL_JSON });
    const out = await env.model.understand(TEXT);
    const body = fake.requests[0]!.body as { response_format?: { type: string; json_schema: { name: string; strict: boolean; schema: { properties: { intent: { enum: string[] } } } } }; tools?: unknown };
    expect(body.response_format?.type).toBe('json_schema');
    expect(body.response_format?.json_schema.name).toBe('understand');
    expect(body.response_format?.json_schema.strict).toBe(true);
    expect(body.response_format?.json_schema.schema.properties.intent.enum).toEqual([...INTENTS]);
    expect(body.tools).toBeUndefined();
    expect(out).toMatchObject({ ok: true, value: { intent: 'rights', confidence: 0.86 } });
  });

  it('asks for a forced tool call and reads tool_calls (functionCalling)', async () => {
    const env = await modelPathOnFake({ structuredMethod: 'functionCalling' });
    fake = env.fake;
    fake.respond({ json: MODEL_JSON, usage: { prompt: 410, completion: 38 } });
    const out = await env.model.understand(TEXT);
    const body = fake.requests[0]!.body as { tools: Array<{ type: string; function: { name: string; parameters: { required: string[] } } }>; tool_choice: unknown; response_format?: unknown };
    expect(body.tools).toHaveLength(1);
    expect(body.tools[0]!.function.name).toBe('understand');
    expect(body.tools[0]!.function.parameters.required).toEqual(['intent', 'confidence', 'slots']);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'understand' } });
    expect(body.response_format).toBeUndefined();
    expect(out).toEqual({
      ok: true,
      value: { intent: 'rights', confidence: 0.86, slots: { phone: '13983456721', district: '九龙坡区' } },
      usage: { promptTokens: 410, completionTokens: 38 },
      cached: false,
    });
  });

  it('asks for json_object and parses the content (jsonMode)', async () => {
    const env = await modelPathOnFake({ structuredMethod: 'jsonMode' });
    fake = env.fake;
    fake.respond({ json: MODEL_JSON });
    const out = await env.model.understand(TEXT);
    const body = fake.requests[0]!.body as { response_format?: unknown; tools?: unknown };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.tools).toBeUndefined();
    expect(out).toMatchObject({ ok: true, value: { intent: 'rights' } });
  });

  it('keeps only the slots the message contains (an employer the worker never named is dropped)', async () => {
    const env = await modelPathOnFake();
    fake = env.fake;
    fake.respond({ json: MODEL_JSON });
    const out = await env.model.understand(TEXT);
    expect(out.ok && out.value.slots).toEqual({ phone: '13983456721', district: '九龙坡区' });
    // The phone is masked before the text leaves for the endpoint.
    expect(lastUserText(fake.requests[0]!)).toContain(`<<<职工消息\n${redact(TEXT)}\n职工消息>>>`);
    expect(lastUserText(fake.requests[0]!)).not.toContain('8345');
  });

  it.each([
    ['an intent outside the list', { ...MODEL_JSON, intent: 'weather' }],
    ['a confidence above 1', { ...MODEL_JSON, confidence: 7 }],
    ['missing slots', { intent: 'rights', confidence: 0.9 }],
    ['an extra field', { ...MODEL_JSON, slots: { ...MODEL_JSON.slots, password: 'x' } }],
  ])('rejects %s', async (_label, json) => {
    const env = await modelPathOnFake();
    fake = env.fake;
    fake.respond({ json });
    const out = await env.model.understand(TEXT);
    expect(out).toMatchObject({ ok: false, reason: 'structured output does not match the schema' });
    expect(env.model.stats()).toMatchObject({ rejected: 1, failed: 0, breaker: 'closed' });
  });

  it('rejects a plain-text reply in json mode', async () => {
    const env = await modelPathOnFake({ structuredMethod: 'jsonMode' });
    fake = env.fake;
    fake.respond({ text: '这是维权问题' });
    const out = await env.model.understand(TEXT);
    expect(out.ok).toBe(false);
  });
});

describe('understand prompt', () => {
  it('names JSON and shows an example, as json_object servers require', async () => {
    const { UNDERSTAND_SYSTEM } = await import('../../src/llm/prompts.ts');
    expect(UNDERSTAND_SYSTEM).toMatch(/JSON/);
    const example = /\{"intent".*\}/.exec(UNDERSTAND_SYSTEM)?.[0] ?? '';
    const { understandingSchema } = await import('../../src/llm/understanding.ts');
    expect(understandingSchema.safeParse(JSON.parse(example)).success).toBe(true);
  });
});
