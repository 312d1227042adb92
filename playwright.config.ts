import { chromiumArgs, chromiumPath } from './e2e/fixtures/chromium.js';
import { defineConfig } from '@playwright/test';

// Playwright cannot download its browsers here: the web target runs in the system Chromium.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalSetup: './e2e/fixtures/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    viewport: { width: 1360, height: 820 },
    trace: 'off',
  },
});
