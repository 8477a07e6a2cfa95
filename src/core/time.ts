/**
 * Times as the hotline reads and types them: 2026年11月22日 14:05, on the wall clock of one
 * configured time zone (Asia/Shanghai unless TIME_ZONE says otherwise), whatever the browser's
 * language or the server's own zone.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True when Intl knows the zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, timeZone: string): WallClock {
  let fmt = partsCache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    partsCache.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026年11月22日 14:05 in the zone; '' for no time. */
export function formatTime(iso: string | Date | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (!iso) return '';
  const at = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const w = wallClock(at, timeZone);
  return `${w.year}年${w.month}月${w.day}日 ${pad(w.hour)}:${pad(w.minute)}`;
}

const WALL_TIME = /^\s*(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?\s*(?:[T\s]\s*(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?)?\s*$/;

/**
 * Reads a wall-clock time typed in the zone: 2026年12月1日 09:30, 2026-12-01 09:30 or the
 * 2026-12-01T09:30 a datetime field sends. Undefined when it is not a real date and time.
 */
export function parseWallTime(text: string, timeZone: string = DEFAULT_TIME_ZONE): Date | undefined {
  const m = WALL_TIME.exec(text);
  if (!m) return undefined;
  const want: WallClock = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0) };
  if (want.month < 1 || want.month > 12 || want.day < 1 || want.day > 31 || want.hour > 23 || want.minute > 59) return undefined;
  const asUtc = Date.UTC(want.year, want.month - 1, want.day, want.hour, want.minute);
  // The zone's offset at that moment, found by reading the wall clock back (twice, for DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    guess += asUtc - Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  }
  const back = wallClock(new Date(guess), timeZone);
  if (back.year !== want.year || back.month !== want.month || back.day !== want.day || back.hour !== want.hour || back.minute !== want.minute) return undefined;
  return new Date(guess);
}
