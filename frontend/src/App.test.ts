import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { goError, installGo, logOf, okStatus, peerLogOf, profileOf, stateOf, uninstallGo, type FakeGo } from './test/fakeGo';

let go: FakeGo;

beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const heading = () => screen.findByRole('heading', { level: 1 });

/** soon waits until a selector matches (waitFor needs a throw to retry). */
const soon = (selector: string) =>
  waitFor(
    () => {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) throw new Error(`no ${selector} yet`);
      return el;
    },
    { timeout: 5000 },
  ); // an area loads on first use, slowly on a busy machine

describe('boot', () => {
  it('shows Go’s startup problem with the data dir, and Retry checks again', async () => {
    go.Status.mockResolvedValueOnce({
      ok: false,
      code: 'unwritable',
      message: 'PeerPlayPay cannot write to its data folder. Check its permissions; nothing was overwritten.',
      dataDir: '/home/ada/.local/share/PeerPlayPay',
    });
    const user = userEvent.setup();
    render(App);

    expect((await screen.findByRole('alert')).textContent).toContain(
      'cannot write to its data folder. Check its permissions; nothing was overwritten.',
    );
    expect(document.getElementById('startup-data-dir')?.textContent).toBe('/home/ada/.local/share/PeerPlayPay');
    expect(go.Get).not.toHaveBeenCalled();
    const retry = screen.getByRole('button', { name: 'Retry' });
    expect(document.activeElement).toBe(retry);

    await user.click(retry);

    expect(go.Status).toHaveBeenCalledTimes(2);
    expect((await heading()).textContent).toMatch(/Welcome/);
    // Go hears "ready" once, for the first screen (the error screen).
    expect(go.Ready).toHaveBeenCalledTimes(1);
  });

  it('opens the first screen with one call when the status carries the profile', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profileRead: true, profile: profileOf('Ada', 'Engineer') });
    render(App);
    expect((await heading()).textContent).toBe('Today');
    expect(document.getElementById('member-name')?.textContent).toBe('Ada');
    expect(go.Get).not.toHaveBeenCalled();
  });

  it('says so when a retry fails again', async () => {
    const bad = { ok: false, code: 'corrupt', message: 'The database is damaged.', dataDir: '/d' };
    go.Status.mockResolvedValue(bad);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    await screen.findByText('We tried again; the problem is still there.');
    expect(go.Status).toHaveBeenCalledTimes(2);
  });

  it('shows the error screen when the profile cannot be read', async () => {
    go.Get.mockRejectedValue(goError('corrupt', 'Your profile could not be read.'));
    render(App);
    expect((await screen.findByRole('alert')).textContent).toContain('Your profile could not be read.');
    expect(document.getElementById('startup-data-dir')?.textContent).toBe(okStatus.dataDir);
  });

  it('onboards, then opens Today with the member in the header', async () => {
    go.Save.mockImplementation(async (input) => ({ ...profileOf(''), ...(input as object) }));
    const user = userEvent.setup();
    render(App);
    expect((await heading()).textContent).toMatch(/Welcome/);
    await waitFor(() => expect(document.activeElement?.id).toBe('name'));
    await waitFor(() => expect(go.Ready).toHaveBeenCalledTimes(1));

    await user.keyboard('Ada{Tab}Engineer{Tab}Analytical{Enter}');

    expect((await heading()).textContent).toBe('Today');
    // The form went with its focus: the keyboard goes on from the area's title.
    await waitFor(() => expect(document.activeElement?.id).toBe('area-heading'));
    // The form went with its focus: the keyboard goes on from the area's title.
    await waitFor(() => expect(document.activeElement?.id).toBe('area-heading'));
    expect(document.getElementById('member-name')?.textContent).toBe('Ada');
    expect(document.getElementById('member-role')?.textContent).toBe('Engineer');
    expect(document.getElementById('member-team')?.textContent).toBe('Analytical');
  });
});

