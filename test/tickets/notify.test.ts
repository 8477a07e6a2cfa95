import { describe, expect, it } from 'vitest';
import { RecordingChannel } from '../../src/adapters/recording.ts';
import { renderReply } from '../../src/adapters/render.ts';
import { silentLogger } from '../../src/log.ts';
import { createMemoryOutbound } from '../../src/outbound/index.ts';
import { createMemorySessionStore } from '../../src/store/memory/index.ts';
import { createWorkerNotifier } from '../../src/tickets/notify.ts';
import type { Ticket } from '../../src/tickets/types.ts';

describe('the 回访 rating question', () => {
  it('asks for 1 to 5 points in words, with no numbered list that could be read as a menu', async () => {
    const outbound = createMemoryOutbound({ log: silentLogger(), retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    const terminal = new RecordingChannel({ platform: 'terminal' });
    outbound.register(terminal);
    await outbound.start();
    const sessions = createMemorySessionStore();
    const notifier = createWorkerNotifier({ outbound, sessions, sessionTtlSeconds: 60, clock: () => new Date('2026-11-22T02:00:00Z') });
    const ticket = { number: '12351-20261122-0007', origin: { platform: 'terminal', chatId: 'w-rate', senderId: 'w-rate' } } as Ticket;
    try {
      await notifier.askRating(ticket);
      await terminal.waitFor(1);
      const shown = renderReply(terminal.sent[0]!.reply, terminal.capabilities).parts.join('\n');
      expect(shown).toContain('回复 1 到 5 分（5 分最满意）');
      expect(shown).not.toMatch(/^\s*\d\.\s/m);
      expect(shown).not.toContain('1-5');
      expect((await sessions.get('terminal:w-rate'))?.awaiting).toBe('rating');
    } finally {
      await outbound.stop();
    }
  });
});
