import { expect, test } from '@playwright/test';

import {
  caption,
  emails,
  expectDemoBanner,
  instants,
  isSorted,
  pagePosition,
  pager,
  rowKeys,
  rows,
  statuses,
} from '../support/console';

// With scripts off the console is plain HTML: links, and a GET form for the search.
test.use({ javaScriptEnabled: false });

test.describe('the approvals list without JavaScript', () => {
  test('loads, pages with links, sorts with header links and searches with the form', async ({ page }) => {
    const response = await page.goto('/approvals');
    expect(response?.status()).toBe(200);
    await expectDemoBanner(page);
    await expect(rows(page)).toHaveCount(20);
    expect((await pagePosition(page)).page).toBe(1);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 1–20 of \d+$/);
    // No script ever ran, so there is no zone but the server's default.
    await expect(caption(page)).toHaveText('Privileged approvals. Times are in UTC.');
    await expect(rows(page).first().locator('td:nth-child(3) time')).toHaveText(/ UTC$/);
    const firstPage = await rowKeys(page);

    // Next is a plain link.
    await Promise.all([
      page.waitForNavigation(),
      pager(page).getByRole('link', { name: 'Next' }).click(),
    ]);
    await expect(page).toHaveURL(/\/approvals\?page=2$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40 of \d+$/);
    await expect(pager(page).locator('.pager-position')).toHaveText(/^Page 2 of \d+$/);
    const secondPage = await rowKeys(page);
    expect(secondPage).toHaveLength(20);
    expect(secondPage.filter((key) => firstPage.includes(key))).toEqual([]);

    // The End header is a plain link too; sorting starts again at page 1.
    await page.locator('a.sort-link', { hasText: 'End' }).click();
    await expect(page).toHaveURL(/\/approvals\?sort=endTime&dir=asc$/);
    await expect(page.locator('th[aria-sort=ascending]')).toContainText('End');
    expect(isSorted(await instants(page, 4), 'asc')).toBe(true);
    await page.locator('a.sort-link', { hasText: 'End' }).click();
    await expect(page).toHaveURL(/\/approvals\?sort=endTime&dir=desc$/);
    expect(isSorted(await instants(page, 4), 'desc')).toBe(true);

    // The search form is a GET form, and keeps the chosen order.
    const email = (await emails(page))[0];
    const form = page.getByRole('search');
    await form.getByLabel('User email').fill(email);
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/approvals' && url.searchParams.get('q') === email);
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('endTime');
    expect(url.searchParams.get('dir')).toBe('desc');
    const shown = await emails(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((shownEmail) => shownEmail === email), shown.join(', ')).toBe(true);
    await expect(page.locator('#search')).toHaveValue(email);
  });

  test('the status filter works through the form', async ({ page }) => {
    await page.goto('/approvals');
    const form = page.getByRole('search');
    await form.getByLabel('Status').selectOption('future');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'future');
    const shown = await statuses(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((status) => status === 'Future'), shown.join(', ')).toBe(true);
    const now = Date.now();
    for (const start of await instants(page, 3)) {
      expect(Date.parse(start)).toBeGreaterThan(now);
    }
  });

  test('a stored zone is used by the server from the first byte', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'tz', value: 'Asia/Kolkata', url: baseURL! }]);
    await page.goto('/approvals');
    await expect(caption(page)).toHaveText('Privileged approvals. Times are in Asia/Kolkata.');
    await expect(rows(page).first().locator('td:nth-child(3) time')).toHaveText(/ UTC\+5:30$/);
  });

  test('a detail page opens from its link', async ({ page }) => {
    await page.goto('/approvals');
    const link = page.locator('table.approvals tbody td.email a').first();
    const email = ((await link.textContent()) ?? '').trim();
    await link.click();
    await expect(page).toHaveURL(/\/approvals\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(email);
    await expect(page.locator('dl.details time').first()).toHaveText(/ UTC$/);
    await expect(page.locator('ul.segments > li').first()).toBeVisible();
  });

  test('unknown approvals and addresses are 404 pages', async ({ page }) => {
    const missing = await page.goto('/approvals/987654321');
    expect(missing?.status()).toBe(404);
    await expect(page.getByText('Approval 987654321 was not found.')).toBeVisible();
    const unknown = await page.goto('/approvals/987654321/history');
    expect(unknown?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    const editMissing = await page.goto('/approvals/987654321/edit');
    expect(editMissing?.status()).toBe(404);
    await expect(page.getByText('Approval 987654321 was not found.')).toBeVisible();
  });
});
