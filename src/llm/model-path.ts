import { createHash } from 'node:crypto';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage, type AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { Logger } from '../log.ts';
import type { Hit } from '../knowledge/retriever.ts';
import type { ModelCallOptions, ModelOutcome, ModelPath, ModelStats, ModelUsage } from './port.ts';
import { createBreaker, type BreakerState } from './breaker.ts';
import { createMemoryModelCache, normalizeQuestion, type ModelCache } from './cache.ts';
import { redact } from '../core/redact.ts';
import { checkComposed, COMPLYING, leaked } from './grounding.ts';
import { COMPOSE_SYSTEM, LEAK_MARKERS, REWRITE_SYSTEM, UNDERSTAND_SYSTEM, composeUser, rewriteUser, understandUser } from './prompts.ts';
import { callWithinBudget, type CallPolicy, type CallResult } from './reliability.ts';
import { groundSlots, understandingSchema, type ModelUnderstanding, type Understanding } from './understanding.ts';

/** How structured output is asked for; servers differ in what they support (docs/model.md). */
export type StructuredMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode';

export interface ModelPathOptions {
  apiKey: string;
  /** An OpenAI-compatible endpoint ending in /v1; the OpenAI API when unset. */
  baseURL?: string;
  model: string;
  /** The time budget of one call, retries included. */
  timeoutMs: number;
  structuredMethod: StructuredMethod;
  /** Results cache; an in-memory LRU when not given. */
  cache?: ModelCache;
  /** The knowledge-base version, part of every cache key; a function when the knowledge reloads. */
  kbVersion: string | (() => string);
  log: Logger;
  clock?: () => Date;
  /** Attempts per call, the first included (default 3). */
  maxAttempts?: number;
  backoffMs?: number;
  breaker?: { threshold?: number; coolDownMs?: number };
  /** Longer composed answers are rejected (default 400 characters). */
  maxAnswerChars?: number;
}

/** A ModelPath whose totals can be read. */
export type NiangjiaModelPath = ModelPath & { stats(): ModelStats };

const ZERO: ModelUsage = { promptTokens: 0, completionTokens: 0 };
const MAX_REWRITE_CHARS = 200;

/**
 * The language-model path over any OpenAI-compatible endpoint, through LangChain's ChatOpenAI.
 * Each method makes at most one logical call (retried inside the budget), checks what comes
 * back, and answers { ok: false, reason } on any failure or rejected answer; nothing throws.
 */
