import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStores } from '../../stores';
import type { GrowthSection } from '../../stores/growth.svelte';
import { localDay } from '../../domain/growth';
import { fakeMediaApi } from '../../test/fakeApis';
import { goError, installGo, sessionOf, summaryOf, teamOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import AppShell from '../shell/AppShell.svelte';
import Growth from './Growth.svelte';

let go: FakeGo;
const offs: (() => void)[] = [];
beforeEach(() => {
  go = installGo();
});
afterEach(() => {
  offs.splice(0).forEach((off) => off());
  uninstallGo();
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const soon = (id: string) =>
  waitFor(() => {
    const el = byId(id);
    if (!el) throw new Error(`no #${id} yet`);
    return el;
  });

function fakeClock(start = new Date(2026, 10, 23, 9, 0).getTime()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function setup(section: GrowthSection, clock = fakeClock()) {
  const chime = vi.fn();
  const stores = createStores({ media: fakeMediaApi(), growthOptions: { now: clock.now, chime } });
  stores.growth.section = section;
  offs.push(stores.growth.connect(), () => stores.growth.timer.reset());
  const user = userEvent.setup();
  const view = render(Growth, { stores });
  return { stores, user, chime, clock, view };
}

describe('Growth area', () => {
  it('says it is private and switches sections with the arrow keys', async () => {
    const { user, stores } = setup('assess');
    expect(text('growth-privacy')).toMatch(/only you see this unless you share it/);
    byId('growth-tab-assess')!.focus();
    await user.keyboard('{ArrowRight}');
    expect(stores.growth.section).toBe('charts');
    expect(document.activeElement?.id).toBe('growth-tab-charts');
    await user.keyboard('{End}');
    expect(document.activeElement?.id).toBe('growth-tab-framework');
    expect(byId('growth-tab-framework')!.getAttribute('aria-selected')).toBe('true');
  });
});

/** slowNextAnswer holds Go's answer to the next save until release is called. */
function slowNextAnswer(): () => void {
  const real = go.growth.Answer.getMockImplementation()!;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  go.growth.Answer.mockImplementationOnce(async (sid: number, a: unknown) => {
    await gate;
    return real(sid, a);
  });
  return release;
}

describe('Self-assessment', () => {
  it('runs a whole session with the keyboard alone: rate, evidence, next, skip, pause, resume, finish', async () => {
    go.growth.state.sessions.push(sessionOf(1, '2026-09-01', { 'craft.code': 2 }));
    const { user } = setup('assess');
    const start = await soon('assess-start');
    expect(text('assess-keys')).toBe('');
    start.focus();
    await user.keyboard('{Enter}');

    // Item 1, with last time beside it; focus is on the levels.
    expect(text('assess-progress')).toMatch(/^Item 1 of 4/);
    expect(text('assess-item-heading')).toBe('Code quality');
    expect(text('assess-group')).toBe('Craft');
    expect(text('assess-last')).toMatch(/Level 2 on/);
    expect(byId('assess-keys')!.textContent).toMatch(/Alt\+N.*Alt\+B.*Alt\+S.*Alt\+P/s);
    expect(document.activeElement?.getAttribute('name')).toBe('assess-level');

    await user.keyboard('3');
    await waitFor(() => expect(go.growth.Answer).toHaveBeenCalledTimes(1));
    expect(go.growth.Answer.mock.calls[0][1]).toMatchObject({ itemId: 'craft.code', level: 3, evidence: '' });
    expect(byId<HTMLInputElement>('assess-levels')!.querySelectorAll<HTMLInputElement>('input')[2].checked).toBe(true);

    await user.tab();
    expect(document.activeElement?.id).toBe('assess-evidence');
    await user.keyboard('Refactored the parser with tests first');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(text('assess-progress')).toMatch(/^Item 2 of 4/));
    expect(go.growth.Answer).toHaveBeenLastCalledWith(
      expect.any(Number),
      expect.objectContaining({ itemId: 'craft.code', level: 3, evidence: 'Refactored the parser with tests first' }),
    );
    expect(text('assess-last')).toBe('Not rated before.');

    // Item 2: a level and Alt+N.
    await user.keyboard('4');
    await user.keyboard('{Alt>}n{/Alt}');
    await waitFor(() => expect(text('assess-progress')).toMatch(/^Item 3 of 4/));
    // Item 3: skipped; item 4: paused before answering.
    await user.keyboard('{Alt>}s{/Alt}');
    await waitFor(() => expect(text('assess-progress')).toMatch(/^Item 4 of 4/));
    await user.keyboard('{Alt>}p{/Alt}');

    const cont = await soon('assess-continue');
    expect(text('assess-in-progress')).toMatch(/2 of 4 answered/);
    expect(go.growth.state.current?.answers).toHaveLength(2);
    cont.focus();
    await user.keyboard('{Enter}');
    // Resumes at the first item without an answer: the skipped one.
    expect(text('assess-item-heading')).toBe('Coaching');
    await user.keyboard('5');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Helping'));
    // Back shows the answer given.
    await user.keyboard('{Alt>}b{/Alt}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Coaching'));
    expect(byId('assess-levels')!.querySelectorAll<HTMLInputElement>('input')[4].checked).toBe(true);
    await user.keyboard('{Alt>}n{/Alt}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Helping'));
    await user.keyboard('2');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(text('assess-item-heading')).toBe('Finish the assessment'));
    expect(document.activeElement?.id).toBe('assess-finish');
    expect(byId<HTMLInputElement>('assess-share')!.checked).toBe(false);
    await user.keyboard('{Enter}');
    await soon('assess-done');
    expect(go.growth.FinishSession).toHaveBeenCalledWith(expect.any(Number), false);
    const finished = go.growth.state.sessions.at(-1)!;
    expect(finished.answers.map((a: { itemId: string; level: number }) => [a.itemId, a.level])).toEqual([
      ['craft.code', 3],
      ['craft.testing', 4],
      ['values.coaching', 5],
      ['values.helping', 2],
    ]);

    // The next assessment starts fresh, with this one as last time.
    const again = await soon('assess-start');
    again.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(text('assess-progress')).toMatch(/^Item 1 of 4 · 0 answered/));
    await waitFor(() => expect(text('assess-last')).toMatch(/Level 3 on/));
    expect(go.growth.state.current?.id).not.toBe(finished.id);
  });

  it('keeps evidence being typed when Go says growth changed, and never drops it unrated', async () => {
    const { user, stores } = setup('assess');
    offs.push(stores.growth.connect());
    (await soon('assess-start')).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Code quality'));
    await user.click(byId('assess-evidence')!);
    await user.keyboard('Paired on the');
    await user.keyboard('{Alt>}n{/Alt}');
    expect(text('assess-error')).toMatch(/Choose a level \(1–5\) to keep what you wrote/);
    expect(text('assess-item-heading')).toBe('Code quality');

    await user.keyboard('{Alt>}s{/Alt}');
    expect(text('assess-item-heading')).toBe('Code quality');
    expect(document.activeElement?.getAttribute('name')).toBe('assess-level');
    await user.keyboard('4');
    await waitFor(() => expect(go.growth.Answer).toHaveBeenCalledTimes(1));
    await user.click(byId('assess-evidence')!);
    await user.keyboard(' importer');
    go.emit('growth:changed', null);
    await waitFor(() => expect(go.growth.Framework.mock.calls.length).toBeGreaterThan(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(byId<HTMLTextAreaElement>('assess-evidence')!.value).toBe('Paired on the importer');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Testing'));
    expect(go.growth.state.current!.answers[0]).toMatchObject({ itemId: 'craft.code', level: 4, evidence: 'Paired on the importer' });
  });

  it('saves in order: a slow save of the first words never lands after the whole text', async () => {
    const { user } = setup('assess');
    (await soon('assess-start')).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Code quality'));
    await user.keyboard('4');
    await waitFor(() => expect(go.growth.Answer).toHaveBeenCalledTimes(1));
    // The save made by the typing pause is slow to reach Go.
    const release = slowNextAnswer();
    await user.click(byId('assess-evidence')!);
    await user.keyboard('Coa');
    await waitFor(() => expect(go.growth.Answer).toHaveBeenCalledTimes(2), { timeout: 3000 });
    await user.keyboard('ched Ada');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await new Promise((r) => setTimeout(r, 50));
    release();
    await waitFor(() => expect(text('assess-item-heading')).toBe('Testing'));
    expect(go.growth.state.current!.answers.find((x: { itemId: string }) => x.itemId === 'craft.code')).toMatchObject({
      level: 4,
      evidence: 'Coached Ada',
    });
  });

  it('keeps the evidence typed while the level key is still saving: level, Tab, type, Ctrl+Enter', async () => {
    const { user } = setup('assess');
    (await soon('assess-start')).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Code quality'));
    // A busy machine: the save the level key starts answers late.
    const release = slowNextAnswer();
    await user.keyboard('1');
    await user.keyboard('{Tab}');
    expect(document.activeElement?.id).toBe('assess-evidence');
    await user.keyboard('Coached Ada');
    release();
    await new Promise((r) => setTimeout(r, 20));
    await user.keyboard(' through her first release');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(text('assess-item-heading')).toBe('Testing'));
    expect(go.growth.state.current!.answers.find((x: { itemId: string }) => x.itemId === 'craft.code')).toMatchObject({
      level: 1,
      evidence: 'Coached Ada through her first release',
    });
  });

  it('shares a summary only when ticked', async () => {
    go.growth.state.current = { ...sessionOf(5, '2026-11-23', { 'craft.code': 3 }), finishedAt: '' };
    const { user, stores } = setup('assess');
    await soon('assess-continue');
    stores.growth.go(4);
    const share = await soon('assess-share');
    share.focus();
    await user.keyboard(' ');
    await user.click(byId('assess-finish')!);
    await waitFor(() => expect(go.growth.FinishSession).toHaveBeenCalledWith(5, true));
  });

  it('lists finished assessments newest first, and shares or takes back one with the keyboard', async () => {
    go.team.Status.mockResolvedValue(teamOf({ state: 'member' }));
    go.growth.state.sessions.push(
      sessionOf(1, '2026-10-01', { 'craft.code': 2 }),
      sessionOf(2, '2026-11-01', { 'craft.code': 3, 'values.helping': 4 }, { shared: true }),
    );
    const { user } = setup('assess');
    const history = await soon('assess-history');
    const rows = () => [...history.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[0]).toMatch(/1 Nov · 2 items rated Shared with the team Take it back/);
    expect(rows()[1]).toMatch(/1 Oct · 1 item rated Private Share a summary/);

    const takeBack = within(history).getByRole('button', { name: /Take it back: .*1 Nov/ });
    takeBack.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(go.growth.UnshareSession).toHaveBeenCalledWith(2));
    await waitFor(() => expect(text('history-status')).toMatch(/Took back the summary of .*1 Nov.*removed at their next sync/));
    await waitFor(() => expect(rows()[0]).toMatch(/Private Share a summary/));

    await user.click(within(history).getByRole('button', { name: /Share a summary: .*1 Oct/ }));
    await waitFor(() => expect(go.growth.ShareSession).toHaveBeenCalledWith(1));
    await waitFor(() => expect(rows()[1]).toMatch(/Shared with the team Take it back/));
    expect(text('history-status')).toMatch(/teammates see its levels, not your evidence/);
    expect(go.growth.ShareSession).toHaveBeenCalledTimes(1);
  });

  it('offers no sharing outside a team, but a shared one can still be taken back; errors say what to do', async () => {
    go.growth.state.sessions.push(
      sessionOf(1, '2026-10-01', { 'craft.code': 2 }),
      sessionOf(2, '2026-11-01', { 'craft.code': 3 }, { shared: true }),
    );
    go.growth.UnshareSession.mockRejectedValueOnce(goError('unavailable', 'The database is busy; try again in a moment.'));
    const { user } = setup('assess');
    const history = await soon('assess-history');
    await waitFor(() => expect(text('history-no-team')).toMatch(/needs a team/));
    expect(within(history).queryByRole('button', { name: /Share a summary/ })).toBeNull();
    await user.click(within(history).getByRole('button', { name: /Take it back/ }));
    await waitFor(() => expect(text('history-error')).toBe('The database is busy; try again in a moment.'));
    expect(byId('history-error')!.getAttribute('role')).toBe('alert');
  });

  it('tells two assessments of one day apart by their time', async () => {
    go.growth.state.sessions.push(
      sessionOf(1, '2026-11-23', { 'craft.code': 2 }, { finishedAt: '2026-11-23T09:05:00Z' }),
      sessionOf(2, '2026-11-23', { 'craft.code': 3 }, { finishedAt: '2026-11-23T16:40:00Z' }),
      sessionOf(3, '2026-11-24', { 'craft.code': 3 }),
    );
    setup('assess');
    const history = await soon('assess-history');
    await waitFor(() => expect(history.querySelectorAll('li')).toHaveLength(3));
    const heads = [...history.querySelectorAll('li strong')].map((x) => x.textContent);
    const t = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    expect(heads).toEqual(['Tue 24 Nov', `Mon 23 Nov, ${t('2026-11-23T16:40:00Z')}`, `Mon 23 Nov, ${t('2026-11-23T09:05:00Z')}`]);
  });
});

