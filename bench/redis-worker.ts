import { benchQuestions, load, openEngine } from './redis-load.ts';

/**
 * One of the processes of the two-process Redis bench: opens the engine on Redis, says ready,
 * runs its share of turns on "go", and reports its latencies to the parent over IPC.
 */
interface Job {
  redisUrl: string;
  keyPrefix: string;
  n: number;
  concurrency: number;
  tag: string;
  /** Turns each process runs at least when "go" gives it a time limit. */
  min?: number;
}

const send = (m: unknown) => process.send?.(m);

process.once('message', async (job: Job) => {
  const questions = await benchQuestions();
  const e = await openEngine({ redisUrl: job.redisUrl, keyPrefix: job.keyPrefix });
  await load(e.engine, questions, { n: 50, concurrency: 4, tag: `${job.tag}-warm` });
  send({ ready: true });
  // "go" may say how long the run may take from now: it then stops sooner than `n` turns when that runs out.
  process.once('message', async (go: { ms?: number }) => {
    const result = await load(e.engine, questions, { ...job, ...(go.ms === undefined ? {} : { deadline: performance.now() + go.ms }) });
    send({ result });
    await e.close();
    process.exit(0);
  });
});
