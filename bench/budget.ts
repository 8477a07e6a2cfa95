import { performance } from 'node:perf_hooks';

/**
 * Time budgets for the bench. The whole run has one budget; each section is given a share of
 * what is left when it starts (so a section that finishes early leaves its time to the next),
 * and passes its deadline down to the loops that measure. A loop stops at its deadline once it
 * has its minimum of samples, and says how many it took: fewer samples, never a missing row.
 */

/** A point in time (performance.now() milliseconds) by which a measurement stops. */
export type Deadline = number;

/** No deadline: a loop runs its full count. */
export const NO_DEADLINE: Deadline = Number.POSITIVE_INFINITY;

/** Whether a loop at its `done`-th sample should stop: past the deadline with at least `min` samples. */
export function overdue(deadline: Deadline | undefined, done: number, min = 50): boolean {
  return deadline !== undefined && done >= min && performance.now() > deadline;
}

/** A deadline `share` of the way from now to `deadline` (0..1); the whole of it when none is set. */
export function share(deadline: Deadline | undefined, part: number): Deadline {
  if (deadline === undefined || !Number.isFinite(deadline)) return NO_DEADLINE;
  const now = performance.now();
  return now + Math.max(0, deadline - now) * part;
}

/** Seconds left before a deadline (negative when past it). */
export function secondsLeft(deadline: Deadline): number {
  return (deadline - performance.now()) / 1000;
}

export class Budget {
  private readonly end: number;
  /** Weights of the sections not yet started. */
  private pending: number;

  constructor(
    seconds: number,
    private readonly weights: Readonly<Record<string, number>>,
  ) {
    this.end = performance.now() + seconds * 1000;
    this.pending = Object.values(weights).reduce((a, b) => a + b, 0);
  }

  /** The deadline of section `name`: its weight's share of the time left, among the sections still to run. */
  start(name: string): { deadline: Deadline; seconds: number } {
    const w = this.weights[name] ?? 0;
    const left = Math.max(0, this.end - performance.now());
    const ms = this.pending > 0 ? (left * w) / this.pending : 0;
    this.pending = Math.max(0, this.pending - w);
    return { deadline: performance.now() + ms, seconds: ms / 1000 };
  }

  /** A section that will not run gives its weight back to the others. */
  skip(name: string): void {
    this.pending = Math.max(0, this.pending - (this.weights[name] ?? 0));
  }
}
