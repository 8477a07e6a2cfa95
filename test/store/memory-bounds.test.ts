import { describe, expect, it } from 'vitest';
import { initialSession } from '../../src/store/ports.ts';
import { createMemoryDedupe, createMemorySessionStore, MEMORY_MAX_ENTRIES } from '../../src/store/memory/index.ts';

const DAY_S = 24 * 60 * 60;

describe('memory state stays bounded', () => {
  it('drops expired sessions by time even when nobody reads them again', async () => {
    let now = 0;
    const sessions = createMemorySessionStore(() => now);
    for (let i = 0; i < 1000; i++) await sessions.put(`c${i}`, initialSession(new Date(now).toISOString()), 60);
    expect(sessions.size()).toBe(1000);
    now += 11 * 60_000;
    await sessions.put('late', initialSession(new Date(now).toISOString()), 60);
    expect(sessions.size()).toBe(1);
    expect(await sessions.get('late')).toBeDefined();
  });

  it('keeps the dedupe ids and sessions of a busy day (faster clock) under a fixed bound, and still catches a repeat', async () => {
    let now = 0;
    const dedupe = createMemoryDedupe(() => now);
    const sessions = createMemorySessionStore(() => now);
    // 250,000 messages over 36 simulated hours; a day's ids would be 166,000, past the bound.
    const messages = 250_000;
    const stepMs = (36 * 3600 * 1000) / messages;
    let peakIds = 0;
    let peakSessions = 0;
    for (let i = 0; i < messages; i++) {
      now += stepMs;
      if (!(await dedupe.firstSeen(`telegram:${i}`, DAY_S))) throw new Error(`message ${i} taken for a repeat`);
      if (i % 2 === 0) await sessions.put(`chat-${i}`, initialSession('2026-11-22T00:00:00Z'), DAY_S);
      peakIds = Math.max(peakIds, dedupe.size());
      peakSessions = Math.max(peakSessions, sessions.size());
    }
    expect(peakIds).toBeLessThanOrEqual(MEMORY_MAX_ENTRIES);
    expect(peakSessions).toBeLessThanOrEqual(MEMORY_MAX_ENTRIES);
    // A redelivery of a recent message is still recognised.
    expect(await dedupe.firstSeen(`telegram:${messages - 1}`, DAY_S)).toBe(false);
  }, 60_000);
});
