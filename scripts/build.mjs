/**
 * `npm run build`: compiles src/ to dist/ with tsc (relative `.ts` imports become `.js`) and
 * copies every file that is not TypeScript (SQL migrations, console assets, JSON data read at run
 * time) to the same place under dist/, so code that finds them next to itself finds them there.
 * Types are not checked here (tsconfig.build.json sets noCheck): `npm run typecheck` and CI do
 * that, and a start after an edit then waits seconds, not a whole check.
 * dist/.built is written last: a build that stopped half-way is never taken for a finished one.
 */
import { execFileSync } from 'node:child_process';
import { cp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, '.built');

export async function build() {
  // Built beside dist/ and swapped in at the end, so a running process never sees a half-written tree.
  const next = `${DIST}.next-${process.pid}`;
  await rm(next, { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', next], { stdio: 'inherit' });
  const src = path.join(ROOT, 'src');
  for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
    const from = path.join(entry.parentPath, entry.name);
    await cp(from, path.join(next, path.relative(src, from)));
  }
  await writeFile(path.join(next, '.built'), `${new Date().toISOString()}\n`);
  await rm(DIST, { recursive: true, force: true });
  await rename(next, DIST);
}

async function newestSource() {
  let newest = 0;
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs']) newest = Math.max(newest, (await stat(path.join(ROOT, file))).mtimeMs);
  for (const entry of await readdir(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds when dist/ is missing or older than any source file or build setting; checking takes milliseconds. */
export async function buildIfStale() {
  const builtAt = await stat(STAMP).then((s) => s.mtimeMs, () => 0);
  if (builtAt >= (await newestSource())) return;
  process.stderr.write('Niangjia: compiling the changed sources into dist/…\n');
  await build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
