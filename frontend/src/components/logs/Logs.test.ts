import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';
import { goalOf, installGo, logOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import { datePattern, formatDate } from '../../domain/format';
import Logs from './Logs.svelte';

let go: FakeGo;

const logs = [
  logOf(3, { day: '2026-11-23', done: 'Shipped the importer\nand the docs', mood: 4, durationMs: 83_000 }),
  logOf(2, { day: '2026-11-20', kind: 'audio', done: '', next: 'Pair with Ada', durationMs: 5_000 }),
  logOf(1, { day: '2026-11-19', kind: 'text', durationMs: 0, sizeBytes: 0, how: 'By hand' }),
];

beforeEach(() => {
  go = installGo();
  go.logs.Find.mockImplementation(async () => ({ logs, total: logs.length }));
  go.logs.Get.mockImplementation(async (id: number) => logs.find((l) => l.id === id));
});
afterEach(uninstallGo);

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const row = (id: number) => document.querySelector<HTMLButtonElement>(`[data-log-id="${id}"]`);

async function setup() {
  const stores = createStores({ media: fakeMediaApi() });
  const user = userEvent.setup();
  render(Logs, { stores });
  await waitFor(() => expect(row(3)).not.toBeNull());
  return { stores, user };
}

function lastFilter() {
  return { ...go.logs.Find.mock.lastCall![0] };
}

describe('Logs list', () => {
  it('lists my logs newest first with date, kind, duration, first line and mood', async () => {
    await setup();
    expect(go.logs.Find).toHaveBeenCalledTimes(1);
    expect(lastFilter()).toEqual({ from: '', to: '', query: '', status: [], limit: 20, offset: 0 });
    const rows = [...document.querySelectorAll('[data-log-id]')].map((r) => r.getAttribute('data-log-id'));
    expect(rows).toEqual(['3', '2', '1']);

    const first = within(row(3)!);
    expect(first.getByText('Video')).toBeTruthy();
    expect(first.getByText('1:23')).toBeTruthy();
    expect(first.getByText('Shipped the importer')).toBeTruthy();
    expect(first.getByText('Mood 4 of 5')).toBeTruthy();
    expect(within(row(2)!).getByText('Audio')).toBeTruthy();
    expect(within(row(2)!).getByText('Pair with Ada')).toBeTruthy(); // no "done": the next line
    expect(within(row(1)!).getAllByText('Text').length).toBeGreaterThan(0);
    expect(byId('logs-count')?.textContent).toMatch(/3 logs/);
  });

  it('tells rows of one day apart by time, and shows where a search matched', async () => {
    go.logs.Find.mockImplementation(async (f: { query: string }) =>
      f.query
        ? {
            logs: [logOf(3, { createdAt: '2026-11-23T14:05:00Z', match: { field: 'why', text: 'the \ue000importer\ue001 <b>now</b>' } })],
            total: 10_000,
            totalAtLeast: true,
          }
        : { logs, total: logs.length },
    );
    const { user } = await setup();
    const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date('2026-11-23T09:00:00Z'));
    expect(within(row(3)!).getByText(time)).toBeTruthy();

    await user.type(byId('logs-search')!, 'importer');
    await waitFor(() => expect(row(3)?.querySelector('mark')?.textContent).toBe('importer'));
    const match = row(3)!.querySelector('[data-match-field]')!;
    expect(match.getAttribute('data-match-field')).toBe('why');
    expect(match.textContent).toContain('Why it matters:');
    // Typed text is never markup.
    expect(match.querySelector('b')).toBeNull();
    expect(match.textContent).toContain('<b>now</b>');
    expect(byId('logs-count')?.textContent).toMatch(/10,000\+ logs match/);
  });

  it('shows empty date filters as empty, and says what a bad date should look like', async () => {
    await setup();
    for (const id of ['logs-from', 'logs-to']) {
      const input = byId<HTMLInputElement>(id)!;
      expect(input.value).toBe('');
      expect(input.placeholder).toBe('any day');
    }
    const calls = go.logs.Find.mock.calls.length;
    // The field itself says what a date looks like, in the member's order.
    await fireEvent.change(byId('logs-from')!, { target: { value: '23/11' } });
    await waitFor(() =>
      expect(byId('logs-from-error')?.textContent).toBe(
        `“23/11” is not a date: write it as ${datePattern().placeholder}, e.g. ${formatDate('2026-11-23')}.`,
      ),
    );
    expect(byId('logs-from')?.getAttribute('aria-invalid')).toBe('true');
    expect(go.logs.Find).toHaveBeenCalledTimes(calls);
    // Go's refusal still shows, for what only Go knows.
    go.logs.Find.mockRejectedValueOnce(new Error(JSON.stringify({ code: 'invalid', field: 'from', message: 'The date is out of range.' })));
    await fireEvent.change(byId('logs-from')!, { target: { value: formatDate('2026-11-20') } });
    await waitFor(() => expect(byId('logs-date-error')?.textContent).toMatch(/out of range/));
    expect(lastFilter()).toMatchObject({ from: '2026-11-20' });
    expect(byId<HTMLInputElement>('logs-from')!.value).toBe(formatDate('2026-11-20'));
  });

  it('rows are buttons in Tab order and Enter opens one', async () => {
    const { user } = await setup();
    row(3)!.focus();
    await user.tab();
    expect(document.activeElement).toBe(row(2));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(byId('log-player')?.tagName).toBe('AUDIO'));
    expect(go.logs.Get).toHaveBeenCalledWith(2);
  });

  it('searches the tables once typing pauses', async () => {
    const { user } = await setup();
    await user.type(byId('logs-search')!, 'importer');
    // Debounced: one search for the whole word, not one per letter.
    await waitFor(() => expect(go.logs.Find).toHaveBeenCalledTimes(2));
    expect(lastFilter()).toMatchObject({ query: 'importer', offset: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(go.logs.Find).toHaveBeenCalledTimes(2);
  });

  it('filters by date range', async () => {
    await setup();
    await fireEvent.change(byId('logs-from')!, { target: { value: '2026-11-20' } });
    expect(lastFilter()).toMatchObject({ from: '2026-11-20', to: '' });
    await fireEvent.change(byId('logs-to')!, { target: { value: '2026-11-23' } });
    expect(lastFilter()).toMatchObject({ from: '2026-11-20', to: '2026-11-23' });
    await fireEvent.change(byId('logs-to')!, { target: { value: '2026-11-01' } });
    expect(await screen.findByText('The end date is before the start date.')).toBeTruthy();
    expect(go.logs.Find).toHaveBeenCalledTimes(3);
  });

  it('loads more pages up to the total', async () => {
    go.logs.Find.mockImplementation(async (f: { offset: number }) => ({
      logs: f.offset === 0 ? logs.slice(0, 2) : logs.slice(2),
      total: 3,
    }));
    const stores = createStores({ media: fakeMediaApi() });
    const user = userEvent.setup();
    render(Logs, { stores });
    const more = await screen.findByRole('button', { name: 'Load more (2 of 3)' });
    expect(more.id).toBe('logs-more');
    await user.click(more);
    await waitFor(() => expect(row(1)).not.toBeNull());
    expect(lastFilter()).toMatchObject({ offset: 2, limit: 20 });
    expect(byId('logs-more')).toBeNull();
  });

  it('says when there are no logs yet', async () => {
    go.logs.Find.mockResolvedValue({ logs: [], total: 0 });
    const stores = createStores({ media: fakeMediaApi() });
    render(Logs, { stores });
    expect(await screen.findByText('No stand-ups yet.')).toBeTruthy();
  });
});

describe('Log detail', () => {
  async function openVideo() {
    const ctx = await setup();
    await ctx.user.click(row(3)!);
    await waitFor(() => expect(byId('log-player')).not.toBeNull());
    return ctx;
  }

  it('plays the recording from /media/logs/{id} with native controls', async () => {
    await openVideo();
    const player = byId<HTMLVideoElement>('log-player')!;
    expect(player.tagName).toBe('VIDEO');
    expect(player.getAttribute('src')).toBe('/media/logs/3');
    expect(player.controls).toBe(true);
    expect(byId<HTMLTextAreaElement>('log-done')?.value).toBe('Shipped the importer\nand the docs');
    expect(document.activeElement?.id).toBe('log-heading');
  });

  it('speed buttons set playbackRate and mark the current one', async () => {
    const { user } = await openVideo();
    const player = byId<HTMLVideoElement>('log-player')!;
    const speed = (s: string) => document.querySelector<HTMLButtonElement>(`[data-speed="${s}"]`)!;
    expect(speed('1').getAttribute('aria-pressed')).toBe('true');
    expect(speed('2').getAttribute('aria-pressed')).toBe('false');

    await user.click(speed('2'));
    // Applied once the presses settle: one change for > pressed twice.
    await waitFor(() => expect(player.playbackRate).toBe(2));
    expect(speed('2').getAttribute('aria-pressed')).toBe('true');
    expect(speed('1').getAttribute('aria-pressed')).toBe('false');

    await user.click(speed('1.5'));
    await waitFor(() => expect(player.playbackRate).toBe(1.5));
    expect(player.defaultPlaybackRate).toBe(1.5);
    expect(speed('1.5').getAttribute('aria-pressed')).toBe('true');
  });

  it('a recording stuck at 2x plays at 1x, and gets 2x back once it moves', { timeout: 15_000 }, async () => {
    const { user } = await openVideo();
    const player = byId<HTMLVideoElement>('log-player')!;
    await user.click(document.querySelector<HTMLButtonElement>('[data-speed="2"]')!);
    await waitFor(() => expect(player.playbackRate).toBe(2));
    // An engine that says it plays while its position stays put, as WebKit's
    // GStreamer player did with an audio recording given 2x as it started.
    let at = 0.017;
    Object.defineProperty(player, 'paused', { get: () => false });
    Object.defineProperty(player, 'readyState', { get: () => 4 });
    Object.defineProperty(player, 'currentTime', { get: () => at, set: () => {} });
    await waitFor(() => expect(player.playbackRate).toBe(1), { timeout: 3000 });
    expect(document.querySelector('[data-speed="2"]')?.getAttribute('aria-pressed')).toBe('true');
    at = 0.5;
    await waitFor(() => expect(player.playbackRate).toBe(2), { timeout: 3000 });
  });

  it('Escape goes back to the list with focus on the row', async () => {
    const { user } = await openVideo();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(byId('log-player')).toBeNull());
    expect(document.activeElement).toBe(row(3));
  });

  it('Back goes back too', async () => {
    const { user } = await openVideo();
    await user.click(byId('log-back')!);
    await waitFor(() => expect(row(3)).not.toBeNull());
  });

  it('edits the table in place and saves it', async () => {
    const { user } = await openVideo();
    await user.type(byId('log-help')!, ' Need a reviewer ');
    expect(byId('log-saved')?.textContent).toMatch(/Unsaved changes/);
    await user.click(byId('log-save')!);
    await waitFor(() => expect(byId('log-saved')?.textContent?.trim()).toBe('Saved.'));
    const [id, table] = go.logs.UpdateTable.mock.calls[0];
    expect(id).toBe(3);
    expect({ ...table }).toMatchObject({ done: 'Shipped the importer\nand the docs', helpNeeded: 'Need a reviewer' });
    // Saved: Escape leaves without asking.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(row(3)).not.toBeNull());
  });

  it('links the log to the goals it worked on', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Cut latency' }), goalOf(2, { title: 'Write the guide' })];
    go.goals.state.logGoals.set(3, [2]);
    const { user } = await openVideo();
    const guide = await waitFor(() => screen.getByLabelText<HTMLInputElement>('Write the guide'));
    await waitFor(() => expect(guide.checked).toBe(true));
    await user.click(screen.getByLabelText('Cut latency'));
    await waitFor(() => expect(go.goals.SetLogGoals).toHaveBeenCalledWith(3, [2, 1]));
    expect(go.goals.LogGoals).toHaveBeenCalledWith(3);
  });

  it('keeps unsaved changes as a draft when leaving, and puts them back', async () => {
    const { user } = await openVideo();
    await user.type(byId('log-how')!, 'half a thought');
    // Leaving asks nothing: the text is kept as a draft while typing.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(row(3)).not.toBeNull());
    await waitFor(() => expect(go.drafts.Save).toHaveBeenCalled());
    expect(JSON.parse(go.drafts.kept.get('log:3')!)).toMatchObject({ how: 'half a thought' });
    expect(go.logs.UpdateTable).not.toHaveBeenCalled();

    await user.click(row(3)!);
    await waitFor(() => expect((byId('log-how') as HTMLTextAreaElement).value).toBe('half a thought'));
    expect(byId('log-draft-restored')?.textContent).toMatch(/unsaved changes/);

    await user.click(byId('log-save')!);
    await waitFor(() => expect(go.logs.UpdateTable).toHaveBeenCalledWith(3, expect.objectContaining({ how: 'half a thought' })));
    await waitFor(() => expect(go.drafts.kept.has('log:3')).toBe(false));
  });

  it('discards a restored draft when asked', async () => {
    const { user } = await openVideo();
    go.drafts.kept.set('log:3', JSON.stringify({ done: 'typed earlier', how: '', why: '', next: '', helpNeeded: '', mood: 4, energy: 0 }));
    await user.keyboard('{Escape}');
    await user.click(row(3)!);
    await waitFor(() => expect((byId('log-done') as HTMLTextAreaElement).value).toBe('typed earlier'));
    await user.click(byId('log-draft-discard')!);
    expect((byId('log-done') as HTMLTextAreaElement).value).toBe(logs[0].done);
    await waitFor(() => expect(go.drafts.kept.has('log:3')).toBe(false));
  });

  it('deletes only after the confirm step', async () => {
    const { user } = await openVideo();
    await user.click(byId('log-delete')!);
    expect(go.logs.Delete).not.toHaveBeenCalled();
    expect(screen.getByText(/This cannot be undone/)).toBeTruthy();
    expect(document.activeElement?.id).toBe('log-delete-cancel');

    // Escape cancels the confirmation, not the detail view.
    await user.keyboard('{Escape}');
    expect(byId('log-delete-confirm')).toBeNull();
    expect(byId('log-player')).not.toBeNull();

    await user.click(byId('log-delete')!);
    await user.click(byId('log-delete-confirm')!);
    expect(go.logs.Delete).toHaveBeenCalledWith(3);
    await waitFor(() => expect(row(2)).not.toBeNull());
    expect(row(3)).toBeNull();
  });

  it('has no player for a text log', async () => {
    const { user } = await setup();
    await user.click(row(1)!);
    await waitFor(() => expect(byId('log-how')).not.toBeNull());
    expect(byId('log-player')).toBeNull();
    expect(screen.getByText('Text log')).toBeTruthy();
  });
});
