import { expect, test, type Page } from '@playwright/test';

import { CHANGES_CONSOLE, DEMO_CONSOLE, openHydrated, waitForHydration, watchForRouter } from '../support/console';

/** `YYYY-MM-DD` and `HH:MM` for a moment `minutesAhead` from now, in UTC. */
function utcParts(minutesAhead: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutesAhead * 60_000);
  const iso = at.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Fills the window in UTC: from `startAhead` to `endAhead` minutes from now. */
async function fillWindow(page: Page, startAhead: number, endAhead: number): Promise<void> {
  const start = utcParts(startAhead);
  const end = utcParts(endAhead);
  await page.fill('#window_zone', 'UTC');
  await page.fill('#start_date', start.date);
  await page.fill('#start_time', start.time);
  await page.fill('#end_date', end.date);
  await page.fill('#end_time', end.time);
}

/** How many approvals the list finds for `email`. */
async function countFor(page: Page, email: string): Promise<number> {
  const response = await page.request.get(`${CHANGES_CONSOLE}/approvals?q=${encodeURIComponent(email)}`);
  const html = await response.text();
  return (html.match(/<td[^>]*class="email"/g) ?? []).length;
}

/** `YYYY-MM-DD HH:MM` for the minute `minutesAhead` from now, on a clock in `zone`. */
function wallClock(zone: string, minutesAhead: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(Date.now() + minutesAhead * 60_000))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

test.describe('a first visit from Berlin', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('the new form starts this minute in Berlin, in Berlin time', async ({ page, context }) => {
    const remembered = (await context.cookies(DEMO_CONSOLE)).filter((cookie) => cookie.name === 'tz');
    expect(remembered, 'no zone is remembered yet').toHaveLength(0);
    await openHydrated(page, `${DEMO_CONSOLE}/approvals/new`);
    // The server renders a first visit in UTC; once hydrated, the form moves to the reader's zone.
    await expect(page.locator('#window_zone')).toHaveValue('Europe/Berlin');
    await expect(page.locator('#hours_zone')).toHaveValue('Europe/Berlin');
    const start = `${await page.locator('#start_date').inputValue()} ${await page.locator('#start_time').inputValue()}`;
    const thisMinute = [-1, 0, 1].map((minutes) => wallClock('Europe/Berlin', minutes));
    expect(thisMinute, `the start ${start} is this minute in Berlin`).toContain(start);
  });

  test('what a reader typed before the page came alive stays as typed', async ({ page }) => {
    // Hold the bundle back, so the reader types into the server's UTC form first.
    await page.route('**/*.wasm', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue();
    });
    await watchForRouter(page);
    await page.goto(`${DEMO_CONSOLE}/approvals/new`);
    await page.fill('#end_time', '23:45');
    await waitForHydration(page);
    // The zone move must have had its chance: the cookie is set once the browser named its zone.
    await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === 'tz')).toBe(true);
    await expect(page.locator('#end_time')).toHaveValue('23:45');
    await expect(page.locator('#window_zone')).toHaveValue('UTC');
  });
});

test('a contractor gets four hours on the jump hosts, and the list finds it', async ({ page }) => {
  const email = `contractor.${Date.now()}@example.com`;
  await openHydrated(page, `${CHANGES_CONSOLE}/approvals/new?email=${encodeURIComponent(email)}`);
  await expect(page.locator('#email')).toHaveValue(email);
  await page.fill('#segment-search', 'jump');
  await page.locator('.segment-options input').first().check();
  await expect(page.locator('.chip')).toHaveCount(1);
  await fillWindow(page, 2, 2);
  await page.getByRole('button', { name: '4 h', exact: true }).click();
  await page.getByRole('button', { name: 'Save approval' }).click();
  await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
  await expect(page.locator('.notice')).toContainText('was saved in ZPA');
  await expect(page.locator('h1')).toHaveText(email);
  await expect(page.locator('dd')).toContainText(['4 hours']);
  expect(await countFor(page, email)).toBe(1);
});

