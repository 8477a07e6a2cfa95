import type { Redis } from 'ioredis';

// Every script is defined once per client with defineCommand: ioredis sends it whole the first
// time on a connection and by its SHA1 (EVALSHA) after that, resending it only on NOSCRIPT.

// One round trip, atomic: count the hit, start the window's expiry on its first hit (or if a
// crash ever left the counter without one), and report the count with the time left.
const RATE_HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

// Delete the lock only if it still holds our token: a holder whose lock expired must not free
// the lock somebody else took since.
const LOCK_RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

// Extend the lock only while it still holds our token.
const LOCK_RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

// The start of a turn. KEYS: seen, lock, session, then one rate key per limit.
// ARGV: checks ('1' dedupe and count; '0' on a retry for a busy lock), seen TTL in seconds,
// lock token ('' when no conversation is locked), lock TTL in ms, then limit and window per rate key.
// Replies {0} duplicate, {1, which limit, count, ms left} limited, {2} lock busy,
// {3} passed without a lock, {4, session JSON or nil} lock held.
const TURN_BEGIN = `
if ARGV[1] == '1' then
  if not redis.call('SET', KEYS[1], '1', 'EX', ARGV[2], 'NX') then return {0} end
  for i = 4, #KEYS do
    local a = 5 + (i - 4) * 2
    local n = redis.call('INCR', KEYS[i])
    local ttl = redis.call('PTTL', KEYS[i])
    if n == 1 or ttl < 0 then
      redis.call('PEXPIRE', KEYS[i], ARGV[a + 1])
      ttl = tonumber(ARGV[a + 1])
    end
    if n > tonumber(ARGV[a]) then return {1, i - 3, n, ttl} end
  end
end
if ARGV[3] == '' then return {3} end
if not redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4], 'NX') then return {2} end
return {4, redis.call('GET', KEYS[3])}
`;

// The end of a turn. KEYS: lock, session. ARGV: token, session JSON ('' to write nothing), TTL in seconds.
// Writes only while nobody else holds the lock (ours, or expired and free), then frees it; 0 when another holder has it.
const TURN_FINISH = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
if holder then redis.call('DEL', KEYS[1]) end
return 1
`;

const SCRIPTS = {
  niangjiaRateHit: RATE_HIT,
  niangjiaLockRelease: LOCK_RELEASE,
  niangjiaLockRenew: LOCK_RENEW,
  niangjiaTurnBegin: TURN_BEGIN,
  niangjiaTurnFinish: TURN_FINISH,
} as const;

export type ScriptName = keyof typeof SCRIPTS;
export type RunScript = (name: ScriptName, keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/** The client's scripts, defined on first use; several stores sharing one client share them. */
export function scriptsOn(redis: Redis): RunScript {
  const client = redis as unknown as Record<string, unknown>;
  for (const [name, lua] of Object.entries(SCRIPTS)) if (typeof client[name] !== 'function') redis.defineCommand(name, { lua });
  return (name, keys, args) => (client[name] as (...a: unknown[]) => Promise<unknown>).call(redis, keys.length, ...keys, ...args);
}

/** Redis takes whole seconds for EX, and at least one. */
export function wholeSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds));
}
