import { describe, expect, it } from 'vitest';
import { toFramework, toSession, type BasicsRange, type Learning } from '../api/growth';
import { frameworkOf, sessionOf } from '../test/fakeGo';
import {
  addDays,
  byWeek,
  daysKept,
  firstOpen,
  flatItems,
  formatClock,
  formatMinutes,
  heatFrom,
  heatWeeks,
  itemNames,
  lineSeries,
  localDay,
  mondayOf,
  movements,
  movementText,
  slug,
  splitLines,
  streakText,
} from './growth';

const fw = toFramework(frameworkOf());
const names = itemNames(fw);
const s = (id: number, day: string, levels: Record<string, number>) => toSession(sessionOf(id, day, levels));

describe('days', () => {
  it('are local calendar days', () => {
    expect(localDay(new Date(2026, 10, 23, 23, 59).getTime())).toBe('2026-11-23');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // Across the end of daylight saving time in Europe.
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('start weeks on Monday', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23'); // a Monday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // the Sunday after
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
  });
});

describe('movements', () => {
  const prev = s(1, '2026-09-01', { 'values.coaching': 2, 'craft.code': 4, 'craft.testing': 3 });
  const latest = s(2, '2026-11-01', { 'values.coaching': 4, 'craft.code': 3, 'craft.testing': 3, 'values.helping': 2 });

  it('calls out what moved up and down, by how much', () => {
    const m = movements(prev, latest, names);
    expect(m.up).toEqual([{ itemId: 'values.coaching', name: 'Coaching', from: 2, to: 4 }]);
    expect(m.down).toEqual([{ itemId: 'craft.code', name: 'Code quality', from: 4, to: 3 }]);
    expect(movementText(m)).toBe('Moved up: Coaching 2 → 4. Moved down: Code quality 4 → 3.');
  });

  it('says so when nothing moved, and ignores items rated once', () => {
    expect(movementText(movements(prev, prev, names))).toBe('No item moved since the previous assessment.');
    expect(movements(prev, latest, names).up.map((x) => x.itemId)).not.toContain('values.helping');
  });

  it('orders bigger moves first', () => {
    const a = s(1, '2026-09-01', { 'craft.code': 1, 'craft.testing': 2 });
    const b = s(2, '2026-10-01', { 'craft.code': 2, 'craft.testing': 5 });
    expect(movementText(movements(a, b, names))).toBe('Moved up: Testing 2 → 5, Code quality 1 → 2.');
  });
});

describe('lineSeries', () => {
  it('gives each item its level per session, null where not rated', () => {
    const line = lineSeries(
      [s(1, '2026-09-01', { 'craft.code': 2 }), s(2, '2026-10-01', { 'craft.testing': 3 }), s(3, '2026-11-01', { 'craft.code': 4 })],
      ['craft.code', 'craft.testing'],
    );
    expect(line.labels).toEqual(['2026-09-01', '2026-10-01', '2026-11-01']);
    expect(line.series).toEqual([
      { itemId: 'craft.code', data: [2, null, 4] },
      { itemId: 'craft.testing', data: [null, 3, null] },
    ]);
  });
});

describe('firstOpen', () => {
  it('resumes at the first item without an answer', () => {
    const items = flatItems(fw);
    expect(firstOpen(items, s(1, '2026-11-23', {}))).toBe(0);
    expect(firstOpen(items, s(1, '2026-11-23', { 'craft.code': 3, 'craft.testing': 2 }))).toBe(2);
    expect(firstOpen(items, s(1, '2026-11-23', { 'craft.code': 3, 'craft.testing': 2, 'values.coaching': 1, 'values.helping': 5 }))).toBe(
      3,
    );
  });
});

describe('byWeek', () => {
  const l = (id: number, day: string, minutes: number): Learning => ({
    id,
    day,
    kind: 'read',
    what: `w${id}`,
    minutes,
    takeaways: '',
    itemIds: [],
  });

  it('groups learning by week, newest first, with each week’s total', () => {
    const weeks = byWeek([l(1, '2026-11-16', 30), l(2, '2026-11-23', 20), l(3, '2026-11-29', 45), l(4, '2026-11-22', 10)]);
    expect(weeks.map((w) => [w.monday, w.minutes, w.entries.map((e) => e.id)])).toEqual([
      ['2026-11-23', 65, [3, 2]],
      ['2026-11-16', 40, [4, 1]],
    ]);
    expect(formatMinutes(65)).toBe('1 h 5 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(40)).toBe('40 min');
  });
});

describe('basics', () => {
  const range: BasicsRange = {
    from: '2026-08-03',
    to: '2026-11-25',
    basics: [
      { id: 1, title: 'Plan', archived: false, order: 1 },
      { id: 2, title: 'Read', archived: false, order: 2 },
      { id: 3, title: 'Old', archived: true, order: 3 },
    ],
    ticks: [
      { basicId: 1, day: '2026-11-25' },
      { basicId: 2, day: '2026-11-25' },
      { basicId: 1, day: '2026-11-23' },
      { basicId: 3, day: '2026-11-22' }, // archived: not counted
    ],
  };

  it('lays out 16 weeks of days, Monday first, up to today', () => {
    const weeks = heatWeeks(range, '2026-11-25');
    expect(weeks).toHaveLength(16);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0][0].day).toBe(heatFrom('2026-11-25'));
    expect(weeks[0][0].day).toBe('2026-08-10');
    const last = weeks[15];
    expect(last[0].day).toBe('2026-11-23');
    expect(last[2]).toEqual({ day: '2026-11-25', done: 2, total: 2, future: false });
    expect(last[0].done).toBe(1);
    expect(last[3].future).toBe(true);
    expect(weeks[14][6]).toMatchObject({ day: '2026-11-22', done: 0 });
  });

  it('counts days kept and says it kindly', () => {
    expect(daysKept(range, '2026-11-25')).toBe(2);
    expect(streakText(2)).toBe('2 of the last 7 days — every day you come back counts.');
    expect(streakText(0)).toMatch(/fresh start/);
    expect(streakText(7)).toMatch(/Every one of the last 7 days/);
    for (const n of [0, 1, 3, 7]) expect(streakText(n)).not.toMatch(/fail|miss|broke/i);
  });
});

describe('small helpers', () => {
  it('format a timer', () => {
    expect(formatClock(30 * 60_000)).toBe('30:00');
    expect(formatClock(61_001)).toBe('1:02');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-5)).toBe('0:00');
    expect(formatClock(3_600_000 + 5_000)).toBe('1:00:05');
  });

  it('split lines and make unique slugs', () => {
    expect(splitLines(' a \n\n b\n')).toEqual(['a', 'b']);
    expect(slug('Coaching Others', new Set())).toBe('coaching-others');
    expect(slug('Item', new Set(['craft.item']), 'craft.')).toBe('craft.item-2');
    expect(slug('!!!', new Set())).toBe('item');
  });
});
