import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { Engine } from '../src/engine/engine.ts';
import { readQuestions } from '../src/eval/dataset.ts';
import { createEvalWorld, type EvalWorld } from '../src/eval/world.ts';
import { silentLogger } from '../src/log.ts';
import { connectRedis, createRedisBackend } from '../src/store/redis/index.ts';

/** Shared by bench/redis.ts and its worker processes: the engine on Redis state, and a load loop. */

const FALLBACK = ['年票多少钱', '疗休养有几天', '老板拖欠工资怎么办', '工会驿站在哪里', '送温暖慰问标准是多少', '劳动仲裁要交钱吗'];

export async function benchQuestions(): Promise<string[]> {
  try {
    return (await readQuestions('../shared/eval/dev.jsonl')).map((q) => q.text);
  } catch {
    return FALLBACK;
  }
}

export interface RedisEngine {
  engine: Engine;
  /** The same services on memory state, for side-by-side figures. */
  memoryEngine: Engine;
  world: EvalWorld;
  redis?: Redis;
  close(): Promise<void>;
}

/** The offline engine on its embedded defaults, with its state moved to Redis under `keyPrefix` (or left in memory). */
export async function openEngine(options: { redisUrl?: string; keyPrefix: string }): Promise<RedisEngine> {
  const world = await createEvalWorld({});
  const { engine: memoryEngine, services } = await world.open();
  let redis: Redis | undefined;
  let engine = memoryEngine;
  if (options.redisUrl) {
    // The client the service itself opens (command timeout, retries), so a turn pays what it pays there.
    redis = await connectRedis(options.redisUrl, silentLogger());
    const { createEngine } = await import('../src/engine/engine.ts');
    engine = createEngine({ ...services, state: createRedisBackend({ redis, keyPrefix: options.keyPrefix }) });
  }
  return {
    engine,
    memoryEngine,
    world,
    ...(redis ? { redis } : {}),
    async close() {
      redis?.disconnect();
      await world.close();
    },
  };
}

/** One private message from its own sender, so dedupe and the rate limit never short-cut the turn. */
export function benchMessage(text: string, tag: string): Parameters<Engine['handle']>[0] {
  return { platform: 'eval', chatId: tag, chatType: 'private', senderId: tag, text, mentionsBot: false, messageId: tag, receivedAt: new Date().toISOString() };
}

/**
 * `n` turns, `concurrency` at a time, each from its own sender; per-turn latencies in ms and the
 * wall time. With a `deadline` (performance.now() ms) no turn starts past it once `min` have.
 */
export async function load(
  engine: Engine,
  questions: readonly string[],
  options: { n: number; concurrency: number; tag: string; deadline?: number; min?: number },
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const { deadline = Number.POSITIVE_INFINITY, min = 0 } = options;
  const more = (i: number) => i < options.n && (i < min || performance.now() < deadline);
  const lane = async () => {
    for (let i = next++; more(i); i = next++) {
      const t = performance.now();
      await engine.handle(benchMessage(questions[i % questions.length]!, `${options.tag}-${i}`));
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return { latencies, wallMs: performance.now() - start };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
