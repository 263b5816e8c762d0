import { expect, test, type Page } from '@playwright/test';

import { caption, openHydrated, rows } from '../support/console';

/**
 * Readers around the world see every time in their own zone, and the time shown is the one
 * their own clock (the browser's `Intl`) gives for that instant.
 */

/** Each `<time>` in the table whose wall-clock text differs from the browser's clock. */
async function timesOffTheReadersClock(page: Page): Promise<string[]> {
  return page.locator('table.approvals tbody time').evaluateAll((times) => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const wrong: string[] = [];
    for (const time of times) {
      const datetime = time.getAttribute('datetime') ?? '';
      const parts = Object.fromEntries(
        clock.formatToParts(new Date(datetime)).map((part) => [part.type, part.value]),
      );
      // The console writes `Fri 4 Dec 2026, 16:31 CET`.
      const expected = `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
      const shown = time.textContent ?? '';
      if (!shown.includes(expected)) wrong.push(`${datetime}: shown "${shown}", the reader's clock says ${expected}`);
    }
    return wrong;
  });
}

const readers = [
  { timezoneId: 'Europe/Berlin', caption: /Times are in Europe\/Berlin \((CET|CEST)\)\./ },
  { timezoneId: 'Asia/Kolkata', caption: /Times are in Asia\/Kolkata \(IST\)\./ },
  { timezoneId: 'America/New_York', caption: /Times are in America\/New_York \((EST|EDT)\)\./ },
  { timezoneId: 'Australia/Sydney', caption: /Times are in Australia\/Sydney \((AEDT|AEST)\)\./ },
  { timezoneId: 'America/Vancouver', caption: /Times are in America\/Vancouver \(\w+\)\./ },
];

for (const reader of readers) {
  test.describe(`a reader in ${reader.timezoneId}`, () => {
    test.use({ timezoneId: reader.timezoneId });

    test('sees list times that match their own clock', async ({ page }) => {
      await openHydrated(page, '/approvals?size=100');
      await expect(caption(page)).toHaveText(reader.caption);
      await expect(rows(page)).toHaveCount(100);
      expect(await timesOffTheReadersClock(page)).toEqual([]);
    });
  });
}
