import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import type { RunningServices } from '../../src/services.ts';
import { buildTestEngine } from '../fixtures/services.ts';
import { makeInbound } from '../fixtures/messages.ts';

const QUESTIONS = ['年票多少钱', '疗休养有几天', '老板拖欠工资怎么办', '工会驿站在哪里', '送温暖慰问标准是多少', '你好', '劳动仲裁要交钱吗', '会员有哪些福利'];

/** Memory state never waits on I/O, so nothing else in the process runs unless a turn gives way. */
describe('turns on memory state and the event loop', () => {
  let engine: Engine;
  let services: RunningServices;
  beforeAll(async () => {
    ({ engine, services } = await buildTestEngine());
    for (const text of QUESTIONS) await engine.handle(makeInbound({ text })); // warm up
  });
  afterAll(async () => {
    await services.close();
  });

  it('lets a 10 ms timer fire within a few turns of its time during a long run of turns', async () => {
    const turns = 400;
    let done = 0;
    let firedAfter: number | undefined;
    const set = performance.now();
    let late = 0;
    setTimeout(() => {
      firedAfter = done;
      late = performance.now() - set - 10;
    }, 10);
    const started = performance.now();
    for (; done < turns; done++) await engine.handle(makeInbound({ text: QUESTIONS[done % QUESTIONS.length]!, chatId: `loop-${done}`, senderId: `loop-${done}` }));
    const perTurn = (performance.now() - started) / turns;
    // Before the turns gave way the timer fired only after the last one.
    expect(firedAfter).toBeDefined();
    expect(firedAfter!).toBeLessThan(turns);
    // At most the turns due in 10 ms, plus generous room for a loaded machine.
    expect(firedAfter!).toBeLessThanOrEqual(Math.ceil(10 / perTurn) + 50);
    expect(late).toBeLessThan(500);
  });

  it('lets concurrent conversations take turns with a timer too', async () => {
    let done = 0;
    let firedAfter: number | undefined;
    setTimeout(() => (firedAfter = done), 10);
    await Promise.all(
      Array.from({ length: 16 }, async (_, lane) => {
        for (let i = 0; i < 25; i++) {
          await engine.handle(makeInbound({ text: QUESTIONS[(lane + i) % QUESTIONS.length]!, chatId: `lane-${lane}`, senderId: `lane-${lane}` }));
          done += 1;
        }
      }),
    );
    expect(firedAfter).toBeDefined();
    expect(firedAfter!).toBeLessThan(16 * 25);
  });
});
