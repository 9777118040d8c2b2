import type { Checkin, Goal, GoalKind, GoalLevel, GoalStatus, Measure } from '../api/goals';
import { parseDay } from './format';

export const kindLabel: Record<GoalKind, string> = { result: 'Result', action: 'Action', behaviour: 'Behaviour' };
export const levelLabel: Record<GoalLevel, string> = { personal: 'Personal', team: 'Team', organisation: 'Organisation' };
export const statusLabel: Record<GoalStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  achieved: 'Achieved',
  dropped: 'Dropped',
};

export const isOpen = (g: Pick<Goal, 'status'>) => g.status !== 'achieved' && g.status !== 'dropped';

const statusRank: Partial<Record<GoalStatus, number>> = { on_track: 1, at_risk: 2, off_track: 3 };

/**
 * shownStatus is the status a goal is listed with: the worse of the one
 * its owner set and the one its figures suggest (Go's rule, the same the
 * Insights use), so a goal at 0 % with most of its time gone does not read
 * "On track". A closed goal keeps its owner's word.
 */
export function shownStatus(g: Pick<Goal, 'status' | 'suggestedStatus'>): GoalStatus {
  const s = g.suggestedStatus;
  if (!isOpen(g) || !s || s === 'achieved' || s === 'dropped') return g.status;
  return (statusRank[s] ?? 0) > (statusRank[g.status] ?? 0) ? s : g.status;
}

export type GoalScope = 'mine' | 'team' | 'help' | 'all';
/** '' = any status; 'open' = not achieved nor dropped. */
export type StatusFilter = GoalStatus | 'open' | '';

export interface GoalFilter {
  scope: GoalScope;
  status: StatusFilter;
  query: string;
}

/** filterGoals keeps the goals the list shows, in one pass. */
export function filterGoals(goals: readonly Goal[], f: GoalFilter): Goal[] {
  const q = f.query.trim().toLowerCase();
  return goals.filter((g) => {
    if (f.scope === 'mine' && !g.mine) return false;
    if (f.scope === 'team' && g.mine) return false;
    if (f.scope === 'help' && !g.needHelp) return false;
    if (f.status === 'open' ? !isOpen(g) : f.status && g.status !== f.status) return false;
    if (q && !`${g.title}\n${g.description}\n${g.ownerName}\n${g.needHelp}`.toLowerCase().includes(q)) return false;
    return true;
  });
}

/** measureText says a goal's measure in a few words ("p95 latency ms: 650 (800 → 200)"). */
export function measureText(m: Measure): string {
  switch (m.type) {
    case 'number':
      return `${m.unit ? m.unit + ': ' : ''}${fmt(m.current)} (${fmt(m.start)} → ${fmt(m.target)})`;
    case 'milestones':
      return `${m.milestones.filter((x) => x.done).length} of ${m.milestones.length} milestones`;
    case 'scale':
      return m.current >= 1 ? `Level ${fmt(m.current)} of 5` : 'Not rated yet';
    default:
      return 'No measure yet';
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '');
}

/** progressOf turns a check-in's value into 0..1 as Go computes a goal's progress. */
export function progressOf(m: Measure, value: number): number {
  let p = 0;
  if (m.type === 'number') p = m.target === m.start ? 0 : (value - m.start) / (m.target - m.start);
  else if (m.type === 'milestones') p = m.milestones.length ? value / m.milestones.length : 0;
  else if (m.type === 'scale') p = (value - 1) / 4;
  return Math.min(1, Math.max(0, p));
}

export interface TreeNode {
  goal: Goal;
  children: TreeNode[];
  depth: number;
}

const levelOrder: Record<GoalLevel, number> = { organisation: 0, team: 1, personal: 2 };

/**
 * buildTree links goals by parentUid in linear time (one map, one pass).
 * Goals whose parent is unknown here (private to someone, deleted) are roots,
 * so nothing is hidden; roots go organisation first, then team, then personal,
 * each level oldest first.
 * A cycle (which Go refuses, but a peer's events could race into) is cut.
 */
export function buildTree(goals: readonly Goal[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const g of goals) nodes.set(g.uid, { goal: g, children: [], depth: 0 });
  const roots: TreeNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.goal.parentUid ? nodes.get(n.goal.parentUid) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  // Oldest first within a level: stable as goals are added, and no collator
  // (localeCompare costs more than the rest of the build).
  const byLevel = (a: TreeNode, b: TreeNode) => levelOrder[a.goal.level] - levelOrder[b.goal.level] || a.goal.id - b.goal.id;
  roots.sort(byLevel);
  const seen = new Set<TreeNode>();
  const walk = (list: TreeNode[], depth: number): TreeNode[] =>
    list.filter((n) => {
      if (seen.has(n)) return false;
      seen.add(n);
      n.depth = depth;
      n.children.sort(byLevel);
      n.children = walk(n.children, depth + 1);
      return true;
    });
  const out = walk(roots, 0);
  // Goals only reachable through a cycle have no root: show them at the top.
  for (const n of nodes.values()) if (!seen.has(n)) out.push(...walk([n], 0));
  return out;
}

