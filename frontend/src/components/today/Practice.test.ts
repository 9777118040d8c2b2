import { render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStores } from '../../stores';
import { localDay } from '../../domain/growth';
import { fakeMediaApi } from '../../test/fakeApis';
import { installGo, uninstallGo, type FakeGo } from '../../test/fakeGo';
import Practice from './Practice.svelte';
import Today from './Today.svelte';

let go: FakeGo;
let reset = () => {};
beforeEach(() => {
  go = installGo();
});
afterEach(() => {
  reset();
  uninstallGo();
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function setup(component: typeof Practice | typeof Today = Practice) {
  let t = new Date(2026, 10, 25, 8, 0).getTime(); // a Wednesday
  const stores = createStores({ media: fakeMediaApi(), growthOptions: { now: () => t, chime: vi.fn() } });
  reset = () => stores.growth.timer.reset();
  const user = userEvent.setup();
  render(component, { stores });
  return { stores, user, today: localDay(t), advance: (ms: number) => void (t += ms) };
}

describe('Today’s practice', () => {
  it('shows each part of the day at a glance and ticks a basic right there', async () => {
    const s = go.growth.state;
    s.standup = true;
    s.basics = [
      { id: 1, title: 'Plan the day', archived: false, order: 1 },
      { id: 2, title: 'Read ten pages', archived: false, order: 2 },
      { id: 3, title: 'Old habit', archived: true, order: 3 },
    ];
    s.reflections = [{ id: 1, day: '2026-11-25', startedAt: '', minutes: 12, prompt: '', note: '' }];
    s.settings = { reflectionMinutes: 30 };
    s.learning = [
      { id: 1, day: '2026-11-25', kind: 'read', what: 'A', minutes: 20, takeaways: '', itemIds: [] },
      { id: 2, day: '2026-11-23', kind: 'read', what: 'B', minutes: 50, takeaways: '', itemIds: [] },
    ];
    const { user, today } = setup();
    await waitFor(() => expect(text('practice-standup')).toBe('Stand-up Recorded ✓'));
    await waitFor(() => expect(text('practice-basics-count')).toBe('0 of 2'));
    expect(byId('practice-basic-3')).toBeNull();
    expect(text('practice-reflection-minutes')).toBe('12 of 30 min');
    expect(text('practice-learning-minutes')).toBe('20 min today');
    expect(text('practice-learning-week')).toBe('1 h 10 min this week');

    byId('practice-basic-2')!.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(text('practice-basics-count')).toBe('1 of 2'));
    expect(go.growth.Tick).toHaveBeenCalledWith(2, today, true);
  });

  it('starts the reflection timer from Today and shows it running', async () => {
    go.growth.state.settings = { reflectionMinutes: 25 };
    const { user, stores, advance } = setup();
    await waitFor(() => expect(text('practice-reflection-minutes')).toBe('0 of 25 min'));
    await user.click(byId('practice-start-timer')!);
    expect(stores.growth.timer.phase).toBe('running');
    advance(60_000);
    stores.growth.timer.tick();
    await waitFor(() => expect(text('practice-timer')).toBe('Reflecting · 24:00 left'));
  });

  it('invites choosing basics when there are none, opening Growth there', async () => {
    const { user, stores } = setup();
    const link = await waitFor(() => byId('practice-basics')!.querySelector('button')!);
    expect(link.textContent).toBe('Choose your daily basics');
    await user.click(link);
    expect(stores.nav.current).toBe('growth');
    expect(stores.growth.section).toBe('basics');
  });

  it('sits below the recorder on Today', async () => {
    setup(Today);
    // Drawn once the first screen is painted.
    const practice = await waitFor(() => byId('practice') ?? Promise.reject(new Error('no practice yet')));
    const recorder = byId('recorder-heading')!.closest('section')!;
    expect(recorder.compareDocumentPosition(practice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
