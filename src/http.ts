import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { backofficeApi, type NotifyWorker } from './api/plugin.ts';
import type { RunningServices } from './services.ts';

/**
 * The HTTP side of the service on HOST:PORT: the back-office API (when BACKOFFICE_API_TOKEN is
 * set) and a health check. The hotline console mounts here as well.
 */
export async function startHttp(deps: { config: Config; services: RunningServices; notify: NotifyWorker; mount?: (app: FastifyInstance) => void }): Promise<{ app: FastifyInstance; url: string; stop(): Promise<void> }> {
  const { config, services } = deps;
  const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
  app.get('/health', async () => ({ ok: true, tickets: services.database.kind, state: services.state.kind, kb: services.kb.version }));
  if (config.BACKOFFICE_API_TOKEN) {
    await app.register(backofficeApi, { tickets: services.tickets, desk: services.desk, filer: services.filer, token: config.BACKOFFICE_API_TOKEN, notify: deps.notify, log: services.log, clock: services.clock });
  }
  deps.mount?.(app);
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  return { app, url, stop: () => app.close() };
}
