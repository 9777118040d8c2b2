import { parseDay } from './format';

const weekFormat = new Map<string, Intl.DateTimeFormat>();

/** weekLabel names a week by its Monday: "23 Nov" (with the year when another). */
export function weekLabel(monday: string, now = new Date(), locale?: string): string {
  const d = parseDay(monday);
  if (!d) return monday;
  const sameYear = d.getFullYear() === now.getFullYear();
  const key = `${locale ?? ''}|${sameYear}`;
  let f = weekFormat.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: sameYear ? undefined : '2-digit' });
    weekFormat.set(key, f);
  }
  return f.format(d);
}

/** hoursText says a wait in hours the way people say it: "40 min", "5 h", "2.5 days". */
export function hoursText(h: number | null | undefined): string {
  if (h === null || h === undefined) return 'no offer yet';
  if (h < 1) return `${Math.max(1, Math.round(h * 60))} min`;
  if (h < 48) return `${Math.round(h * 10) / 10} h`;
  return `${Math.round((h / 24) * 10) / 10} days`;
}

/** sum adds up a field of a list. */
export function sum<T>(list: readonly T[], f: (x: T) => number): number {
  return list.reduce((n, x) => n + f(x), 0);
}

/** plural: "1 stand-up", "3 stand-ups". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * byName is the one order lists of people take on these screens: their
 * names, never a count, so no list reads as a ranking.
 */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

/** The kind of period a picker offers, with its words. */
export const periodKinds = [
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'quarter', label: 'Quarter' },
  { id: 'custom', label: 'Custom' },
] as const;
