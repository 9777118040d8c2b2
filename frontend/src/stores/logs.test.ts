import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../api/errors';
import type { LogPage } from '../api/logs';
import { emptyTable } from '../domain/logTable';
import { entry, fakeLogsApi, flush } from '../test/fakeApis';
import { LogsStore, PAGE_SIZE, SEARCH_DEBOUNCE_MS } from './logs.svelte';

function page(ids: number[], total = ids.length): LogPage {
  return { logs: ids.map((id) => entry(id)), total };
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from - i);

afterEach(() => {
  vi.useRealTimers();
});

describe('LogsStore list', () => {
  it('loads the first page with an empty filter', async () => {
    const api = fakeLogsApi({ find: vi.fn(async () => page([3, 2, 1])) });
    const store = new LogsStore(api);
    await store.load();
    expect(api.find).toHaveBeenCalledWith({ from: '', to: '', query: '', limit: PAGE_SIZE, offset: 0 });
    expect(store.logs.map((l) => l.id)).toEqual([3, 2, 1]);
    expect(store.total).toBe(3);
    expect(store.loaded).toBe(true);
    expect(store.hasMore).toBe(false);
  });

  it('sends the date range and trimmed words to Find', async () => {
    const api = fakeLogsApi();
    const store = new LogsStore(api);
    store.setFrom('2026-11-01');
    await flush();
    store.setTo('2026-11-30');
    await flush();
    expect(api.find).toHaveBeenLastCalledWith({
      from: '2026-11-01',
      to: '2026-11-30',
      query: '',
      limit: PAGE_SIZE,
      offset: 0,
    });
    expect(store.filtered).toBe(true);
  });

  it('pages with Load more until total', async () => {
    const api = fakeLogsApi({
      find: vi.fn(async (f) => page(range(45 - f.offset, Math.min(PAGE_SIZE, 45 - f.offset)), 45)),
    });
    const store = new LogsStore(api);
    await store.load();
    expect(store.logs).toHaveLength(20);
    expect(store.hasMore).toBe(true);
    await store.loadMore();
    expect(api.find).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 20, limit: PAGE_SIZE }));
    expect(store.logs).toHaveLength(40);
    await store.loadMore();
    expect(api.find).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 40 }));
    expect(store.logs).toHaveLength(45);
    expect(store.hasMore).toBe(false);
    await store.loadMore();
    expect(api.find).toHaveBeenCalledTimes(3);
    expect(new Set(store.logs.map((l) => l.id)).size).toBe(45);
  });

  it('debounces the search and sends only the last words', async () => {
    vi.useFakeTimers();
    const api = fakeLogsApi();
    const store = new LogsStore(api);
    store.setQuery('imp');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 50);
    store.setQuery('importer ');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(api.find).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(api.find).toHaveBeenCalledTimes(1);
    expect(api.find).toHaveBeenCalledWith(expect.objectContaining({ query: 'importer', offset: 0 }));
  });

  it('keeps the newest answer when answers arrive out of order', async () => {
    const answers: ((p: LogPage) => void)[] = [];
    const api = fakeLogsApi({ find: vi.fn(() => new Promise<LogPage>((r) => answers.push(r))) });
    const store = new LogsStore(api);
    const first = store.load();
    store.setFrom('2026-11-20');
    answers[1](page([5]));
    answers[0](page([1, 2, 3]));
    await first;
    await flush();
    expect(store.logs.map((l) => l.id)).toEqual([5]);
  });

  it('checks the range before asking Go, and shows Go’s date error on its field', async () => {
    const api = fakeLogsApi();
    const store = new LogsStore(api);
    store.to = '2026-11-01';
    store.setFrom('2026-11-30');
    await flush();
    expect(api.find).not.toHaveBeenCalled();
    expect(store.filterErrors.to).toBe('The end date is before the start date.');

    api.find.mockRejectedValueOnce(new AppError('invalid', 'The date "x" is not a date like 2026-11-23.', 'from'));
    store.clearFilter();
    await flush();
    expect(store.filterErrors).toEqual({ from: 'The date "x" is not a date like 2026-11-23.' });
    expect(store.error).toBeNull();
  });

  it('shows another failure as the list’s error', async () => {
    const api = fakeLogsApi({ find: () => Promise.reject(new AppError('corrupt', 'The database is damaged.')) });
    const store = new LogsStore(api);
    await store.load();
    expect(store.error?.message).toBe('The database is damaged.');
    expect(store.loading).toBe(false);
  });
});

