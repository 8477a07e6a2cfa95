import { z } from 'zod';
import { TOPICS } from '../intents/types.ts';
import { TICKET_NUMBER_PATTERN } from '../tickets/number.ts';
import { PRIORITIES, REQUEST_TYPES, TICKET_STATUSES, TIERS } from '../tickets/types.ts';

/**
 * Request and response shapes of the back-office API. Every request object is `.strict()`, so a
 * misspelt or unexpected field is a 400 that names it instead of being silently dropped. Text
 * is stored exactly as sent (SQL or HTML included) and only ever returned as JSON.
 */

export const LIMITS = {
  description: 5000,
  name: 50,
  employer: 200,
  district: 50,
  replyText: 2000,
  noteText: 5000,
  transcriptLine: 5000,
  transcriptLines: 200,
  /** Request bodies above this are refused with 413 before parsing. */
  bodyBytes: 256 * 1024,
} as const;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const isoInstant = z.iso.datetime({ offset: true });

export const TicketFieldsSchema = z
  .object({
    name: text(LIMITS.name).describe('Worker’s name'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{4,24}$/, 'digits, spaces and dashes, optionally starting with +')
      .describe('Contact number; mobile or landline'),
    employer: z.string().trim().max(LIMITS.employer, `at most ${LIMITS.employer} characters`).default('').describe('Employer, if any'),
    district: text(LIMITS.district).describe('Chongqing district or county'),
    description: text(LIMITS.description).describe('What happened and what the worker asks for'),
  })
  .strict();

export const TranscriptLineSchema = z
  .object({
    from: z.enum(['worker', 'bot', 'operator']),
    text: text(LIMITS.transcriptLine),
    at: isoInstant,
  })
  .strict();

export const CreateTicketBody = z
  .object({
    fields: TicketFieldsSchema,
    category: z.enum(TOPICS),
    requestType: z.enum(REQUEST_TYPES).default('consult'),
    priority: z.enum(PRIORITIES).default('normal'),
    urgent: z.boolean().default(false),
    tier: z.enum(TIERS).default('一般'),
    channel: z.enum(['phone', 'api']).default('phone').describe('phone: a call to 12351 taken by an operator; api: another system'),
    callerId: z.string().trim().min(1).max(64).optional().describe('Who the ticket belongs to; defaults to the phone number'),
    transcript: z.array(TranscriptLineSchema).max(LIMITS.transcriptLines).default([]).describe('Call notes or the conversation so far'),
    idempotencyKey: z
      .string()
      .trim()
      .min(8)
      .max(128)
      .optional()
      .describe('Same key, same ticket: a retried request files once'),
  })
  .strict();
export type CreateTicketBody = z.output<typeof CreateTicketBody>;

/** A query value given once, repeated, or comma-separated: `status=received,assigned`. */
function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1, 'give at least one value'));
}

const dateOrInstant = z.union([z.iso.date(), isoInstant], { error: 'a date (2026-11-22) or an ISO timestamp' });

export const ListQuery = z
  .object({
    status: listOf(TICKET_STATUSES).optional(),
    category: listOf(TOPICS).optional(),
    type: listOf(REQUEST_TYPES).optional().describe('Request type'),
    priority: listOf(PRIORITIES).optional(),
    urgent: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    district: z.string().trim().min(1).max(LIMITS.district).optional(),
    assignee: z.string().trim().min(1).max(64).optional(),
    from: dateOrInstant.optional().describe('Filed at or after; a bare date is that day in Asia/Shanghai'),
    to: dateOrInstant.optional().describe('Filed at or before; a bare date includes that whole day'),
    q: z.string().trim().min(1).max(200).optional().describe('Text search over number, fields, description and transcript'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const NumberParams = z
  .object({ number: z.string().regex(TICKET_NUMBER_PATTERN, 'a ticket number like 12351-20261122-0042') })
  .strict();

export const AssignBody = z
  .object({ assignee: z.string().trim().min(1).max(64).nullable().describe('Operator to handle it; null to unassign') })
  .strict();

export const StatusBody = z
  .object({
    to: z.enum(TICKET_STATUSES),
    detail: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  })
  .strict();

export const ReplyBody = z.object({ text: text(LIMITS.replyText) }).strict();

export const NoteBody = z.object({ text: text(LIMITS.noteText) }).strict();

export const OperatorHeader = z.string().trim().min(1).max(64).default('backoffice');

// Response shapes, for the OpenAPI document.

export const TicketSummarySchema = z.object({
  number: z.string(),
  status: z.enum(TICKET_STATUSES),
  fields: z.object({ name: z.string(), phone: z.string(), employer: z.string(), district: z.string(), description: z.string() }),
  category: z.enum(TOPICS),
  requestType: z.enum(REQUEST_TYPES),
  priority: z.enum(PRIORITIES),
  urgent: z.boolean(),
  tier: z.enum(TIERS),
  origin: z.object({ platform: z.string(), chatId: z.string(), senderId: z.string() }),
  assignee: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const AuditEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string().describe('file, assign, unassign, status, reopen, transcript, note, rate'),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  detail: z.string().nullable().optional(),
});

export const NoteSchema = z.object({ at: z.string(), author: z.string(), text: z.string() });

export const ErrorSchema = z.object({
  error: z.string().describe('VALIDATION, UNAUTHORIZED, TICKET_NOT_FOUND, INVALID_TRANSITION, STORE_UNAVAILABLE, INTERNAL'),
  message: z.string().describe('Names the offending field, e.g. "body.fields.description: at most 5000 characters"'),
  field: z.string().optional(),
});
