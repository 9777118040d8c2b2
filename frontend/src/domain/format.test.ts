import { describe, expect, it } from 'vitest';
import {
  dayOf,
  firstLine,
  formatDay,
  formatDuration,
  formatLimit,
  formatLongDay,
  formatRemaining,
  formatSize,
  parseDay,
  parseDate,
  formatDate,
  datePattern,
  remainingMs,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [61_900, '1:01'],
    [599_000, '9:59'],
    [3_600_000, '1:00:00'],
    [3_725_000, '1:02:05'],
    [-5, '0:00'],
    [Number.NaN, '0:00'],
  ])('%d ms -> %s', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe('countdown', () => {
  it('is the time left, never below zero, zero without a limit', () => {
    expect(remainingMs(48_000, 300_000)).toBe(252_000);
    expect(remainingMs(310_000, 300_000)).toBe(0);
    expect(remainingMs(5_000, 0)).toBe(0);
    expect(remainingMs(-1, 10_000)).toBe(10_000);
  });

  it.each([
    [48_000, 300_000, '4:12 left'],
    [0, 300_000, '5:00 left'],
    // Rounds up: a quarter second into the last second still shows 0:01.
    [299_250, 300_000, '0:01 left'],
    [47_100, 300_000, '4:13 left'],
    [300_000, 300_000, '0:00 left'],
    [0, 3_600_000, '1:00:00 left'],
  ])('elapsed %d of %d -> %s', (elapsed, max, want) => {
    expect(formatRemaining(elapsed, max)).toBe(want);
  });
});

describe('formatLimit', () => {
  it.each([
    [300_000, '5-minute'],
    [60_000, '1-minute'],
    [3_600_000, '60-minute'],
    [30_000, '30-second'],
    [10_000, '10-second'],
    [90_000, '1:30'],
  ])('%d -> %s', (ms, want) => {
    expect(formatLimit(ms)).toBe(want);
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '2 KB'],
    [812_000, '812 KB'],
    [3_100_000, '3.1 MB'],
    [45_600_000, '46 MB'],
    [1_250_000_000, '1.3 GB'],
    [-1, '0 B'],
  ])('%d -> %s', (bytes, want) => {
    expect(formatSize(bytes)).toBe(want);
  });
});

describe('days', () => {
  const now = new Date(2026, 10, 25, 15, 30); // Wed 25 Nov 2026, local

  it('parses YYYY-MM-DD as a local date and rejects the rest', () => {
    expect(parseDay('2026-11-23')?.getDate()).toBe(23);
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('23/11/2026')).toBeNull();
    expect(parseDay('')).toBeNull();
  });

  it('formats a local date as Go stores it', () => {
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('says Today and Yesterday, else a short date', () => {
    expect(formatDay('2026-11-25', now, 'en-GB')).toBe('Today');
    expect(formatDay('2026-11-24', now, 'en-GB')).toBe('Yesterday');
    // ICU versions differ in commas; the parts are what matter.
    expect(formatDay('2026-11-23', now, 'en-GB')).toMatch(/^Mon,? 23 Nov$/);
    expect(formatDay('2025-11-24', now, 'en-GB')).toMatch(/^Mon,? 24 Nov,? 2025$/);
    expect(formatDay('not a day', now)).toBe('not a day');
  });

  it('says Yesterday across a month boundary', () => {
    expect(formatDay('2026-11-30', new Date(2026, 11, 1), 'en-GB')).toBe('Yesterday');
  });

  it('writes a long day for sentences', () => {
    expect(formatLongDay('2026-11-23', 'en-GB')).toMatch(/^Monday,? 23 November,? 2026$/);
  });
});

describe('firstLine', () => {
  it.each([
    ['Shipped the importer\nand more', 'Shipped the importer'],
    ['\n\n  - Fixed the build  \n- Reviewed', 'Fixed the build'],
    ['• Wrote docs', 'Wrote docs'],
    ['   ', ''],
    ['', ''],
  ])('%j -> %j', (text, want) => {
    expect(firstLine(text)).toBe(want);
  });
});

describe('dates in the member’s locale', () => {
  it('reads the order and separator of the locale', () => {
    expect(datePattern('en-GB')).toEqual({ order: ['day', 'month', 'year'], separator: '/', placeholder: 'dd/mm/yyyy' });
    expect(datePattern('en-US').placeholder).toBe('mm/dd/yyyy');
    expect(datePattern('de-DE').placeholder).toBe('dd.mm.yyyy');
    expect(datePattern('ja-JP').order).toEqual(['year', 'month', 'day']);
  });

  it('writes a stored day as the locale does', () => {
    expect(formatDate('2026-11-23', 'en-GB')).toBe('23/11/2026');
    expect(formatDate('2026-11-23', 'en-US')).toBe('11/23/2026');
    expect(formatDate('2026-11-23', 'de-DE')).toBe('23.11.2026');
    expect(formatDate('', 'en-GB')).toBe('');
  });

  it.each([
    ['23/11/2026', 'en-GB', '2026-11-23'],
    ['11/23/2026', 'en-US', '2026-11-23'],
    ['23.11.26', 'de-DE', '2026-11-23'],
    ['3/1/2026', 'en-GB', '2026-01-03'],
    ['2026-11-23', 'en-US', '2026-11-23'],
    [' ', 'en-GB', ''],
    ['31/02/2026', 'en-GB', null],
    ['23/11', 'en-GB', null],
    ['11/23/2026', 'en-GB', null],
    ['tomorrow', 'en-GB', null],
  ])('reads %s in %s as %s', (text, locale, want) => {
    expect(parseDate(text, locale)).toBe(want);
  });
});
