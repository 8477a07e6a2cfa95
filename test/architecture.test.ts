import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The core never knows which platform a message came from: adapters depend on it, not the reverse. */
const CORE = ['src/core', 'src/engine', 'src/intents', 'src/policies', 'src/knowledge', 'src/tickets'];
const PLATFORM = /from ['"](telegraf|wechaty|wechaty-puppet-mock|node:readline|readline)(\/[^'"]*)?['"]/;
const CONSOLE = /console\.(log|error|warn|info|debug)\(/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it.each(CORE)('%s imports no platform SDK', (dir) => {
    const offenders = files(dir).filter((f) => PLATFORM.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('writes to the console only from main, the CLIs and the terminal adapter', () => {
    const allowed = (f: string) => f === path.join('src', 'main.ts') || f.startsWith(path.join('src', 'cli')) || f.startsWith(path.join('src', 'adapters', 'terminal'));
    const offenders = files('src').filter((f) => !allowed(f) && CONSOLE.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