describe('Charts', () => {
  it('draws three sessions with text alternatives and says what moved', async () => {
    go.growth.state.sessions.push(
      sessionOf(1, '2026-05-01', { 'craft.code': 2, 'values.coaching': 1 }),
      sessionOf(2, '2026-08-01', { 'craft.code': 3, 'values.coaching': 2, 'craft.testing': 4 }),
      sessionOf(3, '2026-11-01', { 'craft.code': 3, 'values.coaching': 4, 'craft.testing': 3 }),
    );
    const { user } = setup('charts');
    const radar = await soon('charts-radar-table');
    expect(byId('charts-few')).toBeNull();
    expect(text('charts-moved')).toMatch(/Moved up: Coaching 2 → 4\. Moved down: Testing 4 → 3\./);
    expect(text('charts-since-first')).toMatch(/Moved up: Coaching 1 → 4, Code quality 2 → 3\./);

    const heads = [...radar.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads[1]).toMatch(/^Latest/);
    expect(heads[2]).toMatch(/^Previous/);
    expect(heads[3]).toMatch(/^First/);
    const coaching = within(radar).getByText('Coaching').closest('tr')!;
    expect([...coaching.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['4', '2', '1']);
    const helping = within(radar).getByText('Helping').closest('tr')!;
    expect([...helping.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['—', '—', '—']);
    expect(screen.getByRole('figure', { name: 'Radar of levels per item' }).querySelector('canvas[data-chart="radar"]')).not.toBeNull();

    // The line: a group by default, one item on request.
    const line = byId('charts-line-table')!;
    expect(line.querySelectorAll('tbody tr')).toHaveLength(3);
    expect([...line.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Date', 'Code quality', 'Testing']);
    await user.selectOptions(byId<HTMLSelectElement>('charts-line-of')!, 'i:values.coaching');
    await waitFor(() => expect([...line.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Date', 'Coaching']));
    expect([...line.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['1', '2', '4']);

    // The radar can narrow to a group.
    await user.selectOptions(byId<HTMLSelectElement>('charts-radar-group')!, 'values');
    await waitFor(() => expect(radar.querySelectorAll('tbody tr')).toHaveLength(2));
  });

  it('says what to do with no session, or only one', async () => {
    const { view } = setup('charts');
    expect((await soon('charts-empty')).textContent).toMatch(/No finished self-assessment yet/);
    view.unmount();
    go.growth.state.sessions.push(sessionOf(1, '2026-05-01', { 'craft.code': 2 }));
    setup('charts');
    expect((await soon('charts-few')).textContent).toMatch(/One snapshot so far. Assess again/);
    expect(byId('charts-moved')).toBeNull();
  });
});

describe('Daily basics', () => {
  it('ticks today, shows the heat map as a grid of days, and speaks kindly', async () => {
    const clock = fakeClock();
    const today = localDay(clock.now());
    go.growth.state.basics = [
      { id: 1, title: 'Plan the day', archived: false, order: 1 },
      { id: 2, title: 'Read ten pages', archived: false, order: 2 },
    ];
    go.growth.state.ticks = [
      { basicId: 1, day: '2026-11-20' },
      { basicId: 2, day: '2026-11-20' },
    ];
    const { user } = setup('basics', clock);
    const heat = await soon('basics-heat');
    await waitFor(() => expect(heat.querySelectorAll('td')).toHaveLength(16 * 7));
    const cell = (day: string) => heat.querySelector<HTMLElement>(`td[data-day="${day}"]`)!;
    expect(cell('2026-11-20').className).toMatch(/level-4/);
    expect(cell('2026-11-20').textContent).toMatch(/2 of 2 basics/);
    expect(cell(today).textContent).toMatch(/0 of 2 basics/);
    expect(cell(today).className).toMatch(/level-0/);
    expect(text('basics-streak')).toBe('1 of the last 7 days — every day you come back counts.');

    byId('basic-today-1')!.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(go.growth.Tick).toHaveBeenCalledWith(1, today, true));
    await waitFor(() => expect(cell(today).textContent).toMatch(/1 of 2 basics/));
    expect(text('basics-streak')).toBe('2 of the last 7 days — every day you come back counts.');
    // Nothing on the page is styled as a failure.
    expect(document.querySelector('#basics-heat .error, #basics-heat .danger')).toBeNull();

    // Add one with the keyboard.
    byId('basic-new')!.focus();
    await user.keyboard('Walk at lunch{Enter}');
    await waitFor(() => expect(byId('basics-list')!.textContent).toMatch(/Walk at lunch/));
    expect(go.growth.SaveBasic).toHaveBeenCalledWith(expect.objectContaining({ id: 0, title: 'Walk at lunch', order: 3 }));

    // Archive takes it off today's list.
    await user.click(byId('basic-archive-1')!);
    await waitFor(() => expect(byId('basic-today-1')).toBeNull());
  });
});

describe('Reflection timer', () => {
  it('survives leaving the area, shows in the shell, and ends with a chime and a notification', async () => {
    const clock = fakeClock();
    const chime = vi.fn();
    go.Get.mockResolvedValue({ memberId: 'm-1', name: 'Ada', role: '', teamName: '', createdAt: '', updatedAt: '' });
    const stores = createStores({ media: fakeMediaApi(), growthOptions: { now: clock.now, chime } });
    offs.push(() => stores.growth.timer.reset());
    const user = userEvent.setup();
    stores.growth.section = 'reflect';
    stores.nav.go('growth');
    render(AppShell, { stores });

    const start = await soon('reflect-start');
    await waitFor(() => expect(text('reflect-prompt')).toBe('What surprised you today?'));
    expect(text('reflect-remaining')).toBe('30:00');
    start.focus();
    await user.keyboard('{Enter}');
    clock.advance(10 * 60_000);
    stores.growth.timer.tick();
    await waitFor(() => expect(text('reflect-remaining')).toBe('20:00'));
    await user.type(byId('reflect-note')!, 'Why did the demo go well?');

    // Away to Today: the area is gone, the timer is not.
    stores.nav.go('today');
    await waitFor(() => expect(byId('reflect-remaining')).toBeNull());
    clock.advance(5 * 60_000);
    stores.growth.timer.tick();
    await waitFor(() => expect(text('reflection-indicator')).toBe('Reflecting 15:00'));
    stores.growth.timer.pause();
    clock.advance(60 * 60_000);
    stores.growth.timer.tick();
    await waitFor(() => expect(text('reflection-indicator')).toBe('Reflection paused 15:00'));

    // Back through the indicator.
    await user.click(byId('reflection-indicator')!);
    await waitFor(() => expect(text('reflect-remaining')).toBe('15:00'));
    expect(byId<HTMLTextAreaElement>('reflect-note')!.value).toBe('Why did the demo go well?');
    expect(byId('reflection-indicator')).toBeNull();
    await user.click(byId('reflect-pause')!);
    expect(stores.growth.timer.phase).toBe('running');

    // Ended while away: the shell leads back to the journal.
    stores.nav.go('today');
    clock.advance(15 * 60_000);
    stores.growth.timer.tick();
    await waitFor(() => expect(text('reflection-indicator')).toBe('Reflection done — write it down'));
    await user.click(byId('reflection-indicator')!);
    await waitFor(() => expect(text('reflect-phase')).toBe('Time is up — well done.'));
    expect(chime).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(go.growth.Notify).toHaveBeenCalledTimes(1));
    expect(go.growth.Notify.mock.calls[0][0]).toBe('Reflection time is up');

    await user.click(byId('reflect-save')!);
    await waitFor(() =>
      expect(go.growth.SaveReflection).toHaveBeenCalledWith(
        expect.objectContaining({ minutes: 30, note: 'Why did the demo go well?', prompt: 'What surprised you today?' }),
      ),
    );
    await waitFor(() => expect(text('reflect-status')).toMatch(/Saved to your journal \(30 min reflected\)/));
    expect(byId<HTMLTextAreaElement>('reflect-note')!.value).toBe('');
    stores.nav.go('today');
    await waitFor(() => expect(byId('reflect-status')).toBeNull());
    expect(byId('reflection-indicator')).toBeNull();
  });

  it('comes back after the app is killed: its start, time left, pause and journal draft', async () => {
    const clock = fakeClock();
    go.Get.mockResolvedValue({ memberId: 'm-1', name: 'Ada', role: '', teamName: '', createdAt: '', updatedAt: '' });
    const first = createStores({ media: fakeMediaApi(), growthOptions: { now: clock.now } });
    first.growth.section = 'reflect';
    first.nav.go('growth');
    const user = userEvent.setup();
    const view = render(AppShell, { stores: first });
    (await soon('reflect-start')).focus();
    await user.keyboard('{Enter}');
    const startedAt = first.growth.timer.startedAt;
    await user.type(byId('reflect-note')!, 'The retro worked');
    await waitFor(() => expect(go.drafts.kept.has('growth:journal')).toBe(true), { timeout: 3000 });
    clock.advance(4 * 60_000);
    await first.growth.timerKept();
    // Killed: no page hide, no flush, the window gone at once.
    first.growth.timer.reset = () => {};
    view.unmount();
    clock.advance(60_000); // the minute it took to start again counts: it ran on

    const again = createStores({ media: fakeMediaApi(), growthOptions: { now: clock.now } });
    offs.push(() => again.growth.timer.reset());
    render(AppShell, { stores: again });
    await waitFor(() => expect(text('reflection-indicator')).toBe('Reflecting 25:00'));
    expect(again.growth.timer.startedAt).toBe(startedAt);
    await waitFor(() => expect(again.growth.journal).toBe('The retro worked'));

    // Paused, killed again: it comes back paused, at the same time left.
    again.growth.timer.pause();
    await again.growth.timerKept();
    clock.advance(60 * 60_000);
    const third = createStores({ media: fakeMediaApi(), growthOptions: { now: clock.now } });
    await third.growth.restoreTimer();
    expect(third.growth.timer.phase).toBe('paused');
    expect(third.growth.timer.remainingMs).toBe(25 * 60_000);
    third.growth.timer.reset();
    await third.growth.timerKept();
    expect(go.growth.state.timer).toBeNull();
  });

  it('uses the chosen length and can make it the default', async () => {
    const { user } = setup('reflect');
    const minutes = (await soon('reflect-minutes')) as HTMLInputElement;
    await user.clear(minutes);
    await user.type(minutes, '20');
    expect(text('reflect-remaining')).toBe('20:00');
    await user.click(byId('reflect-default')!);
    await waitFor(() => expect(go.growth.SaveSettings).toHaveBeenCalledWith({ reflectionMinutes: 20 }));
    await user.click(byId('reflect-start')!);
    expect(text('reflect-remaining')).toBe('20:00');
    expect(byId('reflect-stop')).not.toBeNull();
  });
});

describe('Framework', () => {
  it('shows why a file was not imported and that the current framework is untouched', async () => {
    go.growth.ImportFramework.mockRejectedValueOnce(goError('invalid', 'line 14: level 3 of “Coaching” is empty'));
    const { user } = setup('framework');
    await soon('fw-import');
    await user.click(byId('fw-import')!);
    const err = await soon('fw-import-error');
    expect(err.getAttribute('role')).toBe('alert');
    expect(err.textContent).toMatch(/line 14: level 3 of “Coaching” is empty/);
    expect(err.textContent).toMatch(/Your current framework is unchanged/);
    expect(text('fw-facts')).toMatch(/Version 1, the built-in default/);
    expect(screen.getByRole('heading', { name: 'Craft' })).toBeTruthy();
  });

  it('edits in the window and saves a new version', async () => {
    const { user } = setup('framework');
    await user.click(await soon('fw-edit'));
    const name = byId<HTMLInputElement>('fw-item-0-0')!;
    await user.clear(name);
    await user.type(name, 'Clean code');
    await user.click(byId('fw-add-group')!);
    expect(document.activeElement?.id).toBe('fw-group-2');
    await user.click(byId('fw-save')!);
    expect((await soon('fw-edit-error')).textContent).toBe('Every group needs a name.');
    await user.type(byId('fw-group-2')!, 'Learning');
    await user.click(byId('fw-save')!);
    await waitFor(() => expect(text('fw-status')).toMatch(/Saved as version 2/));
    expect(go.growth.SaveFramework.mock.calls[0][0].groups[0].items[0].name).toBe('Clean code');
    expect(text('fw-facts')).toMatch(/Version 2, edited here/);
  });

  it('offers publishing only in a team, and says what it does', async () => {
    const { view } = setup('framework');
    await soon('fw-import');
    expect(byId('fw-publish')).toBeNull();
    view.unmount();
    go.team.Status.mockResolvedValue(teamOf({ state: 'member' }));
    const { user } = setup('framework');
    const publish = await soon('fw-publish');
    expect(publish.closest('.publish')!.textContent).toMatch(/everyone assesses against the same items/);
    await user.click(publish);
    await waitFor(() => expect(text('fw-status')).toMatch(/Published/));
  });
});

describe('Plan', () => {
  it('makes a plan, a goal from it (or says why not), and deletes it after asking', async () => {
    const { user } = setup('plan');
    await user.click(await soon('plan-new'));
    await user.click(byId('plan-save')!);
    expect((await soon('plan-form-error')).textContent).toMatch(/Choose at least one item/);
    await user.click(screen.getByRole('checkbox', { name: 'Coaching' }));
    await user.type(byId('plan-why')!, 'The team asks me for help');
    await user.type(byId('plan-actions')!, 'Pair weekly{Enter}Read a book');
    await user.click(byId('plan-save')!);
    await waitFor(() => expect(document.querySelector('[data-plan-id]')).not.toBeNull());
    const saved = go.growth.SavePlan.mock.calls[0][0];
    expect(saved).toMatchObject({ id: 0, itemIds: ['values.coaching'], actions: ['Pair weekly', 'Read a book'] });
    const id = go.growth.state.plans[0].id;

    go.growth.PlanGoal.mockRejectedValueOnce(goError('unavailable', 'Goals are not available yet in this version.'));
    await user.click(byId(`plan-goal-${id}`)!);
    expect((await soon(`plan-error-${id}`)).textContent).toMatch(/Goals are not available/);

    await user.click(byId(`plan-delete-${id}`)!);
    await user.click(await soon('plan-delete-confirm'));
    await waitFor(() => expect(document.querySelector('[data-plan-id]')).toBeNull());
    expect(go.growth.DeletePlan).toHaveBeenCalledWith(id);
  });
});

describe('Learning log', () => {
  it('adds an entry and shows the weekly total', async () => {
    const clock = fakeClock(); // Monday 23 Nov 2026
    go.growth.state.learning = [
      { id: 1, day: '2026-11-23', kind: 'read', what: 'Team Topologies', minutes: 30, takeaways: '', itemIds: [] },
    ];
    const { user } = setup('learning', clock);
    await soon('learn-total-2026-11-23');
    expect(text('learn-total-2026-11-23')).toBe('30 min');
    await user.click(byId('learn-add')!);
    expect(text('learn-what-error')).toMatch(/Say what it was/);
    await user.click(screen.getByLabelText('watched'));
    await user.type(byId('learn-what')!, 'A talk on feedback');
    await user.type(byId('learn-minutes')!, '45');
    await user.click(screen.getByRole('checkbox', { name: 'Coaching' }));
    await user.click(byId('learn-add')!);
    await waitFor(() => expect(text('learn-total-2026-11-23')).toBe('1 h 15 min'));
    expect(go.growth.AddLearning).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'watched',
        what: 'A talk on feedback',
        minutes: 45,
        itemIds: ['values.coaching'],
        day: '2026-11-23',
      }),
    );
  });
});

describe('Peers', () => {
  const team = () =>
    teamOf({
      state: 'member',
      members: [
        { id: 'me', name: 'Ada', me: true, removed: false, lastEventAt: '', problem: '' },
        { id: 'bob', name: 'Bob', me: false, removed: false, lastEventAt: '', problem: '' },
      ],
    });

  it('asks a teammate and shows their answer beside my own view, and answers a request', async () => {
    go.team.Status.mockResolvedValue(team());
    go.growth.state.sessions.push(sessionOf(1, '2026-11-01', { 'values.coaching': 2 }));
    go.growth.state.peerViews = [
      {
        requestUid: 'r1',
        peer: 'bob',
        peerName: 'Bob',
        itemIds: ['values.coaching'],
        askedAt: '2026-11-10T09:00:00Z',
        answeredAt: '2026-11-12T09:00:00Z',
        answers: [{ itemId: 'values.coaching', level: 4, evidence: 'Helped me with my first release', at: '' }],
      },
    ];
    go.growth.state.peerRequests = [
      {
        requestUid: 'r2',
        from: 'bob',
        fromName: 'Bob',
        items: [go.growth.state.framework.groups[0].items[1]],
        askedAt: '2026-11-20T09:00:00Z',
        answered: false,
      },
    ];
    const { user } = setup('peers');
    const row = await waitFor(() => screen.getByText('Helped me with my first release').closest('tr')!);
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['2', '4', 'Helped me with my first release']);

    await user.selectOptions(await soon('peers-peer'), 'bob');
    await user.click(within(byId('peers-items')!).getByRole('checkbox', { name: 'Helping' }));
    await user.click(byId('peers-ask')!);
    await waitFor(() => expect(go.growth.AskPeer).toHaveBeenCalledWith('bob', ['values.helping']));

    await user.click(screen.getByRole('button', { name: 'Send my view to Bob' }));
    expect((await screen.findByText('Choose a level for each item.')).getAttribute('role')).toBe('alert');
    const request = screen.getByRole('group', { name: 'Testing' });
    await user.click(within(request).getByRole('radio', { name: '3' }));
    await user.type(within(request).getByRole('textbox'), 'Wrote the flaky test fix');
    await user.click(screen.getByRole('button', { name: 'Send my view to Bob' }));
    await waitFor(() =>
      expect(go.growth.AnswerPeer).toHaveBeenCalledWith('r2', [
        expect.objectContaining({ itemId: 'craft.testing', level: 3, evidence: 'Wrote the flaky test fix' }),
      ]),
    );
    await screen.findByText('Answered — thank you.');
  });

  it('shows each teammate’s latest shared summary, grouped, with item IDs when the framework is not here', async () => {
    go.team.Status.mockResolvedValue(team());
    go.growth.state.teamSummaries = [
      summaryOf('bob', 'Bob', '2026-11-20', { 'craft.code': 4, 'values.helping': 5, 'craft.testing': 2 }),
      summaryOf(
        'cleo',
        'Cleo',
        '2026-11-18',
        {},
        {
          frameworkId: 'f9',
          frameworkVersion: 3,
          frameworkName: '',
          levels: [{ itemId: 'ops.oncall', itemName: '', groupId: '', groupName: '', level: 3 }],
        },
      ),
      summaryOf('bob', 'Bob', '2026-10-01', { 'craft.code': 2 }),
    ];
    setup('peers');
    const panel = await soon('peers-team');
    await waitFor(() => expect(panel.querySelectorAll('article')).toHaveLength(2));
    const [bob, cleo] = [...panel.querySelectorAll('article')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim());
    expect(bob).toMatch(/^Bob · Fri 20 Nov Default framework, version 1 · 1 earlier summary shared/);
    expect(bob).toMatch(/Craft Code quality level 4 of 54\/5 ?Testing level 2 of 52\/5 ?Behaviours Helping level 5 of 55\/5/);
    expect(bob).not.toMatch(/evidence/);
    expect(cleo).toMatch(/Cleo · Wed 18 Nov A framework version not on this laptop.*Other items ops\.oncall level 3 of 53\/5/);
    expect(byId('peers-team-empty')).toBeNull();
  });

  it('says what shared summaries are, and that sharing is each member’s choice, when there are none', async () => {
    go.team.Status.mockResolvedValue(team());
    const { user, stores } = setup('peers');
    const empty = await soon('peers-team-empty');
    expect(empty.textContent).toMatch(/No teammate has shared a summary yet/);
    expect(empty.textContent).toMatch(/always each member’s own choice/);
    await user.click(await within(empty).findByRole('button', { name: 'Assess' }));
    expect(stores.growth.section).toBe('assess');
  });

  it('hears a take-back from the team: the summary goes away on growth:changed', async () => {
    go.team.Status.mockResolvedValue(team());
    go.growth.state.teamSummaries = [summaryOf('bob', 'Bob', '2026-11-20', { 'craft.code': 4 })];
    setup('peers');
    await waitFor(() => expect(byId('peers-team')!.querySelectorAll('article')).toHaveLength(1));
    go.growth.state.teamSummaries = [];
    go.emit('growth:changed', null);
    await soon('peers-team-empty');
  });
});
