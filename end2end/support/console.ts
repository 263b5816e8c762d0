import { expect, type Locator, type Page } from '@playwright/test';

/** Credentials of the standalone ZPA emulator; the secret must never reach a browser. */
export const EMULATOR = {
  port: 3190,
  /** A second emulator that enforces ZPA's rate limits and takes faults over HTTP. */
  faultyPort: 3191,
  clientId: 'e2e-console-client',
  clientSecret: 'e2e-Emulator-Secret-7f3Kq9Zx2Lm4Vb8N',
  customerId: '216196257331299991',
};

/** The console in demo mode, on its built-in emulator. */
export const DEMO_CONSOLE = 'http://127.0.0.1:3100';
/** The console signed in with ZPA API keys to the standalone emulator. */
export const KEYED_CONSOLE = 'http://127.0.0.1:3101';
/** A demo console of its own for journeys that change approvals, so they disturb no other. */
export const CHANGES_CONSOLE = 'http://127.0.0.1:3102';
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR.port}`;
export const FAULTY_EMULATOR_URL = `http://127.0.0.1:${EMULATOR.faultyPort}`;
/** The console signed in through OneAPI to the faulty emulator. */
export const ONEAPI_CONSOLE = 'http://127.0.0.1:3103';

/** Marks, from the first script on, when the console's router starts handling link clicks. */
export async function watchForRouter(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (
      this: EventTarget,
      type: string,
      ...rest: [EventListenerOrEventListenerObject | null, (boolean | AddEventListenerOptions)?]
    ) {
      if (this === window && type === 'click') {
        (window as unknown as { __routerReady?: boolean }).__routerReady = true;
      }
      return add.call(this, type, ...rest);
    } as typeof EventTarget.prototype.addEventListener;
  });
}

/** Waits until the page is hydrated: its router handles clicks without reloading. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window as unknown as { __routerReady?: boolean }).__routerReady === true,
    undefined,
    { timeout: 30_000 },
  );
}

/** Opens a page and waits for it to hydrate. */
export async function openHydrated(page: Page, url: string) {
  await watchForRouter(page);
  const response = await page.goto(url);
  await waitForHydration(page);
  return response;
}

export const table = (page: Page): Locator => page.locator('table.approvals');
export const rows = (page: Page): Locator => page.locator('table.approvals tbody tr');
export const pager = (page: Page): Locator => page.locator('nav.pager');
export const caption = (page: Page): Locator => page.locator('table.approvals caption');

/** The user emails of the rows on screen, top to bottom. */
export async function emails(page: Page): Promise<string[]> {
  return (await page.locator('table.approvals tbody td.email').allTextContents()).map((t) => t.trim());
}

/** The `datetime` of the `<time>` in one column (3 = Start, 4 = End), top to bottom. */
export async function instants(page: Page, column: 3 | 4): Promise<string[]> {
  return page
    .locator(`table.approvals tbody tr td:nth-child(${column}) time`)
    .evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
}

/** The status words in the Status column, top to bottom. */
export async function statuses(page: Page): Promise<string[]> {
  return (await page.locator('table.approvals tbody td:nth-child(5) .badge').allTextContents()).map((t) => t.trim());
}

/** A fingerprint of the rows on screen, to tell one page of the list from another. */
export async function rowKeys(page: Page): Promise<string[]> {
  return page
    .locator('table.approvals tbody td.email a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
}

export function isSorted(values: string[], dir: 'asc' | 'desc'): boolean {
  const numbers = values.map((value) => Date.parse(value));
  if (numbers.some(Number.isNaN)) return false;
  return numbers.every((value, i) => i === 0 || (dir === 'asc' ? numbers[i - 1] <= value : numbers[i - 1] >= value));
}

/** "Page N of M", read from the pager. */
export async function pagePosition(page: Page): Promise<{ page: number; of: number }> {
  const text = (await pager(page).locator('.pager-position').textContent()) ?? '';
  const match = /Page (\d+) of (\d+)/.exec(text);
  expect(match, `pager position "${text}"`).not.toBeNull();
  return { page: Number(match![1]), of: Number(match![2]) };
}

/** The demo banner every page of a demo console shows. */
export async function expectDemoBanner(page: Page): Promise<void> {
  const banner = page.locator('.demo-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Demo tenant.');
}
