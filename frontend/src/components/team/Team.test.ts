import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';
import { goError, installGo, peerLogOf, teamOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import Team from './Team.svelte';

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

const member = (over: Record<string, unknown> = {}) =>
  teamOf({
    state: 'member',
    location: '/mnt/share',
    teamName: 'Engines',
    lastSync: '2026-11-23T09:00:00Z',
    waiting: 2,
    members: [
      { id: 'ab'.repeat(16), name: 'Ada', me: true, removed: false, lastEventAt: '2026-11-23T09:00:00Z', problem: '' },
      { id: 'cd'.repeat(16), name: 'Bob', me: false, removed: false, lastEventAt: '0001-01-01T00:00:00Z', problem: '' },
    ],
    ...over,
  });

function setup() {
  const stores = createStores({ media: fakeMediaApi() });
  const off = stores.team.connect();
  const user = userEvent.setup();
  render(Team, { stores });
  return { stores, user, off };
}

describe('Team area', () => {
  it('joins a team and shows the safety code to read out', async () => {
    const { user } = setup();
    const location = (await soon('team-location')) as HTMLInputElement;
    await user.click(byId('team-setup-submit')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Paste the invitation/);
    await user.type(byId('team-invite')!, 'PPI1ABC');
    await user.click(byId('team-setup-submit')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Enter the share’s location/));
    expect(go.team.Join).not.toHaveBeenCalled();

    await user.type(location, 's3://team?endpoint=http://127.0.0.1:9000');
    // S3 asks for keys.
    await user.type(byId('team-access-key')!, 'AKIA1');
    await user.type(byId('team-secret-key')!, 'secret');
    go.team.Status.mockResolvedValue(teamOf({ state: 'pending', safetyCode: '4968 6355', location: 's3://team' }));
    await user.click(byId('team-setup-submit')!);
    expect(go.team.Join).toHaveBeenCalledWith('s3://team?endpoint=http://127.0.0.1:9000', 'PPI1ABC', 'AKIA1', 'secret');
    expect((await soon('team-safety-code')).textContent).toBe('4968 6355');
  });

  it('joins with the whole line a member sent, location included', async () => {
    const { user } = setup();
    await soon('team-invite');
    const line = "peerplaypay team join '/mnt/team share' --invite PPI1ABC";
    await user.click(byId('team-invite')!);
    await user.paste(line);
    await user.click(byId('team-setup-submit')!);
    expect(go.team.Join).toHaveBeenCalledWith('', line, '', '');
  });

  it('shows members the invitation to send', async () => {
    const command = 'peerplaypay team join /mnt/share --invite PPI1XYZ';
    go.team.Status.mockResolvedValue(member({ invitation: { location: '/mnt/share', invite: 'PPI1XYZ', command } }));
    setup();
    expect((await soon('team-invitation-line')).textContent).toBe(command);
    expect(byId('team-invitation-copy')).not.toBeNull();
  });

  it('says why creating a team failed', async () => {
    go.team.Create.mockRejectedValue(goError('conflict', 'The share at /mnt/share already holds a team. Join that team instead.'));
    const { user } = setup();
    await soon('team-location');
    await user.click(screen.getByLabelText('Start a team on a new share'));
    await user.type(byId('team-location')!, '/mnt/share');
    await user.click(byId('team-setup-submit')!);
    expect((await soon('team-setup-error')).textContent).toMatch(/already holds a team/);
  });

  it('shows members, waiting, sync progress and how it ended', async () => {
    go.team.Status.mockResolvedValue(member());
    const { user } = setup();
    expect((await soon('team-waiting')).textContent).toBe('2 waiting to sync');
    const bob = document.querySelector('[data-member-id="' + 'cd'.repeat(16) + '"]')!;
    expect(bob.textContent).toMatch(/Bob.*nothing shared yet/);

    await user.click(byId('team-sync-now')!);
    expect(go.team.Sync).toHaveBeenCalled();
    // A newcomer's first sync counts the peers' batches it applies.
    go.emit('share:progress', {
      run: 1,
      phase: 'receiving',
      files: 1200,
      totalFiles: 36_500,
      bytes: 3_000_000,
      totalBytes: 90_000_000,
      rate: 1_000_000,
      etaSeconds: 87,
    });
    await waitFor(() =>
      expect(byId('team-progress')?.textContent).toMatch(
        /Receiving the team’s updates: 1200 of 36500 batches of events, 3\.0 MB of 90 MB · 1\.0 MB\/s, about 2 min left/,
      ),
    );
    go.emit('share:progress', {
      run: 1,
      phase: 'sending',
      files: 1,
      totalFiles: 4,
      bytes: 5_000_000,
      totalBytes: 20_000_000,
      rate: 2_500_000,
      etaSeconds: 6,
    });
    await waitFor(() =>
      expect(byId('team-progress')?.textContent).toMatch(/Sending your logs: 1 of 4 files, 5\.0 MB of 20 MB · 2\.5 MB\/s, about 6 s left/),
    );
    await user.click(byId('team-sync-cancel')!);
    expect(go.team.CancelSync).toHaveBeenCalled();

    go.emit('share:done', { run: 1, error: 'The team share cannot be reached.', summary: { waiting: 2 } });
    await waitFor(() => expect(byId('team-sync-error')?.textContent).toMatch(/cannot be reached.*2 waiting to sync, nothing is lost/s));
    // A progress event of that run arriving late does not bring the bar back.
    go.emit('share:progress', { run: 1, phase: 'media', files: 1, totalFiles: 1, bytes: 9, totalBytes: 9 });
    await new Promise((r) => setTimeout(r, 50));
    expect(byId('team-progress')).toBeNull();
  });

  it('lists the files in the share it skipped, apart from the problems', async () => {
    const conflict = 'roster/000000000002.sync-conflict-20261205-090000-ABCDEFG';
    go.team.Status.mockResolvedValue(member({ ignored: [conflict, 'roster/.DS_Store'] }));
    setup();
    const ignored = await soon('team-ignored');
    expect(
      within(ignored)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([conflict, 'roster/.DS_Store']);
    expect(ignored.textContent).toMatch(/stop\s+nothing/);
    expect(byId('team-problems')).toBeNull();
  });

  it('approves a newcomer with the code they read out', async () => {
    go.team.Status.mockResolvedValue(member());
    go.team.Requests.mockResolvedValue([{ id: 'ef'.repeat(16), name: 'Cleo', at: '2026-11-23T09:30:00Z' }]);
    go.team.Approve.mockRejectedValueOnce(goError('invalid', 'The safety code does not match the one on the newcomer’s screen.'));
    const { user } = setup();
    const form = (await waitFor(() => {
      const f = document.querySelector<HTMLElement>('[data-request-id]');
      if (!f) throw new Error('no request');
      return f;
    }))!;
    const code = within(form).getByLabelText('Their safety code');
    await user.type(code, '123');
    await user.click(within(form).getByRole('button', { name: 'Approve' }));
    expect(go.team.Approve).not.toHaveBeenCalled();
    expect(within(form).getByRole('alert').textContent).toMatch(/8 digits/);

    await user.type(code, '4 5678');
    await user.click(within(form).getByRole('button', { name: 'Approve' }));
    expect(go.team.Approve).toHaveBeenCalledWith('ef'.repeat(16), '1234 5678');
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toMatch(/does not match/));
  });

  it('removes a member after asking', async () => {
    go.team.Status.mockResolvedValue(member());
    const { user } = setup();
    await soon('team-members');
    await user.click(screen.getByRole('button', { name: 'Remove…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Bob?' });
    expect(dialog.textContent).toMatch(/new key/);
    await user.click(byId('remove-member-confirm')!);
    expect(go.team.Remove).toHaveBeenCalledWith('cd'.repeat(16));
    // A removed member who can still write to the share could try to undo it.
    expect((await soon('team-removed-advice')).textContent).toMatch(/Bob was removed.*rotate the storage keys/s);
  });

  it('points to the Inbox, with what waits there', async () => {
    go.team.Status.mockResolvedValue(member());
    go.inbox.logs.push(peerLogOf(4, { table: { done: 'Fixed the parser', helpNeeded: 'a review' } }), peerLogOf(3));
    const { user, stores } = setup();
    await stores.inbox.loadCounts();
    const panel = await soon('team-inbox');
    expect(panel.textContent).toMatch(/2 not watched yet, 1 asking for help/);
    await user.click(byId('team-open-inbox')!);
    expect(stores.nav.current).toBe('inbox');
  });

  it('walks the founders through their cause and agreements after starting a team', async () => {
    const { user } = setup();
    await soon('team-location');
    await user.click(screen.getByLabelText(/Start a team on a new share/));
    await user.type(byId('team-location')!, '/mnt/new-share');
    go.team.Status.mockResolvedValue(member());
    await user.click(byId('team-setup-submit')!);
    const founding = await soon('team-founding');
    expect(founding.textContent).toMatch(/3 to 7 people who want a radical change/);
    expect(founding.textContent).toMatch(/Dream.*Discuss.*debate.*Decide.*Do/s);
    await user.type(byId('founding-cause')!, 'We learn faster together.');
    await user.type(byId('founding-agreements')!, 'stand-up by 10:00{Enter}thanks with a reason');
    await user.click(byId('founding-save')!);
    expect(go.practice.Save).toHaveBeenCalledWith({
      'team.cause': '"We learn faster together."',
      'team.agreements': '["stand-up by 10:00","thanks with a reason"]',
    });
    expect((await soon('practice-cause')).textContent).toBe('We learn faster together.');
    expect(byId('practice-agreements')!.textContent).toMatch(/stand-up by 10:00.*thanks with a reason/s);
  });

  it('lets the founders skip the first screen and write the cause later', async () => {
    const { user } = setup();
    await soon('team-location');
    await user.click(screen.getByLabelText(/Start a team on a new share/));
    await user.type(byId('team-location')!, '/mnt/new-share');
    go.team.Status.mockResolvedValue(member());
    await user.click(byId('team-setup-submit')!);
    await user.click(await soon('founding-skip'));
    expect(go.practice.Save).not.toHaveBeenCalled();
    expect((await soon('practice-cause-empty')).textContent).toMatch(/No cause written yet/);
    await user.click(byId('practice-cause-edit')!);
    await user.type(byId('practice-cause-input')!, 'Why we do this');
    await user.click(byId('practice-cause-save')!);
    expect((await soon('practice-cause')).textContent).toBe('Why we do this');
  });

  it('shows the cause and agreements on top, and changes only the settings edited', async () => {
    go.team.Status.mockResolvedValue(member());
    go.practice.state.cause = 'We grow by helping each other.';
    go.practice.state.agreements = ['stand-up by 10:00'];
    const { user } = setup();
    expect((await soon('practice-cause')).textContent).toBe('We grow by helping each other.');
    expect(byId('practice-agreements')!.textContent).toBe('stand-up by 10:00');
    await user.click(byId('practice-cause-edit')!);
    await user.type(byId('practice-agreement-input')!, 'thanks with a reason');
    await user.click(byId('practice-agreement-add')!);
    expect(go.practice.Save).toHaveBeenLastCalledWith({ 'team.agreements': '["stand-up by 10:00","thanks with a reason"]' });
    await user.click(screen.getByRole('button', { name: 'Remove the agreement “stand-up by 10:00”' }));
    expect(go.practice.Save).toHaveBeenLastCalledWith({ 'team.agreements': '["thanks with a reason"]' });
    await user.click(byId('practice-edit-done')!);
    expect((await soon('practice-agreements')).textContent).toBe('thanks with a reason');

    await user.click(byId('team-settings-open')!);
    const dialog = await soon('team-settings-dialog');
    const history = within(dialog).getByRole('region', { name: 'Who changed what' });
    expect(history.textContent).toMatch(/You set the agreements to thanks with a reason/);
    expect(history.textContent).toMatch(/stand-up by 10:00; thanks with a reason \(replaced\)/);
    const questions = byId<HTMLTextAreaElement>('ts-questions')!;
    await user.clear(questions);
    await user.type(questions, 'What I did{Enter}Who helped me?');
    await user.clear(byId('ts-time')!);
    await user.type(byId('ts-time')!, '09:30');
    await user.click(byId('ts-save')!);
    expect(go.practice.Save).toHaveBeenLastCalledWith({
      'standup.questions': '[{"id":"done","text":"What I did"},{"id":"how","text":"Who helped me?"}]',
      'session.time': '"09:30"',
    });
    await waitFor(() => expect(byId('team-settings-dialog')).toBeNull());
  });

  it('says why a settings change was refused, and keeps the dialog open', async () => {
    go.team.Status.mockResolvedValue(member());
    go.practice.Save.mockRejectedValueOnce(goError('invalid', "Part 1's time box is 0 minutes; it is 1 to 240; nothing was changed."));
    const { user } = setup();
    await user.click(await soon('team-settings-open'));
    await soon('team-settings-dialog');
    await user.clear(byId('ts-part-0-min')!);
    await user.type(byId('ts-part-0-min')!, '0');
    await user.click(byId('ts-save')!);
    expect((await soon('ts-error')).textContent).toMatch(/time box is 0 minutes/);
    expect(byId('team-settings-dialog')).not.toBeNull();
  });
});
