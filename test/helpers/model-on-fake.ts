import { silentLogger } from '../../src/log.ts';
import { createModelPath, type ModelPathOptions, type NiangjiaModelPath } from '../../src/llm/model-path.ts';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai.ts';

/** A real ChatOpenAI-backed model path pointed at a fresh fake server. */
export async function modelPathOnFake(
  overrides: Partial<ModelPathOptions> = {},
): Promise<{ fake: FakeOpenAI; model: NiangjiaModelPath }> {
  const fake = await startFakeOpenAI();
  const model = createModelPath({
    apiKey: 'sk-test',
    baseURL: fake.baseURL,
    model: 'fake-model',
    timeoutMs: 2000,
    structuredMethod: 'functionCalling',
    kbVersion: 'kb-test',
    log: silentLogger(),
    backoffMs: 20,
    ...overrides,
  });
  return { fake, model };
}
