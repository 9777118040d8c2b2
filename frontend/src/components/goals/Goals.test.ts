import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';
import { goalOf, goError, installGo, teamOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import { microtaskCheckpoints } from '../../test/checkpoints';
import Goals from './Goals.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
  go.team.Status.mockResolvedValue(
    teamOf({
      state: 'member',
      members: [
        { id: 'ab'.repeat(16), name: 'Ada', me: true, removed: false, lastEventAt: '', problem: '' },
        { id: 'cd'.repeat(16), name: 'Bob', me: false, removed: false, lastEventAt: '', problem: '' },
      ],
    }),
  );
});
const offs: (() => void)[] = [];
afterEach(() => {
  offs.splice(0).forEach((off) => off());
  uninstallGo();
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const soon = <T extends HTMLElement = HTMLElement>(id: string) =>
  waitFor(() => {
    const el = byId<T>(id);
    if (!el) throw new Error(`no #${id} yet`);
    return el;
  });
const goalRow = (id: number) =>
  waitFor(() => {
    const el = document.querySelector<HTMLElement>(`.goal-list [data-goal-id="${id}"]`);
    if (!el) throw new Error(`no row of goal ${id} yet`);
    return el;
  });
const letters = () =>
  Object.fromEntries(
    [...document.querySelectorAll<HTMLElement>('#goal-smart [data-letter]')].map((li) => [li.dataset.letter, li.dataset.met === 'true']),
  );

function setup() {
  const stores = createStores({ media: fakeMediaApi() });
  // The shell does this in the app.
  const off = stores.goals.connect();
  const user = userEvent.setup();
  const view = render(Goals, { stores });
  offs.push(off);
  return { stores, user, view };
}

const bob = 'cd'.repeat(16);

describe('Goals area', () => {
  it('renders 500 goals from list() without fetching any detail', async () => {
    go.goals.state.goals = Array.from({ length: 500 }, (_, i) =>
      goalOf(i + 1, {
        level: i < 5 ? 'organisation' : i < 50 ? 'team' : 'personal',
        parentUid: i < 5 ? '' : i < 50 ? `g${(i % 5) + 1}` : `g${(i % 45) + 6}`,
        mine: i % 3 === 0,
        checkinDue: i % 7 === 0,
        progress: (i % 10) / 10,
      }),
    );
    const { user } = setup();
    // The first screen is a page of the list; the count says how many there are.
    await waitFor(() => expect(document.querySelectorAll('.goal-list [data-goal-id]')).toHaveLength(50));
    expect((await soon('goals-count')).textContent).toMatch(/500 goals/);
    expect(document.querySelectorAll('[data-checkin-due]').length).toBeGreaterThan(0);
    await user.click(byId('goals-more')!);
    expect(document.querySelectorAll('.goal-list [data-goal-id]')).toHaveLength(100);
    // Focus moves to the first new row, so the keyboard goes on from there.
    expect(document.activeElement?.getAttribute('data-goal-id')).toBe('51');

    // The alignment tree holds all of them.
    await user.click(byId('goals-view-tree')!);
    await waitFor(() => expect(document.querySelectorAll('#goals-tree [role="treeitem"]')).toHaveLength(500));
    expect(go.goals.Get).not.toHaveBeenCalled();
    expect(go.goals.List).toHaveBeenCalledTimes(1);
    // jsdom builds 500 tree nodes far slower than a browser; this asserts what renders, not how fast.
  }, 30_000);

  it('says what to do when there are no goals, and N opens the form', async () => {
    const { user } = setup();
    const empty = await soon('goals-empty');
    expect(empty.textContent).toMatch(/Add your first goal/);
    expect(empty.textContent).toMatch(/N/);
    await user.keyboard('n');
    expect(document.activeElement?.id).toBe('goal-title');
  });

  it('filters with / and by whose goals and status', async () => {
    go.goals.state.goals = [
      goalOf(1, { title: 'Cut latency' }),
      goalOf(2, { title: 'Hire a designer', mine: false, ownerName: 'Bob', needHelp: 'Interviewers' }),
      goalOf(3, { title: 'Old goal', status: 'achieved' }),
    ];
    const { user } = setup();
    await waitFor(() => expect(document.querySelectorAll('[data-goal-id]')).toHaveLength(3));
    await user.keyboard('/');
    expect(document.activeElement?.id).toBe('goals-filter');
    await user.keyboard('latency');
    await waitFor(() => expect(document.querySelectorAll('[data-goal-id]')).toHaveLength(1));
    await user.keyboard('{Escape}');
    await user.click(byId('goals-scope-help')!);
    expect([...document.querySelectorAll<HTMLElement>('[data-goal-id]')].map((e) => e.dataset.goalId)).toEqual(['2']);
    await user.click(byId('goals-scope-all')!);
    await user.selectOptions(byId('goals-status')!, 'open');
    expect(document.querySelectorAll('[data-goal-id]')).toHaveLength(2);
  });

  it('updates SMART hints while typing and saves the goal', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Team: faster search', level: 'team', mine: false, ownerName: 'Bob' })];
    const { user } = setup();
    await user.click(await soon('goals-new'));
    const title = await soon<HTMLInputElement>('goal-title');
    expect(letters()).toEqual({ S: false, M: false, A: false, R: false, T: false });
    expect(byId('goal-smart')!.textContent).toMatch(/Give it a due date/);

    await user.type(title, 'Improve');
    expect(letters().S).toBe(false);
    await user.type(title, ' search p95 latency');
    expect(letters().S).toBe(true);

    await user.selectOptions(byId('goal-measure-type')!, 'number');
    expect(letters().M).toBe(false);
    await user.type(byId('goal-unit')!, 'p95 ms');
    await user.clear(byId('goal-start')!);
    await user.type(byId('goal-start')!, '800');
    await user.clear(byId('goal-target')!);
    await user.type(byId('goal-target')!, '200');
    expect(letters().M).toBe(true);

    await user.selectOptions(byId('goal-confidence')!, '2');
    expect(letters().A).toBe(true);
    expect(byId('goal-smart')!.textContent).toMatch(/Low confidence/);
    await user.selectOptions(byId('goal-parent')!, 'g1');
    expect(letters().R).toBe(true);
    await fireEvent.input(byId('goal-due')!, { target: { value: '2026-12-31' } });
    await waitFor(() => expect(letters().T).toBe(true));
    expect(byId('goal-smart')!.textContent).not.toMatch(/Give it a due date/);

    await user.click(screen.getByLabelText(/^Bob$/));
    await user.click(byId('goal-save')!);
    await waitFor(() => expect(go.goals.Create).toHaveBeenCalled());
    const sent = go.goals.Create.mock.calls[0][0] as Record<string, unknown>;
    expect(sent).toMatchObject({
      title: 'Improve search p95 latency',
      kind: 'result',
      confidence: 2,
      due: '2026-12-31',
      parentUid: 'g1',
      visibility: 'team',
      contributors: [bob],
      measure: { type: 'number', unit: 'p95 ms', start: 800, target: 200, current: 800 },
    });
    // Saved: the new goal opens.
    expect((await soon('goal-heading')).textContent).toBe('Improve search p95 latency');
    expect(go.drafts.kept.has('goal:new')).toBe(false);
  });

  it('keeps a due date typed at once as the form opens, and saves it with Ctrl+Enter', async () => {
    const { user } = setup();
    await user.click(await soon('goals-new'));
    const due = await soon<HTMLInputElement>('goal-due');
    // As in a browser: effects run between the listeners of each keystroke.
    microtaskCheckpoints(due);
    await user.click(due);
    await user.keyboard('2027-03-31');
    expect(due.value).toBe('2027-03-31');
    await waitFor(() => expect(letters().T).toBe(true));
    await user.click(byId('goal-title')!);
    await user.keyboard('Ship the importer');
    await user.click(due);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(go.goals.Create).toHaveBeenCalled());
    expect(go.goals.Create.mock.calls[0][0]).toMatchObject({ title: 'Ship the importer', due: '2027-03-31' });
  });

  it('Enter in a milestone adds the next one; only the button or Ctrl+Enter creates the goal', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Team: ship the release', level: 'team' })];
    const { user } = setup();
    await user.click(await soon('goals-new'));
    await user.type(await soon('goal-title'), 'Ship the release notes');
    await user.selectOptions(byId('goal-measure-type')!, 'milestones');
    await user.type(byId('goal-milestone-0')!, 'Draft{Enter}');
    // Enter did not create the goal: it opened the next milestone, focused.
    expect(go.goals.Create).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement?.id).toBe('goal-milestone-1'));
    await user.keyboard('Review{Enter}Publish{Enter}');
    expect(go.goals.Create).not.toHaveBeenCalled();
    // Enter on the empty last milestone stays there: no blank lines pile up.
    await user.keyboard('{Enter}');
    expect(document.querySelectorAll('[id^="goal-milestone-"]:not(#goal-milestone-add)')).toHaveLength(4);
    // Enter in the middle inserts right after that milestone.
    await user.click(byId('goal-milestone-0')!);
    await user.keyboard('{End}{Enter}Proofread');
    expect(byId<HTMLInputElement>('goal-milestone-1')!.value).toBe('Proofread');
    await user.selectOptions(byId('goal-parent')!, 'g1');
    expect(go.goals.Create).not.toHaveBeenCalled();

    await user.click(byId('goal-milestone-2')!);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(go.goals.Create).toHaveBeenCalledTimes(1));
    expect(go.goals.Create.mock.calls[0][0]).toMatchObject({
      parentUid: 'g1',
      measure: {
        type: 'milestones',
        milestones: ['Draft', 'Proofread', 'Review', 'Publish'].map((title) => expect.objectContaining({ title })),
      },
    });
  }, 15_000);

  it('shows Go’s error under its field, and a rule error about the parent', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Private parent', visibility: 'private' })];
    go.goals.Create.mockRejectedValueOnce(
      goError('invalid', 'Target equals start: choose a target that differs from 800.', 'measure.target'),
    );
    const { user } = setup();
    await user.click(await soon('goals-new'));
    await user.type(await soon('goal-title'), 'Cut search latency');
    await user.click(byId('goal-save')!);
    expect((await soon('goal-measure-error')).textContent).toMatch(/Target equals start/);

    go.goals.Create.mockRejectedValueOnce(
      goError('invalid', 'A private goal cannot be the parent of a team goal: choose a team goal, or make this one private.', 'parentUid'),
    );
    await user.selectOptions(byId('goal-parent')!, 'g1');
    await user.click(byId('goal-save')!);
    expect((await soon('goal-parent-error')).textContent).toMatch(/private goal cannot be the parent/);
    expect(byId('goal-measure-error')).toBeNull();

    go.goals.Create.mockRejectedValueOnce(goError('conflict', 'That parent would make a cycle: pick a goal that is not under this one.'));
    await user.click(byId('goal-save')!);
    expect((await soon('goal-form-error')).textContent).toMatch(/cycle/);
  });

  it('keeps what is typed as a draft and puts it back', async () => {
    const first = setup();
    await first.user.click(await soon('goals-new'));
    await first.user.type(await soon('goal-title'), 'Write the onboarding guide');
    await waitFor(() => expect(go.drafts.kept.get('goal:new')).toContain('onboarding guide'), { timeout: 2000 });
    first.view.unmount();

    const { user } = setup();
    await user.click(await soon('goals-new'));
    expect((await soon('goal-draft-restored')).textContent).toMatch(/unsaved changes/);
    expect((await soon<HTMLInputElement>('goal-title')).value).toBe('Write the onboarding guide');
    await user.click(byId('goal-draft-discard')!);
    expect(byId<HTMLInputElement>('goal-title')!.value).toBe('');
    await waitFor(() => expect(go.drafts.kept.has('goal:new')).toBe(false));
  });

  it('walks the alignment tree with the arrow keys and opens with Enter', async () => {
    go.goals.state.goals = [
      goalOf(1, {
        title: 'Org: happy clients',
        level: 'organisation',
        mine: false,
        proposedBy: bob,
        proposedByName: 'Bob',
        ownerName: 'Bob',
      }),
      goalOf(2, {
        title: 'Team: faster support',
        level: 'team',
        parentUid: 'g1',
        mine: false,
        proposedBy: bob,
        proposedByName: 'Bob',
        ownerName: 'Bob',
      }),
      goalOf(3, { title: 'Answer tickets in a day', parentUid: 'g2', progress: 0.4 }),
    ];
    const { user } = setup();
    await user.click(await soon('goals-view-tree'));
    const tree = await soon('goals-tree');
    const items = () => [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items().map((i) => i.getAttribute('aria-level'))).toEqual(['1', '2', '3']);
    expect(items()[0].textContent).toMatch(/proposed by Bob/);
    const mine = items()[2];
    expect(mine.classList.contains('mine')).toBe(true);
    expect(mine.textContent).toMatch(/40%/);
    // One tab stop.
    expect(items().filter((i) => i.tabIndex === 0)).toHaveLength(1);

    items()[0].focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-uid')).toBe('g2');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-uid')).toBe('g3');
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement?.getAttribute('data-uid')).toBe('g2');
    await user.keyboard('{ArrowLeft}');
    expect(items()).toHaveLength(2);
    expect(items()[1].getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(document.activeElement?.getAttribute('data-uid')).toBe('g3');
    await user.keyboard('{Enter}');
    expect((await soon('goal-heading')).textContent).toBe('Answer tickets in a day');
  });

  it('shows a goal with its check-in chart and a table in its place for screen readers', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Cut latency', createdAt: '2026-11-01T09:00:00Z', due: '2026-11-11' })];
    go.goals.state.checkins = [
      {
        id: 1,
        uid: 'c1',
        goalUid: 'g1',
        at: '2026-11-06T10:00:00Z',
        author: 'ab'.repeat(16),
        authorName: 'Ada',
        value: 500,
        milestonesDone: [],
        confidence: 4,
        note: 'Index added',
      },
    ];
    const { user } = setup();
    await user.click(await goalRow(1));
    const table = await soon('goal-chart-table');
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(1)).toEqual(['500', '50%', '50%']);
    expect(screen.getByRole('figure', { name: /Progress of “Cut latency” against the ideal line/ })).toBeTruthy();
    expect(byId('goal-history')!.textContent).toMatch(/Index added/);

    // A check-in adds a row.
    await user.clear(byId('checkin-value')!);
    await user.type(byId('checkin-value')!, '350');
    await user.type(byId('checkin-note')!, 'Cache warmed');
    await user.click(byId('checkin-save')!);
    await waitFor(() => expect(byId('goal-chart-table')!.querySelectorAll('tbody tr')).toHaveLength(2));
    expect(go.goals.CheckIn).toHaveBeenCalledWith(1, { value: 350, milestonesDone: [], confidence: 3, note: 'Cache warmed' });
    expect(byId('goal-measure')!.textContent).toMatch(/350/);
  });

  it('ticks milestones in a check-in', async () => {
    go.goals.state.goals = [
      goalOf(1, {
        measure: {
          type: 'milestones',
          unit: '',
          start: 0,
          target: 0,
          current: 0,
          levels: [],
          milestones: [
            { id: 'a', title: 'Draft', done: false },
            { id: 'b', title: 'Review', done: false },
          ],
        },
      }),
    ];
    const { user } = setup();
    await user.click(await goalRow(1));
    await user.click(await waitFor(() => screen.getByLabelText('Draft')));
    await user.click(byId('checkin-save')!);
    await waitFor(() => expect(go.goals.CheckIn).toHaveBeenCalled());
    expect(go.goals.CheckIn.mock.calls[0][1]).toMatchObject({ value: null, milestonesDone: ['a'] });
    await waitFor(() => expect(byId('goal-measure')!.textContent).toBe('1 of 2 milestones'));
  });

  it('shows the status the figures suggest beside the one set, and the owner may take it', async () => {
    go.goals.state.goals = [
      goalOf(1, {
        status: 'on_track',
        suggestedStatus: 'off_track',
        suggestedReason: '0 % done with 59 % of the time gone (41 days left).',
      }),
      goalOf(2, {
        status: 'on_track',
        suggestedStatus: 'on_track',
        suggestedReason: '50 % done with 50 % of the time gone (50 days left).',
      }),
      goalOf(3, {
        mine: false,
        ownerName: 'Bob',
        status: 'on_track',
        suggestedStatus: 'at_risk',
        suggestedReason: 'Your confidence is 2 of 5.',
      }),
    ];
    const { user } = setup();
    // The list shows what the figures say when it is worse than the word
    // its owner gave, with that word beside it: 0 % done with 41 days left
    // of 100 is not "On track".
    const row1 = (await goalRow(1)).querySelector<HTMLElement>('.status')!;
    expect(row1.textContent).toBe('Off track');
    expect(row1.title).toBe('Its figures say Off track; you set On track.');
    expect((await goalRow(2)).querySelector('.status')!.textContent).toBe('On track');
    expect((await goalRow(3)).querySelector('.status')!.textContent).toBe('At risk');
    await user.click(await goalRow(1));
    expect((await soon('goal-status')).textContent).toBe('On track');
    const suggested = await soon('goal-suggested');
    expect(suggested.textContent).toMatch(/Suggested: Off track/);
    expect(suggested.textContent).toMatch(/0 % done with 59 % of the time gone \(41 days left\)\./);
    expect(suggested.textContent).toMatch(/You set On track\./);
    await user.click(byId('goal-suggested-use')!);
    // The owner confirms: the suggestion fills the form, it does not decide.
    expect(byId<HTMLSelectElement>('goal-status-select')!.value).toBe('off_track');
    expect(document.activeElement?.id).toBe('goal-status-select');
    expect(go.goals.SetStatus).not.toHaveBeenCalled();
    await user.click(byId('goal-status-save')!);
    await waitFor(() => expect(go.goals.SetStatus).toHaveBeenCalledWith(1, 'off_track', ''));

    // Agreeing figures say why, with nothing to take.
    await user.click(byId('goal-back')!);
    await user.click(await goalRow(2));
    expect((await soon('goal-suggested')).textContent).toMatch(/Suggested: On track 50 % done/);
    expect(byId('goal-suggested-use')).toBeNull();

    // A teammate's goal: the suggestion shows, only its owner sets it.
    await user.click(byId('goal-back')!);
    await user.click(await goalRow(3));
    expect((await soon('goal-suggested')).textContent).toMatch(/Suggested: At risk.*Bob set On track/);
    expect(byId('goal-suggested-use')).toBeNull();
  });

  it('asks for a reason to drop a goal', async () => {
    go.goals.state.goals = [goalOf(1)];
    const { user } = setup();
    await user.click(await goalRow(1));
    await user.selectOptions(await soon('goal-status-select'), 'dropped');
    await user.click(byId('goal-status-save')!);
    expect((await soon('goal-status-error')).textContent).toMatch(/Say why/);
    expect(go.goals.SetStatus).not.toHaveBeenCalled();
    await user.type(byId('goal-status-reason')!, 'The service is retired');
    await user.click(byId('goal-status-save')!);
    await waitFor(() => expect(byId('goal-status')!.textContent).toBe('Dropped'));
    expect(go.goals.SetStatus).toHaveBeenCalledWith(1, 'dropped', 'The service is retired');
  });

  it('asks what to do with the children when deleting a goal', async () => {
    go.goals.state.goals = [
      goalOf(1, { title: 'Parent' }),
      goalOf(2, { title: 'Middle', parentUid: 'g1' }),
      goalOf(3, { title: 'Child', parentUid: 'g2' }),
    ];
    const { user } = setup();
    await user.click(await goalRow(2));
    await soon('goal-children');
    await user.click(byId('goal-delete')!);
    const dialog = await soon('goal-delete-dialog');
    expect(dialog.textContent).toMatch(/One goal serves it/);
    for (const id of ['goal-delete-lift', 'goal-delete-detach', 'goal-delete-children']) expect(byId(id)).not.toBeNull();
    await user.click(byId('goal-delete-lift')!);
    await user.click(byId('goal-delete-confirm')!);
    await waitFor(() => expect(go.goals.Delete).toHaveBeenCalledWith(2, 'lift'));
    await waitFor(() => expect(document.querySelectorAll('[data-goal-id]')).toHaveLength(2));
    expect(go.goals.state.goals.find((g) => g.id === 3)?.parentUid).toBe('g1');
  });

  it('deletes a goal without children without asking about them', async () => {
    go.goals.state.goals = [goalOf(1)];
    const { user } = setup();
    await user.click(await goalRow(1));
    await user.click(await soon('goal-delete'));
    const dialog = await soon('goal-delete-dialog');
    expect(within(dialog).queryByRole('radio')).toBeNull();
    await user.click(byId('goal-delete-confirm')!);
    await waitFor(() => expect(go.goals.Delete).toHaveBeenCalledWith(1, 'refuse'));
    expect(await soon('goals-empty')).toBeTruthy();
  });

  it('offers help on a peer’s goal from Help wanted, and the owner accepts', async () => {
    go.goals.state.goals = [
      goalOf(2, { title: 'Hire a designer', mine: false, ownerName: 'Bob', owner: bob, needHelp: 'Someone to interview' }),
    ];
    const { user } = setup();
    await user.click(await soon('goals-view-help'));
    const card = await waitFor(() => {
      const el = document.querySelector<HTMLElement>('[data-help-goal="2"]');
      if (!el) throw new Error('no help request yet');
      return el;
    });
    expect(card.textContent).toMatch(/Someone to interview/);
    await user.click(within(card).getByRole('button', { name: 'Offer help' }));
    expect((await within(card).findByRole('alert')).textContent).toMatch(/Say what you can do/);
    await user.type(within(card).getByLabelText(/what I can do/), 'I can run two interviews');
    await user.click(within(card).getByRole('button', { name: 'Offer help' }));
    await waitFor(() => expect(card.textContent).toMatch(/You offered:\s*I can run two interviews/));
    expect(go.goals.OfferHelp).toHaveBeenCalledWith(2, 'I can run two interviews');

    // On the owner's side: the same offer, to accept.
    go.goals.state.goals[0].mine = true;
    go.goals.state.offers[0].mine = false;
    go.goals.state.offers[0].authorName = 'Ada';
    go.emit('goals:changed', null);
    await user.click(await waitFor(() => within(card).getByRole('button', { name: 'Accept Ada’s offer' })));
    await waitFor(() => expect(card.querySelector('[data-accepted]')?.textContent).toMatch(/Accepted .*2026/));
    expect(within(card).queryByRole('button', { name: /Accept/ })).toBeNull();
  });

  it('holds a check-in conversation with an agenda and a share that needs both', async () => {
    const { user } = setup();
    await user.click(await soon('goals-view-conversations'));
    expect((await soon('conv-empty')).textContent).toMatch(/No conversations yet/);
    await user.click(byId('conv-new')!);
    await user.selectOptions(await soon('conv-with'), bob);
    await waitFor(() => expect(byId<HTMLTextAreaElement>('conv-agenda')!.value).toMatch(/Ship search v2/));
    expect(go.goals.Agenda).toHaveBeenCalledWith(bob);
    await user.click(byId('conv-role-coach')!);
    await user.type(byId('conv-agenda')!, '\nHiring plan');
    await user.type(byId('conv-notes')!, 'Agreed to pair on Thursday');
    expect(byId('conv-share-hint')!.textContent).toMatch(/Shared with the team only when both of you share it/);
    await user.click(byId('conv-share')!);
    await user.click(byId('conv-save')!);
    await waitFor(() => expect(go.goals.SaveConversation).toHaveBeenCalled());
    expect(go.goals.SaveConversation.mock.calls[0][0]).toMatchObject({
      id: 0,
      with: bob,
      withName: 'Bob',
      myRole: 'coach',
      notes: 'Agreed to pair on Thursday',
      shareMine: true,
      agenda: ['Bob: “Ship search v2” checked in 3 times (40% → 70%)', 'Ada: new goal “Pair weekly”', 'Hiring plan'],
    });
    await user.click(byId('conv-close')!);
    expect((await waitFor(() => document.querySelector('[data-conv-id]') ?? Promise.reject(new Error('no list')))).textContent).toMatch(
      /With Bob.*Waiting for Bob to share/s,
    );
    expect((await soon('conv-shared-empty')).textContent).toMatch(/once both of them share it/);
  });

  it('says where sharing a conversation stands, as Bob’s choice arrives', async () => {
    const conv = (id: number, shareMine: boolean, shareTheirs: boolean) => ({
      id,
      uid: `${id}`.padStart(32, '0'),
      with: bob,
      withName: 'Bob',
      myRole: 'coachee',
      day: '2026-11-20',
      agenda: ['Hiring plan'],
      notes: 'pair on Thursday',
      shareMine,
      shareTheirs,
      updatedAt: '2026-11-20T10:00:00Z',
    });
    go.goals.state.conversations = [conv(1, true, false), conv(2, false, true), conv(3, false, false)];
    const { user } = setup();
    await user.click(await soon('goals-view-conversations'));
    const stateOf = async (id: number) =>
      (await waitFor(() => document.querySelector(`[data-conv-id="${id}"] [data-share-state]`) ?? Promise.reject(new Error('no row'))))
        .textContent;
    expect(await stateOf(1)).toBe('Waiting for Bob to share');
    expect(await stateOf(2)).toBe('Bob shares it; the team sees it if you share it too');
    expect(await stateOf(3)).toBe('Only the two of you');

    await user.click(document.querySelector<HTMLElement>('[data-conv-id="1"]')!);
    expect((await soon('conv-share-state')).textContent).toMatch(/^\s*Waiting for Bob to share\s*$/);
    // Bob's consent arrives with a sync while the note is open.
    go.goals.state.conversations = [conv(1, true, true), conv(2, false, true), conv(3, false, false)];
    go.emit('goals:changed', null);
    await waitFor(() => expect(byId('conv-share-state')!.textContent).toMatch(/Shared with the team/));
    expect(byId('conv-share-state')!.dataset.state).toBe('shared');
    // Taking it back is a choice to save.
    await user.click(byId('conv-share')!);
    expect(byId('conv-share-state')!.textContent).toMatch(/Shared with the team.*save to apply your choice/s);
    await user.click(byId('conv-save')!);
    await waitFor(() =>
      expect(byId('conv-share-state')!.textContent).toMatch(/^\s*Bob shares it; the team sees it if you share it too\s*$/),
    );
    expect(go.goals.SaveConversation.mock.calls[0][0]).toMatchObject({ id: 1, shareMine: false });
  });

  it('shows conversations two teammates shared, read-only', async () => {
    go.goals.state.sharedConversations = [
      {
        uid: 'e'.repeat(32),
        coach: 'ab'.repeat(16),
        coachName: 'Ada',
        coachee: 'ef'.repeat(16),
        coacheeName: 'Cy',
        day: '2026-11-21',
        agenda: ['On-call load'],
        notes: 'Cy hands over the pager on Fridays',
        updatedAt: '2026-11-21T09:00:00Z',
      },
    ];
    const { user } = setup();
    await user.click(await soon('goals-view-conversations'));
    const list = await soon('conv-shared-list');
    expect(byId('conv-shared-empty')).toBeNull();
    const item = list.querySelector<HTMLElement>('[data-shared-uid]')!;
    const summary = item.querySelector('summary')!;
    expect(summary.textContent).toMatch(/Ada \(coach\) with Cy \(coachee\)/);
    expect(item.querySelector('details')!.open).toBe(false);
    // A summary: the browser opens it with Enter or Space too.
    await user.click(summary);
    await waitFor(() => expect(item.querySelector('details')!.open).toBe(true));
    expect(item.textContent).toMatch(/On-call load/);
    expect(item.textContent).toMatch(/Cy hands over the pager on Fridays/);
    // Read-only: nothing in it to edit or press.
    expect(byId('conv-shared')!.querySelectorAll('input, textarea, select, button')).toHaveLength(0);
    expect(go.goals.SharedConversations).toHaveBeenCalled();
  });

  it('keeps a conversation note being written as a draft', async () => {
    const first = setup();
    await first.user.click(await soon('goals-view-conversations'));
    await first.user.click(await soon('conv-new'));
    await first.user.type(await soon('conv-notes'), 'We talked about the hiring plan');
    await waitFor(() => expect(go.drafts.kept.get('conversation:new')).toContain('hiring plan'), { timeout: 2000 });
    first.view.unmount();

    const { user } = setup();
    await user.click(await soon('goals-view-conversations'));
    await user.click(await soon('conv-new'));
    expect((await soon('conv-draft-restored')).textContent).toMatch(/unsaved changes/);
    expect(byId<HTMLTextAreaElement>('conv-notes')!.value).toBe('We talked about the hiring plan');
    await user.selectOptions(byId('conv-with')!, bob);
    await user.click(byId('conv-save')!);
    await waitFor(() => expect(go.goals.SaveConversation).toHaveBeenCalled());
    await waitFor(() => expect(go.drafts.kept.has('conversation:new')).toBe(false));
  });

  it('reminds gently of due check-ins and saves the cadence', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Cut latency', checkinDue: true }), goalOf(2, { mine: false, checkinDue: false })];
    const { user } = setup();
    const reminder = await soon('goals-checkin-reminder');
    expect(reminder.textContent).toMatch(/check-in on “Cut latency” is due.*every 7 days/s);
    await user.click(within(reminder).getByRole('button', { name: 'Change how often' }));
    const days = await soon<HTMLInputElement>('goals-cadence-days');
    await waitFor(() => expect(days.value).toBe('7'));
    await user.clear(days);
    await user.type(days, '14');
    await user.click(byId('goals-cadence-save')!);
    await waitFor(() => expect(go.goals.SaveSettings).toHaveBeenCalledWith({ checkinEveryDays: 14 }));
    await waitFor(() => expect(byId('goals-checkin-reminder')!.textContent).toMatch(/every 14 days/));
  });

  it('edits job outcomes', async () => {
    const { user } = setup();
    await user.click(await soon('goals-view-outcomes'));
    // Words as a reader expects them, not built from the kind's name.
    const legends = [...document.querySelectorAll('#outcomes legend')].map((l) => l.firstChild?.textContent?.trim());
    expect(legends).toEqual(['Deliverables', 'Processes', 'Impact']);
    expect(byId('outcome-add-impact')!.textContent).toBe('Add an impact');
    expect(byId('outcome-add-process')!.textContent).toBe('Add a process');
    await user.click(await soon('outcome-add-impact'));
    await user.type(document.activeElement as HTMLElement, 'Clients close the month on time');
    await user.click(byId('outcomes-save')!);
    await waitFor(() => expect(go.goals.SaveOutcomes).toHaveBeenCalled());
    expect(go.goals.SaveOutcomes.mock.calls[0][0]).toEqual([
      { id: '', kind: 'impact', title: 'Clients close the month on time', description: '' },
    ]);
  });
});
