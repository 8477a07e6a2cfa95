/**
 * A circuit breaker for the model endpoint: after `threshold` consecutive failed calls it opens
 * and no request is sent for `coolDownMs`; then one trial call is let through (half-open). A
 * success closes it, a failure opens it again. While it is open a turn costs nothing and the
 * offline answer goes out at once, instead of every worker waiting out the time budget.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreaker {
  /** Whether a call may go out now; in half-open state only one trial at a time. */
  tryAcquire(): boolean;
  success(): void;
  failure(): void;
  /** A call that was let through but ended without telling anything about the endpoint. */
  release(): void;
  state(): BreakerState;
}

export interface BreakerOptions {
  threshold?: number;
  coolDownMs?: number;
  /** Milliseconds now; injectable so tests need not wait out the cool-down. */
  now?: () => number;
  onChange?: (state: BreakerState) => void;
}

export function createBreaker(options: BreakerOptions = {}): CircuitBreaker {
  const threshold = options.threshold ?? 5;
  const coolDownMs = options.coolDownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt = 0;
  let current: BreakerState = 'closed';
  let trialInFlight = false;

  const set = (s: BreakerState) => {
    if (s !== current) {
      current = s;
      options.onChange?.(s);
    }
  };

  return {
    tryAcquire() {
      if (current === 'open') {
        if (now() - openedAt < coolDownMs) return false;
        set('half_open');
      }
      if (current === 'half_open') {
        if (trialInFlight) return false;
        trialInFlight = true;
      }
      return true;
    },
    success() {
      failures = 0;
      trialInFlight = false;
      set('closed');
    },
    failure() {
      trialInFlight = false;
      failures += 1;
      if (current === 'half_open' || failures >= threshold) {
        openedAt = now();
        set('open');
      }
    },
    release() {
      trialInFlight = false;
    },
    state() {
      if (current === 'open' && now() - openedAt >= coolDownMs) return 'half_open';
      return current;
    },
  };
}
