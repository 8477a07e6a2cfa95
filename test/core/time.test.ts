import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { formatTime, parseWallTime } from '../../src/core/time.ts';

describe('console times', () => {
  it('shows an instant as yyyy年m月d日 HH:mm on the configured zone’s wall clock', () => {
    expect(formatTime('2026-11-22T02:05:00Z')).toBe('2026年11月22日 10:05');
    expect(formatTime('2026-11-22T02:05:00Z', 'Europe/Berlin')).toBe('2026年11月22日 03:05');
    expect(formatTime(null)).toBe('');
  });

  it('reads a typed time in that zone, in Chinese or ISO-like writing, and refuses dates that do not exist', () => {
    expect(parseWallTime('2026年12月1日 09:30')?.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(parseWallTime('2026-12-01 09:30')?.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(parseWallTime('2026-12-01T09:30')?.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(parseWallTime('2026年7月1日 09:30', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(parseWallTime('2026年2月30日 09:30')).toBeUndefined();
    expect(parseWallTime('明天上午')).toBeUndefined();
  });

  it('takes the zone from TIME_ZONE, Asia/Shanghai by default, and names a bad one', () => {
    expect(loadConfig({}).TIME_ZONE).toBe('Asia/Shanghai');
    expect(loadConfig({ TIME_ZONE: 'Asia/Urumqi' }).TIME_ZONE).toBe('Asia/Urumqi');
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE/);
  });
});
