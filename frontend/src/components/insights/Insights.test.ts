import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Insights from './Insights.svelte';
import { createStores } from '../../stores';
import type { InsightsApi, MyInsights, TeamInsights } from '../../api/insights';
import { AppError } from '../../api/errors';
import { fakeMediaApi } from '../../test/fakeApis';
import { networkElements, networkStyle } from './network';

const period = { from: '2026-11-02', to: '2026-12-01', kind: 'month' as const };
const note = (fromName: string, toName: string, reason: string, day = '2026-11-20') => ({
  from: fromName.toLowerCase(),
  fromName,
  to: toName.toLowerCase(),
  toName,
  reason,
  at: `${day}T10:00:00Z`,
  day,
});

function meOf(over: Partial<MyInsights> = {}): MyInsights {
  return {
    period,
    streak: {
      days: 3,
      best: 7,
      todayDone: false,
      note: 'Today’s stand-up is still to come; the streak waits for it. Days off never break it.',
    },
    calendar: [
      { day: '2026-11-27', standup: true, off: false },
      { day: '2026-11-28', standup: false, off: true },
      { day: '2026-11-29', standup: false, off: true },
      { day: '2026-11-30', standup: true, off: false },
      { day: '2026-12-01', standup: false, off: false },
    ],
    moodEnergy: [
      { week: '2026-11-23', mood: 4, energy: 3, standups: 1 },
      { week: '2026-11-30', mood: 0, energy: 0, standups: 1 },
    ],
    help: {
      standups: 2,
      asked: 1,
      share: 50,
      answered: 1,
      medianHours: 16.5,
      requests: [{ day: '2026-11-27', text: 'a reviewer for the importer', firstOfferHours: 16.5, createdAt: '2026-11-27T17:00:00Z' }],
    },
    goals: {
      goals: [
        {
          id: 1,
          uid: 'g1',
          title: 'Cut p95 latency',
          ownerName: 'Ada',
          level: 'personal',
          progress: 0,
          ideal: 59,
          due: '2027-01-11',
          daysLeft: 41,
          confidence: 3,
          set: 'on_track',
          shown: 'off_track',
          atRisk: true,
          reason: '0 % done with 59 % of the time gone (41 days left).',
          checkins: 1,
          checkinDue: true,
        },
      ],
      atRisk: 1,
      everyDays: 7,
      made: 1,
      expected: 4,
      due: 1,
    },
    growth: {
      moved: [{ item: 'craft.testing', name: 'Testing', from: 2, to: 3 }],
      movedSince: '2026-11-02',
      movedTo: '2026-11-30',
      learning: [{ week: '2026-11-23', minutes: 45 }],
      reflection: [{ week: '2026-11-23', minutes: 10, target: 25 }],
      reflectionTarget: 5,
      basics: [{ title: 'Inbox zero', kept: 3, days: 21 }],
    },
    thanks: {
      weeks: [{ week: '2026-11-23', given: 1, received: 1 }],
      given: [note('Ada', 'Bob', 'for the careful review')],
      received: [note('Bob', 'Ada', 'for pairing on the migration')],
    },
    ...over,
  };
}

function teamOf(): TeamInsights {
  // Zed gave and got by far the most Thanks, and Ann the fewest: no list
  // may follow that.
  const people = [
    { id: 'ann', name: 'Ann' },
    { id: 'bob', name: 'Bob' },
    { id: 'zed', name: 'Zed' },
  ];
  const links = [
    { from: 'ann', to: 'zed', reasons: [note('Ann', 'Zed', 'the demo')] },
    { from: 'bob', to: 'zed', reasons: [note('Bob', 'Zed', 'r1'), note('Bob', 'Zed', 'r2'), note('Bob', 'Zed', 'r3')] },
    { from: 'zed', to: 'ann', reasons: [note('Zed', 'Ann', 'r4'), note('Zed', 'Ann', 'r5')] },
    {
      from: 'zed',
      to: 'bob',
      reasons: [note('Zed', 'Bob', 'r6'), note('Zed', 'Bob', 'r7'), note('Zed', 'Bob', 'r8'), note('Zed', 'Bob', 'r9')],
    },
  ];
  return {
    period,
    standupsPerWeek: [
      { week: '2026-11-23', count: 9 },
      { week: '2026-11-30', count: 4 },
    ],
    help: {
      asked: 2,
      open: 1,
      answered: 1,
      medianHours: 66,
      requests: [
        { day: '2026-11-28', who: 'Zed', text: 'a second pair of eyes', firstOfferHours: null, createdAt: '2026-11-28T15:00:00Z' },
        {
          day: '2026-11-27',
          who: 'Bob',
          text: 'a pair for the migration',
          firstOfferHours: 66,
          accepted: true,
          createdAt: '2026-11-27T15:00:00Z',
        },
      ],
    },
    goalsByStatus: [
      { status: 'on_track', count: 4 },
      { status: 'at_risk', count: 1 },
      { status: 'off_track', count: 1 },
    ],
    atRiskGoals: [
      {
        id: 2,
        uid: 'g2',
        title: 'Ship the importer',
        ownerName: 'Bob',
        level: 'team',
        progress: 10,
        ideal: 50,
        due: '2026-12-20',
        daysLeft: 19,
        confidence: 2,
        set: 'on_track',
        shown: 'off_track',
        atRisk: true,
        reason: '10 % done with 50 % of the time gone.',
        checkins: 0,
        checkinDue: false,
      },
    ],
    experiments: [
      {
        session: '2026-11-23',
        hypothesis: 'Pairing halves review time',
        ownerName: 'Ann',
        measure: 'hours',
        endDay: '2026-12-21',
        outcome: 'worked',
        note: 'it did',
      },
    ],
    stories: [{ session: '2026-11-30', authorName: 'Bob', text: 'The importer runs in 4 minutes' }],
    network: {
      people,
      links,
      note: 'Each line is a Thanks between two people, with its reasons. Nobody is sorted, sized or coloured by how many Thanks they gave or received.',
    },
    members: 3,
    noTeam: false,
  };
}

