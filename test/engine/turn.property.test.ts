import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestServices } from '../fixtures/services.ts';
import { conversationScript, formFlow } from '../fuzz/messages.ts';
import { play } from '../fuzz/play.ts';

/**
 * The real turn (memory state, the shipped knowledge, an in-memory ticket store) on generated
 * conversations: arbitrary Unicode, broken text, long pastes, policy words, phone and ID numbers
 * in every writing, prompt injections and ticket forms. fast-check shrinks a failure to the
 * shortest conversation that shows it.
 */
let services: RunningServices;
let engine: Engine;
beforeAll(async () => {
  services = await buildTestServices({ env: { RATE_LIMIT_MAX: '10000', GROUP_RATE_LIMIT_MAX: '10000' } });
  engine = createEngine(services);
});
afterAll(async () => {
  await services.close();
});

describe('any conversation a worker can type', () => {
  it('is answered every time with text, never shows a personal number in a group, and files each confirmed ticket once', async () => {
    await fc.assert(
      fc.asyncProperty(conversationScript, async (script) => {
        const seen = await play(engine, services.tickets, script);
        expect(seen.exceptions).toEqual([]);
        expect(seen.empty).toEqual([]);
        expect(seen.answeredTwice).toEqual([]);
        expect(seen.leaks).toEqual([]);
        expect(seen.doubled).toBe(0);
        expect(seen.filed).toBe(seen.announced);
      }),
      { numRuns: 300, seed: 20261130, endOnFailure: false },
    );
  }, 180_000);

  it('files a ticket for a completed form however the phone number is written', async () => {
    await fc.assert(
      fc.asyncProperty(formFlow(fc.constant([])), async (form) => {
        const seen = await play(engine, services.tickets, { group: false, ...form, redeliver: [] });
        expect(seen.exceptions).toEqual([]);
        expect(seen.filed).toBe(1);
        expect(seen.confirmed).toBe(1);
      }),
      { numRuns: 100, seed: 20261130, endOnFailure: false },
    );
  }, 120_000);
});
