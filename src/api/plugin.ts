import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { findBadText } from '../core/sanitize.ts';
import { AppError, httpStatusFor, toAppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { createTicketDesk, type TicketDesk } from '../tickets/desk.ts';
import type { TicketFiler } from '../tickets/filer.ts';
import type { NewTicket, Ticket, TicketStore } from '../tickets/types.ts';
import { buildOpenApi } from './openapi.ts';
import { AssignBody, CreateTicketBody, LIMITS, ListQuery, NoteBody, NumberParams, OperatorHeader, ReplyBody, StatusBody } from './schemas.ts';
import { parse } from './validate.ts';

/** Delivers an operator's reply to the worker's chat (the composition root enqueues it on the outbound queue). */
export type NotifyWorker = (ticket: Ticket, text: string) => Promise<void>;

export interface BackofficeApiOptions {
  /** Reads; every change goes through the desk. */
  tickets: TicketStore;
  /**
   * The ticket desk the console uses too, so a change made here notifies, audits and hands a
   * conversation back exactly as one made in the console. Without it the API makes a desk of its
   * own from `tickets`, `filer` and `notify` (no take-over, no console audit).
   */
  desk?: TicketDesk;
  /** When given, a ticket posted while the database is away is queued (202) instead of refused (503). */
  filer?: TicketFiler;
  /** BACKOFFICE_API_TOKEN. Without it the API is not registered at all. */
  token?: string;
  notify?: NotifyWorker;
  log: Logger;
  clock?: () => Date;
}

export const API_PREFIX = '/api/v1';

/**
 * The 12351 back-office API as a fastify plugin: register it without a prefix, it mounts itself
 * under /api/v1 in its own encapsulated scope (its auth hook and error format do not leak into
 * the host app). Bearer token on every route, zod on every input.
 */
export const backofficeApi: FastifyPluginAsync<BackofficeApiOptions> = async (app, options) => {
  if (!options.token) {
    options.log.info('BACKOFFICE_API_TOKEN not set: back-office API off');
    return;
  }
  await app.register(async (api) => routes(api, { ...options, token: options.token! }), { prefix: API_PREFIX });
};

/** The same plugin with its options bound, for hosts that prefer `app.register(buildApi(opts))`. */
export function buildApi(options: BackofficeApiOptions): FastifyPluginAsync {
  return async (app) => backofficeApi(app, options);
}

async function routes(api: FastifyInstance, o: BackofficeApiOptions & { token: string }): Promise<void> {
  const { tickets } = o;
  const log = o.log.child({ mod: 'api' });
  const clock = o.clock ?? (() => new Date());
  const notify = o.notify ?? (async () => {});
  const desk = o.desk ?? createTicketDesk({ tickets, ...(o.filer ? { filer: o.filer } : {}), notifier: { reply: (ticket, text) => notify(ticket, text) }, clock, log });
  const expected = digest(o.token);

  api.addHook('onRequest', async (req, reply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      reply.header('www-authenticate', 'Bearer realm="niangjia"');
      throw new AppError('UNAUTHORIZED', 'missing or wrong bearer token: send Authorization: Bearer <BACKOFFICE_API_TOKEN>');
    }
  });
  api.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
  });
  api.setErrorHandler((err: FastifyError | AppError, req, reply) => sendError(err, req, reply, log));
  api.addHook('preValidation', async (req) => {
    const field = findBadText(req.body, 'body') ?? findBadText(req.query, 'query');
    if (field) throw new AppError('VALIDATION', `${field}: holds a control character or an unpaired surrogate`, { details: { field } });
  });

  const actorOf = (req: FastifyRequest) => parse(OperatorHeader, req.headers['x-operator'], 'headers.x-operator');
  const numberOf = (req: FastifyRequest) => parse(NumberParams, req.params, 'params').number;
  const mustGet = async (number: string) => {
    const ticket = await tickets.get(number);
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${number} not found`, { details: { field: 'params.number' } });
    return ticket;
  };
  const post = { bodyLimit: LIMITS.bodyBytes };

  api.get('/openapi.json', async () => buildOpenApi());

  api.post('/tickets', post, async (req, reply) => {
    const body = parse(CreateTicketBody, req.body, 'body');
    const actor = actorOf(req);
    const owner = body.callerId ?? body.fields.phone;
    const input: NewTicket = {
      fields: body.fields,
      category: body.category,
      requestType: body.requestType,
      priority: body.priority,
      urgent: body.urgent,
      tier: body.tier,
      origin: { platform: body.channel, chatId: owner, senderId: owner },
      transcript: body.transcript,
      // Namespaced so an API key can never meet a chat form's key.
      idempotencyKey: `api:${body.idempotencyKey ?? randomUUID()}`,
    };
    const result = await desk.file(input, actor);
    if (result.status === 'queued') return reply.code(202).send({ status: 'queued', idempotencyKey: result.idempotencyKey });
    return reply.code(result.created ? 201 : 200).send({ status: 'filed', created: result.created, ticket: result.ticket });
  });

  api.get('/tickets', async (req) => {
    const q = parse(ListQuery, req.query, 'query');
    const { items, total } = await tickets.list({
      status: q.status,
      category: q.category,
      requestType: q.type,
      priority: q.priority,
      urgent: q.urgent,
      district: q.district,
      assignee: q.assignee,
      from: q.from,
      to: q.to,
      q: q.q,
      limit: q.limit,
      offset: q.offset,
    });
    return { items: items.map(summary), total, limit: q.limit, offset: q.offset };
  });

  api.get('/tickets/:number', async (req) => {
    const ticket = await mustGet(numberOf(req));
    const [audit, notes] = await Promise.all([tickets.audit(ticket.number), tickets.notes(ticket.number)]);
    return { ticket: summary(ticket), transcript: ticket.transcript, audit, notes };
  });

  api.post('/tickets/:number/assign', post, async (req) => {
    const number = numberOf(req);
    const body = parse(AssignBody, req.body, 'body');
    return { ticket: summary(await desk.assign(number, body.assignee, actorOf(req))) };
  });

  api.post('/tickets/:number/status', post, async (req) => {
    const number = numberOf(req);
    const body = parse(StatusBody, req.body, 'body');
    return { ticket: summary(await desk.transition(number, body.to, actorOf(req), body.detail)) };
  });

  api.post('/tickets/:number/reply', post, async (req) => {
    const number = numberOf(req);
    const body = parse(ReplyBody, req.body, 'body');
    const { ticket, notified } = await desk.reply(number, body.text, actorOf(req));
    return { ticket: summary(ticket), transcript: ticket.transcript, notified };
  });

  api.post('/tickets/:number/notes', post, async (req, reply) => {
    const number = numberOf(req);
    const body = parse(NoteBody, req.body, 'body');
    return reply.code(201).send({ note: await desk.note(number, body.text, actorOf(req)) });
  });
}

function summary(ticket: Ticket): Omit<Ticket, 'transcript'> {
  const { transcript: _omit, ...rest } = ticket;
  return rest;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply, log: Logger): FastifyReply {
  if (!(err instanceof AppError) && typeof err.statusCode === 'number' && err.statusCode < 500) {
    // fastify's own refusals: body too large, bad JSON, wrong content type.
    const message =
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `body: larger than ${LIMITS.bodyBytes} bytes (a description may hold at most ${LIMITS.description} characters)`
        : `body: ${err.message}`;
    return reply.code(err.statusCode).send({ error: 'VALIDATION', message, field: 'body' });
  }
  const app = toAppError(err);
  const status = httpStatusFor(app.code);
  if (status >= 500) log.error({ err: app, url: req.url, method: req.method }, 'back-office API request failed');
  const field = (app.details as { field?: string } | undefined)?.field;
  const message = status >= 500 && app.code === 'INTERNAL' ? 'internal error; see the service log' : app.message;
  return reply.code(status).send({ error: app.code, message, ...(field ? { field } : {}) });
}
