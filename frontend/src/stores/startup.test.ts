import { describe, expect, it, vi } from 'vitest';
import { AppError, GENERIC_MESSAGE } from '../api/errors';
import type { ShellApi, StartupStatus } from '../api/shell';
import { StartupStore } from './startup.svelte';
import { AppInfoStore } from './appinfo.svelte';

function fakeShell(...statuses: (StartupStatus | Error)[]) {
  const status = vi.fn<ShellApi['status']>();
  for (const s of statuses) {
    if (s instanceof Error) status.mockRejectedValueOnce(s);
    else status.mockResolvedValueOnce(s);
  }
  return {
    status,
    info: vi.fn<ShellApi['info']>(async () => ({ version: '1.0.0', commit: '', dataDir: '/d' })),
    ready: vi.fn<ShellApi['ready']>(async () => {}),
    log: vi.fn<ShellApi['log']>(),
    quit: vi.fn<ShellApi['quit']>(async () => {}),
    onDamaged: vi.fn<ShellApi['onDamaged']>(() => () => {}),
    onCloseRequested: vi.fn<ShellApi['onCloseRequested']>(() => () => {}),
    setSidebarCollapsed: vi.fn<ShellApi['setSidebarCollapsed']>(async () => {}),
    setZoom: vi.fn<ShellApi['setZoom']>(async () => {}),
    recoveryKeyLater: vi.fn<ShellApi['recoveryKeyLater']>(async () => ''),
  };
}

const bad: StartupStatus = {
  ok: false,
  code: 'unwritable',
  message: 'PeerPlayPay cannot write to its data folder. Nothing was overwritten.',
  dataDir: '/data',
  mediaBase: '',
  saved: null,
  profile: null,
  profileRead: false,
};
const good: StartupStatus = {
  ok: true,
  code: '',
  message: '',
  dataDir: '/data',
  mediaBase: 'http://127.0.0.1:9/t',
  saved: null,
  profile: null,
  profileRead: false,
};

describe('StartupStore', () => {
  it('is ok when Go says so', async () => {
    const store = new StartupStore(fakeShell(good));
    expect(store.state).toBe('checking');
    await expect(store.check()).resolves.toBe(true);
    expect(store.state).toBe('ok');
    expect(store.problem).toBeNull();
    expect(store.dataDir).toBe('/data');
  });

  it('fails with Go’s message and data dir, then recovers on retry', async () => {
    const api = fakeShell(bad, good);
    const store = new StartupStore(api);
    await expect(store.check()).resolves.toBe(false);
    expect(store.state).toBe('failed');
    expect(store.problem).toEqual({ code: 'unwritable', message: bad.message, dataDir: '/data' });

    await expect(store.check()).resolves.toBe(true);
    expect(store.state).toBe('ok');
    expect(store.attempts).toBe(2);
    expect(api.status).toHaveBeenCalledTimes(2);
  });

  it('fills in an empty message', async () => {
    const store = new StartupStore(fakeShell({ ...bad, message: '', code: '' }));
    await store.check();
    expect(store.problem).toMatchObject({ code: 'internal', message: GENERIC_MESSAGE });
  });

  it('fails when the call itself fails', async () => {
    const store = new StartupStore(fakeShell(new AppError('unavailable', 'No engine.')));
    await store.check();
    expect(store.state).toBe('failed');
    expect(store.problem).toMatchObject({ code: 'unavailable', message: 'No engine.' });
    expect(store.busy).toBe(false);
  });

  it('announces readiness once and ignores a failure', async () => {
    const api = fakeShell(good);
    api.ready.mockRejectedValue(new AppError('internal', 'x'));
    const store = new StartupStore(api);
    store.announceReady();
    store.announceReady();
    await Promise.resolve();
    expect(api.ready).toHaveBeenCalledTimes(1);
  });

  it('fail shows a later error with the known data dir', async () => {
    const store = new StartupStore(fakeShell(good));
    await store.check();
    store.fail(new AppError('corrupt', 'The database is damaged.'));
    expect(store.state).toBe('failed');
    expect(store.problem).toEqual({ code: 'corrupt', message: 'The database is damaged.', dataDir: '/data' });
  });
});

describe('AppInfoStore', () => {
  it('loads once', async () => {
    const api = fakeShell();
    const store = new AppInfoStore(api);
    await store.load();
    await store.load();
    expect(store.info).toEqual({ version: '1.0.0', commit: '', dataDir: '/d' });
    expect(api.info).toHaveBeenCalledTimes(1);
  });

  it('keeps the error', async () => {
    const api = fakeShell();
    api.info.mockRejectedValue(new AppError('internal', 'Oops.'));
    const store = new AppInfoStore(api);
    await store.load();
    expect(store.info).toBeNull();
    expect(store.error?.message).toBe('Oops.');
  });
});
