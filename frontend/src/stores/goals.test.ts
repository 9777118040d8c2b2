import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyGoalInput } from '../api/goals';
import { flush } from '../test/fakeApis';
import { goalOf, goError, installGo, uninstallGo, type FakeGo } from '../test/fakeGo';
import { createStores } from './index';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

describe('GoalsStore', () => {
  it('loads the list and filters it', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Latency' }), goalOf(2, { mine: false, ownerName: 'Bob', needHelp: 'review' })];
    const { goals } = createStores();
    await goals.load();
    expect(goals.loaded).toBe(true);
    expect(goals.visible.map((g) => g.id)).toEqual([1, 2]);
    goals.scope = 'help';
    expect(goals.visible.map((g) => g.id)).toEqual([2]);
    expect(goals.filtered).toBe(true);
    goals.clearFilter();
    expect(goals.visible).toHaveLength(2);
  });

  it('refreshes the list and the open goal when Go says goals changed', async () => {
    go.goals.state.goals = [goalOf(1)];
    const { goals } = createStores();
    const off = goals.connect();
    await goals.load();
    await goals.open(1);
    expect(goals.detail?.goal.title).toBe('Goal 1');

    // A sync brings a peer's change.
    go.goals.state.goals = [goalOf(1, { title: 'Renamed by sync' }), goalOf(2)];
    go.emit('goals:changed', null);
    await flush();
    expect(goals.goals.map((g) => g.id)).toEqual([1, 2]);
    expect(goals.detail?.goal.title).toBe('Renamed by sync');

    off();
    expect(go.listeners('goals:changed')).toBe(0);
  });

  it('says what Go refused, with its field', async () => {
    go.goals.Create.mockRejectedValueOnce(goError('invalid', 'The due date is in the past: choose a later day.', 'due'));
    const { goals } = createStores();
    const out = await goals.save(0, { ...emptyGoalInput(), title: 'x', due: '2020-01-01' });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.field).toBe('due');
      expect(out.error.message).toMatch(/past/);
    }
    expect(goals.goals).toHaveLength(0);
  });

  it('adds a created goal at once and sends the input as the contract says', async () => {
    const { goals } = createStores();
    const out = await goals.save(0, { ...emptyGoalInput(), title: 'Ship search v2' });
    expect(out.ok).toBe(true);
    expect(goals.goals.map((g) => g.title)).toEqual(['Ship search v2']);
    expect(Object.keys(go.goals.Create.mock.calls[0][0] as object).sort()).toEqual([
      'confidence',
      'contributors',
      'description',
      'due',
      'kind',
      'level',
      'measure',
      'needHelp',
      'outcomeId',
      'parentUid',
      'title',
      'visibility',
    ]);
  });

  it('refuses an empty help offer without asking Go', async () => {
    const { goals } = createStores();
    const out = await goals.offerHelp(1, '  ');
    expect(out.ok).toBe(false);
    expect(go.goals.OfferHelp).not.toHaveBeenCalled();
  });

  it('links today’s ticked goals to the saved log, then clears them', async () => {
    const { goals } = createStores();
    goals.workedOn = [3, 4];
    const out = await goals.linkWorkedOn(12);
    expect(out.ok).toBe(true);
    expect(go.goals.SetLogGoals).toHaveBeenCalledWith(12, [3, 4]);
    expect(goals.workedOn).toEqual([]);

    go.goals.SetLogGoals.mockRejectedValueOnce(goError('not_found', 'That goal no longer exists.'));
    goals.workedOn = [5];
    expect((await goals.linkWorkedOn(13)).ok).toBe(false);
    // Kept, so nothing ticked is lost.
    expect(goals.workedOn).toEqual([5]);
  });

  it('reads Go’s nulls and zero times as empty', async () => {
    go.goals.state.goals = [goalOf(1, { contributors: null, measure: { type: 'milestones', milestones: null, levels: null } })];
    const { goals } = createStores();
    await goals.load();
    const g = goals.goals[0];
    expect(g.contributors).toEqual([]);
    expect(g.measure.milestones).toEqual([]);
    expect(g.lastCheckinAt).toBe('');
  });
});
