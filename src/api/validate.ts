import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** Where the value came from, used as the start of the field path: body, query, params, headers.x-operator. */
export type Part = 'body' | 'query' | 'params' | `headers.${string}`;

/** Parses one part of a request; a failure is a VALIDATION error whose message names the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, part: Part): z.output<S> {
  const result = schema.safeParse(value ?? (part === 'query' || part === 'params' ? {} : undefined));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const base = [part, ...issue.path.map(String)].join('.');
  let field = base;
  let message: string;
  if (issue.code === 'unrecognized_keys') {
    field = `${base}.${issue.keys[0]}`;
    message = `${issue.keys.map((k) => `${base}.${k}`).join(', ')}: unknown field${issue.keys.length > 1 ? 's' : ''}`;
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = `${base}: required`;
  } else {
    message = `${base}: ${issue.message}`;
  }
  return failWith(message, field, result.error.issues);
}

function failWith(message: string, field: string, issues: unknown): never {
  throw new AppError('VALIDATION', message, { details: { field, issues } });
}
