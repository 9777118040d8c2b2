import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';
import { installGo, peerLogOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import Inbox from './Inbox.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const soon = (id: string) =>
  waitFor(() => {
    const el = byId(id);
    if (!el) throw new Error(`no #${id} yet`);
    return el;
  });
const row = (id: number) => document.querySelector<HTMLElement>(`[data-peer-log-id="${id}"]`);
const rowSoon = (id: number) =>
  waitFor(() => {
    const r = row(id);
    if (!r) throw new Error(`no row ${id} yet`);
    return r;
  });
const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ') ?? '';

// 3 minutes, 40 % of it silent in 2-second pauses.
const map = ('w'.repeat(30) + 'A'.repeat(20)).repeat(36);

const user = () => userEvent.setup();

function setup() {
  const stores = createStores({ media: fakeMediaApi() });
  stores.nav.go('inbox');
  const user = userEvent.setup();
  render(Inbox, { stores });
  return { stores, user };
}

describe('Inbox', () => {
  it('says how to get a team when there is none', async () => {
    go.inbox.inTeam = false;
    const { user, stores } = setup();
    expect((await soon('inbox-empty')).textContent).toMatch(/Create a team or join one/);
    await user.click(byId('inbox-empty-action')!);
    expect(stores.nav.current).toBe('team');
  });

  it('says what to do when nothing came yet', async () => {
    const { user } = setup();
    expect((await soon('inbox-empty')).textContent).toMatch(/Nothing from your peers yet/);
    await user.click(byId('inbox-empty-action')!);
    expect(go.team.Sync).toHaveBeenCalled();
  });

  it('lists unwatched first, marks help needed, and opens a log with its table beside the player', async () => {
    go.inbox.logs.push(
      peerLogOf(1, { day: '2026-11-22', watched: true, table: { done: 'Old news' } }),
      peerLogOf(2, {
        authorName: 'Ada',
        author: 'ab'.repeat(16),
        loudness: map,
        durationMs: 180_000,
        table: { done: 'Fixed the parser', mood: 4, energy: 2 },
      }),
      peerLogOf(3, { kind: 'audio', mediaPath: '', table: { done: 'Stuck', helpNeeded: 'a review of the importer' } }),
    );
    const { user } = setup();
    await soon('inbox-play-all');
    const rows = [...document.querySelectorAll<HTMLElement>('[data-peer-log-id]')].map((r) => r.dataset.peerLogId);
    expect(rows).toEqual(['2', '3', '1']);
    expect(byId('inbox-unwatched')?.textContent).toMatch(/Not watched yet\s*\(2\)/);
    expect(row(2)?.textContent).toMatch(/Ada.*3:00.*4.*2.*Fixed the parser/s);
    expect(row(3)?.classList.contains('help')).toBe(true);
    expect(row(3)?.textContent).toMatch(/Help needed.*not downloaded/s);
    // 3 min with 40 % silence at 1x skipping it; the other is not here.
    expect(text('inbox-estimate')).toMatch(/About 2:55 at 1× skipping silence \(4:00 in full\); 1 not downloaded/);

    await user.click(byId('inbox-view-help')!);
    await waitFor(() => expect(row(2)).toBeNull());
    expect(row(3)).not.toBeNull();
    await user.click(byId('inbox-view-all')!);

    await user.click(await rowSoon(2));
    await soon('peer-log-open');
    expect(byId('log-player')?.getAttribute('src')).toBe('/media/peers/2');
    expect(byId('peer-log-table')?.textContent).toMatch(/What I did\s*Fixed the parser.*Mood\s*4 of 5/s);
    expect(byId('player-skip-silence')).not.toBeNull();

    // N: the next unwatched; it is not here, so it can be downloaded.
    await user.keyboard('n');
    await waitFor(() => expect(byId('peer-log-heading')?.textContent).toMatch(/Bob/));
    expect(byId('peer-log-help')?.textContent).toMatch(/a review of the importer/);
    expect(byId('log-player')).toBeNull();
    await user.click(byId('peer-log-fetch')!);
    await waitFor(() => expect(byId('log-player')?.getAttribute('src')).toBe('/media/peers/3'));
    expect(go.inbox.Fetch).toHaveBeenCalledWith(3);

    await user.click(byId('peer-log-watched')!);
    expect(go.inbox.SetWatched).toHaveBeenCalledWith(3, true);

    // Esc: back to the list, on the row that was open.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(row(3)));
    expect(row(3)?.classList.contains('unwatched')).toBe(false);
  });

  it('shows an expired recording’s table and says it expired, with no player and no download', async () => {
    go.inbox.logs.push(peerLogOf(4, { mediaPath: '', mediaExpired: true, table: { done: 'Shipped the importer' } }));
    const { user } = setup();
    expect((await rowSoon(4)).textContent).toMatch(/recording expired/);
    expect(text('inbox-estimate')).not.toMatch(/not downloaded/);
    await user.click(row(4)!);
    await soon('peer-log-open');
    expect(text('peer-log-expired')).toMatch(/Recording expired\. It left the team share under the team’s retention/);
    expect(byId('peer-log-table')?.textContent).toMatch(/Shipped the importer/);
    expect(byId('log-player')).toBeNull();
    expect(byId('peer-log-fetch')).toBeNull();
  });

  it('shows the table and a sentence, not a broken player, for a recording this window cannot decode', async () => {
    // jsdom's canPlayType decodes nothing: VP9 is as on a system without GStreamer's VP9 decoder.
    go.inbox.logs.push(
      peerLogOf(7, { codec: 'vp9', table: { done: 'Compact log' } }),
      peerLogOf(8, { codec: 'av2', table: { done: 'Future log' } }),
      peerLogOf(9, { codec: 'vp8', table: { done: 'Plain log' } }),
    );
    const { user } = setup();
    await user.click(await rowSoon(7));
    await soon('peer-log-open');
    expect(byId('log-player')).toBeNull();
    expect(text('peer-log-unplayable')).toMatch(
      /in VP9, which this computer’s video player cannot play\. Install GStreamer’s good plugins/,
    );
    expect(text('peer-log-table')).toMatch(/Compact log/);

    await user.keyboard('{Escape}');
    await user.click(await rowSoon(8));
    await waitFor(() => expect(text('peer-log-unplayable')).toMatch(/does not know \(av2\); update PeerPlayPay/));
    expect(byId('log-player')).toBeNull();

    await user.keyboard('{Escape}');
    await user.click(await rowSoon(9));
    await waitFor(() => expect(byId('log-player')?.getAttribute('src')).toBe('/media/peers/9'));
    expect(byId('peer-log-unplayable')).toBeNull();
  });

  it('kept hidden, builds the stand-ups ahead and leaves the activity unread until opened', async () => {
    go.inbox.logs.push(peerLogOf(2, { authorName: 'Ada', table: { done: 'Fixed the parser' } }));
    const stores = createStores({ media: fakeMediaApi() });
    stores.answers.tab = 'activity';
    const { rerender } = render(Inbox, { stores, active: false });
    await stores.inbox.load();
    await rowSoon(2);
    expect(go.answers.Activity).not.toHaveBeenCalled();
    stores.nav.go('inbox');
    await rerender({ stores, active: true });
    await soon('activity');
    expect(go.answers.Activity).toHaveBeenCalled();
    // Leaving closes the log that was open, as leaving any area does.
    stores.answers.tab = 'standups';
    await user().click(await rowSoon(2));
    await waitFor(() => expect(stores.inbox.openId).toBe(2));
    await rerender({ stores, active: false });
    expect(stores.inbox.openId).toBe(0);
  });

  it('remembers the speed and skip silence', async () => {
    go.inbox.logs.push(peerLogOf(2, { loudness: map, durationMs: 180_000 }));
    go.inbox.prefs = { speed: 1.5, skipSilence: true };
    const { user } = setup();
    await user.click(await rowSoon(2));
    await soon('log-player');
    expect(document.querySelector('[data-speed="1.5"]')?.getAttribute('aria-pressed')).toBe('true');
    await user.click(document.querySelector<HTMLElement>('[data-speed="2"]')!);
    await user.click(byId('player-skip-silence')!);
    await waitFor(() => expect(go.inbox.prefs).toEqual({ speed: 2, skipSilence: false }));
  });

  it('plays all unwatched recordings one after the other', async () => {
    go.inbox.logs.push(peerLogOf(1), peerLogOf(2, { createdAt: '2026-11-23T09:00:00Z' }), peerLogOf(3, { kind: 'text' }));
    const { user, stores } = setup();
    await user.click(await soon('inbox-play-all'));
    await soon('peer-log-play-all');
    expect(byId('peer-log-play-all')?.textContent).toMatch(/1 of 2/);
    expect(byId('log-player')?.getAttribute('src')).toBe('/media/peers/1');
    await stores.inbox.ended(1);
    await waitFor(() => expect(byId('log-player')?.getAttribute('src')).toBe('/media/peers/2'));
    expect(go.inbox.SetWatched).toHaveBeenCalledWith(1, true);
    await stores.inbox.ended(2);
    await waitFor(() => expect(stores.inbox.playingAll).toBe(false));
  });

  it('searches my tables and the peers’', async () => {
    go.inbox.logs.push(peerLogOf(2));
    go.inbox.Search.mockResolvedValue([
      {
        mine: true,
        id: 9,
        authorName: 'Ada',
        day: '2026-11-20',
        kind: 'text',
        table: { done: 'parser' },
        match: { field: 'done', text: '\ue000parser\ue001 done' },
      },
      { mine: false, id: 2, authorName: 'Bob', day: '2026-11-19', kind: 'video', durationMs: 1000, table: { done: 'x' }, match: null },
    ]);
    const { user, stores } = setup();
    await user.click(await soon('inbox-search-toggle'));
    await user.type(byId('inbox-search-query')!, 'parser');
    await waitFor(() => expect(byId('inbox-search-hits')?.querySelectorAll('li').length).toBe(2));
    expect(go.inbox.Search).toHaveBeenLastCalledWith(expect.objectContaining({ query: 'parser', person: '' }));
    expect(screen.getByText('parser', { selector: 'mark' })).toBeTruthy();
    await user.selectOptions(byId('inbox-search-person')!, 'me');
    await waitFor(() => expect(go.inbox.Search).toHaveBeenLastCalledWith(expect.objectContaining({ person: 'me' })));
    await user.click(within(byId('inbox-search-hits')!).getByText('Me'));
    expect(stores.nav.current).toBe('logs');
  });
});

describe('Today', () => {
  it('has a line per peer, leading to the inbox', async () => {
    const { default: TeamToday } = await import('../today/TeamToday.svelte');
    go.inbox.logs.push(peerLogOf(5, { table: { done: 'x', helpNeeded: 'a review of the importer\nsoon' } }));
    go.inbox.Today.mockResolvedValue([
      { member: 'cd'.repeat(16), name: 'Bob', logs: 1, unwatched: 1, helpNeeded: 'a review of the importer\nsoon', logId: 5 },
      { member: 'ef'.repeat(16), name: 'Cyd', logs: 1, unwatched: 0, helpNeeded: '', logId: 6 },
      { member: '01'.repeat(16), name: 'Dan', logs: 0, unwatched: 0, helpNeeded: '', logId: 0 },
    ]);
    const stores = createStores({ media: fakeMediaApi() });
    const user = userEvent.setup();
    render(TeamToday, { stores });
    const panel = await soon('team-today');
    const lines = [...panel.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(['Bob Needs help a review of the importer 1 new', 'Cyd ✓ Shared their stand-up', 'Dan Nothing yet today']);
    await user.click(panel.querySelector<HTMLElement>(`[data-team-today="${'cd'.repeat(16)}"]`)!);
    expect(stores.nav.current).toBe('inbox');
    await waitFor(() => expect(stores.inbox.open?.id).toBe(5));
  });
});
