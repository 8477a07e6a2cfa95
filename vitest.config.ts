import { defineConfig } from 'vitest/config';

/**
 * Outage tests stop and start the real PostgreSQL or Redis server. They run as a second group,
 * after every other file has finished and one file at a time, so no other test sees the server disappear.
 */
const OUTAGE = ['test/tickets/filer.test.ts', 'test/**/*.outage.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { shuffle: { files: false, tests: true }, seed: 20261122 },
    projects: [
      { extends: true, test: { name: 'main', globalSetup: ['test/global-setup.ts'], include: ['test/**/*.test.ts'], exclude: OUTAGE, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'outage', include: OUTAGE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
