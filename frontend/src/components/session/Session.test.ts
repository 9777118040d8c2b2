import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SessionApi, SessionItem, TeamSession } from '../../api/session';
import Present from './Present.svelte';
import Session from './Session.svelte';
import { createStores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';

const rules = { dotsPerPart: 3, itemMax: 500, noteMax: 2000, experimentMax: 500, clockRate: 1 };

function item(id: number, part: number, text: string, over: Partial<SessionItem> = {}): SessionItem {
  return {
    id,
    author: 'a'.repeat(32),
    authorName: 'Åsa',
    uid: String(id).padStart(32, '0'),
    part,
    partId: ids[part] ?? `p${part + 1}`,
    text,
    mine: false,
    votes: 0,
    myVotes: 0,
    comments: [],
    createdAt: '',
    ...over,
  };
}

const ids = ['moments', 'experiments', 'accelerate', 'rethink', 'stories'];

function team(over: Partial<TeamSession> = {}): TeamSession {
  const names = ['Success moments', 'Experiments', 'Accelerate 20 %', 'Rethink', 'Success stories'];
  return {
    day: '2026-12-07',
    time: '10:00',
    minutes: 120,
    parts: names.map((name, index) => ({ index, id: ids[index], name, minutes: index < 2 ? 30 : 20, items: [], notes: [], myDots: 0 })),
    facilitator: 'b'.repeat(32),
    facilitatorName: 'Сергей',
    running: [],
    lastMoments: [],
    voters: 0,
    members: [],
    ...over,
  };
}

function fakeApi(over: Partial<SessionApi> = {}): SessionApi {
  return {
    rules: vi.fn(async () => rules),
    nextDay: vi.fn(async () => '2026-12-07'),
    get: vi.fn(async () => team()),
    past: vi.fn(async () => []),
    addItem: vi.fn(async (_day: string, part: number, text: string) => item(9, part, text)),
    editItem: vi.fn(async () => {}),
    deleteItem: vi.fn(async () => {}),
    comment: vi.fn(async () => {}),
    editComment: vi.fn(async () => {}),
    deleteComment: vi.fn(async () => {}),
    vote: vi.fn(async () => {}),
    note: vi.fn(async (_day: string, part: number, kind: 'note' | 'decision', text: string, uid: string) => ({
      uid: uid || 'n',
      rev: 'r',
      part,
      kind,
      text,
      author: '',
      authorName: '',
      at: '',
      conflict: false,
    })),
    createExperiment: vi.fn(),
    outcome: vi.fn(async () => {}),
    experiments: vi.fn(async () => []),
    exportTo: vi.fn(async () => {}),
    onChanged: vi.fn(() => () => {}),
    ...over,
  } as SessionApi;
}

describe('Present mode', () => {
  function setup(session = team(), api = fakeApi()) {
    let t = 0;
    const chime = vi.fn();
    const onclose = vi.fn();
    const onchanged = vi.fn(async () => {});
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(Present, { api, session, rules, since: 0, onclose, onchanged, now: () => t, chime });
    return { user, chime, onclose, onchanged, api, tick: (ms: number) => ((t += ms), vi.advanceTimersByTime(250)) };
  }

  it('moves between parts with the keys, times a part and chimes once at its end', async () => {
    vi.useFakeTimers();
    try {
      const { user, chime, onclose, tick } = setup();
      expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('1. Success moments');
      expect(document.getElementById('present-timer')!.textContent).toBe('30:00');
      await user.keyboard('{ArrowRight}');
      expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('2. Experiments');
      await user.keyboard('{PageDown}{PageDown}');
      expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('4. Rethink');
      await user.keyboard('{PageUp}');
      expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('3. Accelerate');
      await user.keyboard(' ');
      tick(60_000);
      await vi.advanceTimersByTimeAsync(0);
      expect(document.getElementById('present-timer')!.textContent).toBe('19:00');
      await user.keyboard(' '); // paused: time stands still
      tick(5 * 60_000);
      await vi.advanceTimersByTimeAsync(0);
      expect(document.getElementById('present-timer')!.textContent).toBe('19:00');
      await user.keyboard(' ');
      tick(19 * 60_000);
      tick(1000);
      await vi.advanceTimersByTimeAsync(0);
      expect(chime).toHaveBeenCalledTimes(1);
      expect(screen.getByText('Time is up for this part.')).toBeTruthy();
      tick(1000);
      expect(chime).toHaveBeenCalledTimes(1);
      await user.keyboard('{Escape}');
      expect(onclose).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('puts dots up to three a part, and types notes and decisions', async () => {
    const session = team();
    session.parts[0].items = [item(1, 0, 'Ship the importer', { votes: 2, myVotes: 1 }), item(2, 0, 'Fix the build')];
    session.parts[0].myDots = 1;
    const api = fakeApi();
    const user = userEvent.setup();
    render(Present, { api, session, rules, since: 0, onclose: () => {}, onchanged: async () => {} });
    expect(screen.getByText(/2 of 3 dots left/)).toBeTruthy();
    await user.click(screen.getAllByRole('button', { name: 'Add a dot' })[1]);
    expect(api.vote).toHaveBeenCalledWith(2, false);
    await user.click(screen.getByRole('button', { name: 'Take one back' }));
    expect(api.vote).toHaveBeenCalledWith(1, true);
    await user.type(screen.getByLabelText('Type a note or decision'), 'Owner: Bob{Enter}');
    await waitFor(() => expect(api.note).toHaveBeenCalledWith('2026-12-07', 0, 'note', 'Owner: Bob', '', ''));
    // Arrows inside the note field move its caret, not the part.
    await user.type(screen.getByLabelText('Type a note or decision'), '{ArrowLeft}');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('1. Success moments');
    await user.type(screen.getByLabelText('Type a note or decision'), 'Ship on Friday{Control>}{Enter}{/Control}');
    await waitFor(() => expect(api.note).toHaveBeenCalledWith('2026-12-07', 0, 'decision', 'Ship on Friday', '', ''));
  });

  it('has no dots left to give after three', () => {
    const session = team();
    session.parts[0].items = [item(1, 0, 'A', { votes: 3, myVotes: 3 })];
    session.parts[0].myDots = 3;
    render(Present, { api: fakeApi(), session, rules, since: 0, onclose: () => {}, onchanged: async () => {} });
    expect(screen.getByText(/0 of 3 dots left/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Add a dot' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('opens with the follow-up and records an outcome', async () => {
    const session = team({
      running: [
        {
          id: 4,
          author: 'a',
          uid: 'u',
          session: '2026-11-30',
          hypothesis: 'Pairing halves review time',
          owner: 'b',
          ownerName: 'Bob',
          measure: 'hours',
          endDay: '2027-01-04',
        },
      ],
      lastDay: '2026-11-30',
      lastMoments: [item(7, 0, 'Ship v2')],
    });
    const api = fakeApi();
    const user = userEvent.setup();
    render(Present, { api, session, rules, since: 0, onclose: () => {}, onchanged: async () => {} });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Follow-up');
    await user.type(screen.getByLabelText('What happened with “Pairing halves review time”'), 'faster reviews');
    await user.click(screen.getAllByRole('button', { name: 'Learned something' })[0]);
    expect(api.outcome).toHaveBeenCalledWith('2026-12-07', 'experiment', 4, 'learned', 'faster reviews');
    await user.click(screen.getAllByRole('button', { name: 'Worked' })[1]);
    expect(api.outcome).toHaveBeenCalledWith('2026-12-07', 'moment', 7, 'worked', '');
  });
});

describe('Session area', () => {
  it('says what to do when nothing is there yet, and adds an item to a part', async () => {
    const api = fakeApi();
    const stores = createStores({ media: fakeMediaApi(), session: api });
    stores.nav.go('session');
    const user = userEvent.setup();
    render(Session, { stores });
    await screen.findByText(/Next session/);
    expect(screen.getAllByText('Nothing here yet: add what you want the team to talk about.')).toHaveLength(5);
    expect(screen.getByText(/No experiments yet/)).toBeTruthy();
    expect(screen.getByText(/No past sessions yet/)).toBeTruthy();
    await user.type(document.getElementById('session-add-3')!, 'Cut CI time by a fifth{Enter}');
    await waitFor(() => expect(api.addItem).toHaveBeenCalledWith('2026-12-07', 2, 'Cut CI time by a fifth'));
    await user.click(screen.getAllByRole('button', { name: 'Add' })[0]);
    expect(screen.getByRole('alert').textContent).toContain('Write the item first');
  });

  it("shows the team's day, time and parts, and lets a member edit and delete only their own comments", async () => {
    const comment = (id: number, mine: boolean, text: string) => ({
      id,
      author: mine ? 'm'.repeat(32) : 'b'.repeat(32),
      authorName: mine ? 'Me' : 'Bea',
      uid: String(id).padStart(32, '0'),
      mine,
      text,
      at: '',
    });
    const s = team({ time: '14:30', minutes: 45 });
    s.parts = [
      { index: 0, id: 'stories', name: 'Stories', minutes: 15, items: [], notes: [], myDots: 0 },
      {
        index: 1,
        id: 'moments',
        name: 'Wins',
        minutes: 30,
        items: [item(1, 1, 'Ship it', { comments: [comment(7, true, 'mine'), comment(8, false, 'hers')] })],
        notes: [],
        myDots: 0,
      },
    ];
    const api = fakeApi({ get: vi.fn(async () => s) });
    const stores = createStores({ media: fakeMediaApi(), session: api });
    stores.nav.go('session');
    const user = userEvent.setup();
    render(Session, { stores });
    await screen.findByText(/Next session: .*, 14:30/);
    expect(screen.getByText(/45 minutes, 2 parts/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: /1\. Stories · 15 min/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Make it an experiment' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit your comment “hers”/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Edit your comment “mine”' }));
    const field = screen.getByRole('textbox', { name: 'Change your comment' });
    await user.clear(field);
    await user.type(field, 'mine, better{Enter}');
    await waitFor(() => expect(api.editComment).toHaveBeenCalledWith(7, 'mine, better'));
    await user.click(screen.getByRole('button', { name: 'Delete your comment “mine”' }));
    await waitFor(() => expect(api.deleteComment).toHaveBeenCalledWith(7));
  });
});
