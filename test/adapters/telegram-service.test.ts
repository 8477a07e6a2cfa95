import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import TelegramServer from 'telegram-test-api';
import { freePort } from '../helpers/ports.ts';

const TOKEN = '654321:niangjia-service';
const SECRET = 'niangjia-service-secret-01';

/** The whole service as a user starts it (npm start), with Telegram pointed at the emulator. */
describe('the service with TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT set', () => {
  let server: TelegramServer;
  let child: ChildProcess;
  let relay: http.Server;
  let output = '';

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await server.start();
    const port = await freePort();
    // Telegram sends the webhook secret on every post; the emulator does not, so a relay adds it.
    relay = http.createServer((req, res) => {
      const fwd = http.request(
        { host: '127.0.0.1', port, path: req.url, method: req.method, headers: { ...req.headers, 'x-telegram-bot-api-secret-token': SECRET } },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      fwd.on('error', () => res.writeHead(502).end());
      req.pipe(fwd);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const relayPort = (relay.address() as { port: number }).port;
    const env: Record<string, string | undefined> = {
      ...process.env,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${relayPort}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      TERMINAL_CHAT: 'off',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'niangjia-svc-')),
      LOG_LEVEL: 'info',
    };
    for (const k of ['REDIS_URL', 'DATABASE_URL', 'OPENAI_API_KEY', 'WECHATY_PUPPET', 'BACKOFFICE_API_TOKEN']) delete env[k];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const end = Date.now() + 45_000;
    while (!output.includes('Niangjia is running')) {
      if (child.exitCode !== null || Date.now() > end) throw new Error(`service did not start:\n${output}`);
      await sleep(100);
    }
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await server?.stop();
    await new Promise((r) => relay?.close(r));
  });

  it('answers a worker\'s "年票多少钱" there with the cited answer', async () => {
    const client = server.getClient(TOKEN, { userId: 88, chatId: 88, type: 'private', firstName: '小李', timeout: 10_000, interval: 100 });
    await client.sendMessage(client.makeMessage('年票多少钱'));
    const updates = await client.getUpdates();
    const text = updates.result.map((u) => u.message.text).join('\n');
    expect(text).toContain('200元');
    expect(text).toContain('来源：');
  });
});