function fakeApi(): InsightsApi & { me: ReturnType<typeof vi.fn>; team: ReturnType<typeof vi.fn> } {
  return {
    me: vi.fn(async () => meOf()),
    team: vi.fn(async () => teamOf()),
    onChanged: () => () => {},
  };
}

function setup(api = fakeApi()) {
  const stores = createStores({ media: fakeMediaApi(), insights: api });
  stores.nav.go('insights');
  render(Insights, { stores });
  return { api, stores, user: userEvent.setup() };
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;

beforeEach(() => {
  // Charts need no canvas here: their tables render all the same.
});
afterEach(cleanup);

describe('Insights', () => {
  it('shows my own insights, private, with every chart readable as a table', async () => {
    const { user } = setup();
    expect((await screen.findByText(/working days in a row/)).closest('#me-streak')?.textContent).toMatch(/3\s+working days in a row/);
    expect(byId('insights-private')!.textContent).toMatch(/shown to you alone/);
    expect(byId('me-streak')!.textContent).toMatch(/Days off never break it/);
    expect(byId('me-calendar-summary')!.textContent).toMatch(/A stand-up on 2 of 3 working days/);
    // The sections below the first screen come once it is painted.
    await waitFor(() => expect(byId('me-thanks-received')).not.toBeNull());
    // The goal at 0 % with 41 days left reads Off track, and says why.
    expect(byId('me-at-risk')!.textContent).toMatch(/Off track.*Cut p95 latency.*41 days left/);
    expect(byId('me-goals-table')!.textContent).toMatch(/Off track \(set: On track\)/);
    expect(byId('me-goals-summary')!.textContent).toMatch(/1 at risk.*1 made, 4 asked by your cadence.*a check-in is due on 1 goal now/s);
    expect(byId('me-help')!.textContent).toMatch(/1 of 2 stand-ups \(50 %\).*16\.5 h/s);
    expect(byId('me-thanks-received')!.textContent).toMatch(/for pairing on the migration.*Bob/s);
    expect(byId('me-moved')!.textContent).toMatch(/Testing: 2 → 3/);
    // Every chart says what it drew and can be shown as its table.
    for (const [toggle, table] of [
      ['me-mood-table-toggle', 'me-mood-table'],
      ['me-goals-table-toggle', 'me-goals-table'],
      ['me-learning-table-toggle', 'me-learning-table'],
      ['me-reflection-table-toggle', 'me-reflection-table'],
      ['me-thanks-table-toggle', 'me-thanks-table'],
    ]) {
      const figcaption = byId(table)!.closest('figcaption')!;
      expect(figcaption.classList.contains('visually-hidden')).toBe(true);
      await user.click(byId(toggle)!);
      expect(figcaption.classList.contains('visually-hidden')).toBe(false);
      expect(byId(toggle)!.textContent).toMatch(/Show the chart/);
      expect(figcaption.closest('figure')!.querySelector('.chart-summary')?.textContent?.length).toBeGreaterThan(10);
    }
  });

  it('asks for the period picked, and says what is wrong with a custom one', async () => {
    const api = fakeApi();
    const { user } = setup(api);
    await screen.findByText(/working days in a row/);
    expect(api.me).toHaveBeenLastCalledWith({ kind: 'month', from: '', to: '' });
    await user.click(byId('insights-period-week')!);
    await waitFor(() => expect(api.me).toHaveBeenLastCalledWith({ kind: 'week', from: '', to: '' }));
    await user.click(byId('insights-period-quarter')!);
    await waitFor(() => expect(api.me).toHaveBeenLastCalledWith({ kind: 'quarter', from: '', to: '' }));

    await user.click(byId('insights-period-custom')!);
    api.me.mockRejectedValueOnce(new AppError('invalid', 'The last day (2026-01-01) is before the first (2026-02-01): swap them.', 'to'));
    const from = byId<HTMLInputElement>('insights-from')!;
    const to = byId<HTMLInputElement>('insights-to')!;
    await user.clear(from);
    await user.type(from, '2026-02-01');
    await user.clear(to);
    await user.type(to, '2026-01-01');
    await user.click(byId('insights-apply')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/swap them/);
    expect(api.me).toHaveBeenLastCalledWith({ kind: 'custom', from: '2026-02-01', to: '2026-01-01' });
    // What was shown stays: nothing is lost to a bad period.
    expect(byId('me-streak')).not.toBeNull();
  });

  it('shows the team: what was shared, and no list of people in the order of a count', async () => {
    const { user, api } = setup();
    await screen.findByText(/working days in a row/);
    await user.click(byId('insights-tab-team')!);
    await waitFor(() => expect(api.team).toHaveBeenCalled());
    expect((await screen.findByText(/13 stand-ups shared by the team/)).textContent).toMatch(/the team's total, not anyone's/);
    await waitFor(() => expect(byId('network-note')).not.toBeNull());
    expect(byId('team-help')!.textContent).toMatch(/2 requests for help, 1 still open.*2\.8 days/s);
    expect(byId('team-at-risk')!.textContent).toMatch(/Ship the importer.*Bob/);
    expect(byId('team-experiments')!.textContent).toMatch(/Worked.*Pairing halves review time/);
    expect(byId('team-stories')!.textContent).toMatch(/The importer runs in 4 minutes/);
    expect(byId('network-note')!.textContent).toMatch(/Nobody is sorted, sized or coloured by how many Thanks/);

    // Walk the whole rendered view: every list of people is in name
    // order, whatever the counts (Zed has the most Thanks, Ann the fewest).
    const lists = document.querySelectorAll('[data-people-list]');
    expect(lists.length).toBeGreaterThanOrEqual(2);
    for (const list of lists) {
      const names = [...list.querySelectorAll('[data-person]')].map((el) => el.getAttribute('data-person')!);
      expect(names.length).toBeGreaterThan(1);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    }
    const text = document.body.textContent!.toLowerCase();
    for (const word of ['ranking', 'top contributor', 'most thanked', 'leaderboard', 'score', '#1']) expect(text).not.toContain(word);

    // Picking a person shows their Thanks, both ways, with the reasons.
    await user.click(screen.getByRole('button', { name: 'Ann' }));
    expect(byId('network-picked')!.textContent).toMatch(/Thanks to and from Ann/);
    const rows = byId('network-table')!.querySelectorAll('tbody tr');
    expect(rows.length).toBe(2);
    expect(byId('network-table')!.textContent).toMatch(/the demo/);
  });

  it('draws every person alike in the graph: nothing from a count reaches it', () => {
    const t = teamOf();
    const els = networkElements(t.network.people, t.network.links);
    const nodes = els.filter((e) => e.group === 'nodes');
    expect(nodes.map((n) => n.data.label)).toEqual(['Ann', 'Bob', 'Zed']);
    for (const n of nodes) expect(Object.keys(n.data).sort()).toEqual(['id', 'label']);
    // No style reads data beyond the label, so none can map a count to size or colour.
    const styles = JSON.stringify(networkStyle);
    expect(styles.match(/data\(/g)).toEqual(['data(']);
    expect(styles).not.toMatch(/mapData|weight|count/);
  });

  it('offers the report tab, and says what to do without a team', async () => {
    const api = fakeApi();
    api.team.mockResolvedValue({ ...teamOf(), noTeam: true });
    const { user } = setup(api);
    await screen.findByText(/working days in a row/);
    await user.click(byId('insights-tab-team')!);
    expect((await screen.findByText(/No team yet/)).closest('#insights-no-team')).not.toBeNull();
    await user.click(byId('insights-tab-report')!);
    expect(byId('insights-tab-report')!.getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByRole('heading', { name: 'My contribution report' })).not.toBeNull();
    expect(byId('insights-period-week')).toBeNull();
  });
});
