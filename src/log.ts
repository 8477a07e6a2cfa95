import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { redact } from './core/redact.ts';

export type { Logger };

/**
 * The service logger. Phone and ID numbers are masked in every message and string field, and
 * a database query's parameters are hidden, so a log line never carries a worker's details.
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}

/**
 * Where the log goes while the terminal chat owns the screen: the file when it can be written
 * (all levels), otherwise standard error with warnings and errors only, so JSON lines do not
 * run through the conversation.
 */
export function quietLogDestination(file: string, level: string): { level: string; destination: pino.DestinationStream; file?: string } {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    closeSync(openSync(file, 'a'));
    return { level, destination: pino.destination({ dest: file, sync: true }), file };
  } catch {
    const rank = (l: string) => pino.levels.values[l] ?? Infinity;
    return { level: rank(level) >= rank('warn') ? level : 'warn', destination: pino.destination(2) };
  }
}

/** A query's parameters, as drizzle writes them into its error messages: never logged. */
const QUERY_PARAMS = /(\bparams:)[^\n]*/g;

function scrubText(text: string): string {
  return redact(text.replace(QUERY_PARAMS, '$1 (hidden)'));
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  // An error's own fields (a driver's query, params, detail) are left out: name, code, message and stack only.
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { type: value.name, ...(typeof code === 'string' ? { code } : {}), message: scrubText(value.message), stack: value.stack ? scrubText(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/** A logger that drops everything: tests, eval and bench. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
