import { render, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import MessageHost from './MessageHost.test.svelte';

const byId = (id: string) => document.getElementById(id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Message', () => {
  it('goes by itself after its time', async () => {
    const gone = vi.fn();
    render(MessageHost, { timeout: 300, gone });
    expect(byId('msg')?.textContent).toMatch(/stand-up is saved/);
    await waitFor(() => expect(byId('msg')).toBeNull(), { timeout: 3000 });
    expect(gone).toHaveBeenCalledWith('timeout');
  });

  it('goes at the next action elsewhere, not at the key that made it', async () => {
    const gone = vi.fn();
    const user = userEvent.setup();
    render(MessageHost, { timeout: 60_000, gone });
    await user.keyboard('{Control>}{Shift>}R{/Shift}{/Control}'); // the Stop that caused it
    expect(byId('msg')).not.toBeNull();
    await sleep(700);
    await user.click(byId('msg-open')!); // inside: the member is using it
    expect(byId('msg')).not.toBeNull();
    await user.click(byId('elsewhere')!);
    await waitFor(() => expect(byId('msg')).toBeNull());
    expect(gone).toHaveBeenCalledWith('action');
  });

  it('stays while the pointer is on it, and can be dismissed', async () => {
    const gone = vi.fn();
    const user = userEvent.setup();
    render(MessageHost, { timeout: 300, gone });
    await user.hover(byId('msg')!);
    await sleep(600);
    expect(byId('msg')).not.toBeNull();
    await user.click(document.querySelector('[aria-label="Dismiss this message"]')!);
    expect(byId('msg')).toBeNull();
    expect(gone).toHaveBeenCalledWith('dismissed');
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it('waits for an answer when it has no time limit', async () => {
    const gone = vi.fn();
    const user = userEvent.setup();
    render(MessageHost, { timeout: 0, gone });
    await sleep(700);
    await user.click(byId('elsewhere')!);
    expect(byId('msg')).not.toBeNull();
    expect(gone).not.toHaveBeenCalled();
  });
});
