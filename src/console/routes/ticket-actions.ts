import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { isTicketNumber } from '../../tickets/number.ts';
import { canTransition, TICKET_STATUSES, type Ticket } from '../../tickets/types.ts';
import { takeoverMap } from '../bridge.ts';
import type { ConsoleContext } from '../context.ts';
import { done, parse, sessionOf, wantsHtml, type FLASH } from '../http.ts';
import type { LiveEventMap } from '../live.ts';
import { setTakenOver, ticketConversation } from '../takeover.ts';

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
    // Store changes reach open pages through the ticket events when the store is observed.
    if (!ctx.ticketEvents || kind === 'takeover' || kind === 'handback') ctx.live.emit('ticket', { number: ticket.number, kind, by });
    if (wantsHtml(request)) return done(reply, `/tickets/${ticket.number}`, code);
    return reply.send({ ok: true, ticket: { number: ticket.number, status: ticket.status, assignee: ticket.assignee } });
  }

  async function conversationHold(ticket: Ticket, operator: string | undefined, actor: string): Promise<boolean> {
    const conv = ticketConversation(ticket);
    if (!conv) return false;
    await setTakenOver({ sessions: ctx.sessions, key: conv.key, operator, ttlSeconds: ctx.config.SESSION_TTL_SECONDS, now: ctx.clock() });
    if (operator) takeoverMap(ctx).set(conv.key, ticket.number);
    else takeoverMap(ctx).delete(conv.key);
    await ctx.audit.record({ actor, action: operator ? 'conversation.takeover' : 'conversation.handback', target: ticket.number, detail: conv.key });
    return true;
  }

  app.post('/tickets/:number/assign', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const { assignee } = parse(z.object({ assignee: z.string().trim().min(1, '请选择处理人').max(64) }), request.body);
    const user = await ctx.users.find(assignee);
    if (!user || user.disabled || user.role === 'officer') throw new AppError('VALIDATION', '没有这个话务员', { details: { field: 'assignee' } });
    const updated = await ctx.tickets.assign(ticket.number, assignee, actor);
    await ctx.audit.record({ actor, action: 'ticket.assign', target: ticket.number, detail: assignee });
    return finish(request, reply, updated, 'assigned', 'assigned');
  });

  app.post('/tickets/:number/status', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const body = parse(z.object({ to: z.enum(TICKET_STATUSES), detail: z.string().trim().max(200).optional() }), request.body);
    const updated = await ctx.tickets.transition(ticket.number, body.to, actor, body.detail || undefined);
    await ctx.audit.record({ actor, action: 'ticket.status', target: ticket.number, detail: `${ticket.status} → ${body.to}` });
    // Closing ends a take-over: the bot answers the worker again.
    if (body.to === 'closed') await conversationHold(updated, undefined, actor);
    return finish(request, reply, updated, 'status', 'status');
  });

  app.post('/tickets/:number/reply', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const body = parse(z.object({ text: text(2000), nonce: z.string().trim().min(8).max(64).optional() }), request.body);
    if (!ticketConversation(ticket)) throw new AppError('VALIDATION', '这个工单没有聊天可回复，请电话联系职工', { details: { field: 'text' } });
    if (ticket.status === 'closed') throw new AppError('INVALID_TRANSITION', '工单已办结，请先重新打开再回复职工');
    const at = ctx.clock().toISOString();
    let updated = await ctx.tickets.appendTranscript(ticket.number, { from: 'operator', text: body.text, at }, actor);
    if (updated.status !== 'replied' && canTransition(updated.status, 'replied')) updated = await ctx.tickets.transition(ticket.number, 'replied', actor, '已回复职工');
    // The form's nonce makes a double-submitted reply one message (it is the dedupe key's tail).
    await ctx.notify(updated, body.text, body.nonce ?? crypto.randomUUID());
    await ctx.audit.record({ actor, action: 'ticket.reply', target: ticket.number, detail: body.text.slice(0, 200) });
    return finish(request, reply, updated, 'replied', 'reply');
  });

  app.post('/tickets/:number/notes', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    const body = parse(z.object({ text: text(2000) }), request.body);
    await ctx.tickets.addNote(ticket.number, body.text, actor);
    await ctx.audit.record({ actor, action: 'ticket.note', target: ticket.number });
    return finish(request, reply, ticket, 'noted', 'note');
  });

  app.post('/tickets/:number/takeover', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    if (ticket.status === 'closed') throw new AppError('INVALID_TRANSITION', '工单已办结，请先重新打开再接管');
    if (!(await conversationHold(ticket, actor, actor))) throw new AppError('VALIDATION', '这个工单没有聊天对话可接管');
    return finish(request, reply, ticket, 'takeover', 'takeover');
  });

  app.post('/tickets/:number/handback', { config }, async (request, reply) => {
    const actor = sessionOf(request).username;
    const ticket = await load(request);
    if (!(await conversationHold(ticket, undefined, actor))) throw new AppError('VALIDATION', '这个工单没有聊天对话');
    return finish(request, reply, ticket, 'handback', 'handback');
  });
};
