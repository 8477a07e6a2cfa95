/** Says once, up front, which real-backend legs this run skips. */
export default function setup(): void {
  const missing = [
    ['REDIS_URL', 'Redis legs of the state, queue, cache and outbox contracts'],
    ['DATABASE_URL', 'PostgreSQL legs of the ticket store and the outage tests'],
  ].filter(([name]) => !process.env[name!]);
  for (const [name, what] of missing) process.stdout.write(`\n[niangjia] ${name} is not set: skipping the ${what}.\n`);
  if (missing.length) process.stdout.write('[niangjia] .ci/run sets both against the servers on 127.0.0.1.\n\n');
}
