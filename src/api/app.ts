import Fastify, { type FastifyInstance } from 'fastify';
import { backofficeApi, type BackofficeApiOptions } from './plugin.ts';

/** A fastify instance holding only the back-office API, not listening; for tests and a standalone API process. */
export async function buildApiApp(options: BackofficeApiOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(backofficeApi, options);
  await app.ready();
  return app;
}
