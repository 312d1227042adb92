import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,main,shared,renderer,test}/**/*.test.{ts,tsx}'],
    // Must run before anything loads @bufbuild/protobuf (see main/platform/native-base64.ts).
    setupFiles: ['main/platform/native-base64.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers and child processes; two cores cannot run many files at once.
    maxWorkers: 2,
  },
});
