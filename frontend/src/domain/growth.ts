import type { BasicsRange, Framework, FrameworkGroup, FrameworkItem, Learning, Session, TeamLevel, TeamSummary } from '../api/growth';

// Pure rules of the Growth area: days, what moved between assessments,
// weekly totals, the basics' heat map and how it is put in words.

const pad = (n: number) => String(n).padStart(2, '0');

/** localDay is the member's calendar day of an instant, "YYYY-MM-DD". */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  // Noon: a daylight-saving change never moves it to another day.
  return new Date(y, (m || 1) - 1, d || 1, 12);
}

export function addDays(day: string, n: number): string {
  const d = parseDay(day);
  d.setDate(d.getDate() + n);
  return localDay(d.getTime());
}

/** mondayOf is the Monday starting the week of a day. */
export function mondayOf(day: string): string {
  const wd = (parseDay(day).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -wd);
}

export function weekdayName(day: string, style: 'short' | 'long' = 'short'): string {
  return parseDay(day).toLocaleDateString('en-GB', { weekday: style });
}

/** A day as people say it: "Mon 23 Nov". */
export function formatDay(day: string): string {
  if (!day) return '';
  return parseDay(day).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
}

export interface PlacedItem {
  item: FrameworkItem;
  group: FrameworkGroup;
}

/** flatItems lists the framework's items in order, each with its group. */
export function flatItems(f: Framework | null): PlacedItem[] {
  return (f?.groups ?? []).flatMap((group) => group.items.map((item) => ({ item, group })));
}

export function itemNames(f: Framework | null): Map<string, string> {
  return new Map(flatItems(f).map(({ item }) => [item.id, item.name]));
}

/** levelsOf is a session's level per item (the last answer counts). */
export function levelsOf(s: Session | null | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of s?.answers ?? []) if (a.level >= 1 && a.level <= 5) m.set(a.itemId, a.level);
  return m;
}

/** firstOpen is where a resumed session continues: the first item not answered. */
export function firstOpen(items: PlacedItem[], s: Session | null): number {
  const done = levelsOf(s);
  const i = items.findIndex(({ item }) => !done.has(item.id));
  return i < 0 ? Math.max(0, items.length - 1) : i;
}

export interface Move {
  itemId: string;
  name: string;
  from: number;
  to: number;
}

/** movements compares two snapshots: the items rated in both whose level changed. */
export function movements(prev: Session | null | undefined, latest: Session | null | undefined, names: Map<string, string>) {
  const before = levelsOf(prev);
  const after = levelsOf(latest);
  const up: Move[] = [];
  const down: Move[] = [];
  for (const [itemId, to] of after) {
    const from = before.get(itemId);
    if (from === undefined || from === to) continue;
    const m = { itemId, name: names.get(itemId) ?? itemId, from, to };
    (to > from ? up : down).push(m);
  }
  const bySize = (a: Move, b: Move) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.name.localeCompare(b.name);
  return { up: up.sort(bySize), down: down.sort(bySize) };
}

/** movementText puts what moved in words: "Moved up: Coaching 2 → 4. Moved down: …". */
export function movementText(m: { up: Move[]; down: Move[] }): string {
  const list = (ms: Move[]) => ms.map((x) => `${x.name} ${x.from} → ${x.to}`).join(', ');
  const parts: string[] = [];
  if (m.up.length) parts.push(`Moved up: ${list(m.up)}.`);
  if (m.down.length) parts.push(`Moved down: ${list(m.down)}.`);
  return parts.length ? parts.join(' ') : 'No item moved since the previous assessment.';
}

/** lineSeries is each item's level per finished session (null where not rated). */
export function lineSeries(sessions: Session[], itemIds: string[]) {
  const levels = sessions.map(levelsOf);
  return {
    labels: sessions.map((s) => s.day),
    series: itemIds.map((itemId) => ({ itemId, data: levels.map((l) => l.get(itemId) ?? null) })),
  };
}

export interface LearningWeek {
  monday: string;
  entries: Learning[];
  minutes: number;
}

