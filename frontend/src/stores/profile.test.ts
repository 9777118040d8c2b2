import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../api/errors';
import type { Profile, ProfileInput, ProfilesApi } from '../api/profiles';
import { ProfileStore } from './profile.svelte';

function profile(input: ProfileInput): Profile {
  return { memberId: 'm-1', createdAt: 'c', updatedAt: 'u', ...input };
}

function fakeApi(over: Partial<ProfilesApi> = {}) {
  return {
    get: vi.fn<ProfilesApi['get']>(async () => null),
    save: vi.fn<ProfilesApi['save']>(async (input) => profile(input)),
    ...over,
  };
}

describe('ProfileStore.load', () => {
  it('goes to onboarding when there is no profile', async () => {
    const store = new ProfileStore(fakeApi());
    expect(store.state).toBe('idle');
    const loading = store.load();
    expect(store.state).toBe('loading');
    await loading;
    expect(store.state).toBe('onboarding');
    expect(store.profile).toBeNull();
  });

  it('is ready with the stored profile', async () => {
    const p = profile({ name: 'Ada', role: 'Engineer', teamName: 'Analytical' });
    const store = new ProfileStore(fakeApi({ get: async () => p }));
    await store.load();
    expect(store.state).toBe('ready');
    expect(store.profile).toEqual(p);
  });

  it('fails with the AppError when reading fails', async () => {
    const store = new ProfileStore(fakeApi({ get: () => Promise.reject(new AppError('corrupt', 'The database is damaged.')) }));
    await store.load();
    expect(store.state).toBe('failed');
    expect(store.loadError).toMatchObject({ code: 'corrupt', message: 'The database is damaged.' });
  });

  it('wraps an unexpected rejection', async () => {
    const store = new ProfileStore(fakeApi({ get: () => Promise.reject('boom') }));
    await store.load();
    expect(store.loadError?.code).toBe('internal');
  });
});

describe('ProfileStore.save', () => {
  it('sends trimmed input and becomes ready', async () => {
    const api = fakeApi();
    const store = new ProfileStore(api);
    await store.load();

    const outcome = await store.save({ name: '  Ada ', role: ' Engineer', teamName: 'Analytical\n' });

    expect(api.save).toHaveBeenCalledWith({ name: 'Ada', role: 'Engineer', teamName: 'Analytical' });
    expect(outcome.ok).toBe(true);
    expect(store.state).toBe('ready');
    expect(store.profile?.name).toBe('Ada');
    expect(store.saving).toBe(false);
  });

  it('does not call Go when the input is invalid', async () => {
    const api = fakeApi();
    const store = new ProfileStore(api);
    const outcome = await store.save({ name: '   ', role: '', teamName: '' });
    expect(api.save).not.toHaveBeenCalled();
    expect(outcome).toEqual({
      ok: false,
      fieldErrors: { name: 'Please enter your name.' },
      formError: '',
    });
  });

  it('puts a Go error with a field on that field', async () => {
    const api = fakeApi({
      save: () => Promise.reject(new Error('{"code":"invalid","message":"Role is odd.","field":"role"}')),
    });
    const store = new ProfileStore(api);
    await store.load();
    const outcome = await store.save({ name: 'Ada', role: 'x', teamName: '' });
    expect(outcome).toEqual({ ok: false, fieldErrors: { role: 'Role is odd.' }, formError: '' });
    expect(store.state).toBe('onboarding');
    expect(store.saving).toBe(false);
  });

  it('puts a Go error without a known field on the form', async () => {
    const api = fakeApi({
      save: () => Promise.reject(new AppError('unwritable', 'The data folder is read-only.')),
    });
    const store = new ProfileStore(api);
    const outcome = await store.save({ name: 'Ada', role: '', teamName: '' });
    expect(outcome).toEqual({ ok: false, fieldErrors: {}, formError: 'The data folder is read-only.' });
  });

  it('ignores a second save while the first is on its way', async () => {
    let finish: (p: Profile) => void = () => {};
    const api = fakeApi({ save: vi.fn(() => new Promise<Profile>((r) => (finish = r))) });
    const store = new ProfileStore(api);
    const first = store.save({ name: 'Ada', role: '', teamName: '' });
    expect(store.saving).toBe(true);
    const second = await store.save({ name: 'Ada', role: '', teamName: '' });
    expect(second.ok).toBe(false);
    finish(profile({ name: 'Ada', role: '', teamName: '' }));
    expect((await first).ok).toBe(true);
    expect(api.save).toHaveBeenCalledTimes(1);
  });
});
