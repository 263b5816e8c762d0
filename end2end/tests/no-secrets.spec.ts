import { expect, test, type Response } from '@playwright/test';

import { EMULATOR, KEYED_CONSOLE, openHydrated, pager } from '../support/console';

/**
 * A console signed in to ZPA with API keys must never hand its credentials, or the bearer
 * token ZPA gives it, to a browser: not in pages, not in scripts, not in server-function replies.
 */

test.use({ baseURL: KEYED_CONSOLE });

const forbidden = [
  { what: 'the API client secret', text: EMULATOR.clientSecret },
  { what: 'the API client secret, base64-encoded', text: Buffer.from(EMULATOR.clientSecret).toString('base64') },
  { what: 'the API client secret, URL-encoded', text: encodeURIComponent(EMULATOR.clientSecret) },
  { what: 'a JWT (the bearer token ZPA issues)', text: 'eyJ' },
  { what: 'an Authorization header word', text: 'Bearer' },
];

function leaksIn(body: Buffer): string[] {
  return forbidden.filter(({ text }) => body.includes(Buffer.from(text, 'utf8'))).map(({ what }) => what);
}

interface Received {
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

test('nothing the browser receives carries a credential or a token', async ({ page }) => {
  const pending: Promise<Received | null>[] = [];
  page.on('response', (response: Response) => {
    pending.push(
      response
        .body()
        .then((body) => ({
          url: response.url(),
          status: response.status(),
          contentType: response.headers()['content-type'] ?? '',
          body,
        }))
        // Redirects have no body to read.
        .catch(() => null),
    );
  });

  // The list, with scripts running.
  await openHydrated(page, '/approvals');
  await expect(page.locator('table.approvals tbody tr')).toHaveCount(20);
  // This console has real credentials, so it is not a demo.
  await expect(page.locator('.demo-banner')).toHaveCount(0);

  // The next page, loaded by the router through a server function.
  await pager(page).getByRole('link', { name: 'Next' }).click();
  await expect(pager(page).locator('.pager-range')).toHaveText(/^Showing 21–40/);

  // A search.
  const email = ((await page.locator('table.approvals tbody td.email').first().textContent()) ?? '').trim();
  const form = page.getByRole('search');
  await form.getByLabel('User email').fill(email);
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === email);
  await expect
    .poll(async () => (await page.locator('table.approvals tbody td.email').allTextContents()).every((t) => t.trim() === email))
    .toBe(true);

  // A detail page, opened by the router.
  await page.locator('table.approvals tbody td.email a').first().click();
  await expect(page).toHaveURL(/\/approvals\/\d+$/);
  await expect(page.locator('dl.details')).toBeVisible();

  // The 404 page, loaded whole from the server.
  const missing = await page.goto('/approvals/987654321');
  expect(missing?.status()).toBe(404);
  await expect(page.getByText('Approval 987654321 was not found.')).toBeVisible();

  const received = (await Promise.all(pending)).filter((item): item is Received => item !== null);
  const urls = received.map((item) => new URL(item.url));
  const has = (test: (url: URL, item: Received) => boolean) => received.some((item, i) => test(urls[i], item));
  // Everything came from this console, and every kind of response was seen.
  expect(urls.every((url) => url.origin === KEYED_CONSOLE), urls.map(String).join('\n')).toBe(true);
  expect(has((url, item) => url.pathname === '/approvals' && item.contentType.startsWith('text/html'))).toBe(true);
  expect(has((url) => /^\/approvals\/\d+$/.test(url.pathname))).toBe(true);
  expect(has((url) => url.pathname.endsWith('.js'))).toBe(true);
  expect(has((url) => url.pathname.endsWith('.wasm'))).toBe(true);
  expect(has((url) => url.pathname.endsWith('.css'))).toBe(true);
  expect(has((url) => url.pathname === '/api/list_approvals')).toBe(true);
  expect(has((url) => url.pathname === '/api/get_approval')).toBe(true);

  const leaks = received.flatMap((item) => leaksIn(item.body).map((what) => `${what} in ${item.url}`));
  expect(leaks).toEqual([]);
});

test('the script and wasm bundles hold no credential or token', async ({ request }) => {
  const page = await request.get('/approvals');
  expect(page.status()).toBe(200);
  const html = await page.body();
  expect(leaksIn(html)).toEqual([]);

  // Whatever the page loads, plus the bundle names the build always writes.
  const assets = new Set(['/pkg/zpa-approvals.js', '/pkg/zpa-approvals.wasm', '/pkg/zpa-approvals.css']);
  for (const match of html.toString('utf8').matchAll(/(?:href|src)="(\/pkg\/[^"]+)"/g)) assets.add(match[1]);
  for (const asset of assets) {
    const response = await request.get(asset);
    expect(response.status(), asset).toBe(200);
    const body = await response.body();
    expect(body.length, asset).toBeGreaterThan(0);
    expect(leaksIn(body), asset).toEqual([]);
  }
  // The wasm bundle is not the server build: no ZPA client code is in it.
  const wasm = await (await request.get('/pkg/zpa-approvals.wasm')).body();
  expect(wasm.subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d]));
  expect(wasm.includes(Buffer.from('/signin'))).toBe(false);
  expect(wasm.includes(Buffer.from('client_secret'))).toBe(false);
});

test('server functions called directly reply without credentials or tokens', async ({ request }) => {
  const calls = [
    { endpoint: '/api/list_approvals', data: { query: { page: 1, page_size: 'Twenty', sorting: { field: 'StartTime', dir: 'Desc' }, search: '', status: null, microtenant: null } } },
    { endpoint: '/api/get_approval', data: { id: 987654321, microtenant: null } },
    { endpoint: '/api/get_approval', data: { id: 1, microtenant: 1 } },
    { endpoint: '/api/describe_console', data: {} },
  ];
  for (const call of calls) {
    const response = await request.post(call.endpoint, {
      data: call.data,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
    const body = await response.body();
    // Failures included: an error reply must not carry upstream details either.
    expect(body.length, call.endpoint).toBeGreaterThan(0);
    expect(leaksIn(body), call.endpoint).toEqual([]);
    for (const [name, value] of Object.entries(response.headers())) {
      expect(leaksIn(Buffer.from(`${name}: ${value}`)), `${call.endpoint} header ${name}`).toEqual([]);
    }
  }
});
