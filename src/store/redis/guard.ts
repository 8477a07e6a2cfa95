import { AppError } from '../../errors.ts';

/**
 * Every Redis failure (refused connection, closed client, timeout, retries exhausted) reaches the
 * caller as one code, STORE_UNAVAILABLE, so the engine can answer "busy, try again" instead of crashing.
 */
export async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    return storeFailure(what)(err);
  }
}

/** The same as a rejection handler, for a hot path that chains `.catch` instead of wrapping a function. */
export function storeFailure(what: string): (err: unknown) => never {
  return (err) => {
    if (err instanceof AppError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError('STORE_UNAVAILABLE', `redis ${what} failed: ${reason}`, { cause: err });
  };
}
