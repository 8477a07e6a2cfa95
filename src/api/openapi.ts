import { z } from 'zod';
import { TOPICS } from '../intents/types.ts';
import { PRIORITIES, REQUEST_TYPES, TICKET_STATUSES } from '../tickets/types.ts';
import { AssignBody, AuditEntrySchema, CreateTicketBody, ErrorSchema, ListQuery, NoteBody, NoteSchema, ReplyBody, StatusBody, TicketSummarySchema, TranscriptLineSchema } from './schemas.ts';

/**
 * The OpenAPI 3.1 description of the back-office API, generated from the same zod schemas that
 * validate requests, so the document cannot drift from what the server accepts.
 */

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ content: { 'application/json': { schema } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      {
        description: { 400: 'Invalid input (the message names the field)', 401: 'Missing or wrong token', 404: 'No such ticket', 409: 'Not allowed in the ticket’s current state', 413: 'Body too large', 503: 'Ticket database unreachable' }[c] ?? 'Error',
        ...json(ref('Error')),
      },
    ]),
  );
const numberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^12351-\\d{8}-\\d{4,}$' },
  example: '12351-20261122-0042',
};
const operatorHeader = {
  name: 'X-Operator',
  in: 'header',
  required: false,
  description: 'Who acts, for the audit trail (default "backoffice")',
  schema: { type: 'string', maxLength: 64 },
};
const ticketEnvelope = { type: 'object', properties: { ticket: ref('Ticket') }, required: ['ticket'] };

let cached: Json | undefined;

export function buildOpenApi(): Json {
  if (cached) return cached;
  const listShape = ListQuery.shape;
  // List filters take one value, repeated keys or a comma-separated list; document the allowed values.
  const lists: Record<string, readonly string[]> = { status: TICKET_STATUSES, category: TOPICS, type: REQUEST_TYPES, priority: PRIORITIES };
  const queryParams = Object.entries(listShape).map(([name, s]) => {
    const values = lists[name];
    if (values) return { name, in: 'query', required: false, style: 'form', explode: false, schema: { type: 'array', items: { type: 'string', enum: [...values] } } };
    const schema = schemaOf(s as z.ZodType);
    return { name, in: 'query', required: false, ...(schema.description ? { description: schema.description } : {}), schema };
  });
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Niangjia 12351 back-office API',
      version: '1.0.0',
      description: 'Tickets filed by workers in chat or by phone: list, read, assign, change status, reply to the worker, add internal notes. All routes need Authorization: Bearer <BACKOFFICE_API_TOKEN>.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Ticket: schemaOf(TicketSummarySchema, 'output'),
        TranscriptLine: schemaOf(TranscriptLineSchema, 'output'),
        AuditEntry: schemaOf(AuditEntrySchema, 'output'),
        Note: schemaOf(NoteSchema, 'output'),
        Error: schemaOf(ErrorSchema, 'output'),
      },
    },
    paths: {
      '/tickets': {
        post: {
          summary: 'File a ticket (a phone call, or another system)',
          parameters: [operatorHeader],
          requestBody: { required: true, ...json(schemaOf(CreateTicketBody)) },
          responses: {
            201: { description: 'Filed', ...json({ type: 'object', properties: { status: { const: 'filed' }, created: { const: true }, ticket: ref('Ticket') } }) },
            200: { description: 'Already filed under this idempotencyKey', ...json({ type: 'object', properties: { status: { const: 'filed' }, created: { const: false }, ticket: ref('Ticket') } }) },
            202: { description: 'Database unreachable: kept in the outbox, filed when it returns', ...json({ type: 'object', properties: { status: { const: 'queued' }, idempotencyKey: { type: 'string' } } }) },
            ...errors(400, 401, 413, 503),
          },
        },
        get: {
          summary: 'List tickets with filters and paging, newest first',
          parameters: queryParams,
          responses: {
            200: {
              description: 'One page',
              ...json({
                type: 'object',
                properties: { items: { type: 'array', items: ref('Ticket') }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } },
              }),
            },
            ...errors(400, 401),
          },
        },
      },
      '/tickets/{number}': {
        get: {
          summary: 'One ticket with its conversation transcript, audit trail and internal notes',
          parameters: [numberParam],
          responses: {
            200: {
              description: 'The ticket',
              ...json({
                type: 'object',
                properties: {
                  ticket: ref('Ticket'),
                  transcript: { type: 'array', items: ref('TranscriptLine') },
                  audit: { type: 'array', items: ref('AuditEntry') },
                  notes: { type: 'array', items: ref('Note') },
                },
              }),
            },
            ...errors(400, 401, 404),
          },
        },
      },
      '/tickets/{number}/assign': {
        post: {
          summary: 'Assign to an operator (moves the ticket to assigned) or unassign with null',
          parameters: [numberParam, operatorHeader],
          requestBody: { required: true, ...json(schemaOf(AssignBody)) },
          responses: { 200: { description: 'Assigned', ...json(ticketEnvelope) }, ...errors(400, 401, 404, 409) },
        },
      },
      '/tickets/{number}/status': {
        post: {
          summary: 'Move along the lifecycle received → assigned → in_progress → replied → follow_up → closed (reopen: closed → in_progress)',
          parameters: [numberParam, operatorHeader],
          requestBody: { required: true, ...json(schemaOf(StatusBody)) },
          responses: { 200: { description: 'Moved', ...json(ticketEnvelope) }, ...errors(400, 401, 404, 409) },
        },
      },
      '/tickets/{number}/reply': {
        post: {
          summary: 'Reply to the worker: added to the transcript, sent to the worker’s chat, status replied where the lifecycle allows',
          parameters: [numberParam, operatorHeader],
          requestBody: { required: true, ...json(schemaOf(ReplyBody)) },
          responses: {
            200: {
              description: 'Stored; notified says whether it was queued for the worker’s chat',
              ...json({ type: 'object', properties: { ticket: ref('Ticket'), transcript: { type: 'array', items: ref('TranscriptLine') }, notified: { type: 'boolean' } } }),
            },
            ...errors(400, 401, 404),
          },
        },
      },
      '/tickets/{number}/notes': {
        post: {
          summary: 'Add an internal note (never shown to the worker)',
          parameters: [numberParam, operatorHeader],
          requestBody: { required: true, ...json(schemaOf(NoteBody)) },
          responses: { 201: { description: 'Added', ...json({ type: 'object', properties: { note: ref('Note') } }) }, ...errors(400, 401, 404) },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 JSON' }, ...errors(401) } },
      },
    },
  };
  return cached;
}