describe('LogsStore detail', () => {
  it('opens from the list at once, then as Go has it', async () => {
    let resolve: (e: ReturnType<typeof entry>) => void = () => {};
    const api = fakeLogsApi({
      find: vi.fn(async () => page([2, 1])),
      get: vi.fn(() => new Promise((r) => (resolve = r))),
    });
    const store = new LogsStore(api);
    await store.load();
    const opening = store.open(2);
    expect(store.openId).toBe(2);
    expect(store.selected?.id).toBe(2);
    resolve(entry(2, { done: 'fresh' }));
    await opening;
    expect(store.selected?.done).toBe('fresh');
    expect(store.logs[0].done).toBe('fresh');
    store.close();
    expect(store.openId).toBe(0);
    expect(store.selected).toBeNull();
  });

  it('says so when the log is gone', async () => {
    const api = fakeLogsApi({ get: () => Promise.reject(new AppError('not_found', 'That log does not exist.')) });
    const store = new LogsStore(api);
    await store.open(4);
    expect(store.selected).toBeNull();
    expect(store.openError?.message).toBe('That log does not exist.');
  });

  it('saves the trimmed table and updates the list', async () => {
    const api = fakeLogsApi({ find: vi.fn(async () => page([2, 1])) });
    const store = new LogsStore(api);
    await store.load();
    await store.open(2);
    const outcome = await store.saveTable(2, { ...emptyTable(), how: ' pairing ' });
    expect(api.updateTable).toHaveBeenCalledWith(2, { ...emptyTable(), how: 'pairing' });
    expect(outcome.ok).toBe(true);
    expect(store.selected?.how).toBe('pairing');
    expect(store.logs[0].how).toBe('pairing');
  });

  it('returns field errors without calling Go, and Go’s on their field', async () => {
    const api = fakeLogsApi({
      updateTable: () => Promise.reject(new AppError('invalid', 'Energy is a number from 1 to 5 (or empty).', 'energy')),
    });
    const store = new LogsStore(api);
    expect(await store.saveTable(1, { ...emptyTable(), done: 'x'.repeat(2001) })).toMatchObject({
      ok: false,
      fieldErrors: { done: expect.stringMatching(/2001/) },
    });
    expect(await store.saveTable(1, emptyTable())).toEqual({
      ok: false,
      fieldErrors: { energy: 'Energy is a number from 1 to 5 (or empty).' },
      formError: '',
    });
  });

  it('deletes: gone from the list and the total, back to the list, others told', async () => {
    const api = fakeLogsApi({ find: vi.fn(async () => page([2, 1], 30)) });
    const store = new LogsStore(api);
    const deleted = vi.fn();
    store.ondeleted = deleted;
    await store.load();
    await store.open(2);
    expect(await store.remove(2)).toBe(true);
    expect(api.delete).toHaveBeenCalledWith(2);
    expect(store.logs.map((l) => l.id)).toEqual([1]);
    expect(store.total).toBe(29);
    expect(store.openId).toBe(0);
    expect(deleted).toHaveBeenCalledWith(2);
  });

  it('stays on the log when deleting fails', async () => {
    const api = fakeLogsApi({ delete: () => Promise.reject(new AppError('unwritable', 'The file is locked.')) });
    const store = new LogsStore(api);
    await store.open(2);
    expect(await store.remove(2)).toBe(false);
    expect(store.openId).toBe(2);
    expect(store.openError?.message).toBe('The file is locked.');
  });
});
