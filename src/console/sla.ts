import { slaClockRuns } from '../tickets/lifecycle.ts';
import type { Ticket } from '../tickets/types.ts';

const DEFAULT_HOURS = 72;

export interface Sla {
  deadline: string;
  /** Negative when overdue. */
  remainingMs: number;
  overdue: boolean;
  /** False once the ticket is replied or closed: no countdown is shown. */
  running: boolean;
}

/** A ticket's SLA from its difficulty tier (config SLA_HOURS, e.g. 一般:72,难点:168,特别复杂:360). */
export function slaOf(ticket: Pick<Ticket, 'tier' | 'createdAt' | 'status'>, hoursByTier: Readonly<Record<string, number>>, now: Date): Sla {
  const hours = hoursByTier[ticket.tier] ?? DEFAULT_HOURS;
  const deadline = new Date(new Date(ticket.createdAt).getTime() + hours * 3_600_000);
  const remainingMs = deadline.getTime() - now.getTime();
  const running = slaClockRuns(ticket.status);
  return { deadline: deadline.toISOString(), remainingMs, overdue: running && remainingMs < 0, running };
}

function isUrgent(t: Pick<Ticket, 'priority' | 'urgent'>): boolean {
  return t.urgent || t.priority === 'urgent';
}

/**
 * Inbox order: open urgent tickets first, then overdue ones, then the rest by how soon their
 * SLA runs out; tickets whose clock has stopped (replied, closed) come last, newest first.
 */
export function compareForInbox(hoursByTier: Readonly<Record<string, number>>, now: Date) {
  return (a: Ticket, b: Ticket): number => {
    const sa = slaOf(a, hoursByTier, now);
    const sb = slaOf(b, hoursByTier, now);
    const rank = (t: Ticket, s: Sla) => (!s.running ? 3 : isUrgent(t) ? 0 : s.overdue ? 1 : 2);
    const ra = rank(a, sa);
    const rb = rank(b, sb);
    if (ra !== rb) return ra - rb;
    if (ra === 3) return b.createdAt.localeCompare(a.createdAt);
    return sa.remainingMs - sb.remainingMs;
  };
}

export function slaLabel(sla: Sla): string {
  if (!sla.running) return '—';
  const abs = Math.abs(sla.remainingMs);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span = h >= 48 ? `${Math.floor(h / 24)} 天 ${h % 24} 小时` : `${h} 小时 ${m} 分`;
  return sla.remainingMs < 0 ? `超时 ${span}` : `剩 ${span}`;
}
