import { render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { installGo, uninstallGo, type FakeGo } from '../../test/fakeGo';
import ReminderSettings from './ReminderSettings.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function setup() {
  const stores = createStores();
  const user = userEvent.setup();
  render(ReminderSettings, { reminders: stores.reminders });
  await waitFor(() => expect(byId<HTMLInputElement>('remind-at-standup').value).toBe('09:30'));
  return { stores, user };
}

describe('Reminder settings', () => {
  it('shows each reminder with its switch, time and next time, and the weekend off', async () => {
    await setup();
    expect(byId<HTMLInputElement>('remind-standup').checked).toBe(true);
    // 24-hour, like the time fields: no AM or PM.
    expect(byId('remind-next-standup').textContent).toMatch(/^Next: \w+ \d\d:\d\d\.$/);
    expect(byId('remind-next-reflection').textContent).toBe('Not in the next two weeks.');
    expect(byId('remind-at-session')).toBeNull();
    expect(byId<HTMLInputElement>('remind-day-sat').checked).toBe(true);
    expect(byId<HTMLInputElement>('remind-day-mon').checked).toBe(false);
    expect(byId<HTMLInputElement>('remind-autostart').checked).toBe(false);
  });

  it('saves switches, times and days off; a bad time is refused with a sentence and focused', async () => {
    const { user } = await setup();
    await user.click(byId('remind-reflection'));
    await user.click(byId('remind-day-sun'));
    await user.click(byId('remind-day-fri'));
    await user.click(byId('reminders-save'));
    await waitFor(() => expect(go.reminders.Save).toHaveBeenCalledTimes(1));
    const sent = go.reminders.Save.mock.calls[0][0];
    expect(sent.reminders.find((r: { name: string }) => r.name === 'reflection').on).toBe(false);
    expect([...sent.daysOff]).toEqual(['sat', 'fri']);
    expect(byId('reminders-form').textContent).toContain('Saved.');

    go.reminders.Save.mockImplementationOnce(async () => {
      throw new Error(JSON.stringify({ code: 'invalid', message: 'Write when to remind as HH:MM, such as 09:30.', field: 'at-checkin' }));
    });
    await user.click(byId('reminders-save'));
    await waitFor(() => expect(byId('reminders-error').textContent).toMatch(/HH:MM/));
    expect(document.activeElement).toBe(byId('remind-at-checkin'));
  });

  it('switches the start at login', async () => {
    const { user } = await setup();
    await user.click(byId('remind-autostart'));
    await waitFor(() => expect(go.reminders.SetAutostart).toHaveBeenCalledWith(true));
    expect(byId<HTMLInputElement>('remind-autostart').checked).toBe(true);
    await user.click(byId('remind-autostart'));
    await waitFor(() => expect(go.reminders.SetAutostart).toHaveBeenLastCalledWith(false));
  });
});
