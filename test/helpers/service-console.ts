import type { FastifyInstance } from 'fastify';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { buildConsole } from '../../src/console/app.ts';
import type { Database } from '../../src/db/index.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { silentLogger } from '../../src/log.ts';
import { createNoticeService } from '../../src/notices/service.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestServices } from '../fixtures/services.ts';

/** One service process as main.ts wires it: services, engine, console and a recorded terminal chat. */
export interface ServiceWithConsole {
  services: RunningServices;
  engine: Engine;
  app: FastifyInstance;
  terminal: RecordingChannel;
  close(): Promise<void>;
}

export async function startServiceWithConsole(options: { env?: Record<string, string>; database?: Database } = {}): Promise<ServiceWithConsole> {
  const services = await buildTestServices(options);
  const terminal = new RecordingChannel({ platform: 'terminal' });
  services.outbound.register(terminal);
  await services.outbound.start();
  const log = silentLogger();
  const database = services.database;
  const app = await buildConsole({
    database,
    tickets: services.tickets,
    outbound: services.outbound,
    sessions: services.state.sessions,
    notices: createNoticeService({ database, outbound: services.outbound, clock: services.clock, log }),
    config: services.config,
    log,
    clock: services.clock,
    events: services.events,
    ticketEvents: services.observed.on,
    desk: services.desk,
    live: services.live,
  });
  await app.ready();
  return {
    services,
    engine: createEngine(services),
    app,
    terminal,
    async close() {
      await app.close();
      await services.close();
    },
  };
}
