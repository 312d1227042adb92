import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,main,shared,renderer,test}/**/*.test.{ts,tsx}'],
    // Must run before anything loads @bufbuild/protobuf (see main/platform/native-base64.ts).
    setupFiles: ['main/platform/native-base64.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll's own default (1 s) is a deadline a loaded machine misses for things that come
    // in milliseconds (a history batch, a file on disk): as long as Playwright's expect instead.
    expect: { poll: { timeout: 15_000 } },
    // Tests start real servers and child processes; two cores cannot run many files at once.
    maxWorkers: 2,
  },
});