test('office hours in Kolkata preview their windows in both zones and are saved', async ({ page }) => {
  const email = `oncall.${Date.now()}@example.com`;
  await openHydrated(page, `${CHANGES_CONSOLE}/approvals/new`);
  await page.fill('#email', email);
  await page.locator('.segment-options input').first().check();
  await fillWindow(page, 2, 7 * 24 * 60);
  await page.check('#working_hours');
  await page.fill('#hours_zone', 'Asia/Kolkata');
  await page.locator('#hours_zone').dispatchEvent('change');
  const preview = page.locator('.preview li');
  await expect(preview.first()).toContainText('UTC+5:30');
  await expect(preview.first()).toContainText('for you');
  await page.getByRole('button', { name: 'Save approval' }).click();
  await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
  const hours = page.locator('dt:has-text("Working hours") + dd');
  await expect(hours).toContainText('Mon–Fri 09:00–17:00');
  await expect(hours).toContainText('Asia/Kolkata');
  await expect(hours).toContainText('0 30 3 ? * MON,TUE,WED,THU,FRI');
});

test('each mistake is named beside its field and everything typed is kept', async ({ page }) => {
  await openHydrated(page, `${CHANGES_CONSOLE}/approvals/new`);
  await page.fill('#email', 'a@example.com, b@example.com');
  await fillWindow(page, -180, -240);
  await page.check('#working_hours');
  for (const day of ['MON', 'TUE', 'WED', 'THU', 'FRI']) await page.uncheck(`#day-${day}`);
  await page.fill('#hours_zone', 'Mars/Olympus');
  await page.getByRole('button', { name: 'Save approval' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('The approval was not saved');
  for (const field of ['User email', 'Application segments', 'Start', 'End', 'Working days', 'Working hours time zone']) {
    await expect(summary).toContainText(`${field}:`);
  }
  await expect(page.locator('#email-error')).toContainText('one email address');
  await expect(page.locator('#email')).toHaveValue('a@example.com, b@example.com');
  await expect(page.locator('#hours_zone')).toHaveValue('Mars/Olympus');
  await summary.getByRole('link', { name: /^User email/ }).click();
  await expect(page.locator('#email')).toBeFocused();
});

test('a double click on save creates one approval', async ({ page }) => {
  const email = `double.${Date.now()}@example.com`;
  await openHydrated(page, `${CHANGES_CONSOLE}/approvals/new`);
  await page.fill('#email', email);
  await page.locator('.segment-options input').first().check();
  await fillWindow(page, 2, 62);
  await page.getByRole('button', { name: 'Save approval' }).dblclick();
  await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
  expect(await countFor(page, email)).toBe(1);
});

test('editing the end of an approval, and the locked start of an active one', async ({ page }) => {
  await openHydrated(page, `${CHANGES_CONSOLE}/approvals?status=active`);
  await page.locator('table.approvals tbody td.email a').first().click();
  await page.getByRole('link', { name: 'Edit…' }).click();
  await expect(page.locator('h1')).toHaveText('Edit approval');
  await expect(page.locator('#start_date')).toHaveAttribute('readonly', '');
  await expect(page.getByText('ZPA does not allow its start to change')).toBeVisible();
  await page.getByRole('button', { name: '7 days' }).click();
  await page.getByRole('button', { name: 'Save approval' }).click();
  await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
  await expect(page.locator('dd')).toContainText(['7 days']);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form creates an approval as a plain post', async ({ page }) => {
    const email = `nojs.${Date.now()}@example.com`;
    await page.goto(`${CHANGES_CONSOLE}/approvals/new`);
    await page.fill('#email', email);
    await page.locator('.segment-options input').first().check();
    await fillWindow(page, 2, 120);
    await page.getByRole('button', { name: 'Save approval' }).click();
    await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
    await expect(page.locator('h1')).toHaveText(email);
  });

  test('a refused form comes back with the values typed and the errors', async ({ page }) => {
    await page.goto(`${CHANGES_CONSOLE}/approvals/new`);
    await page.fill('#email', 'nobody');
    await fillWindow(page, 2, 1);
    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save approval' }).click();
    expect((await response).status()).toBe(400);
    await expect(page.locator('.error-summary')).toContainText('The end must be after the start.');
    await expect(page.locator('#email')).toHaveValue('nobody');
    await expect(page.locator('#segment-search-error, .field-error').first()).toBeVisible();
  });
});
