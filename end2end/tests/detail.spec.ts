import { expect, test } from '@playwright/test';

import { expectDemoBanner, openHydrated } from '../support/console';

// The browser runs in Europe/Berlin (see the project in playwright.config.ts).

test.describe("an approval's detail page", () => {
  test("opens from the list with every field, times in the reader's zone and UTC", async ({ page }) => {
    await openHydrated(page, '/approvals');
    const link = page.locator('table.approvals tbody td.email a').first();
    const email = ((await link.textContent()) ?? '').trim();
    const href = (await link.getAttribute('href')) ?? '';
    const id = /^\/approvals\/(\d+)$/.exec(href)?.[1];
    expect(id, `detail link ${href}`).toBeTruthy();
    await page.evaluate(() => {
      (window as unknown as { __marker: number }).__marker = 1;
    });

    await link.click();

    await expect(page).toHaveURL(new RegExp(`/approvals/${id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(email);
    await expect(page).toHaveTitle(`${email} · Approval ${id} · ZPA Privileged Approvals`);
    await expect(page.locator('nav.breadcrumb')).toContainText(`Approval ${id}`);
    // Opened by the router, without reloading the page.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

    await checkDetails(page, id!, email);
    await expectDemoBanner(page);
  });

  test('loads directly from its address, served whole by the server', async ({ page }) => {
    await openHydrated(page, '/approvals?sort=endTime&dir=desc');
    const link = page.locator('table.approvals tbody td.email a').first();
    const email = ((await link.textContent()) ?? '').trim();
    const id = /(\d+)$/.exec((await link.getAttribute('href')) ?? '')![1];

    const response = await page.goto(`/approvals/${id}`);
    expect(response?.status()).toBe(200);
    // The served HTML already holds the details, before any script runs.
    const html = await response!.text();
    expect(html).toContain('<dl class="details"');
    expect(html).toContain(`Approval id`);
    await checkDetails(page, id, email);

    // The Approvals link goes back to the list.
    await page.locator('nav.breadcrumb').getByRole('link', { name: 'Approvals' }).click();
    await expect(page).toHaveURL(/\/approvals$/);
    await expect(page.locator('table.approvals tbody tr')).toHaveCount(20);
  });

  test('an unknown id is a 404 page that says so', async ({ page }) => {
    const response = await page.goto('/approvals/987654321');
    expect(response?.status()).toBe(404);
    await expect(page.getByText('Approval 987654321 was not found.')).toBeVisible();
    await expect(page).toHaveTitle(/Approval not found/);
    await expect(page.getByRole('link', { name: 'Go to the approvals list' })).toHaveAttribute('href', '/approvals');
    await expectDemoBanner(page);
  });

  test('an id that is not a number is a 404 page too', async ({ page }) => {
    const response = await page.goto('/approvals/not-a-number');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('was not found.');
  });
});

test('an unknown address is a 404 page', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle(/Not found/);
  await page.getByRole('link', { name: 'Go to the approvals list' }).click();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.locator('table.approvals tbody tr')).toHaveCount(20);
});

async function checkDetails(page: import('@playwright/test').Page, id: string, email: string) {
  const details = page.locator('dl.details');
  const value = (term: string) => details.locator(`dt:text-is("${term}") + dd`);

  await expect(value('Approval id')).toHaveText(id);
  await expect(value('User email')).toHaveText(email);
  await expect(value('Status').locator('.badge')).toHaveText(/^(Active|Future|Expired|Invalid)$/);
  await expect(value('Microtenant')).not.toBeEmpty();
  await expect(value('Length')).toHaveText(/\d+ (day|hour|minute)/);

  // Starts and Ends: the reader's zone (Europe/Berlin), and UTC beneath it, for the same instant.
  for (const term of ['Starts', 'Ends']) {
    const time = value(term).locator('time');
    await expect(time).toHaveText(/^\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\+[12]$/);
    const datetime = (await time.getAttribute('datetime')) ?? '';
    expect(datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const utc = `${datetime.slice(0, 10)} ${datetime.slice(11, 19)} UTC`;
    await expect(value(term).locator('.utc')).toHaveText(utc);
    // The wall-clock time shown is what the reader's own clock says for that instant.
    const berlin = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Berlin',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(iso)),
      datetime,
    );
    await expect(time).toContainText(`, ${berlin} `);
  }

  // Segments, each with its domains.
  const heading = page.getByRole('heading', { level: 2, name: /^Application segments \(\d+\)$/ });
  await expect(heading).toBeVisible();
  const count = Number(/\((\d+)\)/.exec((await heading.textContent()) ?? '')![1]);
  expect(count).toBeGreaterThanOrEqual(1);
  const segments = page.locator('ul.segments > li');
  await expect(segments).toHaveCount(count);
  for (let i = 0; i < count; i++) {
    const segment = segments.nth(i);
    await expect(segment.locator('strong')).not.toBeEmpty();
    await expect(segment.locator('.muted.small').first()).toHaveText(/^[a-z0-9*.-]+\.[a-z]{2,}(, [a-z0-9*.-]+\.[a-z]{2,})*$/i);
  }
}
