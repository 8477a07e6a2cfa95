/**
 * `npm start` and `npm run chat`: runs the compiled entry point (dist/main.js, dist/cli/chat.js),
 * building first when dist/ is missing or older than any file under src/ or the build settings.
 * Checking takes a few milliseconds; a build only happens after a change. The entry runs in this
 * same process, so no second Node is kept alive beside it.
 */
import { stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DIST, ROOT, STAMP } from './build.mjs';

async function newestSource() {
  let newest = 0;
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs']) newest = Math.max(newest, (await stat(path.join(ROOT, file))).mtimeMs);
  for (const entry of await readdir(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

async function builtAt() {
  try {
    return (await stat(STAMP)).mtimeMs;
  } catch {
    return 0;
  }
}

const entry = process.argv[2] ?? 'main';
if ((await builtAt()) < (await newestSource())) {
  process.stderr.write('Niangjia: compiling the changed sources into dist/…\n');
  await build();
}
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(DIST, `${entry}.js`)).href);