/** byWeek groups learning by week (newest first) with each week's total. */
export function byWeek(entries: Learning[]): LearningWeek[] {
  const weeks = new Map<string, LearningWeek>();
  for (const e of entries) {
    const monday = mondayOf(e.day);
    const w = weeks.get(monday) ?? { monday, entries: [], minutes: 0 };
    w.entries.push(e);
    w.minutes += e.minutes;
    weeks.set(monday, w);
  }
  const out = [...weeks.values()].sort((a, b) => b.monday.localeCompare(a.monday));
  for (const w of out) w.entries.sort((a, b) => b.day.localeCompare(a.day) || b.id - a.id);
  return out;
}

export function formatMinutes(min: number): string {
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export interface HeatDay {
  day: string;
  /** Active basics ticked that day. */
  done: number;
  total: number;
  future: boolean;
}

/** doneByDay counts, per day, the ticks of basics that are not archived. */
export function doneByDay(r: BasicsRange | null): Map<string, number> {
  const active = new Set((r?.basics ?? []).filter((b) => !b.archived).map((b) => b.id));
  const m = new Map<string, number>();
  for (const t of r?.ticks ?? []) if (active.has(t.basicId)) m.set(t.day, (m.get(t.day) ?? 0) + 1);
  return m;
}

/**
 * heatWeeks lays out the last `weeks` weeks up to today as columns of seven
 * days, Monday first, like a calendar; days after today are marked future.
 */
export function heatWeeks(r: BasicsRange | null, today: string, weeks = 16): HeatDay[][] {
  const total = (r?.basics ?? []).filter((b) => !b.archived).length;
  const done = doneByDay(r);
  const start = addDays(mondayOf(today), -7 * (weeks - 1));
  const out: HeatDay[][] = [];
  for (let w = 0; w < weeks; w++) {
    const col: HeatDay[] = [];
    for (let d = 0; d < 7; d++) {
      const day = addDays(start, w * 7 + d);
      col.push({ day, done: done.get(day) ?? 0, total, future: day > today });
    }
    out.push(col);
  }
  return out;
}

/** heatFrom is the first day heatWeeks shows: what to ask Go for. */
export function heatFrom(today: string, weeks = 16): string {
  return addDays(mondayOf(today), -7 * (weeks - 1));
}

/** daysKept counts the days among the last `n` (today included) with at least one basic ticked. */
export function daysKept(r: BasicsRange | null, today: string, n = 7): number {
  const done = doneByDay(r);
  let kept = 0;
  for (let i = 0; i < n; i++) if ((done.get(addDays(today, -i)) ?? 0) > 0) kept++;
  return kept;
}

/**
 * streakText says how the basics go, kindly: a missed day is a day to come
 * back, never a failure.
 */
export function streakText(kept: number, n = 7): string {
  if (kept === 0) return `A fresh start: tick one of your basics today — every day you come back counts.`;
  if (kept === n) return `Every one of the last ${n} days — well kept.`;
  return `${kept} of the last ${n} days — every day you come back counts.`;
}

/** formatClock shows a timer's time as m:ss (or h:mm:ss). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** splitLines turns a textarea with one entry per line into a list. */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** slug makes a stable id from a name, unique among `taken`. */
export function slug(name: string, taken: Set<string>, prefix = ''): string {
  const base =
    prefix +
    (name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'item');
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** latestPerMember keeps each teammate's newest shared summary (the list comes newest first). */
export function latestPerMember(summaries: TeamSummary[]): { summary: TeamSummary; earlier: number }[] {
  const out = new Map<string, { summary: TeamSummary; earlier: number }>();
  for (const x of summaries) {
    const seen = out.get(x.member);
    if (seen) seen.earlier++;
    else out.set(x.member, { summary: x, earlier: 0 });
  }
  return [...out.values()];
}

export interface LevelGroup {
  id: string;
  name: string;
  levels: TeamLevel[];
}

/**
 * levelGroups groups a summary's levels as its framework does. Levels whose
 * framework version is not on this laptop have no group: they come as one
 * group of item IDs, which is all the summary carries.
 */
export function levelGroups(x: TeamSummary): LevelGroup[] {
  const groups: LevelGroup[] = [];
  for (const l of x.levels) {
    const id = l.groupId || '';
    let g = groups.find((y) => y.id === id);
    if (!g) groups.push((g = { id, name: l.groupName || 'Other items', levels: [] }));
    g.levels.push(l);
  }
  return groups;
}
