import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from './App.svelte';
import { goError, installGo, okStatus, profileOf, uninstallGo, type FakeGo } from './test/fakeGo';

let go: FakeGo;

beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const heading = () => screen.findByRole('heading', { level: 1 });

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
    expect(document.getElementById('startup-data-dir')?.textContent).toBe(
      '/home/ada/.local/share/PeerPlayPay',
    );
    expect(go.Get).not.toHaveBeenCalled();
    const retry = screen.getByRole('button', { name: 'Retry' });
    expect(document.activeElement).toBe(retry);

    await user.click(retry);

    expect(go.Status).toHaveBeenCalledTimes(2);
    expect((await heading()).textContent).toMatch(/Welcome/);
    // Go hears "ready" once, for the first screen (the error screen).
    expect(go.Ready).toHaveBeenCalledTimes(1);
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
    expect(document.getElementById('member-name')?.textContent).toBe('Ada');
    expect(document.getElementById('member-role')?.textContent).toBe('Engineer');
    expect(document.getElementById('member-team')?.textContent).toBe('Analytical');
  });
});

describe('shell', () => {
  beforeEach(() => {
    go.Get.mockResolvedValue(profileOf('Ada', 'Engineer', 'Analytical'));
  });

  it('opens on Today with a description of what comes there', async () => {
    render(App);
    expect((await heading()).textContent).toBe('Today');
    expect(screen.getByText(/stand-up blog/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Today/ }).getAttribute('aria-current')).toBe('page');
  });

  it('switches areas with Ctrl+1..6 and moves focus to the title', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();

    const want = ['Today', 'Logs', 'Goals', 'Growth', 'Team', 'Settings'];
    for (const [i, label] of [...want.entries()].reverse()) {
      await user.keyboard(`{Control>}${i + 1}{/Control}`);
      const h1 = await heading();
      expect(h1.textContent).toBe(label);
      expect(document.activeElement).toBe(h1);
      expect(screen.getByRole('button', { name: new RegExp(label) }).getAttribute('aria-current')).toBe(
        'page',
      );
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
    expect((await heading()).textContent).toBe('Goals');
    expect(screen.getByText(/SMART goals/)).toBeTruthy();
  });

  it('edits the profile in Settings and shows version and data folder', async () => {
    const user = userEvent.setup();
    render(App);
    await heading();
    await user.keyboard('{Control>}6{/Control}');

    expect((await screen.findByText('0.1.0')).id).toBe('app-version');
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
    expect(screen.getByRole('status').textContent?.trim()).toBe('Saved.');
    expect(document.getElementById('member-role')?.textContent).toBe('Team lead');

    // Editing again hides the confirmation.
    await user.type(role, 'x');
    expect(screen.getByRole('status').textContent?.trim()).toBe('');
  });
});