describe('shell', () => {
  beforeEach(() => {
    go.Get.mockResolvedValue(profileOf('Ada', 'Engineer', 'Analytical'));
  });

  it('opens on Today with the stand-up recorder and its table', async () => {
    render(App);
    expect((await heading()).textContent).toBe('Today');
    expect(screen.getByRole('button', { name: 'Record video' }).id).toBe('record-video');
    expect(screen.getByLabelText('What I did').id).toBe('log-done');
    expect(screen.getByRole('button', { name: /Today/ }).getAttribute('aria-current')).toBe('page');
    // The devices Go will record from.
    expect(await screen.findByText(/Test pattern 720p/)).toBeTruthy();
  });

  it('switches areas with Ctrl+1..9 and moves focus to the title', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();

    const want = ['Today', 'Logs', 'Goals', 'Growth', 'Team', 'Inbox', 'Session', 'Insights', 'Settings'];
    for (const [i, label] of [...want.entries()].reverse()) {
      await user.keyboard(`{Control>}${i + 1}{/Control}`);
      const h1 = await heading();
      expect(h1.textContent).toBe(label);
      expect(document.activeElement).toBe(h1);
      // The sidebar's button: an area may have a view of the same name.
      const nav = within(document.getElementById('sidebar')!);
      expect(nav.getByRole('button', { name: new RegExp(label) }).getAttribute('aria-current')).toBe('page');
    }

    // A digit without Ctrl changes nothing.
    await user.keyboard('3');
    expect((await heading()).textContent).toBe('Today');
  });

  it('switches areas from the navigation', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();
    await user.click(screen.getByRole('button', { name: /Goals/ }));
    const h1 = await heading();
    expect(h1.textContent).toBe('Goals');
    // Focus lands on the title, as with the shortcut.
    await waitFor(() => expect(document.activeElement).toBe(h1));
    // The Goals area loads on first open and says what to do when empty.
    const add = await screen.findByRole('button', { name: 'Add your first goal' }, { timeout: 5000 });
    expect(add.closest('#goals-empty')).not.toBeNull();
  });

  it('edits the profile in Settings and shows version and data folder', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();
    await user.keyboard('{Control>}9{/Control}');
    // Settings loads on first use; on a busy machine that takes a while.
    await soon('#role');

    expect((await screen.findByText(/0\.1\.0/)).id).toBe('app-version');
    expect(document.getElementById('app-data-dir')?.textContent).toBe(okStatus.dataDir);

    const role = document.getElementById('role') as HTMLInputElement;
    expect((document.getElementById('name') as HTMLInputElement).value).toBe('Ada');
    expect(role.value).toBe('Engineer');

    go.Save.mockImplementation(async (input) => ({ ...profileOf(''), ...(input as object) }));
    await user.clear(role);
    await user.type(role, 'Team lead ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect({ ...(go.Save.mock.calls[0][0] as object) }).toEqual({
      name: 'Ada',
      role: 'Team lead',
      teamName: 'Analytical',
    });
    const profileSection = within(screen.getByRole('region', { name: 'Your profile' }));
    expect(profileSection.getByRole('status').textContent?.trim()).toBe('Saved.');
    expect(document.getElementById('member-role')?.textContent).toBe('Team lead');

    // Editing again hides the confirmation.
    await user.type(role, 'x');
    expect(profileSection.getByRole('status').textContent?.trim()).toBe('');
  });
});

