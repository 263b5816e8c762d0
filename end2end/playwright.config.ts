import { defineConfig, devices } from '@playwright/test';
import * as path from 'node:path';

import {
  DEMO_CONSOLE,
  EMULATOR,
  EMULATOR_URL,
  FAULTY_EMULATOR_URL,
  KEYED_CONSOLE,
  ONEAPI_CONSOLE,
} from './support/console';

/**
 * Browser journeys through the console, run against the release build
 * (`cargo leptos build --release --precompress` first).
 *
 * These servers are started from the repository root, all on loopback only:
 *  - the ZPA emulator on its own, with fixed test credentials (port 3190);
 *  - a console in demo mode, running its own built-in emulator (port 3100);
 *  - a console signed in to the standalone emulator with ZPA API keys, as an operator
 *    would configure it against a real tenant (port 3101);
 *  - another demo console for the journeys that change approvals (port 3102);
 *  - a second standalone emulator enforcing ZPA's rate limits, whose faults the journeys
 *    switch on over HTTP (port 3191), and a console signed in to it through OneAPI (3103).
 */

const repoRoot = path.resolve(__dirname, '..');
const binary = 'target/release/zpa-approvals';

/** Every variable the console reads to find ZPA, emptied so nothing leaks in from outside. */
const noZpaCredentials: Record<string, string> = {
  ZSCALER_USE_LEGACY_CLIENT: '',
  ZSCALER_CLIENT_ID: '',
  ZSCALER_CLIENT_SECRET: '',
  ZSCALER_PRIVATE_KEY: '',
  ZSCALER_VANITY_DOMAIN: '',
  ZSCALER_CLOUD: '',
  ZPA_CLIENT_ID: '',
  ZPA_CLIENT_SECRET: '',
  ZPA_CUSTOMER_ID: '',
  ZPA_MICROTENANT_ID: '',
  ZPA_CLOUD: '',
  ZPA_BASE_URL: '',
  ZPA_EMULATOR_CLIENT_ID: '',
  ZPA_EMULATOR_CLIENT_SECRET: '',
  ZPA_EMULATOR_CUSTOMER_ID: '',
};

/** The standalone emulator's credentials, for an emulator started on `port` with `flags`. */
function emulatorServer(port: number, flags = '') {
  return {
    command: run(`emulator --addr 127.0.0.1:${port}${flags ? ' ' + flags : ''}`),
    cwd: repoRoot,
    // Without a token the API answers 401, which tells Playwright the emulator is up.
    url: `http://127.0.0.1:${port}/mgmtconfig/v1/admin/customers/${EMULATOR.customerId}/approval`,
    env: {
      ...noZpaCredentials,
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
      ZPA_EMULATOR_CLIENT_ID: EMULATOR.clientId,
      ZPA_EMULATOR_CLIENT_SECRET: EMULATOR.clientSecret,
      ZPA_EMULATOR_CUSTOMER_ID: EMULATOR.customerId,
    },
    reuseExistingServer,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

/** How the release binary finds its site files, and where it listens. */
function leptosEnv(addr: string): Record<string, string> {
  return {
    LEPTOS_OUTPUT_NAME: 'zpa-approvals',
    LEPTOS_SITE_ROOT: 'target/site',
    LEPTOS_SITE_PKG_DIR: 'pkg',
    LEPTOS_SITE_ADDR: addr,
    LEPTOS_ENV: 'PROD',
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
  };
}

// Always start fresh servers, so a stale one left on a port is never what gets tested.
const reuseExistingServer = false;
// `env -u`: the live-reload script must not be served, whatever the outer shell has set.
const run = (args = '') => `env -u LEPTOS_WATCH ${binary}${args ? ' ' + args : ''}`;

export default defineConfig({
  testDir: './tests',
  // One browser at a time keeps first loads of the wasm bundle quick on small CI machines.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: DEMO_CONSOLE,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    navigationTimeout: 30_000,
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        timezoneId: 'Europe/Berlin',
        locale: 'en-GB',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: [
    // (b) The emulator alone, with the demo seed and fixed credentials.
    emulatorServer(EMULATOR.port),
    // (e) The same, enforcing ZPA's rate limits and taking faults from the journeys.
    emulatorServer(EMULATOR.faultyPort, '--faults --rate-limits'),
    {
      // (a) Demo mode: no credentials at all, so the console starts its built-in emulator.
      command: run(),
      cwd: repoRoot,
      url: `${DEMO_CONSOLE}/approvals`,
      env: { ...noZpaCredentials, ...leptosEnv('127.0.0.1:3100') },
      reuseExistingServer,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // (d) Another demo console, for the journeys that change approvals.
      command: run(),
      cwd: repoRoot,
      url: 'http://127.0.0.1:3102/approvals',
      env: { ...noZpaCredentials, ...leptosEnv('127.0.0.1:3102') },
      reuseExistingServer,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // (c) ZPA API keys, pointed at the standalone emulator.
      command: run(),
      cwd: repoRoot,
      url: `${KEYED_CONSOLE}/approvals`,
      env: {
        ...noZpaCredentials,
        ...leptosEnv('127.0.0.1:3101'),
        ZSCALER_USE_LEGACY_CLIENT: 'true',
        ZPA_BASE_URL: EMULATOR_URL,
        ZPA_CLIENT_ID: EMULATOR.clientId,
        ZPA_CLIENT_SECRET: EMULATOR.clientSecret,
        ZPA_CUSTOMER_ID: EMULATOR.customerId,
      },
      reuseExistingServer,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // (f) OneAPI sign-in with a client secret, pointed at the faulty emulator.
      command: run(),
      cwd: repoRoot,
      url: `${ONEAPI_CONSOLE}/approvals`,
      env: {
        ...noZpaCredentials,
        ...leptosEnv('127.0.0.1:3103'),
        ZPA_BASE_URL: FAULTY_EMULATOR_URL,
        ZSCALER_CLIENT_ID: EMULATOR.clientId,
        ZSCALER_CLIENT_SECRET: EMULATOR.clientSecret,
        ZPA_CUSTOMER_ID: EMULATOR.customerId,
      },
      reuseExistingServer,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
