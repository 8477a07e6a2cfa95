/**
 * `npm run chat`: the engine on its embedded defaults, reading stdin line by line.
 * `echo 年票多少钱 | npm run --silent chat` prints the answer.
 */
import { loadConfig } from '../config.ts';
import { createEngine } from '../engine/engine.ts';
import { createLogger } from '../log.ts';
import { buildServices } from '../services.ts';
import { createTerminalChat } from '../adapters/terminal/terminal.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const services = await buildServices(config, { log: createLogger({ level: config.LOG_LEVEL }) });
const chat = createTerminalChat({ input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
services.outbound.register(chat.channel);
await services.outbound.start();
const engine = createEngine(services);
await chat.run((m) => engine.handle(m));
await services.outbound.drain(2000).catch(() => {});
await services.close();
