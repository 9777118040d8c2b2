import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { goError, installGo, profileOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import Onboarding from './Onboarding.svelte';

let go: FakeGo;

beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

async function setup() {
  const stores = createStores();
  await stores.profile.load();
  const user = userEvent.setup();
  render(Onboarding, { profile: stores.profile });
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;
  return { stores, user, name: input('name'), role: input('role'), team: input('teamName') };
}

describe('Onboarding', () => {
  it('focuses Name and tabs Name → Role → Team name → Start', async () => {
    const { user, name, role, team } = await setup();
    expect(document.activeElement).toBe(name);
    await user.tab();
    expect(document.activeElement).toBe(role);
    await user.tab();
    expect(document.activeElement).toBe(team);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Start' }));
  });

  it('labels every field', async () => {
    await setup();
    expect(screen.getByLabelText('Name')).toHaveProperty('id', 'name');
    expect(screen.getByLabelText(/^Role/)).toHaveProperty('id', 'role');
    expect(screen.getByLabelText(/^Team name/)).toHaveProperty('id', 'teamName');
  });

  it('shows a message for an empty name and does not call Save', async () => {
    const { user, name } = await setup();
    await user.type(name, '   ');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    const message = document.getElementById('name-error');
    expect(message?.textContent).toBe('Please enter your name.');
    // The hint under the field says why; the error must not repeat it.
    expect(document.getElementById('name-hint')?.textContent).not.toContain(message?.textContent ?? '-');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(name.getAttribute('aria-describedby')).toContain('name-error');
    expect(document.activeElement).toBe(name);
    expect(go.Save).not.toHaveBeenCalled();
  });

  it('shows a message for a too long team name', async () => {
    const { user, name, team } = await setup();
    await user.type(name, 'Ada');
    await user.type(team, 'x'.repeat(81));
    await user.keyboard('{Enter}');
    expect(document.getElementById('teamName-error')?.textContent).toBe('The team name is 81 characters long; please keep it to 80.');
    expect(go.Save).not.toHaveBeenCalled();
  });

  it('clears a field’s message when it is edited', async () => {
    const { user, name } = await setup();
    await user.keyboard('{Enter}');
    expect(document.getElementById('name-error')).not.toBeNull();
    await user.type(name, 'A');
    expect(document.getElementById('name-error')).toBeNull();
  });

  it('types, tabs and presses Enter: Save gets trimmed values', async () => {
    const { stores, user } = await setup();
    go.Save.mockResolvedValue(profileOf('Ada Lovelace', 'Engineer', 'Analytical'));

    // The same keys the end-to-end test sends through xdotool.
    await user.keyboard('  Ada Lovelace ');
    await user.tab();
    await user.keyboard('Engineer ');
    await user.tab();
    await user.keyboard(' Analytical');
    await user.keyboard('{Enter}');

    expect(go.Save).toHaveBeenCalledTimes(1);
    expect({ ...(go.Save.mock.calls[0][0] as object) }).toEqual({
      name: 'Ada Lovelace',
      role: 'Engineer',
      teamName: 'Analytical',
    });
    expect(stores.profile.state).toBe('ready');
    expect(stores.profile.profile?.name).toBe('Ada Lovelace');
  });

  it('shows a server error on its field', async () => {
    const { stores, user, name, role } = await setup();
    go.Save.mockRejectedValue(
      goError('invalid', 'Your role contains a line break or control character; please keep it on one line.', 'role'),
    );
    await user.type(name, 'Ada');
    await user.type(role, 'Engineer');
    await user.click(screen.getByRole('button', { name: 'Start' }));

    expect(document.getElementById('role-error')?.textContent).toBe(
      'Your role contains a line break or control character; please keep it on one line.',
    );
    expect(role.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(role);
    expect(document.getElementById('name-error')).toBeNull();
    expect(stores.profile.state).toBe('onboarding');
  });

  it('shows a server error without a field above the button', async () => {
    const { user, name } = await setup();
    go.Save.mockRejectedValue(goError('unwritable', 'The data folder is read-only; nothing was saved.'));
    await user.type(name, 'Ada{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('The data folder is read-only; nothing was saved.');
  });
});
