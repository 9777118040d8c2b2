import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStores, type Stores } from '../../stores';
import { fakeMediaApi } from '../../test/fakeApis';
import { goalOf, goError, installGo, logOf, stateOf, uninstallGo, type FakeGo } from '../../test/fakeGo';
import Today from './Today.svelte';

let go: FakeGo;
let off: () => void = () => {};

beforeEach(() => {
  go = installGo();
});
afterEach(() => {
  off();
  uninstallGo();
});

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
const text = (id: string) => byId(id)?.textContent?.trim() ?? '';

function setup(media = fakeMediaApi(), objectUrls = { create: () => 'blob:frame', revoke: vi.fn() }) {
  const stores = createStores({ media, objectUrls });
  // The shell does this in the app.
  off = stores.recording.connect();
  const user = userEvent.setup();
  render(Today, { stores });
  return { stores, user };
}

async function recording(stores: Stores) {
  await waitFor(() => expect(stores.recording.phase).toBe('recording'));
}

describe('Today before recording', () => {
  it('asks the team’s questions, and sends the answers to an added one with the table', async () => {
    go.practice.state.questions = [
      { id: 'done', text: 'What did I ship?' },
      { id: 'extra1', text: 'Who did I thank?' },
    ];
    go.practice.state.mood = false;
    const { user } = setup();
    await waitFor(() => expect(screen.getByLabelText('Who did I thank?')).toBeTruthy());
    expect(screen.getByLabelText('What did I ship?').id).toBe('log-done');
    expect(byId('log-how')).toBeNull();
    expect(byId('log-mood')).toBeNull();
    expect(byId('log-energy')).not.toBeNull();
    await user.type(byId('log-done')!, 'The importer');
    await user.type(screen.getByLabelText('Who did I thank?'), 'Bob, for the review');
    await user.click(byId('record-video')!);
    expect({ ...go.recording.Start.mock.calls[0][0].table }).toMatchObject({
      done: 'The importer',
      extra: { extra1: 'Bob, for the review' },
    });
  });

  it('shows the chosen devices, the buttons and the shortcut', async () => {
    setup();
    expect(await screen.findByText(/Test pattern 720p/)).toBeTruthy();
    expect(screen.getByText('Tone')).toBeTruthy();
    expect(byId('record-video')?.textContent).toMatch(/Record video/);
    expect(byId('record-audio')?.textContent).toMatch(/Record audio only/);
    expect(byId('save-text')?.textContent).toMatch(/Save as text log/);
    expect(screen.getByText('Ctrl+Shift+R')).toBeTruthy();
    for (const id of ['log-done', 'log-how', 'log-why', 'log-next', 'log-help', 'log-mood', 'log-energy']) {
      expect(byId(id), id).not.toBeNull();
    }
    expect(screen.getByLabelText('Where I need help').id).toBe('log-help');
  });

  it('shows Go’s message when there is no device', async () => {
    go.devices.List.mockResolvedValue({
      devices: [],
      message: 'No camera or microphone found. You can still write a text log.',
    });
    setup();
    await waitFor(() => expect(text('devices-message')).toMatch(/No camera or microphone found/));
    expect(screen.getByText('No camera')).toBeTruthy();
  });

  it('links to Settings for the devices', async () => {
    const { stores, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Choose devices in Settings' }));
    expect(stores.nav.current).toBe('settings');
  });
});

describe('Today recording', () => {
  it('starts a video recording with the table filled in before', async () => {
    const { stores, user } = setup();
    await user.type(byId('log-done')!, 'Shipped the importer');
    await user.selectOptions(byId('log-mood')!, '4');
    await user.click(byId('record-video')!);

    expect(go.recording.Start).toHaveBeenCalledTimes(1);
    expect({ ...go.recording.Start.mock.calls[0][0] }).toMatchObject({ audioOnly: false });
    expect({ ...go.recording.Start.mock.calls[0][0].table }).toEqual({
      done: 'Shipped the importer',
      how: '',
      why: '',
      next: '',
      helpNeeded: '',
      mood: 4,
      energy: 0,
    });
    await recording(stores);
    expect(byId('record-stop')).not.toBeNull();
    expect(byId('record-pause')?.textContent?.trim()).toBe('Pause');
    expect(byId('record-video')).toBeNull();
    // The record button is gone: focus goes to Stop.
    expect(document.activeElement?.id).toBe('record-stop');
  });

  it('starts an audio-only recording without a preview', async () => {
    const media = fakeMediaApi();
    const { stores, user } = setup(media);
    await user.click(byId('record-audio')!);
    expect({ ...go.recording.Start.mock.calls[0][0] }).toMatchObject({ audioOnly: true });
    await recording(stores);
    expect(screen.getByText('Recording audio only')).toBeTruthy();
    expect(byId('record-preview')).toBeNull();
    expect(media.previewFrame).not.toHaveBeenCalled();
  });

  it('shows the live preview, meter, elapsed time and countdown from progress events', async () => {
    const media = fakeMediaApi({ previewFrame: vi.fn(async () => new Blob(['jpeg'])) });
    const { stores, user } = setup(media);
    await user.click(byId('record-video')!);
    await recording(stores);

    await waitFor(() => expect(byId<HTMLImageElement>('record-preview')?.getAttribute('src')).toBe('blob:frame'));
    go.emit('recording:progress', stateOf({ elapsedMs: 48_200, maxMs: 300_000, level: 0.5 }));
    await waitFor(() => expect(text('record-elapsed')).toBe('0:48'));
    expect(text('record-remaining')).toBe('4:12 left');
    expect(byId('record-level')?.getAttribute('aria-valuenow')).toBe('50');
    expect(byId('record-level')?.getAttribute('role')).toBe('meter');
    // Named by a label the member sees too, and not a progress bar.
    expect(screen.getByRole('meter', { name: 'Microphone' }).id).toBe('record-level');
    expect(byId('record-level-label')?.textContent).toBe('Microphone');
    expect(screen.queryByRole('progressbar')).toBeNull();

    go.emit('recording:progress', stateOf({ elapsedMs: 49_000, level: 0.8 }));
    await waitFor(() => expect(byId('record-level')?.getAttribute('aria-valuenow')).toBe('80'));
  });

  it('pauses and resumes', async () => {
    const { stores, user } = setup();
    await user.click(byId('record-video')!);
    await recording(stores);
    await user.click(byId('record-pause')!);
    expect(go.recording.Pause).toHaveBeenCalledTimes(1);
    expect(byId('record-pause')?.textContent?.trim()).toBe('Resume');
    expect(screen.getAllByText('Paused').length).toBeGreaterThan(0);
    await user.click(byId('record-pause')!);
    expect(go.recording.Resume).toHaveBeenCalledTimes(1);
    expect(byId('record-pause')?.textContent?.trim()).toBe('Pause');
  });

  it('stops, saves the table typed during recording, confirms and clears the form', async () => {
    go.recording.Stop.mockResolvedValue(logOf(7, { durationMs: 42_000, sizeBytes: 3_100_000 }));
    const { stores, user } = setup();
    await user.type(byId('log-done')!, 'Before');
    await user.click(byId('record-video')!);
    await recording(stores);
    await user.type(byId('log-next')!, 'Typed while talking');
    await user.click(byId('record-stop')!);

    expect(go.recording.Stop).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(go.logs.UpdateTable).toHaveBeenCalledTimes(1));
    const [id, table] = go.logs.UpdateTable.mock.calls[0];
    expect(id).toBe(7);
    expect({ ...table }).toMatchObject({ done: 'Before', next: 'Typed while talking' });

    await waitFor(() => expect(text('record-saved')).toMatch(/Your video stand-up is saved \(0:42, 3\.1 MB\)/));
    expect(byId<HTMLTextAreaElement>('log-done')?.value).toBe('');
    expect(byId<HTMLTextAreaElement>('log-next')?.value).toBe('');
    expect(byId('record-video')).not.toBeNull();

    // The recording:stopped event that follows changes nothing.
    go.emit('recording:stopped', { log: logOf(7), error: '' });
    await Promise.resolve();
    expect(go.logs.UpdateTable).toHaveBeenCalledTimes(1);

    await user.click(byId('record-open-log')!);
    expect(stores.nav.current).toBe('logs');
    expect(stores.logs.openId).toBe(7);
  });

  it('offers to play back, discard or record again after Stop; Discard brings the table back', async () => {
    const { stores, user } = setup();
    await user.type(byId('log-done')!, 'A false start');
    await user.click(byId('record-audio')!);
    await recording(stores);
    await user.click(byId('record-stop')!);
    await waitFor(() => expect(byId('record-review')).not.toBeNull());
    expect(byId('log-done')).toHaveProperty('value', '');

    await user.click(byId('record-play')!);
    expect(document.querySelector('#record-review :is(audio, video)')).not.toBeNull();

    await user.click(byId('record-discard')!);
    await waitFor(() => expect(go.recording.Discard).toHaveBeenCalledWith(7));
    await waitFor(() => expect(text('record-discarded')).toMatch(/discarded/));
    expect(byId('record-saved')).toBeNull();
    expect(byId('log-done')).toHaveProperty('value', 'A false start');
    expect(document.activeElement?.id).toBe('record-video');
  });

  it('records again with the same table, and the review goes at the next action', async () => {
    const { stores, user } = setup();
    await user.type(byId('log-why')!, 'Second take');
    await user.click(byId('record-video')!);
    await recording(stores);
    await user.click(byId('record-stop')!);
    go.recording.Start.mockResolvedValue(stateOf({ logId: 8 }));
    await user.click(await waitFor(() => byId('record-again')!));
    await waitFor(() => expect(go.recording.Start).toHaveBeenCalledTimes(2));
    expect(go.recording.Discard).toHaveBeenCalledWith(7);
    expect(go.recording.Start.mock.calls[1][0]).toMatchObject({ audioOnly: false, table: { why: 'Second take' } });
    await recording(stores);

    go.recording.Stop.mockResolvedValue(logOf(8));
    go.emit('recording:progress', stateOf({ logId: 8 }));
    await user.click(byId('record-stop')!);
    await waitFor(() => expect(byId('record-review')).not.toBeNull());
    await user.type(byId('log-done')!, 'x');
    expect(byId('record-review')).toBeNull();
    expect(byId('record-saved')).not.toBeNull();
  });

  it('says when the recording stopped at the time limit', async () => {
    const { stores, user } = setup();
    await user.click(byId('record-video')!);
    await recording(stores);
    await user.type(byId('log-why')!, 'Unblocks the team');
    go.emit('recording:progress', stateOf({ elapsedMs: 300_000, maxMs: 300_000 }));
    go.emit('recording:stopped', { log: logOf(7, { durationMs: 300_000 }), error: '' });

    await waitFor(() => expect(text('record-saved')).toMatch(/^Stopped at the 5-minute limit\./));
    expect({ ...go.logs.UpdateTable.mock.calls[0][1] }).toMatchObject({ why: 'Unblocks the team' });
    expect(go.recording.Stop).not.toHaveBeenCalled();
  });

  it('shows Go’s error near the buttons', async () => {
    go.recording.Start.mockRejectedValue(
      goError('unavailable', 'No camera found. Record audio only, or connect a camera and check Settings.'),
    );
    const { user } = setup();
    await user.click(byId('record-video')!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('No camera found. Record audio only, or connect a camera and check Settings.');
    expect(alert.id).toBe('record-error');
    expect(byId('record-video')).not.toBeNull();
  });

  it('shows a disk-space error at stop and keeps recording', async () => {
    go.recording.Stop.mockRejectedValue(goError('unwritable', 'The disk is full; free some space.'));
    const { stores, user } = setup();
    await user.click(byId('record-video')!);
    await recording(stores);
    await user.click(byId('record-stop')!);
    expect((await screen.findByRole('alert')).textContent).toBe('The disk is full; free some space.');
    expect(byId('record-stop')).not.toBeNull();
  });

  it('does not react to a bare Space or R', async () => {
    setup();
    fireEvent.keyDown(window, { key: ' ', code: 'Space' });
    fireEvent.keyDown(window, { key: 'R', code: 'KeyR', shiftKey: true });
    expect(go.recording.Start).not.toHaveBeenCalled();
  });
});

describe('Today text log', () => {
  it('saves the table alone', async () => {
    const { user } = setup();
    await user.type(byId('log-help')!, 'A reviewer for the PR');
    await user.click(byId('save-text')!);
    expect({ ...go.logs.CreateText.mock.calls[0][0] }).toMatchObject({ helpNeeded: 'A reviewer for the PR' });
    await waitFor(() => expect(text('record-saved')).toMatch(/Your text log is saved\./));
    expect(byId<HTMLTextAreaElement>('log-help')?.value).toBe('');
    expect(go.recording.Start).not.toHaveBeenCalled();
  });

  it('links the goals ticked as worked on to the saved log', async () => {
    go.goals.state.goals = [
      goalOf(1, { title: 'Cut latency' }),
      goalOf(2, { title: 'Done already', status: 'achieved' }),
      goalOf(3, { title: 'Bob’s goal', mine: false }),
    ];
    const { user } = setup();
    const picker = await waitFor(() => {
      const el = byId('worked-on');
      if (!el?.querySelector('[data-worked-on]')) throw new Error('no goals to pick yet');
      return el;
    });
    // Only own open goals are offered.
    expect([...picker.querySelectorAll<HTMLInputElement>('[data-worked-on]')].map((i) => i.dataset.workedOn)).toEqual(['1']);
    await user.type(byId('log-done')!, 'Added the index');
    await user.click(screen.getByLabelText('Cut latency'));
    await user.click(byId('save-text')!);
    await waitFor(() => expect(go.goals.SetLogGoals).toHaveBeenCalledWith(9, [1]));
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Cut latency').checked).toBe(false));
  });

  it('reminds gently of goals waiting for a check-in', async () => {
    go.goals.state.goals = [goalOf(1, { title: 'Cut latency', checkinDue: true }), goalOf(2, { checkinDue: false })];
    const { stores, user } = setup();
    const line = await waitFor(() => byId('today-checkin-due') ?? Promise.reject(new Error('no reminder yet')));
    expect(line.textContent).toMatch(/“Cut latency” waits for a check-in/);
    await user.click(screen.getByRole('button', { name: 'Check in' }));
    expect(stores.nav.current).toBe('goals');
    expect(stores.goals.openId).toBe(1);
  });

  it('asks for an answer first', async () => {
    const { user } = setup();
    await user.click(byId('save-text')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least one line/);
    expect(go.logs.CreateText).not.toHaveBeenCalled();
  });

  it('clears mood back to not given', async () => {
    const { stores, user } = setup();
    await user.selectOptions(byId('log-energy')!, '5');
    expect(stores.recording.table.energy).toBe(5);
    await user.selectOptions(byId('log-energy')!, 'Not given');
    expect(stores.recording.table.energy).toBe(0);
  });
});
