import { expect, test } from '@playwright/test';

import { CHANGES_CONSOLE, emails, openHydrated } from '../support/console';

const CONTRACTORS = '145260601092866314';

test.describe('the microtenant selector', () => {
  test('picking a microtenant scopes the list, the links and a new approval', async ({ page }) => {
    await openHydrated(page, `${CHANGES_CONSOLE}/approvals`);
    const selector = page.getByLabel('Microtenant');
    await expect(selector).toHaveValue('');
    await expect(selector.locator('option')).toHaveText([
      'All microtenants',
      'Default',
      'Contractors',
      'EMEA Operations',
    ]);

    await selector.selectOption({ label: 'Contractors' });
    await expect(page).toHaveURL(new RegExp(`/approvals\\?microtenant=${CONTRACTORS}$`));
    await expect(page.getByLabel('Microtenant')).toHaveValue(CONTRACTORS);
    const shown = await emails(page);
    expect(shown.length).toBeGreaterThan(0);
    for (const email of shown) expect(email).toMatch(/@partner\.example\.com$/);
    await expect(page.locator('td.email a').first()).toHaveAttribute(
      'href',
      new RegExp(`^/approvals/\\d+\\?microtenant=${CONTRACTORS}$`),
    );

    // A new approval made from here is created in Contractors, and the console stays there.
    await page.getByRole('link', { name: 'New approval' }).click();
    await expect(page).toHaveURL(new RegExp(`/approvals/new\\?microtenant=${CONTRACTORS}$`));
    const email = `contractor.mt.${Date.now()}@partner.example.com`;
    await page.fill('#email', email);
    await page.locator('.segment-options input').first().check();
    await page.getByRole('button', { name: 'Save approval' }).click();
    await expect(page).toHaveURL(new RegExp(`/approvals/\\d+\\?saved=\\d+&microtenant=${CONTRACTORS}$`));
    await expect(page.locator('dt:has-text("Microtenant") + dd')).toContainText(CONTRACTORS);
    await expect(page.getByLabel('Microtenant')).toHaveValue(CONTRACTORS);
    await page.getByRole('link', { name: 'Approvals', exact: true }).first().click();
    await expect(page).toHaveURL(new RegExp(`/approvals\\?microtenant=${CONTRACTORS}$`));
  });

  test('without JavaScript the selector is a form with a Switch button', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${CHANGES_CONSOLE}/approvals/20001`);
    await page.getByLabel('Microtenant').selectOption({ label: 'Default' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect(page).toHaveURL(/\/approvals\?microtenant=0$/);
    for (const email of await emails(page)) expect(email).toMatch(/@example\.com$/);
    await context.close();
  });
});
