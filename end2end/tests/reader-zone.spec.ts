import { expect, test, type Page } from '@playwright/test';

import { caption, openHydrated, rows } from '../support/console';

/**
 * Readers around the world see every time in their own zone, and the time shown is the one
 * their own clock (the browser's `Intl`) gives for that instant, with its UTC offset.
 */

/** Each `<time>` in the table whose text differs from what the reader's clock says. */
async function timesOffTheReadersClock(page: Page, zone: string): Promise<string[]> {
  return page.locator('table.approvals tbody time').evaluateAll((times, zone) => {
    const fields = (options: Intl.DateTimeFormatOptions, date: Date) =>
      Object.fromEntries(
        new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', ...options })
          .formatToParts(date)
          .map((part) => [part.type, part.value]),
      );
    const wrong: string[] = [];
    for (const time of times) {
      const datetime = time.getAttribute('datetime') ?? '';
      const date = new Date(datetime);
      const n = fields(
        { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' },
        date,
      );
      const words = fields({ weekday: 'short', month: 'short' }, date);
      const wall = Date.UTC(Number(n.year), Number(n.month) - 1, Number(n.day), Number(n.hour), Number(n.minute));
      const offsetMinutes = Math.round((wall - date.getTime()) / 60_000);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const offset =
        offsetMinutes === 0
          ? 'UTC'
          : `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? ':' + String(abs % 60).padStart(2, '0') : ''}`;
      const hh = String(Number(n.hour)).padStart(2, '0');
      const mm = String(Number(n.minute)).padStart(2, '0');
      // The console writes `Fri 4 Dec 2026, 16:31 UTC+1`.
      const expected = `${words.weekday} ${Number(n.day)} ${words.month} ${n.year}, ${hh}:${mm} ${offset}`;
      const shown = (time.textContent ?? '').trim();
      if (shown !== expected) wrong.push(`${datetime}: shown "${shown}", the reader's clock says "${expected}"`);
    }
    return wrong;
  }, zone);
}

function expectNoneOff(wrong: string[], total: number) {
  expect(wrong.length, `${wrong.length} of ${total} times are off, e.g.\n${wrong.slice(0, 5).join('\n')}`).toBe(0);
}

const readers = [
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/New_York',
  'Australia/Sydney',
  'America/Vancouver',
];

for (const zone of readers) {
  test.describe(`a reader in ${zone}`, () => {
    test.use({ timezoneId: zone });

    test('sees the list captioned with their zone', async ({ page }) => {
      await openHydrated(page, '/approvals');
      await expect(caption(page)).toHaveText(`Privileged approvals. Times are in ${zone}.`);
    });

    test('sees list times that match their own clock', async ({ page }) => {
      await openHydrated(page, '/approvals?size=100');
      await expect(rows(page)).toHaveCount(100);
      // Wait for the switch from the server's UTC to the reader's zone.
      await expect(caption(page)).not.toHaveText(/Times are in UTC\./);
      expectNoneOff(await timesOffTheReadersClock(page, zone), 200);
    });

    test('coming back, with the zone remembered, still sees times that match their clock', async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: 'tz', value: zone, url: baseURL! }]);
      await openHydrated(page, '/approvals?size=100');
      await expect(rows(page)).toHaveCount(100);
      expectNoneOff(await timesOffTheReadersClock(page, zone), 200);
    });

    test.describe('with scripts off and the zone remembered from an earlier visit', () => {
      test.use({ javaScriptEnabled: false });

      test('sees the same times, rendered by the server', async ({ page, context, baseURL }) => {
        await context.addCookies([{ name: 'tz', value: zone, url: baseURL! }]);
        await page.goto('/approvals?size=100');
        await expect(caption(page)).toHaveText(`Privileged approvals. Times are in ${zone}.`);
        await expect(rows(page)).toHaveCount(100);
        expectNoneOff(await timesOffTheReadersClock(page, zone), 200);
      });
    });
  });
}
