import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildModelPath } from '../../src/llm/build.ts';
import { silentLogger } from '../../src/log.ts';
import { startFakeOpenAI } from '../helpers/fake-openai.ts';
import { hitsFor } from '../helpers/kb-hits.ts';

describe('buildModelPath', () => {
  it('builds nothing when OPENAI_API_KEY and OPENAI_MODEL are unset', async () => {
    expect(await buildModelPath(loadConfig({}), { log: silentLogger(), kbVersion: 'v' })).toBeUndefined();
    expect(await buildModelPath(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }), { log: silentLogger(), kbVersion: 'v' })).toBeUndefined();
  });

  it('talks to the configured OpenAI-compatible endpoint with the configured model and method', async () => {
    await using fake = await startFakeOpenAI({ responder: { text: '内蒙古每人每天200元 [[nmg-sanatorium-offseason-subsidy]]' } });
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-local',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MODEL: 'qwen-plus',
      MODEL_TIMEOUT_MS: '3000',
      MODEL_STRUCTURED_METHOD: 'jsonMode',
    });
    const model = await buildModelPath(config, { log: silentLogger(), kbVersion: 'v' });
    expect(model).toBeDefined();
    const out = await model!.compose({ question: '淡季补贴', hits: await hitsFor('nmg-sanatorium-offseason-subsidy'), offlineText: 'x' });
    expect(out.ok).toBe(true);
    expect(fake.requests[0]!.body.model).toBe('qwen-plus');
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-local');

    fake.respond({ json: { intent: 'greeting', confidence: 0.9, slots: { phone: null, district: null, name: null, employer: null, ticketNumber: null } } });
    await model!.understand('你好');
    expect(fake.requests[1]!.body.response_format).toEqual({ type: 'json_object' });
  });
});
