import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { devicesApi } from './devices';
import { AppError } from './errors';
import { subscribe } from './events';
import { logsApi } from './logs';
import { createMediaApi } from './media';
import { recordingApi } from './recording';
import { goError, installGo, logOf, stateOf, uninstallGo, type FakeGo } from '../test/fakeGo';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

describe('logsApi', () => {
  it('find sends the filter with the default statuses and copies the page', async () => {
    go.logs.Find.mockResolvedValue({ logs: [logOf(2, { mood: 3 })], total: 12 });
    const page = await logsApi.find({ from: '2026-11-01', to: '', query: 'importer', limit: 20, offset: 40 });
    expect({ ...go.logs.Find.mock.calls[0][0] }).toEqual({
      from: '2026-11-01',
      to: '',
      query: 'importer',
      status: [],
      limit: 20,
      offset: 40,
    });
    expect(page.total).toBe(12);
    expect(page.logs[0]).toMatchObject({ id: 2, kind: 'video', mood: 3, durationMs: 42_000 });
  });

  it('copies a log with every field set, whatever Go left out', async () => {
    go.logs.Get.mockResolvedValue({ id: 5, kind: 'audio', helpNeeded: 'x' });
    const log = await logsApi.get(5);
    expect(go.logs.Get).toHaveBeenCalledWith(5);
    expect(log).toMatchObject({ id: 5, kind: 'audio', status: 'ready', done: '', helpNeeded: 'x', mood: 0 });
  });

  it('updateTable sends exactly the table', async () => {
    const table = { done: 'a', how: 'b', why: 'c', next: 'd', helpNeeded: 'e', mood: 1, energy: 5 };
    await logsApi.updateTable(3, { ...table, id: 99 } as typeof table);
    expect(go.logs.UpdateTable.mock.calls[0][0]).toBe(3);
    expect({ ...go.logs.UpdateTable.mock.calls[0][1] }).toEqual(table);
  });

  it('recovery copies logs and problems, never null', async () => {
    go.logs.Recovery.mockResolvedValue({ logs: null, problems: null });
    await expect(logsApi.recovery()).resolves.toEqual({ logs: [], problems: [] });
  });

  it('rejects with AppError', async () => {
    go.logs.Delete.mockRejectedValue(goError('not_found', 'No such log.'));
    await expect(logsApi.delete(1)).rejects.toMatchObject({ code: 'not_found', message: 'No such log.' });
    await expect(logsApi.delete(1)).rejects.toBeInstanceOf(AppError);
  });
});

describe('recordingApi', () => {
  it('start sends audioOnly and the table', async () => {
    go.recording.Start.mockResolvedValue(stateOf({ kind: 'audio', level: 1.7 }));
    const s = await recordingApi.start({
      audioOnly: true,
      table: { done: 'x', how: '', why: '', next: '', helpNeeded: '', mood: 0, energy: 0 },
    });
    const req = go.recording.Start.mock.calls[0][0];
    expect(req.audioOnly).toBe(true);
    expect({ ...req.table }).toMatchObject({ done: 'x' });
    expect(s.kind).toBe('audio');
    expect(s.level).toBe(1); // clamped for the meter
  });

  it('maps the events and unsubscribes', () => {
    const progress = vi.fn();
    const stopped = vi.fn();
    const offP = recordingApi.onProgress(progress);
    const offS = recordingApi.onStopped(stopped);
    go.emit('recording:progress', stateOf({ elapsedMs: 1000 }));
    go.emit('recording:stopped', { log: logOf(7), error: '' });
    go.emit('recording:stopped', { log: null, error: 'The disk is full.' });
    expect(progress).toHaveBeenCalledWith(expect.objectContaining({ recording: true, elapsedMs: 1000 }));
    expect(stopped.mock.calls[0][0]).toMatchObject({ log: { id: 7 }, error: '' });
    expect(stopped.mock.calls[1][0]).toEqual({ log: null, error: 'The disk is full.' });
    offP();
    offS();
    expect(go.listeners('recording:progress')).toBe(0);
    expect(go.listeners('recording:stopped')).toBe(0);
  });

  it('subscribe is a no-op outside the app window', () => {
    uninstallGo();
    const off = subscribe('recording:progress', () => {});
    expect(() => off()).not.toThrow();
  });
});

describe('devicesApi', () => {
  it('lists devices and drops unknown kinds', async () => {
    go.devices.List.mockResolvedValue({
      devices: [
        { kind: 'video', id: 'c', label: '' },
        { kind: 'screen', id: 's', label: 'Screen' },
      ],
      message: '',
    });
    await expect(devicesApi.list()).resolves.toEqual({
      devices: [{ kind: 'video', id: 'c', label: 'c' }],
      message: '',
    });
  });

  it('saveSettings rejects with the field', async () => {
    go.devices.SaveSettings.mockRejectedValue(goError('invalid', 'Too short.', 'maxSeconds'));
    await expect(devicesApi.saveSettings({ videoDeviceId: '', audioDeviceId: '', maxSeconds: 5 })).rejects.toMatchObject({
      field: 'maxSeconds',
    });
  });
});

describe('mediaApi', () => {
  let base = '';
  const mediaApi = createMediaApi(() => base);

  it('builds the recording URL on the asset server, or on the loopback server Go names', () => {
    base = '';
    expect(mediaApi.logUrl(12)).toBe('/media/logs/12');
    base = 'http://127.0.0.1:4242/tok';
    expect(mediaApi.logUrl(12)).toBe('http://127.0.0.1:4242/tok/logs/12');
    base = '';
  });

  it('returns a frame for 200 and null for 204 or 404', async () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    try {
      fetchMock.mockResolvedValueOnce(new Response('jpeg-bytes', { status: 200 }));
      expect((await mediaApi.previewFrame())?.size).toBe(10);
      expect(fetchMock.mock.calls[0][0]).toBe('/media/preview.jpg');
      fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
      expect(await mediaApi.previewFrame()).toBeNull();
      fetchMock.mockResolvedValueOnce(new Response('No recording is running.', { status: 404 }));
      expect(await mediaApi.previewFrame()).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
