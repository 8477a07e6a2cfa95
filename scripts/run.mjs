/**
 * `npm start` and `npm run chat`: runs the compiled entry point (dist/main.js, dist/cli/chat.js),
 * building first when dist/ is missing or older than any file under src/ or the build settings.
 * Checking takes a few milliseconds; a build only happens after a change. The entry runs in this
 * same process, so no second Node is kept alive beside it.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, DIST } from './build.mjs';

const entry = process.argv[2] ?? 'main';
await buildIfStale();
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(DIST, `${entry}.js`)).href);
