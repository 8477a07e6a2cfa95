import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { isTicketNumber } from '../../tickets/number.ts';
import { ticketConversation } from '../../tickets/conversation.ts';
import { TICKET_STATUSES, type Ticket } from '../../tickets/types.ts';
import type { ConsoleContext } from '../context.ts';
import { done, parse, sessionOf, wantsHtml, type FLASH } from '../http.ts';
import type { LiveEventMap } from '../live.ts';

const text = (max: number) => z.string().trim().min(1, '内容不能为空').max(max, `最多 ${max} 字`);

/** Ticket changes from the ticket page: assign, status, reply to the worker, notes, take-over. */
export const ticketActionRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  const config = { permission: 'tickets' as const };

  async function load(request: FastifyRequest): Promise<Ticket> {
    const { number } = request.params as { number: string };
    const ticket = isTicketNumber(number) ? await ctx.tickets.get(number) : undefined;
    if (!ticket) throw new AppError('TICKET_NOT_FOUND', '没有这个工单');
    return ticket;
  }

  function finish(request: FastifyRequest, reply: FastifyReply, ticket: Ticket, code: keyof typeof FLASH, kind: LiveEventMap['ticket'][0]['kind']) {
    const by = sessionOf(request).username;
    // Store changes reach open pages through the ticket events when the store is observed; the desk announces take-over and hand-back.
    if (!ctx.ticketEvents && kind !== 'takeover' && kind !== 'handback') ctx.live.emit('ticket', { number: ticket.number, kind, by });
    if (wantsHtml(request)) return done(reply, `/tickets/${ticket.number}`, code);
    return reply.send({ ok: true, ticket: { number: ticket.number, status: ticket.status, assignee: ticket.assignee } });
  }

  app.post('/tickets/:number/assign', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const { assignee } = parse(z.object({ assignee: z.string().trim().min(1, '请选择处理人').max(64) }), request.body);
    const user = await ctx.users.find(assignee);
    if (!user || user.disabled || user.role === 'officer') throw new AppError('VALIDATION', '没有这个话务员', { details: { field: 'assignee' } });
    const updated = await ctx.desk.assign(ticket.number, assignee, actor);
    return finish(request, reply, updated, 'assigned', 'assigned');
  });

  app.post('/tickets/:number/status', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const body = parse(z.object({ to: z.enum(TICKET_STATUSES), detail: z.string().trim().max(200).optional() }), request.body);
    const updated = await ctx.desk.transition(ticket.number, body.to, actor, body.detail || undefined);
    return finish(request, reply, updated, 'status', 'status');
  });

  app.post('/tickets/:number/reply', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const body = parse(z.object({ text: text(2000), nonce: z.string().trim().min(8).max(64).optional() }), request.body);
    if (!ticketConversation(ticket)) throw new AppError('VALIDATION', '这个工单没有聊天可回复，请电话联系职工', { details: { field: 'text' } });
    // The form's nonce makes a double-submitted reply one message.
    const { ticket: updated, notified } = await ctx.desk.reply(ticket.number, body.text, actor, body.nonce ? { replyId: body.nonce } : {});
    return finish(request, reply, updated, notified ? 'replied' : 'replyQueuedFailed', 'reply');
  });

  app.post('/tickets/:number/notes', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const body = parse(z.object({ text: text(2000) }), request.body);
    await ctx.desk.note(ticket.number, body.text, actor);
    return finish(request, reply, ticket, 'noted', 'note');
  });

  app.post('/tickets/:number/takeover', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await ctx.desk.takeOver((await load(request)).number, actor);
    return finish(request, reply, ticket, 'takeover', 'takeover');
  });

  app.post('/tickets/:number/handback', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await ctx.desk.handBack((await load(request)).number, actor);
    return finish(request, reply, ticket, 'handback', 'handback');
  });
};
