import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { draftsApi } from '../api/drafts';
import { growthApi } from '../api/growth';
import { flush } from '../test/fakeApis';
import { goError, installGo, sessionOf, uninstallGo, type FakeGo } from '../test/fakeGo';
import { GrowthStore, JOURNAL_DRAFT, ReflectionTimer } from './growth.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(() => {
  vi.useRealTimers();
  uninstallGo();
});

/** A clock the test moves by hand. */
function fakeClock(start = new Date(2026, 10, 23, 9, 0).getTime()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('ReflectionTimer', () => {
  it('counts down from the clock, pauses, resumes, and ends once with a chime and a notification', async () => {
    const clock = fakeClock();
    const chime = vi.fn();
    const notify = vi.fn(async () => {});
    const t = new ReflectionTimer({ now: clock.now, chime, notify });
    t.start(30);
    expect(t.phase).toBe('running');
    expect(t.remainingMs).toBe(30 * 60_000);

    clock.advance(10 * 60_000);
    t.tick();
    expect(t.remainingMs).toBe(20 * 60_000);

    t.pause();
    clock.advance(60 * 60_000); // a long pause does not count
    t.tick();
    expect(t.phase).toBe('paused');
    expect(t.remainingMs).toBe(20 * 60_000);

    t.resume();
    clock.advance(19 * 60_000);
    t.tick();
    expect(t.remainingMs).toBe(60_000);
    expect(chime).not.toHaveBeenCalled();

    clock.advance(5 * 60_000); // the page slept past the end
    t.tick();
    t.tick();
    expect(t.phase).toBe('done');
    expect(t.ended).toBe(true);
    expect(t.remainingMs).toBe(0);
    expect(t.reflectedMinutes).toBe(30);
    expect(chime).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]).toEqual(['Reflection time is up', expect.stringMatching(/30 minutes/)]);
  });

  it('stopped early counts the minutes reflected, without a chime', () => {
    const clock = fakeClock();
    const chime = vi.fn();
    const t = new ReflectionTimer({ now: clock.now, chime });
    t.start(30);
    clock.advance(12 * 60_000 + 20_000);
    t.stop();
    expect(t.phase).toBe('done');
    expect(t.ended).toBe(false);
    expect(t.reflectedMinutes).toBe(12);
    clock.advance(60 * 60_000);
    t.tick();
    expect(t.reflectedMinutes).toBe(12);
    expect(chime).not.toHaveBeenCalled();
  });

  it('ticks by itself while running', () => {
    vi.useFakeTimers();
    const clock = fakeClock();
    const chime = vi.fn();
    const t = new ReflectionTimer({ now: clock.now, chime });
    t.start(1);
    clock.advance(61_000);
    vi.advanceTimersByTime(600);
    expect(t.phase).toBe('done');
    expect(chime).toHaveBeenCalledTimes(1);
  });
});

function store(clock = fakeClock()) {
  const chime = vi.fn();
  return { s: new GrowthStore(growthApi, draftsApi, { now: clock.now, chime }), chime, clock };
}

