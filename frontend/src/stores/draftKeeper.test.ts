import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft, DraftsApi } from '../api/drafts';
import { DraftKeeper } from './draftKeeper.svelte';

function fakeDrafts(initial?: Draft<unknown>) {
  const kept = new Map<string, Draft<unknown>>();
  if (initial) kept.set('k', initial);
  const api: DraftsApi = {
    get: vi.fn(async (key: string) => kept.get(key) ?? null) as DraftsApi['get'],
    save: vi.fn(async (key: string, value: unknown) => void kept.set(key, { value, updatedAt: 'now' })),
    discard: vi.fn(async (key: string) => void kept.delete(key)),
  };
  return { api, kept };
}

describe('DraftKeeper', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the value after typing pauses, once', async () => {
    const { api, kept } = fakeDrafts();
    const k = new DraftKeeper<string>(api, 'k');
    k.changed('a');
    k.changed('ab');
    expect(api.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(api.save).toHaveBeenCalledTimes(1);
    expect(kept.get('k')?.value).toBe('ab');
  });

  it('flushes at once when the editor goes away, and drops the draft when the value is back to saved', async () => {
    const { api, kept } = fakeDrafts();
    const k = new DraftKeeper<string>(api, 'k');
    k.changed('typed');
    k.flush();
    await Promise.resolve();
    expect(kept.get('k')?.value).toBe('typed');
    k.changed(null);
    await vi.runAllTimersAsync();
    expect(kept.has('k')).toBe(false);
  });

  it('restores a draft that differs from what is saved, and drops one that does not', async () => {
    const differs = fakeDrafts({ value: 'draft', updatedAt: '2026-11-23T10:00:00Z' });
    const k = new DraftKeeper<string>(differs.api, 'k');
    expect(await k.restore((v) => v === 'saved')).toBe('draft');
    expect(k.restoredAt).toBe('2026-11-23T10:00:00Z');

    const same = fakeDrafts({ value: 'saved', updatedAt: '2026-11-23T10:00:00Z' });
    const k2 = new DraftKeeper<string>(same.api, 'k');
    expect(await k2.restore((v) => v === 'saved')).toBeNull();
    await Promise.resolve();
    expect(same.kept.has('k')).toBe(false);
  });

  it('says why a draft could not be kept, and writes nothing once done', async () => {
    const { api } = fakeDrafts();
    api.save = vi.fn(async () => {
      throw new Error('disk full');
    });
    const k = new DraftKeeper<string>(api, 'k');
    k.changed('x');
    k.flush();
    await vi.waitFor(() => expect(k.error).toBe('disk full'));
    await k.done();
    k.changed('after');
    k.flush();
    expect(api.save).toHaveBeenCalledTimes(1);
  });

  it('writes one value after another, so a slow earlier write never lands last', async () => {
    const { api, kept } = fakeDrafts();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const save = api.save;
    api.save = vi.fn(async (key: string, value: unknown) => {
      if (value === 'Coa') await gate;
      await save(key, value);
    });
    const k = new DraftKeeper<string>(api, 'k');
    k.changed('Coa');
    k.flush();
    k.changed('Coached Ada');
    k.flush();
    await vi.advanceTimersByTimeAsync(10);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(api.save).toHaveBeenCalledTimes(2);
    expect(kept.get('k')?.value).toBe('Coached Ada');
  });
});
