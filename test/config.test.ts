import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.REDIS_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: ' ' }).REDIS_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', REDIS_URL: 'not a url', BACKOFFICE_WEBHOOK_URL: 'http://127.0.0.1:9/x' })).toThrow(/PORT[\s\S]*REDIS_URL/);
    expect(() => loadConfig({ BACKOFFICE_WEBHOOK_URL: 'http://127.0.0.1:9/x' })).toThrow(/BACKOFFICE_WEBHOOK_SECRET/);
  });

  it('refuses Telegram webhook mode without a webhook secret, or with a guessable one', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook', TELEGRAM_WEBHOOK_SECRET: 'abc' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    const ok = loadConfig({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook', TELEGRAM_WEBHOOK_SECRET: 'a-long-random-secret_123' });
    expect(ok.TELEGRAM_WEBHOOK_SECRET).toBe('a-long-random-secret_123');
  });
});
