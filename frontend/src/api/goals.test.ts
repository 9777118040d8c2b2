import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { emptyGoalInput, goalsApi, type ConversationNote } from './goals';
import { goalOf, goError, installGo, uninstallGo, type FakeGo } from '../test/fakeGo';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

describe('goalsApi', () => {
  it('calls the Go facade’s methods by the contract’s names and arguments', async () => {
    go.goals.state.goals = [goalOf(1)];
    const note: ConversationNote = {
      id: 0,
      uid: '',
      with: 'cd',
      withName: 'Bob',
      myRole: 'coach',
      day: '2026-11-23',
      agenda: [],
      notes: '',
      shareMine: false,
      shareTheirs: false,
      updatedAt: '',
    };
    const calls: [keyof FakeGo['goals'], () => Promise<unknown>, unknown[]][] = [
      ['List', () => goalsApi.list(), []],
      ['Get', () => goalsApi.get(1), [1]],
      ['Create', () => goalsApi.create({ ...emptyGoalInput(), title: 'T' }), [{ ...emptyGoalInput(), title: 'T' }]],
      ['Update', () => goalsApi.update(1, { ...emptyGoalInput(), title: 'U' }), [1, { ...emptyGoalInput(), title: 'U' }]],
      ['SetStatus', () => goalsApi.setStatus(1, 'at_risk', ''), [1, 'at_risk', '']],
      [
        'CheckIn',
        () => goalsApi.checkIn(1, { value: 650, milestonesDone: [], confidence: 3, note: 'n' }),
        [1, { value: 650, milestonesDone: [], confidence: 3, note: 'n' }],
      ],
      ['OfferHelp', () => goalsApi.offerHelp(1, 'pair'), [1, 'pair']],
      ['HelpRequests', () => goalsApi.helpRequests(), []],
      ['Outcomes', () => goalsApi.outcomes(), []],
      ['SaveOutcomes', () => goalsApi.saveOutcomes([]), [[]]],
      ['LogGoals', () => goalsApi.logGoals(7), [7]],
      ['SetLogGoals', () => goalsApi.setLogGoals(7, [1]), [7, [1]]],
      ['Conversations', () => goalsApi.conversations(), []],
      ['Agenda', () => goalsApi.agenda('cd'), ['cd']],
      ['SaveConversation', () => goalsApi.saveConversation(note), [note]],
      ['Settings', () => goalsApi.settings(), []],
      ['SaveSettings', () => goalsApi.saveSettings({ checkinEveryDays: 3 }), [{ checkinEveryDays: 3 }]],
      ['Delete', () => goalsApi.delete(1, 'detach'), [1, 'detach']],
    ];
    for (const [method, run, args] of calls) {
      await run();
      expect((go.goals[method] as FakeGo['goals']['List']).mock.lastCall, method).toEqual(args);
    }
    const offer = go.goals.state.offers[0];
    await goalsApi.acceptHelp(offer.id as number);
    expect(go.goals.AcceptHelp).toHaveBeenCalledWith(offer.id);
  });

  it('turns Go’s answers into the contract’s shapes', async () => {
    go.goals.Get.mockResolvedValue({ goal: goalOf(1), checkins: null, offers: null, logs: null, children: null, parent: null });
    await expect(goalsApi.get(1)).resolves.toMatchObject({ checkins: [], offers: [], logs: [], children: [], parent: null });
    go.goals.LogGoals.mockResolvedValue(null);
    await expect(goalsApi.logGoals(1)).resolves.toEqual([]);
    go.goals.Agenda.mockResolvedValue(null);
    await expect(goalsApi.agenda('x')).resolves.toEqual([]);
  });

  it('rejects with Go’s error, its code and field', async () => {
    go.goals.SetStatus.mockRejectedValue(goError('invalid', 'Say why the goal is dropped.', 'reason'));
    const err = await goalsApi.setStatus(1, 'dropped', '').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'invalid', field: 'reason' });
  });

  it('hears goals:changed and stops hearing it', () => {
    let n = 0;
    const off = goalsApi.onChanged(() => n++);
    go.emit('goals:changed', null);
    off();
    go.emit('goals:changed', null);
    expect(n).toBe(1);
  });
});
