import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../api/errors';
import { entry, fakeLogsApi } from '../test/fakeApis';
import { createStores } from '.';
import { RecoveryStore } from './recovery.svelte';

function recovered() {
  return {
    logs: [entry(4, { status: 'recovered', durationMs: 83_000 }), entry(5, { status: 'recovered' })],
    problems: ['media/0003.webm could not be repaired: the file is empty.'],
  };
}

describe('RecoveryStore', () => {
  it('is hidden when nothing was interrupted', async () => {
    const store = new RecoveryStore(fakeLogsApi());
    await store.load();
    expect(store.visible).toBe(false);
  });

  it('loads once', async () => {
    const api = fakeLogsApi({ recovery: vi.fn(async () => recovered()) });
    const store = new RecoveryStore(api);
    await store.load();
    await store.load();
    expect(api.recovery).toHaveBeenCalledTimes(1);
    expect(store.visible).toBe(true);
    expect(store.logs.map((l) => l.id)).toEqual([4, 5]);
    expect(store.problems).toHaveLength(1);
  });

  it('keeps one, discards another, and tells the list', async () => {
    const api = fakeLogsApi({ recovery: vi.fn(async () => recovered()) });
    const store = new RecoveryStore(api);
    const changed = vi.fn();
    store.onchanged = changed;
    await store.load();

    expect(await store.keep(4)).toBe(true);
    expect(api.keep).toHaveBeenCalledWith(4);
    expect(store.logs.map((l) => l.id)).toEqual([5]);

    expect(await store.discard(5)).toBe(true);
    expect(api.delete).toHaveBeenCalledWith(5);
    expect(store.logs).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(2);

    expect(store.visible).toBe(true); // the problem is still to be read
    store.dismissProblems();
    expect(store.visible).toBe(false);
  });

  it('shows a failure and keeps the log', async () => {
    const api = fakeLogsApi({
      recovery: vi.fn(async () => recovered()),
      keep: () => Promise.reject(new AppError('unwritable', 'The data folder is read-only.')),
    });
    const store = new RecoveryStore(api);
    await store.load();
    expect(await store.keep(4)).toBe(false);
    expect(store.error?.message).toBe('The data folder is read-only.');
    expect(store.logs.map((l) => l.id)).toEqual([4, 5]);
    expect(store.busyId).toBe(0);
  });

  it('forgets a log that is already gone', async () => {
    const api = fakeLogsApi({
      recovery: vi.fn(async () => recovered()),
      delete: () => Promise.reject(new AppError('not_found', 'No such log.')),
    });
    const store = new RecoveryStore(api);
    await store.load();
    expect(await store.discard(4)).toBe(true);
    expect(store.logs.map((l) => l.id)).toEqual([5]);
    expect(store.error).toBeNull();
  });

  it('is wired to the logs list by createStores', async () => {
    const logsApi = fakeLogsApi({ recovery: vi.fn(async () => recovered()) });
    const stores = createStores({ logs: logsApi });
    await stores.recovery.load();
    await stores.logs.load();
    expect(logsApi.find).toHaveBeenCalledTimes(1);
    await stores.recovery.keep(4);
    expect(logsApi.find).toHaveBeenCalledTimes(2); // the list refreshed
    await stores.logs.remove(5);
    expect(stores.recovery.logs).toEqual([]); // deleted from Logs: no longer offered
  });
});
