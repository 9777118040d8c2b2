import { describe, expect, it } from 'vitest';
import { toCheckin, toGoal, type Goal } from '../api/goals';
import { goalOf } from '../test/fakeGo';
import {
  buildTree,
  dayNumber,
  descendantUids,
  dueText,
  filterGoals,
  measureText,
  measureUnit,
  progressRange,
  progressSeries,
  type TreeNode,
} from './goals';

const g = (id: number, over: Record<string, unknown> = {}): Goal => toGoal(goalOf(id, over));
const shape = (nodes: TreeNode[]): unknown => nodes.map((n) => [n.goal.id, n.depth, shape(n.children)]);

describe('goals domain', () => {
  it('builds the alignment tree by parentUid, organisation first', () => {
    const goals = [
      g(3, { parentUid: 'g2', title: 'Personal' }),
      g(1, { level: 'organisation', title: 'Org' }),
      g(2, { level: 'team', parentUid: 'g1', title: 'Team' }),
      g(4, { parentUid: 'gone', title: 'Orphan' }),
      g(5, { level: 'team', title: 'Loose team' }),
    ];
    expect(shape(buildTree(goals))).toEqual([
      [1, 0, [[2, 1, [[3, 2, []]]]]],
      [5, 0, []],
      [4, 0, []],
    ]);
  });

  it('cuts a cycle rather than losing or repeating goals', () => {
    const goals = [g(1, { parentUid: 'g2' }), g(2, { parentUid: 'g1' }), g(3, { parentUid: 'g3' })];
    const seen: number[] = [];
    const walk = (ns: TreeNode[]) => ns.forEach((n) => (seen.push(n.goal.id), walk(n.children)));
    walk(buildTree(goals));
    expect(seen.sort()).toEqual([1, 2, 3]);
  });

  it('builds a tree of 5000 goals in linear time', () => {
    const goals = Array.from({ length: 5000 }, (_, i) => g(i + 1, { parentUid: i ? `g${Math.floor(i / 3) + 1}` : '' }));
    const t0 = performance.now();
    const tree = buildTree(goals);
    expect(tree).toHaveLength(1);
    // Generous: an O(n²) build takes seconds here.
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('lists the descendants a goal may not take as parent', () => {
    const goals = [g(1), g(2, { parentUid: 'g1' }), g(3, { parentUid: 'g2' }), g(4)];
    expect([...descendantUids(goals, 'g1')].sort()).toEqual(['g2', 'g3']);
    expect(descendantUids(goals, 'g4').size).toBe(0);
  });

  it('filters by whose, need of help, status and words', () => {
    const goals = [
      g(1, { title: 'Latency' }),
      g(2, { mine: false, ownerName: 'Bob', needHelp: 'a reviewer' }),
      g(3, { status: 'achieved' }),
    ];
    const ids = (f: Parameters<typeof filterGoals>[1]) => filterGoals(goals, f).map((x) => x.id);
    expect(ids({ scope: 'mine', status: '', query: '' })).toEqual([1, 3]);
    expect(ids({ scope: 'team', status: '', query: '' })).toEqual([2]);
    expect(ids({ scope: 'help', status: '', query: '' })).toEqual([2]);
    expect(ids({ scope: 'all', status: 'open', query: '' })).toEqual([1, 2]);
    expect(ids({ scope: 'all', status: 'achieved', query: '' })).toEqual([3]);
    expect(ids({ scope: 'all', status: '', query: 'bob' })).toEqual([2]);
  });

  it('says a measure in words', () => {
    expect(measureText(g(1, { measure: { type: 'number', unit: 'p95 ms', start: 800, target: 200, current: 650 } }).measure)).toBe(
      'p95 ms: 650 (800 → 200)',
    );
  });

  it('charts check-ins in percent against the ideal line to the due date', () => {
    const goal = g(1, { createdAt: '2026-11-01T09:00:00Z', due: '2026-11-11' });
    const checkins = [toCheckin({ at: '2026-11-06T10:00:00Z', value: 500 }), toCheckin({ at: '2026-11-11T10:00:00Z', value: 200 })];
    const s = progressSeries(goal, checkins);
    expect(s.ideal.map((p) => p.y)).toEqual([0, 100]);
    expect(s.ideal[1].x - s.ideal[0].x).toBe(10);
    expect(s.actual.map((p) => p.y)).toEqual([0, 50, 100]);
    expect(s.rows).toEqual([
      { day: '2026-11-06', value: 500, percent: 50, ideal: 50 },
      { day: '2026-11-11', value: 200, percent: 100, ideal: 100 },
    ]);
    expect(progressSeries(g(2, { due: '' }), checkins).ideal).toEqual([]);
  });

  it('fits the day axis to the points, at least two weeks wide', () => {
    // One check-in on the day the goal was made, no due date: a fortnight
    // around it, not 2023 to 2030.
    const goal = g(1, { createdAt: '2026-11-01T09:00:00Z', due: '' });
    const one = progressSeries(goal, [toCheckin({ at: '2026-11-01T10:00:00Z', value: 650 })]);
    const day = dayNumber('2026-11-01')!;
    expect(progressRange(one)).toEqual({ min: day - 7, max: day + 7 });
    // With a due date the axis runs from the start to it.
    const due = progressSeries(g(2, { createdAt: '2026-11-01T09:00:00Z', due: '2027-02-01' }), []);
    expect(progressRange(due)).toEqual({ min: day, max: dayNumber('2027-02-01') });
    // Check-ins past the due date stay in view.
    const late = progressSeries(g(3, { createdAt: '2026-11-01T09:00:00Z', due: '2026-11-20' }), [
      toCheckin({ at: '2026-12-01T10:00:00Z', value: 200 }),
    ]);
    expect(progressRange(late)).toEqual({ min: day, max: dayNumber('2026-12-01') });
    expect(progressRange({ actual: [], ideal: [] })).toBeNull();
    // Points carry the value in the goal's unit.
    expect(one.actual.map((p) => p.value)).toEqual([800, 650]);
    expect(measureUnit(goal.measure)).toBe('ms');
  });

  it('says when a goal is due relative to today', () => {
    const today = '2026-11-23';
    expect(dueText('2026-11-23', today)).toBe('due today');
    expect(dueText('2026-11-24', today)).toBe('due tomorrow');
    expect(dueText('2026-12-05', today)).toBe('due in 12 days');
    expect(dueText('2026-11-20', today)).toBe('3 days overdue');
    expect(dueText('2026-11-22', today)).toBe('1 day overdue');
    expect(dueText('2026-11-20', today, false)).toBe('was due 3 days ago');
    expect(dueText('2027-05-23', today)).toBe('due in 6 months');
    expect(dueText('junk', today)).toBe('junk');
  });
});
