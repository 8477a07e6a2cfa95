import type { Telegram } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/adapters/telegram/channel.ts';
import { silentLogger } from '../../src/log.ts';
import { createMemoryOutbound } from '../../src/outbound/index.ts';
import { makeOutbound } from './fixtures.ts';

describe('a reply sent in several parts', () => {
  it('resends only the parts a failed attempt did not deliver', async () => {
    const delivered: string[] = [];
    let calls = 0;
    // The Bot API as telegraf's client reaches it: the second part's first try is lost on the network.
    const telegram = {
      async sendMessage(_chatId: string, text: string) {
        calls += 1;
        if (calls === 2) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        delivered.push(text);
        return { message_id: calls };
      },
    } as unknown as Telegram;
    const channel = new TelegramChannel(telegram);
    const q = createMemoryOutbound({ log: silentLogger(), retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 } });
    q.register(channel);
    await q.start();
    try {
      const long = ['第一段', '第二段', '第三段'].map((head) => `${head}${'工会'.repeat(1500)}`).join('\n\n');
      await q.enqueue(makeOutbound({ platform: 'telegram', chatId: '42', text: long }));
      await q.drain();
      expect(delivered.map((t) => t.slice(0, 3))).toEqual(['第一段', '第二段', '第三段']);
      expect(calls).toBe(4);
    } finally {
      await q.stop();
    }
  });
});