describe('recovery and recording in the shell', () => {
  beforeEach(() => {
    go.Get.mockResolvedValue(profileOf('Ada', 'Engineer', 'Analytical'));
  });

  it('offers to keep or discard interrupted recordings on any area', async () => {
    go.logs.Recovery.mockResolvedValue({
      logs: [logOf(4, { day: '2026-11-20', status: 'recovered', durationMs: 83_000 }), logOf(5, { status: 'recovered' })],
      problems: ['media/0003.webm could not be repaired: the file is empty.'],
    });
    const user = userEvent.setup();
    render(App);
    const banner = await waitFor(() => {
      const el = document.getElementById('recovery');
      if (!el) throw new Error('no banner');
      return el;
    });
    expect(banner.textContent).toMatch(/A recording was interrupted on Friday.*20.*2026 \(1:23\)\. It was\s+repaired\./);
    expect(banner.textContent).toContain('media/0003.webm could not be repaired: the file is empty.');
    expect(go.logs.Recovery).toHaveBeenCalledTimes(1);

    await user.keyboard('{Control>}3{/Control}');
    expect((await heading()).textContent).toBe('Goals');
    expect(document.getElementById('recovery')).not.toBeNull();

    await user.click(document.querySelector('[data-recovery-keep="4"]')!);
    expect(go.logs.Keep).toHaveBeenCalledWith(4);
    await waitFor(() => expect(document.querySelector('[data-recovery-keep="4"]')).toBeNull());

    await user.click(document.querySelector('[data-recovery-discard="5"]')!);
    expect(go.logs.Delete).toHaveBeenCalledWith(5);
    await waitFor(() => expect(document.querySelector('[data-recovery-discard="5"]')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(document.getElementById('recovery')).toBeNull();
    expect(go.logs.Recovery).toHaveBeenCalledTimes(1);
  });

  it('shows no banner when nothing was interrupted', async () => {
    render(App);
    await heading();
    await waitFor(() => expect(go.logs.Recovery).toHaveBeenCalledTimes(1));
    expect(document.getElementById('recovery')).toBeNull();
  });

  it('keeps hearing the recording on other areas, and stops listening when unmounted', async () => {
    const user = userEvent.setup();
    const { unmount } = render(App);
    await heading();
    await user.click(document.getElementById('record-video')!);
    await waitFor(() => expect(document.getElementById('record-stop')).not.toBeNull());

    await user.keyboard('{Control>}2{/Control}');
    go.emit('recording:progress', stateOf({ elapsedMs: 65_000 }));
    const indicator = await screen.findByRole('button', { name: /Recording/ });
    await waitFor(() => expect(indicator.textContent).toMatch(/1:05/));

    // The limit is reached while the member looks at Logs.
    go.emit('recording:stopped', { log: logOf(7), error: '' });
    await waitFor(() => expect(go.logs.UpdateTable).toHaveBeenCalledTimes(1));
    expect(document.getElementById('recording-indicator')).toBeNull();

    await user.click(screen.getByRole('button', { name: /Today/ }));
    expect(await screen.findByText(/Stopped at the 5-minute limit/)).toBeTruthy();

    expect(go.listeners('recording:progress')).toBe(1);
    unmount();
    expect(go.listeners('recording:progress')).toBe(0);
    expect(go.listeners('recording:stopped')).toBe(0);
  });

  it('answers Ctrl+Shift+R and Ctrl+Shift+P on every area', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();
    await user.keyboard('{Control>}2{/Control}');
    expect((await heading()).textContent).toBe('Logs');

    // Not recording: the shortcut goes to Today and starts there.
    await user.keyboard('{Control>}{Shift>}R{/Shift}{/Control}');
    await waitFor(() => expect(go.recording.Start).toHaveBeenCalledTimes(1));
    expect((await heading()).textContent).toBe('Today');
    await waitFor(() => expect(document.getElementById('record-stop')).not.toBeNull());

    // Recording: pause and stop from another area, even while typing.
    await user.keyboard('{Control>}9{/Control}');
    expect((await heading()).textContent).toBe('Settings');
    await user.click(await soon('#role'));
    await user.keyboard('{Control>}{Shift>}P{/Shift}{/Control}');
    await waitFor(() => expect(go.recording.Pause).toHaveBeenCalledTimes(1));
    await user.keyboard('{Control>}{Shift>}R{/Shift}{/Control}');
    await waitFor(() => expect(go.recording.Stop).toHaveBeenCalledTimes(1));
    expect((await heading()).textContent).toBe('Settings');
    expect(document.activeElement?.id).toBe('role');
  });

  it('asks what to do when the window is closed while recording', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();
    await user.click(document.getElementById('record-video')!);
    await waitFor(() => expect(document.getElementById('record-stop')).not.toBeNull());

    go.emit('app:closeRequested', null);
    const dialog = await screen.findByRole('alertdialog', { name: 'A recording is running' });
    expect(document.activeElement?.id).toBe('close-stop');
    await user.click(within(dialog).getByRole('button', { name: 'Keep recording' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(go.recording.Stop).not.toHaveBeenCalled();
    expect(go.Quit).not.toHaveBeenCalled();

    go.emit('app:closeRequested', null);
    await user.click(await screen.findByRole('button', { name: 'Stop, save and quit' }));
    await waitFor(() => expect(go.Quit).toHaveBeenCalledTimes(1));
    expect(go.recording.Stop).toHaveBeenCalledTimes(1);
    expect(go.recording.Stop.mock.invocationCallOrder[0]).toBeLessThan(go.Quit.mock.invocationCallOrder[0]);
  });

  it('says what the last run saved as it closed, once', async () => {
    go.Status.mockResolvedValue({ ...okStatus, saved: { logId: 7, kind: 'video', durationMs: 83_000 } });
    const user = userEvent.setup();
    render(App);
    const notice = await soon('#saved-on-close');
    expect(notice.textContent).toMatch(/video stand-up \(1:23\) was saved when\s+PeerPlayPay\s+closed/);
    await user.click(within(notice).getByRole('button', { name: 'Open it' }));
    expect((await heading()).textContent).toBe('Logs');
    await waitFor(() => expect(go.logs.Get).toHaveBeenCalledWith(7));
    expect(document.getElementById('saved-on-close')).toBeNull();
  });

  it('shows the error screen when the background check finds damage', async () => {
    render(App);
    await heading();
    go.emit('app:damaged', 'The database /d/peerplaypay.db is damaged (page 7). PeerPlayPay has not changed it.');
    expect((await screen.findByRole('alert')).textContent).toContain('is damaged (page 7)');
  });

  it('keeps typed table text when leaving Logs with Ctrl+1, and shows it again', async () => {
    go.logs.Find.mockResolvedValue({ logs: [logOf(3, { done: 'saved text' })], total: 1 });
    go.logs.Get.mockResolvedValue(logOf(3, { done: 'saved text' }));
    const user = userEvent.setup();
    render(App);
    await heading();
    await user.keyboard('{Control>}2{/Control}');
    await user.click(await soon('[data-log-id="3"]'));
    const how = await soon('#log-how');
    await user.type(how, 'typed, not saved');
    await user.keyboard('{Control>}1{/Control}');
    expect((await heading()).textContent).toBe('Today');
    await waitFor(() => expect(go.drafts.kept.has('log:3')).toBe(true));

    // Back in Logs the same log is open, its editor made anew from the draft.
    await user.keyboard('{Control>}2{/Control}');
    await waitFor(() => expect((document.getElementById('log-how') as HTMLTextAreaElement).value).toBe('typed, not saved'));
    expect(go.logs.UpdateTable).not.toHaveBeenCalled();
  });
});

describe('the window', () => {
  const unsaved = { shareNewLogs: true, syncMinutes: 5, budgetMb: 2048, hasS3Keys: false, recoverySaved: '' };

  it('reminds to save the recovery key in one line; Later quiets it for a week', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    go.team.Settings.mockResolvedValue(unsaved);
    const user = userEvent.setup();
    const { unmount } = render(App);
    const banner = await soon('#recovery-banner');
    expect(banner.querySelectorAll('p')).toHaveLength(1);
    await user.click(within(banner).getByRole('button', { name: 'Later' }));
    expect(document.getElementById('recovery-banner')).toBeNull();
    expect(go.RecoveryKeyLater).toHaveBeenCalledTimes(1);
    unmount();

    // The next start: Go says until when; the reminder stays away until then.
    const until = new Date(Date.now() + 6 * 86_400_000).toISOString();
    go.Status.mockResolvedValue({
      ...okStatus,
      profile: profileOf('Ada'),
      profileRead: true,
      prefs: { sidebarCollapsed: false, recoveryLaterUntil: until },
    });
    render(App);
    await heading();
    await waitFor(() => expect(go.team.Settings).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(document.getElementById('recovery-banner')).toBeNull();
  });

  it('comes back once the week is over', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    go.Status.mockResolvedValue({
      ...okStatus,
      profile: profileOf('Ada'),
      profileRead: true,
      prefs: { sidebarCollapsed: false, recoveryLaterUntil: past },
    });
    go.team.Settings.mockResolvedValue(unsaved);
    render(App);
    expect(await soon('#recovery-banner')).toBeTruthy();
  });

  it('folds the sidebar to named icons with its button or Ctrl+B, and keeps it', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    const user = userEvent.setup();
    render(App);
    await heading();
    const toggle = screen.getByRole('button', { name: 'Collapse the sidebar to icons' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await user.click(toggle);
    expect(go.SetSidebarCollapsed).toHaveBeenLastCalledWith(true);
    // Icons only, each still named for screen readers and tooltips.
    const logs = document.querySelector<HTMLElement>('[data-area="logs"]')!;
    expect(logs.getAttribute('aria-label')).toBe('Logs');
    expect(logs.textContent?.trim()).toBe('');
    expect(screen.getByRole('button', { name: 'Expand the sidebar' }).getAttribute('aria-expanded')).toBe('false');

    await user.keyboard('{Control>}b{/Control}');
    expect(go.SetSidebarCollapsed).toHaveBeenLastCalledWith(false);
    expect(document.querySelector('[data-area="logs"]')?.getAttribute('aria-label')).toBeNull();
  });

  it('zooms with Ctrl+= and Ctrl+-, back to 100 % with Ctrl+0, and says the level', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    const user = userEvent.setup();
    render(App);
    await heading();
    expect(go.SetZoom).not.toHaveBeenCalled();
    await user.keyboard('{Control>}={/Control}{Control>}={/Control}');
    expect(go.SetZoom).toHaveBeenLastCalledWith(1.25);
    expect(document.getElementById('zoom-status')?.textContent).toBe('Zoom 125 %');
    await user.keyboard('{Control>}-{/Control}');
    expect(go.SetZoom).toHaveBeenLastCalledWith(1.1);
    await user.keyboard('{Control>}0{/Control}');
    expect(go.SetZoom).toHaveBeenLastCalledWith(1);
    expect(document.getElementById('zoom-status')?.classList.contains('visually-hidden')).toBe(true);
  });

  it('starts at the zoom the member left, and says why when the window cannot zoom', async () => {
    go.Status.mockResolvedValue({
      ...okStatus,
      profile: profileOf('Ada'),
      profileRead: true,
      prefs: { sidebarCollapsed: false, recoveryLaterUntil: '', zoom: 2 },
    });
    go.SetZoom.mockResolvedValueOnce().mockRejectedValueOnce(goError('unavailable', 'This system’s window cannot zoom yet.'));
    const user = userEvent.setup();
    render(App);
    await heading();
    await waitFor(() => expect(go.SetZoom).toHaveBeenCalledWith(2));
    await user.keyboard('{Control>}={/Control}');
    expect(document.getElementById('zoom-status')?.textContent).toBe('This system’s window cannot zoom yet.');
  });

  it('keeps the sidebar its width with a large count: 99+ in the badge, the number in its title', async () => {
    for (let id = 1; id <= 117; id++) go.inbox.logs.push(peerLogOf(id));
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    render(App);
    await heading();
    const badge = await soon('#inbox-badge');
    expect(badge.firstChild?.textContent).toBe('99+');
    expect(badge.title).toBe('117 unwatched stand-ups');
  });

  it('starts folded when the member left it so', async () => {
    go.Status.mockResolvedValue({
      ...okStatus,
      profile: profileOf('Ada'),
      profileRead: true,
      prefs: { sidebarCollapsed: true, recoveryLaterUntil: '', zoom: 1 },
    });
    render(App);
    await heading();
    expect(screen.getByRole('button', { name: 'Expand the sidebar' })).toBeTruthy();
  });
});

describe('reminders in the window', () => {
  const nudge = (name: string, area: string, title: string) => ({ name, area, title, body: `${title}: the body.`, day: '2026-11-24' });

  it('shows a reminder that went out before the page listened and one that comes later; its button opens its area', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    go.reminders.state.pending = [nudge('standup', 'today', 'Time for your stand-up')];
    const user = userEvent.setup();
    render(App);
    const banner = await soon('#reminders');
    expect(banner.textContent).toMatch(/Time for your stand-up\..*the body/);
    // Above the area, not over it: the record button is still there to press.
    expect(document.getElementById('record-video')).not.toBeNull();

    // A second one waits its turn: one line at a time, saying how many wait.
    go.emit('reminders:nudge', nudge('reflection', 'reflect', 'Time to reflect'));
    await waitFor(() => expect(banner.textContent).toContain('1 more'));
    expect(document.querySelector('[data-reminder-open="reflection"]')).toBeNull();
    await user.click(document.querySelector('[data-reminder-dismiss="standup"]')!);
    expect(go.reminders.Dismiss).toHaveBeenCalledWith('standup');
    const open = (await soon('[data-reminder-open="reflection"]')) as HTMLButtonElement;
    expect(open.textContent?.trim()).toBe('Start reflecting');
    // Reached by the keyboard: Shift+Tab from Dismiss, and Enter presses it.
    (document.querySelector('[data-reminder-dismiss="reflection"]') as HTMLElement).focus();
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(open);
    await user.keyboard('{Enter}');
    expect((await heading()).textContent).toBe('Growth');
    await waitFor(() => expect(document.querySelector('#growth-tab-reflect')?.getAttribute('aria-selected')).toBe('true'), {
      timeout: 15_000,
    });
    expect(go.reminders.Dismiss).toHaveBeenCalledWith('reflection');
    expect(document.getElementById('reminders')).toBeNull();
  }, 20_000); // Growth loads on first use, slowly on a busy machine

  it('opens the area of a clicked desktop notification', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    render(App);
    await heading();
    await waitFor(() => expect(go.reminders.Pending).toHaveBeenCalled());
    go.emit('reminders:open', 'goals');
    await waitFor(async () => expect((await heading()).textContent).toBe('Goals'));
  });

  it('takes a reminder away once what it asks for is done', async () => {
    go.Status.mockResolvedValue({ ...okStatus, profile: profileOf('Ada'), profileRead: true });
    go.reminders.state.pending = [nudge('standup', 'today', 'Time for your stand-up')];
    render(App);
    await soon('#reminders');
    go.emit('reminders:done', 'standup');
    await waitFor(() => expect(document.getElementById('reminders')).toBeNull());
  });
});
