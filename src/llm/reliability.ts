import type { CircuitBreaker } from './breaker.ts';

/**
 * One model call inside a time budget: an AbortSignal that fires when the budget is spent,
 * bounded retries with exponential backoff and jitter for failures worth retrying (5xx, 429,
 * network, a body that is not JSON) as long as time remains, and the circuit breaker around it
 * all. It never throws: the result says what happened, so the caller keeps its offline answer.
 */

export type FailureKind =
  | 'breaker_open'
  | 'timeout'
  | 'cancelled'
  | 'http_5xx'
  | 'rate_limited'
  | 'http_4xx'
  | 'network'
  | 'malformed'
  | 'invalid_output'
  | 'error';

export type CallResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; kind: FailureKind; reason: string; attempts: number };

export interface CallPolicy {
  budgetMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff; doubles each retry, with up to 50% jitter. */
  backoffMs: number;
  breaker: CircuitBreaker;
  /** A retry is not started with less than this left of the budget. */
  minAttemptMs?: number;
}

const RETRYABLE = new Set<FailureKind>(['http_5xx', 'rate_limited', 'network', 'malformed']);
/** Failures that say nothing bad about the endpoint: it answered, the content was wrong. */
const ENDPOINT_HEALTHY = new Set<FailureKind>(['invalid_output']);

export async function callWithinBudget<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  policy: CallPolicy,
  outer?: AbortSignal,
): Promise<CallResult<T>> {
  if (outer?.aborted) return { ok: false, kind: 'cancelled', reason: 'cancelled before the call', attempts: 0 };
  if (!policy.breaker.tryAcquire()) return { ok: false, kind: 'breaker_open', reason: 'circuit breaker open', attempts: 0 };
  const start = performance.now();
  const budget = AbortSignal.timeout(policy.budgetMs);
  const signal = outer ? AbortSignal.any([budget, outer]) : budget;
  const minAttemptMs = policy.minAttemptMs ?? 100;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await raceAbort(fn(signal), signal);
      policy.breaker.success();
      return { ok: true, value, attempts };
    } catch (err) {
      const kind = outer?.aborted ? 'cancelled' : budget.aborted ? 'timeout' : classify(err);
      const reason = kind === 'timeout' ? `no answer within ${policy.budgetMs} ms` : `${kind}: ${describe(err)}`;
      const backoff = policy.backoffMs * 2 ** (attempts - 1) * (1 + Math.random() * 0.5);
      const left = policy.budgetMs - (performance.now() - start);
      if (RETRYABLE.has(kind) && attempts < policy.maxAttempts && left > backoff + minAttemptMs) {
        if (await sleep(backoff, signal)) continue;
      }
      if (kind === 'cancelled') policy.breaker.release();
      else if (ENDPOINT_HEALTHY.has(kind)) policy.breaker.success();
      else policy.breaker.failure();
      return { ok: false, kind, reason, attempts };
    }
  }
}

export function classify(err: unknown): FailureKind {
  const e = err as { name?: string; status?: unknown; message?: string; code?: string; constructor?: { name?: string } };
  const name = `${e?.constructor?.name ?? ''} ${e?.name ?? ''}`;
  if (/Abort|Timeout/i.test(name) || /aborted|timed out/i.test(e?.message ?? '')) return 'timeout';
  if (typeof e?.status === 'number') {
    if (e.status === 429) return 'rate_limited';
    if (e.status >= 500) return 'http_5xx';
    return 'http_4xx';
  }
  if (/ZodError|OutputParser|ValidationError/i.test(name)) return 'invalid_output';
  if (/SyntaxError/.test(name)) return 'malformed';
  if (/Connection|ECONN|socket|fetch failed/i.test(`${name} ${e?.message ?? ''} ${e?.code ?? ''}`)) return 'network';
  return 'error';
}

function describe(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 200);
}

/** Rejects as soon as the signal fires, even if the underlying call does not notice. */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  p.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Resolves true after ms, false if the signal fired first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