export function createModelPath(options: ModelPathOptions): NiangjiaModelPath {
  const log = options.log.child({ mod: 'llm' });
  const clock = options.clock ?? (() => new Date());
  const cache = options.cache ?? createMemoryModelCache({ now: () => clock().getTime() });
  const llm = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    temperature: 0,
    maxRetries: 0,
    timeout: options.timeoutMs,
    configuration: options.baseURL ? { baseURL: options.baseURL } : {},
  });
  const structured = llm.withStructuredOutput(understandingSchema, {
    method: options.structuredMethod,
    name: 'understand',
    includeRaw: true,
  });
  const breaker = createBreaker({
    threshold: options.breaker?.threshold ?? 5,
    coolDownMs: options.breaker?.coolDownMs ?? 30_000,
    now: () => clock().getTime(),
    onChange: (state: BreakerState) => log.warn({ breaker: state }, `model endpoint breaker ${state}`),
  });
  const policy: CallPolicy = {
    budgetMs: options.timeoutMs,
    maxAttempts: options.maxAttempts ?? 3,
    backoffMs: options.backoffMs ?? 150,
    breaker,
  };
  const totals = { calls: 0, accepted: 0, rejected: 0, failed: 0, cacheHits: 0, cacheMisses: 0, promptTokens: 0, completionTokens: 0 };

  const cacheKey = (kind: string, parts: string[]) =>
    `${kind}:${createHash('sha256').update([options.model, typeof options.kbVersion === 'function' ? options.kbVersion() : options.kbVersion, ...parts].join('\u0000')).digest('hex').slice(0, 40)}`;

  async function fromCache<T>(key: string): Promise<T | undefined> {
    const raw = await cache.get(key).catch(() => undefined);
    if (raw === undefined) {
      totals.cacheMisses += 1;
      return undefined;
    }
    try {
      totals.cacheHits += 1;
      return JSON.parse(raw) as T;
    } catch {
      return undefined;
    }
  }

  /** One logical call through the budget and the breaker; the usage is counted either way. */
  async function call<R>(op: string, fn: (signal: AbortSignal) => Promise<R>, callOptions?: ModelCallOptions): Promise<CallResult<R>> {
    const result = await callWithinBudget(fn, policy, callOptions?.signal);
    if (result.attempts > 0) totals.calls += 1;
    if (!result.ok) {
      if (result.kind === 'invalid_output') totals.rejected += 1;
      else totals.failed += 1;
      log.warn({ op, kind: result.kind, attempts: result.attempts, reason: result.reason }, 'model call failed; offline answer stands');
    }
    return result;
  }

  function finish<T>(op: string, started: number, outcome: ModelOutcome<T>): ModelOutcome<T> {
    const ms = Math.round(performance.now() - started);
    if (outcome.usage) {
      totals.promptTokens += outcome.usage.promptTokens;
      totals.completionTokens += outcome.usage.completionTokens;
    }
    if (outcome.ok) {
      totals.accepted += 1;
      log.info({ op, ms, cached: outcome.cached, tokens: outcome.usage }, 'model answer accepted');
    } else log.info({ op, ms, reason: outcome.reason, tokens: outcome.usage }, 'model answer not used');
    return outcome;
  }

  function reject<T>(op: string, started: number, reason: string, usage?: ModelUsage): ModelOutcome<T> {
    totals.rejected += 1;
    return finish<T>(op, started, usage ? { ok: false, reason, usage } : { ok: false, reason });
  }

  return {
    async rewrite(input, callOptions) {
      const started = performance.now();
      const text = input.text.trim();
      if (!text) return finish('rewrite', started, { ok: false, reason: 'empty message' });
      const r = await call('rewrite', (signal) => llm.invoke(messages(REWRITE_SYSTEM, rewriteUser(input)), { signal }), callOptions);
      if (!r.ok) return finish('rewrite', started, { ok: false, reason: r.reason });
      const usage = usageOf(r.value);
      const out = cleanRewrite(textOf(r.value));
      if (!out.ok) return reject('rewrite', started, out.reason, usage);
      return finish('rewrite', started, { ok: true, value: out.text, usage, cached: false });
    },

    async understand(text, callOptions) {
      const started = performance.now();
      if (!text.trim()) return finish('understand', started, { ok: false, reason: 'empty message' });
      const key = cacheKey('understand', [normalizeQuestion(text)]);
      const hit = await fromCache<Understanding>(key);
      if (hit) return finish('understand', started, { ok: true, value: hit, usage: ZERO, cached: true });
      const r = await call(
        'understand',
        (signal) =>
          structured.invoke(messages(UNDERSTAND_SYSTEM, understandUser(text)), { signal }) as Promise<{
            raw: BaseMessage;
            parsed: ModelUnderstanding | null | undefined;
          }>,
        callOptions,
      );
      if (!r.ok) return finish('understand', started, { ok: false, reason: r.reason });
      const usage = usageOf(r.value.raw);
      // LangChain parsed with the schema already; parse again so nothing past it is trusted.
      const parsed = understandingSchema.safeParse(r.value.parsed);
      if (!parsed.success) return reject('understand', started, 'structured output does not match the schema', usage);
      const value: Understanding = { intent: parsed.data.intent, confidence: parsed.data.confidence, slots: groundSlots(text, parsed.data.slots) };
      await cache.set(key, JSON.stringify(value)).catch(() => undefined);
      return finish('understand', started, { ok: true, value, usage, cached: false });
    },

    async compose(input, callOptions) {
      const started = performance.now();
      if (input.hits.length === 0) return finish('compose', started, { ok: false, reason: 'no retrieved entries to compose from' });
      if (!input.question.trim()) return finish('compose', started, { ok: false, reason: 'empty question' });
      const key = cacheKey('compose', [normalizeQuestion(input.question), hitIds(input.hits)]);
      const hit = await fromCache<{ text: string; citedIds: string[] }>(key);
      if (hit) return finish('compose', started, { ok: true, value: hit, usage: ZERO, cached: true });
      const r = await call('compose', (signal) => llm.invoke(messages(COMPOSE_SYSTEM, composeUser(input)), { signal }), callOptions);
      if (!r.ok) return finish('compose', started, { ok: false, reason: r.reason });
      const usage = usageOf(r.value);
      const checked = checkComposed(textOf(r.value), { hits: input.hits, leakMarkers: LEAK_MARKERS, maxChars: options.maxAnswerChars ?? 400 });
      if (!checked.ok) return reject('compose', started, checked.reason, usage);
      const value = { text: checked.text, citedIds: checked.citedIds };
      await cache.set(key, JSON.stringify(value)).catch(() => undefined);
      return finish('compose', started, { ok: true, value, usage, cached: false });
    },

    stats() {
      return { ...totals, breaker: breaker.state() };
    },
  };
}

/** Every request's messages. Phone and ID numbers, however written, are masked before any text leaves for the endpoint. */
function messages(system: string, user: string): BaseMessage[] {
  return [new SystemMessage(system), new HumanMessage(redact(user))];
}

function hitIds(hits: Hit[]): string {
  return hits
    .map((h) => h.entry.id)
    .sort()
    .join(',');
}

function usageOf(message: BaseMessage | AIMessage): ModelUsage {
  const u = (message as AIMessage).usage_metadata;
  return { promptTokens: u?.input_tokens ?? 0, completionTokens: u?.output_tokens ?? 0 };
}

function textOf(message: BaseMessage): string {
  const c = message.content;
  if (typeof c === 'string') return c;
  return c.map((part) => (typeof part === 'string' ? part : part.type === 'text' && 'text' in part ? String(part.text) : '')).join('');
}

function cleanRewrite(raw: string): { ok: true; text: string } | { ok: false; reason: string } {
  const lines = raw
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return { ok: false, reason: 'empty rewrite' };
  if (lines.length > 1) return { ok: false, reason: 'rewrite is more than one line' };
  const text = lines[0]!
    .replace(/^(?:改写后的问题|改写|问题)\s*[:：]\s*/, '')
    .replace(/^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/g, '')
    .trim();
  if (!text) return { ok: false, reason: 'empty rewrite' };
  if ([...text].length > MAX_REWRITE_CHARS) return { ok: false, reason: `rewrite longer than ${MAX_REWRITE_CHARS} characters` };
  if (leaked(text, LEAK_MARKERS)) return { ok: false, reason: 'rewrite repeats the system prompt' };
  if (/<<<|>>>/.test(text)) return { ok: false, reason: 'rewrite contains delimiters' };
  if (COMPLYING.some((re) => re.test(text))) return { ok: false, reason: 'rewrite goes along with an attack' };
  return { ok: true, text };
}
