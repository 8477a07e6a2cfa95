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

/**
 * Rethrows `err` as an AppError: STORE_UNAVAILABLE for connection trouble, the AppError itself,
 * else INTERNAL. The driver's error is not kept: drizzle's message carries the query's
 * parameters (a worker's name, employer, story, transcript), and whatever logs this error must
 * not. What is kept is the SQLSTATE and the database's own message with quoted values removed.
 */
export function storeError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const cause = dbErrorSummary(err);
  if (isUnavailable(err)) return new AppError('STORE_UNAVAILABLE', `ticket database unreachable during ${what}`, { cause });
  return new AppError('INTERNAL', `ticket store failed during ${what}: ${cause.message}`, { cause });
}

/** The innermost database error as an Error with its SQLSTATE and no values from the query. */
export function dbErrorSummary(err: unknown): Error & { code?: string } {
  let e: unknown = err;
  let code: string | undefined;
  let message = '';
  for (let depth = 0; e && depth < 8; depth++) {
    const { code: c, message: m } = e as { code?: unknown; message?: unknown };
    if (typeof c === 'string') code = c;
    if (typeof m === 'string' && !/^Failed query:/.test(m)) message = m;
    e = (e as { cause?: unknown }).cause;
  }
  const safe = message
    .split('\n')[0]!
    .replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '…')
    .slice(0, 200);
  const summary: Error & { code?: string } = new Error(`${code ? `[${code}] ` : ''}${safe || 'database error'}`);
  summary.name = 'DatabaseError';
  if (code) summary.code = code;
  return summary;
}
