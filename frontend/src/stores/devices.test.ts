import { describe, expect, it } from 'vitest';
import { AppError } from '../api/errors';
import { fakeDevicesApi } from '../test/fakeApis';
import { DevicesStore, MAX_SECONDS_MESSAGE } from './devices.svelte';

describe('DevicesStore', () => {
  it('loads devices and settings, and names the devices Go will use', async () => {
    const api = fakeDevicesApi();
    const store = new DevicesStore(api);
    await store.load();
    expect(store.cameras.map((d) => d.id)).toEqual(['cam-1', 'cam-2']);
    expect(store.microphones.map((d) => d.id)).toEqual(['mic-1']);
    expect(store.chosen('video')?.label).toBe('Test pattern 720p'); // "" = first

    store.settings = { videoDeviceId: 'cam-2', audioDeviceId: 'gone', maxSeconds: 300 };
    expect(store.chosen('video')?.label).toBe('USB camera');
    expect(store.chosen('audio')?.label).toBe('Tone'); // not connected: the first
  });

  it('keeps Go’s message when there are no devices', async () => {
    const store = new DevicesStore(fakeDevicesApi({ list: async () => ({ devices: [], message: 'No camera or microphone found.' }) }));
    await store.load();
    expect(store.message).toBe('No camera or microphone found.');
    expect(store.chosen('video')).toBeNull();
  });

  it('checks the maximum length before saving', async () => {
    const api = fakeDevicesApi();
    const store = new DevicesStore(api);
    for (const maxSeconds of [9, 3601, Number.NaN, 12.5]) {
      expect(await store.save({ videoDeviceId: '', audioDeviceId: '', maxSeconds })).toEqual({
        ok: false,
        fieldErrors: { maxSeconds: MAX_SECONDS_MESSAGE },
        formError: '',
      });
    }
    expect(api.saveSettings).not.toHaveBeenCalled();
    const ok = await store.save({ videoDeviceId: 'cam-2', audioDeviceId: '', maxSeconds: 600 });
    expect(ok.ok).toBe(true);
    expect(store.settings?.maxSeconds).toBe(600);
  });

  it('puts Go’s field error on its field', async () => {
    const store = new DevicesStore(
      fakeDevicesApi({
        saveSettings: () => Promise.reject(new AppError('invalid', 'Too long.', 'maxSeconds')),
      }),
    );
    expect(await store.save({ videoDeviceId: '', audioDeviceId: '', maxSeconds: 60 })).toEqual({
      ok: false,
      fieldErrors: { maxSeconds: 'Too long.' },
      formError: '',
    });
  });
});
