import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { TICKET_FIELDS } from '../core/message.ts';
import { AppError } from '../errors.ts';

/**
 * The eval file formats of ../shared/eval/LABELS.md. Any file in these formats is accepted;
 * a bad line stops the run with the file, the line and the field named.
 */

const anyOf = z.array(z.string());

export const questionSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  intent: z.string().min(1),
  action: z.string().min(1),
  must_include: z.array(anyOf).default([]),
  must_not_include: z.array(z.string()).default([]),
  support: z.array(z.string()).default([]),
  source: z.string().default(''),
  note: z.string().default(''),
  /** "abstain": the knowledge cannot answer it; the right reply is the honest no-answer. */
  expect: z.literal('abstain').optional(),
  /** Other actions that are also right (an abstain item may be handed off or filed as a ticket). */
  action_also: z.array(z.string()).default([]),
});
export type Question = z.output<typeof questionSchema>;

/** A field the bot asks for, or `confirm`: the summary it asks the worker to confirm. */
const slotName = z.enum([...TICKET_FIELDS, 'confirm']);

export const scenarioSchema = z.object({
  id: z.string().min(1),
  opening: z.string(),
  profile: z.record(z.string(), z.string()).default({}),
  expect: z.object({
    category: z.string().optional(),
    urgent: z.boolean().optional(),
    fields: z.record(z.string(), z.string()).default({}),
    cancelled: z.boolean().optional(),
  }),
  inject: z
    .array(
      z.union([
        z.object({ after_turn: z.number().int().min(1), text: z.string() }),
        z.object({ after_slot: slotName, text: z.string() }),
      ]),
    )
    .default([]),
  note: z.string().default(''),
});
export type Scenario = z.output<typeof scenarioSchema>;
export type Inject = Scenario['inject'][number];

/** Parses JSON Lines; blank lines are skipped, line numbers are 1-based in messages. */
export function parseJsonl<T>(raw: string, schema: z.ZodType<T>, file: string): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  raw.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new AppError('VALIDATION', `${file}:${i + 1}: not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; ');
      throw new AppError('VALIDATION', `${file}:${i + 1}: ${issues}`, { details: parsed.error.issues });
    }
    const id = (parsed.data as { id: string }).id;
    if (seen.has(id)) throw new AppError('VALIDATION', `${file}:${i + 1}: duplicate id ${id}`);
    seen.add(id);
    out.push(parsed.data);
  });
  return out;
}

/**
 * The sets for single decisions of the ticket form (eval/sets/README.md): a reply at a step of the
 * form and what it says to filing; a worker's account and whether it is urgent by the written rules;
 * a first message and whether it asks the union to act or to answer.
 */
export const replySchema = z.object({ id: z.string().min(1), step: slotName, text: z.string(), label: z.enum(['confirm', 'cancel', 'continue']) });
export type Reply = z.output<typeof replySchema>;
export const accountSchema = z.object({ id: z.string().min(1), text: z.string(), urgent: z.boolean(), reason: z.string() });
export type Account = z.output<typeof accountSchema>;
export const openingSchema = z.object({ id: z.string().min(1), text: z.string(), want: z.enum(['act', 'ask']) });
export type Opening = z.output<typeof openingSchema>;

export async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  return parseJsonl(await readFile(file, 'utf8'), schema, file);
}

export async function readQuestions(file: string): Promise<Question[]> {
  return readJsonl(file, questionSchema);
}

export async function readScenarios(file: string): Promise<Scenario[]> {
  return readJsonl(file, scenarioSchema);
}
