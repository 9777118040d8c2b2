import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { goError, installGo, uninstallGo, type FakeGo } from '../../test/fakeGo';
import RecordingSettings from './RecordingSettings.svelte';

let go: FakeGo;

beforeEach(() => {
  go = installGo();
  go.devices.List.mockResolvedValue({
    devices: [
      { kind: 'video', id: 'cam-1', label: 'Test pattern 720p' },
      { kind: 'video', id: 'cam-2', label: 'USB camera' },
      { kind: 'audio', id: 'mic-1', label: 'Tone' },
    ],
    message: '',
  });
});
afterEach(uninstallGo);

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

async function setup() {
  const stores = createStores();
  const user = userEvent.setup();
  render(RecordingSettings, { devices: stores.devices });
  await waitFor(() => expect(byId<HTMLInputElement>('setting-max-minutes').value).toBe('5'));
  return { stores, user };
}

function options(id: string) {
  return [...byId<HTMLSelectElement>(id).options].map((o) => [o.value, o.textContent?.trim()]);
}

describe('Recording settings', () => {
  it('offers the devices, “First available” first', async () => {
    await setup();
    expect(options('setting-camera')).toEqual([
      ['', 'First available (Test pattern 720p)'],
      ['cam-1', 'Test pattern 720p'],
      ['cam-2', 'USB camera'],
    ]);
    expect(options('setting-mic')).toEqual([
      ['', 'First available (Tone)'],
      ['mic-1', 'Tone'],
    ]);
    expect(byId<HTMLSelectElement>('setting-camera').value).toBe('');
  });

  it('saves devices and the maximum length in seconds', async () => {
    const { user } = await setup();
    await user.selectOptions(byId('setting-camera'), 'cam-2');
    await user.selectOptions(byId('setting-mic'), 'mic-1');
    await user.clear(byId('setting-max-minutes'));
    await user.type(byId('setting-max-minutes'), '2.5');
    await user.click(byId('recording-settings-save'));

    expect({ ...go.devices.SaveSettings.mock.calls[0][0] }).toEqual({
      videoDeviceId: 'cam-2',
      audioDeviceId: 'mic-1',
      maxSeconds: 150,
      quality: 'standard',
    });
    await waitFor(() => expect(byId('recording-settings-saved').textContent?.trim()).toBe('Saved.'));
  });

  it('checks the range before saving: 10 seconds to 60 minutes', async () => {
    const { user } = await setup();
    for (const minutes of ['0.1', '61', '']) {
      await user.clear(byId('setting-max-minutes'));
      if (minutes) await user.type(byId('setting-max-minutes'), minutes);
      await user.click(byId('recording-settings-save'));
      expect(byId('setting-max-error').textContent).toBe('The maximum length must be between 10 seconds and 60 minutes.');
    }
    expect(go.devices.SaveSettings).not.toHaveBeenCalled();
    expect(byId('setting-max-minutes').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows Go’s field error', async () => {
    go.devices.SaveSettings.mockRejectedValue(
      goError('invalid', 'The maximum length must be between 10 seconds and 60 minutes.', 'maxSeconds'),
    );
    const { user } = await setup();
    await user.click(byId('recording-settings-save'));
    await waitFor(() => expect(byId('setting-max-error')).not.toBeNull());
  });

  it('keeps a remembered device that is not connected now', async () => {
    go.devices.Settings.mockResolvedValue({ videoDeviceId: 'cam-9', audioDeviceId: '', maxSeconds: 90 });
    const stores = createStores();
    render(RecordingSettings, { devices: stores.devices });
    await waitFor(() => expect(byId<HTMLInputElement>('setting-max-minutes').value).toBe('1.5'));
    expect(byId<HTMLSelectElement>('setting-camera').value).toBe('cam-9');
    expect(screen.getByText('Chosen before, not connected now')).toBeTruthy();
  });

  it('says why Compact is not recorded on this computer when it is chosen', async () => {
    const why = 'This computer needs 40 ms to encode a 720p frame in VP9; recordings use Standard (VP8).';
    go.devices.Settings.mockResolvedValue({
      videoDeviceId: '',
      audioDeviceId: '',
      maxSeconds: 300,
      quality: 'standard',
      presets: [
        { quality: 'standard', label: 'Standard', unavailable: '' },
        { quality: 'compact', label: 'Compact', unavailable: why },
      ],
    });
    const { user } = await setup();
    expect(options('setting-quality')).toEqual([
      ['standard', 'Standard'],
      ['compact', 'Compact (not on this computer)'],
    ]);
    expect(byId('setting-quality-unavailable')).toBeNull();
    await user.selectOptions(byId('setting-quality'), 'compact');
    expect(byId('setting-quality-unavailable').textContent).toBe(why);
  });
});
