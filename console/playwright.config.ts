import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/chromium';

// The journeys run in the system Chromium (Debian package `chromium`) against `sqlup serve` started from the
// packaged jar by e2e/global-setup.ts (virtual clock: hours of upgrade in seconds). `mvn -B verify` runs them.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-gpu',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
