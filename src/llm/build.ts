import type { Redis } from 'ioredis';
import { modelEnabled, type Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createMemoryModelCache, createRedisModelCache } from './cache.ts';
import type { NiangjiaModelPath } from './model-path.ts';

export interface ModelPathDeps {
  log: Logger;
  /** The knowledge-base version (KnowledgeBase.version), part of every cache key; a function when the knowledge reloads. */
  kbVersion: string | (() => string);
  /** The shared Redis client when REDIS_URL is set: the answer cache then lives there. */
  redis?: Redis;
  clock?: () => Date;
}

/**
 * The model path from configuration, or undefined when OPENAI_API_KEY/OPENAI_MODEL are not set:
 * then nothing is constructed, nothing touches the network, and LangChain is not even loaded.
 */
export async function buildModelPath(config: Config, deps: ModelPathDeps): Promise<NiangjiaModelPath | undefined> {
  if (!modelEnabled(config) || !config.OPENAI_API_KEY || !config.OPENAI_MODEL) return undefined;
  const { createModelPath } = await import('./model-path.ts');
  const cache = deps.redis
    ? createRedisModelCache({ redis: deps.redis, keyPrefix: 'niangjia:model:', log: deps.log })
    : createMemoryModelCache(deps.clock ? { now: () => deps.clock!().getTime() } : {});
  return createModelPath({
    apiKey: config.OPENAI_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    model: config.OPENAI_MODEL,
    timeoutMs: config.MODEL_TIMEOUT_MS,
    structuredMethod: config.MODEL_STRUCTURED_METHOD,
    cache,
    kbVersion: deps.kbVersion,
    log: deps.log,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
}

export type { ModelPathOptions, NiangjiaModelPath, StructuredMethod } from './model-path.ts';
export { createMemoryModelCache, createRedisModelCache, type ModelCache } from './cache.ts';
