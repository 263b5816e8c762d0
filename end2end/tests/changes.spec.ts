import { expect, test, type Page } from '@playwright/test';

import { CHANGES_CONSOLE, openHydrated } from '../support/console';

/** The `datetime` of the approval's end on its detail page. */
async function endOf(page: Page): Promise<number> {
  const value = await page.locator('dt:has-text("Ends") + dd time').getAttribute('datetime');
  return Date.parse(value ?? '');
}

/** Opens the detail page of the first approval the list shows with `status`. */
async function openFirst(page: Page, status: string, hydrated: boolean): Promise<string> {
  const url = `${CHANGES_CONSOLE}/approvals?status=${status}`;
  if (hydrated) await openHydrated(page, url);
  else await page.goto(url);
  const link = page.locator('table.approvals tbody td.email a').first();
  const href = (await link.getAttribute('href')) ?? '';
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href.replace('?', '\\?')}$`));
  return href;
}

test.describe('changing approvals with JavaScript on', () => {
  test('extending an active approval by 4 hours moves only its end', async ({ page }) => {
    const href = await openFirst(page, 'active', true);
    const before = await endOf(page);
    await page.getByRole('button', { name: /by 4 h$/ }).click();
    await expect(page.locator('.notice')).toContainText('was extended');
    await expect.poll(() => endOf(page)).toBe(before + 4 * 3600 * 1000);
    expect(page.url()).toContain(href);
  });

  test('a double click on +1 h extends once', async ({ page }) => {
    await openFirst(page, 'active', true);
    const before = await endOf(page);
    await page.getByRole('button', { name: /by 1 h$/ }).dblclick();
    await expect(page.locator('.notice')).toContainText('was extended');
    await expect.poll(() => endOf(page)).toBe(before + 3600 * 1000);
    await page.reload();
    expect(await endOf(page)).toBe(before + 3600 * 1000);
  });

  test('each extension in a row shows its own new end', async ({ page }) => {
    await openFirst(page, 'active', true);
    const before = await endOf(page);
    await page.getByRole('button', { name: /by 1 h$/ }).click();
    await expect.poll(() => endOf(page)).toBe(before + 3600 * 1000);
    await page.getByRole('button', { name: /by 4 h$/ }).click();
    await expect.poll(() => endOf(page)).toBe(before + 5 * 3600 * 1000);
    await page.reload();
    expect(await endOf(page)).toBe(before + 5 * 3600 * 1000);
  });

  test('revoking names who loses what, then the approval is gone', async ({ page }) => {
    const href = await openFirst(page, 'future', true);
    const email = (await page.locator('h1').textContent())?.trim() ?? '';
    await page.getByRole('link', { name: 'Revoke…' }).click();
    await expect(page.locator('h1')).toHaveText('Revoke this approval?');
    await expect(page.locator('.confirmation')).toContainText(email);
    await expect(page.locator('.confirmation li').first()).toBeVisible();
    await page.getByRole('button', { name: 'Revoke access' }).click();
    await expect(page).toHaveURL(/\/approvals\?revoked=\d+$/);
    await expect(page.locator('.notice')).toContainText('was revoked');
    const gone = await page.request.get(`${CHANGES_CONSOLE}${href}`);
    expect(gone.status()).toBe(404);
  });
});

test.describe('changing approvals with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('extending from the list row works as a plain form', async ({ page }) => {
    await page.goto(`${CHANGES_CONSOLE}/approvals?status=active&sort=id&dir=asc`);
    const row = page.locator('table.approvals tbody tr').first();
    const detail = (await row.locator('td.email a').getAttribute('href')) ?? '';
    const before = Date.parse((await row.locator('td:nth-child(4) time').getAttribute('datetime')) ?? '');
    await row.getByRole('button', { name: /by 1 day$/ }).click();
    await expect(page).toHaveURL(/[?&]extended=\d+/);
    await expect(page.locator('.notice')).toContainText('was extended');
    await page.goto(`${CHANGES_CONSOLE}${detail}`);
    expect(await endOf(page)).toBe(before + 24 * 3600 * 1000);
  });

  test('revoking works as a plain form', async ({ page }) => {
    await openFirst(page, 'expired', false);
    await page.getByRole('link', { name: 'Revoke…' }).click();
    await page.getByRole('button', { name: 'Revoke access' }).click();
    await expect(page).toHaveURL(/\/approvals\?revoked=\d+$/);
    await expect(page.locator('.notice')).toContainText('was revoked');
  });
});

test('purging says how many expired approvals go, then that nothing is left', async ({ page }) => {
  await openHydrated(page, `${CHANGES_CONSOLE}/approvals/purge`);
  await expect(page.locator('.confirmation')).toContainText(/\d+ expired approvals? will be deleted/);
  await page.getByRole('button', { name: /^Purge \d+ expired/ }).click();
  await expect(page).toHaveURL(/\/approvals\?purged=some$/);
  await expect(page.locator('.notice')).toContainText('purged');

  await page.goto(`${CHANGES_CONSOLE}/approvals?status=expired`);
  await expect(page.locator('.empty-result')).toContainText('No approvals have status Expired');
  await page.goto(`${CHANGES_CONSOLE}/approvals/purge`);
  await expect(page.locator('.confirmation')).toContainText('nothing to purge');
});
