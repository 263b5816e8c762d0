import { expect, test, type APIRequestContext } from '@playwright/test';

import { FAULTY_EMULATOR_URL, ONEAPI_CONSOLE, emails, openHydrated, rows } from '../support/console';

// These journeys run against a console signed in through OneAPI to an emulator that enforces
// ZPA's rate limits and takes faults over HTTP, so each failure is real HTTP, not a stub.

type Rule = Record<string, string | number>;

async function inject(request: APIRequestContext, ...rules: Rule[]): Promise<void> {
  const response = await request.post(`${FAULTY_EMULATOR_URL}/emulator/faults`, { data: { rules } });
  expect(response.status()).toBe(204);
}

test.describe('a console on OneAPI when ZPA misbehaves', () => {
  test.afterEach(async ({ request }) => {
    await request.delete(`${FAULTY_EMULATOR_URL}/emulator/faults`);
  });

  test('signs in through OneAPI and shows the tenant', async ({ page }) => {
    const response = await page.goto(`${ONEAPI_CONSOLE}/approvals`);
    expect(response?.status()).toBe(200);
    await expect(rows(page)).toHaveCount(20);
  });

  test('a ZPA busy for longer than a reader can wait says when to come back', async ({ page, request }) => {
    await inject(request, { match: 'GET /approval', times: 5, fault: 'unavailable', retryAfter: '30s' });
    const started = Date.now();
    const response = await page.goto(`${ONEAPI_CONSOLE}/approvals?page=4&sort=id`);
    expect(response?.status()).toBe(503);
    expect(response?.headers()['retry-after']).toBe('30');
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(page.locator('.error-panel h2')).toHaveText('ZPA is busy.');
    await expect(page.locator('.error-panel')).toContainText('Try again in 30 seconds.');

    await request.delete(`${FAULTY_EMULATOR_URL}/emulator/faults`);
    await page.getByRole('link', { name: 'Retry' }).click();
    await expect(rows(page)).toHaveCount(20);
  });

  test('a create whose answer is lost is found, not made twice', async ({ page, request }) => {
    const email = `lost.answer.${Date.now()}@example.com`;
    await openHydrated(page, `${ONEAPI_CONSOLE}/approvals/new`);
    await page.fill('#email', email);
    await page.locator('.segment-options input').first().check();
    await inject(request, { match: 'POST /approval', fault: 'drop_after_acting' });
    await page.getByRole('button', { name: 'Save approval' }).click();
    await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
    await expect(page.locator('h1')).toHaveText(email);

    await page.goto(`${ONEAPI_CONSOLE}/approvals?q=${encodeURIComponent(email)}`);
    expect(await emails(page)).toEqual([email]);
  });

  test('a create ZPA never made keeps the form and can simply be saved again', async ({ page, request }) => {
    const email = `never.made.${Date.now()}@example.com`;
    await openHydrated(page, `${ONEAPI_CONSOLE}/approvals/new`);
    await page.fill('#email', email);
    await page.locator('.segment-options input').first().check();
    await inject(request, { match: 'POST /approval', fault: 'drop_before_acting' });
    await page.getByRole('button', { name: 'Save approval' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('ZPA did not confirm the change to the new approval, and it did not happen.');
    await expect(summary).toContainText('Nothing was changed');
    await expect(page.locator('#email')).toHaveValue(email);
    await expect(page.locator('.chip')).toHaveCount(1);

    await page.getByRole('button', { name: 'Save approval' }).click();
    await expect(page).toHaveURL(/\/approvals\/\d+\?saved=\d+/);
    await page.goto(`${ONEAPI_CONSOLE}/approvals?q=${encodeURIComponent(email)}`);
    expect(await emails(page)).toEqual([email]);
  });
});
