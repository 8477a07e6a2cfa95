/**
 * Ticket numbers read like `12351-20261122-0042`: the hotline, the day the ticket was filed in
 * Chongqing (Asia/Shanghai, whatever the server's zone), and that day's sequence number.
 */

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Shanghai calendar day of an instant as YYYYMMDD. */
export function shanghaiDay(at: Date): string {
  const parts = Object.fromEntries(DAY.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}`;
}

export function formatTicketNumber(day: string, seq: number): string {
  return `12351-${day}-${String(seq).padStart(4, '0')}`;
}

export const TICKET_NUMBER_PATTERN = /^12351-\d{8}-\d{4,}$/;

export function isTicketNumber(value: string): boolean {
  return TICKET_NUMBER_PATTERN.test(value);
}