/** descendantUids are the goals under uid (the ones that may not become its parent). */
export function descendantUids(goals: readonly Goal[], uid: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const g of goals) {
    if (!g.parentUid) continue;
    const list = children.get(g.parentUid) ?? [];
    list.push(g.uid);
    children.set(g.parentUid, list);
  }
  const out = new Set<string>();
  const stack = [uid];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}

const DAY_MS = 86_400_000;

/** dayNumber counts days from the epoch in UTC, so differences are whole days. */
export function dayNumber(dayOrTime: string): number | null {
  const d = parseDay(dayOrTime.slice(0, 10));
  if (!d) return null;
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export interface ProgressPoint {
  /** Day number (dayNumber). */
  x: number;
  /** Percent 0..100. */
  y: number;
  /** The measure's own value there (in its unit); absent on the ideal line. */
  value?: number;
}

/** DAY_SPAN_MIN is the narrowest day axis of a progress chart: two weeks, so one check-in sits in a readable window. */
export const DAY_SPAN_MIN = 14;

/**
 * progressRange fits a progress chart's day axis to its points: from the
 * first to the last, widened evenly to at least DAY_SPAN_MIN days. Left to
 * itself, Chart.js widens a one-point axis by 5% of the value on each side,
 * and a day number near 20,000 then spans years.
 */
export function progressRange(
  series: Pick<ProgressSeries, 'actual' | 'ideal'>,
  minDays = DAY_SPAN_MIN,
): { min: number; max: number } | null {
  const xs = [...series.actual, ...series.ideal].map((p) => p.x);
  if (xs.length === 0) return null;
  let min = Math.min(...xs);
  let max = Math.max(...xs);
  const short = minDays - (max - min);
  if (short > 0) {
    min -= Math.floor(short / 2);
    max += Math.ceil(short / 2);
  }
  return { min, max };
}

/** measureUnit names what a measure's values count, for charts and tables: the goal's own unit for a number. */
export function measureUnit(m: Measure): string {
  switch (m.type) {
    case 'number':
      return m.unit;
    case 'milestones':
      return 'milestones done';
    case 'scale':
      return 'level of 5';
    default:
      return '';
  }
}

export interface ProgressSeries {
  actual: ProgressPoint[];
  /** From creation at 0% to 100% on the due date; empty without a due date. */
  ideal: ProgressPoint[];
  /** One row per check-in for the text alternative. */
  rows: { day: string; value: number; percent: number; ideal: number | null }[];
}

/** progressSeries is the check-in history against the ideal line, in percent of the way. */
export function progressSeries(goal: Goal, checkins: readonly Checkin[]): ProgressSeries {
  const m = goal.measure;
  const start = dayNumber(goal.createdAt);
  const due = goal.due ? dayNumber(goal.due) : null;
  const ideal: ProgressPoint[] =
    start !== null && due !== null && due > start
      ? [
          { x: start, y: 0 },
          { x: due, y: 100 },
        ]
      : [];
  const idealAt = (x: number) =>
    ideal.length ? Math.round(Math.min(100, Math.max(0, ((x - ideal[0].x) / (ideal[1].x - ideal[0].x)) * 100))) : null;
  const actual: ProgressPoint[] = [];
  const rows: ProgressSeries['rows'] = [];
  if (start !== null) {
    const first = m.type === 'number' ? m.start : m.type === 'scale' ? 1 : 0;
    actual.push({ x: start, y: Math.round(progressOf(m, first) * 100), value: first });
  }
  for (const c of checkins) {
    const x = dayNumber(c.at);
    if (x === null) continue;
    const y = Math.round(progressOf(m, c.value) * 100);
    actual.push({ x, y, value: c.value });
    rows.push({ day: dayFromNumber(x), value: c.value, percent: y, ideal: idealAt(x) });
  }
  return { actual, ideal, rows };
}

/**
 * dueText says when a goal is due relative to today ("in 12 days", "today",
 * "3 days overdue"): what matters in a list, and cheap for hundreds of rows
 * (no date format to build).
 */
export function dueText(due: string, today: string, open = true): string {
  const d = dayNumber(due);
  const t = dayNumber(today);
  if (d === null || t === null) return due;
  const n = d - t;
  if (n === 0) return 'due today';
  if (n === 1) return 'due tomorrow';
  if (n < 0) return open ? `${-n === 1 ? '1 day' : `${-n} days`} overdue` : `was due ${-n} days ago`;
  if (n < 60) return `due in ${n} days`;
  if (n < 730) return `due in ${Math.round(n / 30.4)} months`;
  return `due in ${Math.round(n / 365)} years`;
}