describe('GrowthStore', () => {
  it('resumes an assessment at the first item not answered, saving each answer at once', async () => {
    const { s } = store();
    await s.openSession();
    expect(s.session?.answers).toEqual([]);
    s.begin();
    expect(s.position).toBe(0);
    expect((await s.answer('craft.code', 3, 'Reviewed the parser')).ok).toBe(true);
    expect(go.growth.Answer).toHaveBeenCalledWith(
      s.session!.id,
      expect.objectContaining({ itemId: 'craft.code', level: 3, evidence: 'Reviewed the parser' }),
    );
    s.pause();
    expect(s.position).toBe(-1);

    // A new window (after a crash) finds the same session and continues after it.
    const again = store().s;
    await again.openSession();
    again.begin();
    expect(again.position).toBe(1);

    expect((await again.finish(false)).ok).toBe(true);
    expect(go.growth.FinishSession).toHaveBeenCalledWith(expect.any(Number), false);
    expect(again.sessions).toHaveLength(1);
    expect(again.session).toBeNull();
  });

  it('reloads what it shows when Go says growth changed', async () => {
    const { s } = store();
    const off = s.connect();
    await s.loadSessions();
    expect(s.sessions).toHaveLength(0);
    go.growth.state.sessions.push(sessionOf(1, '2026-11-20', { 'craft.code': 2 }));
    const calls = go.growth.Sessions.mock.calls.length;
    go.emit('growth:changed', null);
    go.emit('growth:changed', null);
    go.emit('growth:changed', null);
    await flush();
    await vi.waitFor(() => expect(s.sessions).toHaveLength(1));
    expect(go.growth.Sessions.mock.calls.length).toBe(calls + 1);
    expect(s.lastRatings).toEqual([{ itemId: 'craft.code', level: 2, day: '2026-11-20', evidence: 'evidence craft.code 2' }]);
    off();
    expect(go.listeners('growth:changed')).toBe(0);
  });

  it('ticks a basic at once and takes it back when Go refuses', async () => {
    const { s } = store();
    go.growth.state.basics = [{ id: 1, title: 'Plan the day', archived: false, order: 1 }];
    await s.loadBasics();
    const today = s.today();
    expect((await s.tick(1, today, true)).ok).toBe(true);
    expect(s.ticked(1, today)).toBe(true);
    expect(go.growth.Tick).toHaveBeenCalledWith(1, today, true);

    go.growth.Tick.mockRejectedValueOnce(goError('unwritable', 'The disk is full. Free some space and tick again.'));
    const out = await s.tick(1, today, false);
    expect(out).toEqual({ ok: false, field: '', message: 'The disk is full. Free some space and tick again.' });
    expect(s.ticked(1, today)).toBe(true);
  });

  it('reorders basics by saving their new positions', async () => {
    const { s } = store();
    go.growth.state.basics = [
      { id: 1, title: 'A', archived: false, order: 0 },
      { id: 2, title: 'B', archived: false, order: 0 },
      { id: 3, title: 'C', archived: false, order: 0 },
    ];
    await s.loadBasics();
    await s.move(s.activeBasics[2], -1);
    expect(s.activeBasics.map((b) => b.title)).toEqual(['A', 'C', 'B']);
  });

  it('keeps the journal as a draft and saves a reflection with the minutes reflected', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { s, clock } = store();
    await s.loadJournal();
    expect(s.prompt).toBe('What surprised you today?');
    s.setJournal('The review went well because');
    await vi.advanceTimersByTimeAsync(500);
    expect(JSON.parse(go.drafts.kept.get(JOURNAL_DRAFT)!)).toEqual({
      text: 'The review went well because',
      prompt: 'What surprised you today?',
    });

    // Restored in a new window.
    const again = new GrowthStore(growthApi, draftsApi, { now: clock.now });
    await again.loadJournal();
    expect(again.journal).toBe('The review went well because');

    s.startTimer(30);
    clock.advance(25 * 60_000);
    s.timer.stop();
    expect((await s.saveReflection()).ok).toBe(true);
    expect(go.growth.SaveReflection).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 0,
        minutes: 25,
        note: 'The review went well because',
        prompt: 'What surprised you today?',
        day: s.today(),
      }),
    );
    expect(go.drafts.kept.has(JOURNAL_DRAFT)).toBe(false);
    expect(s.journal).toBe('');
    expect(s.timer.phase).toBe('idle');
    expect(s.prompt).toBe('What would you do differently?');
  });

  it('reports a bad framework file and keeps the current one', async () => {
    const { s } = store();
    await s.loadFramework();
    const before = s.framework;
    go.growth.ImportFramework.mockRejectedValueOnce(goError('invalid', 'line 12: an item needs exactly 5 levels'));
    expect(await s.importFramework()).toEqual({ ok: false, field: '', message: 'line 12: an item needs exactly 5 levels' });
    expect(s.framework).toBe(before);
  });

  it('checks the reflection length before asking Go', async () => {
    const { s } = store();
    expect((await s.saveSettings({ reflectionMinutes: 0 })).ok).toBe(false);
    expect(go.growth.SaveSettings).not.toHaveBeenCalled();
    expect(await s.saveSettings({ reflectionMinutes: 45 })).toEqual({ ok: true });
    expect(s.settings.reflectionMinutes).toBe(45);
  });
});
