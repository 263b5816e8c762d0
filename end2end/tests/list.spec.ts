import { expect, test } from '@playwright/test';

import {
  caption,
  emails,
  expectDemoBanner,
  instants,
  isSorted,
  openHydrated,
  pagePosition,
  pager,
  rowKeys,
  rows,
  statuses,
} from '../support/console';

// The browser runs in Europe/Berlin (see the project in playwright.config.ts).

test.describe('the approvals list, with JavaScript', () => {
  test('the root address leads to a first page of approvals', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/approvals');
    expect(response?.request().redirectedFrom()?.url()).toMatch(/\/$/);

    await expect(page).toHaveTitle(/Approvals · ZPA Privileged Approvals/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privileged approvals');
    await expectDemoBanner(page);
    await expect(rows(page)).toHaveCount(20);

    const position = await pagePosition(page);
    expect(position.page).toBe(1);
    // The demo tenant holds at least 150 approvals: at least 8 pages of 20.
    expect(position.of).toBeGreaterThanOrEqual(8);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 1–20 of (\d+)$/);
    const total = Number(/of (\d+)/.exec((await pager(page).locator('.pager-range').textContent()) ?? '')![1]);
    expect(total).toBeGreaterThanOrEqual(150);
    expect(position.of).toBe(Math.ceil(total / 20));

    // On the first page there is nothing before, and a link to what comes next.
    await expect(pager(page).locator('a[rel=prev]')).toHaveCount(0);
    await expect(pager(page).getByText('Previous')).toHaveAttribute('aria-disabled', 'true');
    await expect(pager(page).locator('a[rel=next]')).toHaveText('Next');

    // Newest start first by default.
    await expect(page.locator('th[aria-sort=descending]')).toContainText('Start');
    expect(isSorted(await instants(page, 3), 'desc')).toBe(true);

    // Every row has an email linking to its detail page, a segment, times and a status word.
    const first = rows(page).first();
    await expect(first.locator('td.email a')).toHaveAttribute('href', /^\/approvals\/\d+$/);
    await expect(first.locator('td').nth(1)).not.toBeEmpty();
    for (const status of await statuses(page)) {
      expect(['Active', 'Future', 'Expired', 'Invalid']).toContain(status);
    }
    await expect(first.locator('.badge')).toHaveClass(/badge-(active|future|expired|invalid)/);
  });

  test('segments beyond the first are summed up as "+N more"', async ({ page }) => {
    await page.goto('/approvals?size=100');
    const more = page.locator('table.approvals tbody .more').first();
    await expect(more).toHaveText(/^\+\d+ more$/);
    // The full list of names is in its tooltip.
    const extra = Number(/\+(\d+)/.exec((await more.textContent()) ?? '')![1]);
    const all = (await more.getAttribute('title')) ?? '';
    expect(all.split(', ')).toHaveLength(extra + 1);
  });

  test('after hydration the times switch to the browser zone', async ({ page }) => {
    const response = await page.goto('/approvals');
    // The server has no zone for a first-time reader, renders in UTC and says so.
    expect(await response!.text()).toContain('Times are in UTC.');
    await expect(caption(page)).toHaveText('Privileged approvals. Times are in Europe/Berlin.');
    await expect(rows(page).first().locator('td:nth-child(3) time')).toHaveText(/ UTC\+[12]$/);

    // The zone is remembered, so the next page load is served in it from the start.
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'tz')?.value).toBe('Europe/Berlin');
    const html = await (await page.request.get('/approvals')).text();
    expect(html).toContain('Times are in Europe/Berlin.');
  });

  test('Next shows the second page without reloading', async ({ page }) => {
    await openHydrated(page, '/approvals');
    const firstPage = await rowKeys(page);
    await page.evaluate(() => {
      (window as unknown as { __marker: number }).__marker = 1;
    });

    await pager(page).getByRole('link', { name: 'Next' }).click();

    await expect(page).toHaveURL(/\/approvals\?page=2$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40 of \d+$/);
    await expect(pager(page).locator('.pager-position')).toHaveText(/^Page 2 of \d+$/);
    await expect(rows(page)).toHaveCount(20);
    const secondPage = await rowKeys(page);
    expect(secondPage.filter((key) => firstPage.includes(key))).toEqual([]);
    expect(isSorted(await instants(page, 3), 'desc')).toBe(true);

    // Same document: the router swapped the rows in place.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

    await pager(page).getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL(/\/approvals$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 1–20 of \d+$/);
    expect(await rowKeys(page)).toEqual(firstPage);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
  });

  test('the End header sorts by end time, and again reverses it', async ({ page }) => {
    await openHydrated(page, '/approvals?page=3');
    const endHeader = page.locator('th', { has: page.locator('a.sort-link', { hasText: 'End' }) });
    await expect(endHeader).toHaveAttribute('aria-sort', 'none');

    await endHeader.locator('a').click();
    // A new order starts again at page 1.
    await expect(page).toHaveURL(/\/approvals\?sort=endTime&dir=asc$/);
    await expect(endHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.locator('th', { hasText: 'Start' })).toHaveAttribute('aria-sort', 'none');
    await expect(pager(page).locator('.pager-position')).toHaveText(/^Page 1 of/);
    const ascending = await instants(page, 4);
    expect(ascending).toHaveLength(20);
    expect(isSorted(ascending, 'asc'), ascending.join(', ')).toBe(true);

    await endHeader.locator('a').click();
    await expect(page).toHaveURL(/\/approvals\?sort=endTime&dir=desc$/);
    await expect(endHeader).toHaveAttribute('aria-sort', 'descending');
    const descending = await instants(page, 4);
    expect(isSorted(descending, 'desc'), descending.join(', ')).toBe(true);
    // The latest end comes first now, later than anything the ascending page began with.
    expect(Date.parse(descending[0])).toBeGreaterThan(Date.parse(ascending[19]));

    // The order holds on the next page too.
    await pager(page).getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/sort=endTime&dir=desc&page=2$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40/);
    const next = await instants(page, 4);
    expect(isSorted([...descending, ...next], 'desc')).toBe(true);
  });

  test('searching a full address shows only that person', async ({ page }) => {
    await openHydrated(page, '/approvals');
    const email = (await emails(page))[0];
    expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);

    const form = page.getByRole('search');
    await form.getByLabel('User email').fill(email);
    await form.getByRole('button', { name: 'Search' }).click();

    await expect(page).toHaveURL((url) => url.searchParams.get('q') === email);
    await expect.poll(async () => {
      const shown = await emails(page);
      return shown.length > 0 && shown.every((shownEmail) => shownEmail === email);
    }).toBe(true);
    await expect(page.locator('#search')).toHaveValue(email);
    const count = await rows(page).count();
    const range = /^Showing 1–(\d+) of (\d+)$/.exec((await pager(page).locator('.pager-range').textContent()) ?? '');
    expect(range).not.toBeNull();
    expect(Number(range![1])).toBe(count);
    expect(Number(range![2])).toBeGreaterThanOrEqual(count);
  });

  test('the status filter shows only expired approvals', async ({ page }) => {
    await openHydrated(page, '/approvals');
    const form = page.getByRole('search');
    await form.getByLabel('Status').selectOption({ label: 'Expired' });
    await form.getByRole('button', { name: 'Search' }).click();

    await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'expired');
    await expect.poll(async () => {
      const shown = await statuses(page);
      return shown.length > 0 && shown.every((status) => status === 'Expired');
    }).toBe(true);
    await expect(page.locator('table.approvals tbody .badge-expired')).toHaveCount(await rows(page).count());
    await expect(page.locator('#status')).toHaveValue('expired');
    // Every expired approval ended before now.
    const now = Date.now();
    for (const end of await instants(page, 4)) {
      expect(Date.parse(end)).toBeLessThan(now);
    }
  });

  test('back and forward restore the earlier views', async ({ page }) => {
    await openHydrated(page, '/approvals');
    const firstPage = await rowKeys(page);

    await pager(page).getByRole('link', { name: 'Next' }).click();
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40/);
    const secondPage = await rowKeys(page);

    await page.locator('a.sort-link', { hasText: 'End' }).click();
    await expect(page).toHaveURL(/sort=endTime&dir=asc$/);
    await expect(page.locator('th[aria-sort=ascending]')).toContainText('End');
    const byEnd = await rowKeys(page);

    await page.goBack();
    await expect(page).toHaveURL(/\/approvals\?page=2$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40/);
    await expect(page.locator('th[aria-sort=descending]')).toContainText('Start');
    expect(await rowKeys(page)).toEqual(secondPage);

    await page.goBack();
    await expect(page).toHaveURL(/\/approvals$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 1–20/);
    expect(await rowKeys(page)).toEqual(firstPage);

    await page.goForward();
    await expect(page).toHaveURL(/\/approvals\?page=2$/);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40/);
    expect(await rowKeys(page)).toEqual(secondPage);

    await page.goForward();
    await expect(page).toHaveURL(/sort=endTime&dir=asc$/);
    await expect(page.locator('th[aria-sort=ascending]')).toContainText('End');
    expect(await rowKeys(page)).toEqual(byEnd);
  });

  test('a journey through list and detail logs no errors in the browser', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });

    await openHydrated(page, '/approvals');
    await pager(page).getByRole('link', { name: 'Next' }).click();
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40/);
    await page.locator('a.sort-link', { hasText: 'End' }).click();
    await expect(page.locator('th[aria-sort=ascending]')).toContainText('End');
    const form = page.getByRole('search');
    await form.getByLabel('Status').selectOption('active');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'active');
    await expect.poll(async () => (await statuses(page)).every((status) => status === 'Active')).toBe(true);
    await page.locator('table.approvals tbody td.email a').first().click();
    await expect(page.locator('dl.details')).toBeVisible();
    await page.goBack();
    await expect(rows(page).first()).toBeVisible();

    expect(problems).toEqual([]);
  });

  test('the page size choice shows more rows per page', async ({ page }) => {
    await openHydrated(page, '/approvals');
    const form = page.getByRole('search');
    await form.getByLabel('Rows per page').selectOption('50');
    await form.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('size') === '50');
    await expect(rows(page)).toHaveCount(50);
    await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 1–50 of \d+$/);
  });
});

test.describe('on a narrow phone screen', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the list scrolls inside its table, not the whole page', async ({ page }) => {
    await openHydrated(page, '/approvals');
    await expect(rows(page)).toHaveCount(20);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(360);
    expect(widths.body).toBeLessThanOrEqual(360);
    // The table itself may be wider; its wrapper scrolls instead.
    const wrapper = await page.locator('.table-wrap').evaluate((element) => ({
      client: element.clientWidth,
      overflowX: getComputedStyle(element).overflowX,
    }));
    expect(wrapper.client).toBeLessThanOrEqual(360);
    expect(['auto', 'scroll']).toContain(wrapper.overflowX);
  });

  test('a detail page fits the screen', async ({ page }) => {
    await openHydrated(page, '/approvals');
    await page.locator('table.approvals tbody td.email a').first().click();
    await expect(page.locator('dl.details')).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });
});
