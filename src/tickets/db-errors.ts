import { AppError } from '../errors.ts';

/**
 * Maps driver failures that mean "the database is not there" to STORE_UNAVAILABLE, so the filer
 * can keep a confirmed form in its outbox instead of losing it. drizzle wraps driver errors, so
 * the whole cause chain is inspected.
 */

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATE class 08 (connection exception), shutdown and start-up states, too many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down)|connect ECONNREFUSED|PGlite is closed/i;

export function isUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 8; depth++) {
    if (e instanceof AppError) return e.code === 'STORE_UNAVAILABLE';
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isUnavailable(x))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Rethrows `err` as an AppError: STORE_UNAVAILABLE for connection trouble, the AppError itself, else INTERNAL. */
export function storeError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  if (isUnavailable(err)) return new AppError('STORE_UNAVAILABLE', `ticket database unreachable during ${what}`, { cause: err });
  return new AppError('INTERNAL', `ticket store failed during ${what}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
