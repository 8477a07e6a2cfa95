import type { FastifyPluginAsync } from 'fastify';
import type { ConsoleContext } from '../context.ts';
import type { LiveEventMap } from '../live.ts';

const HEARTBEAT_MS = 25_000;

/** Server-sent events for open console pages: ticket changes and worker messages. */
export const eventRoutes: FastifyPluginAsync<ConsoleContext> = async (app, ctx) => {
  app.get('/events', { config: { permission: 'tickets' } }, async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onTicket = (e: LiveEventMap['ticket'][0]) => send('ticket', e);
    const onWorker = (e: LiveEventMap['worker'][0]) => send('worker', e);
    const onHandoff = (e: LiveEventMap['handoff'][0]) => send('handoff', e);
    ctx.live.on('ticket', onTicket);
    ctx.live.on('worker', onWorker);
    ctx.live.on('handoff', onHandoff);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const stop = () => {
      clearInterval(heartbeat);
      ctx.live.off('ticket', onTicket);
      ctx.live.off('worker', onWorker);
      ctx.live.off('handoff', onHandoff);
    };
    request.raw.on('close', stop);
  });
};
