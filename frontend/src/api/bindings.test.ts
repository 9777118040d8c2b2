import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { profilesApi } from './profiles';
import { askStatusEarly, shellApi } from './shell';
import { goError, installGo, profileOf, uninstallGo, type FakeGo } from '../test/fakeGo';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

describe('profilesApi', () => {
  it('get resolves null before onboarding', async () => {
    go.Get.mockResolvedValue(null);
    await expect(profilesApi.get()).resolves.toBeNull();
  });

  it('get returns a plain profile', async () => {
    go.Get.mockResolvedValue(profileOf('Ada', 'Engineer', 'Analytical'));
    await expect(profilesApi.get()).resolves.toEqual(profileOf('Ada', 'Engineer', 'Analytical'));
  });

  it('save sends exactly the input fields', async () => {
    go.Save.mockResolvedValue(profileOf('Ada'));
    await profilesApi.save({ name: 'Ada', role: 'R', teamName: 'T' });
    expect(go.Save).toHaveBeenCalledTimes(1);
    expect({ ...(go.Save.mock.calls[0][0] as object) }).toEqual({ name: 'Ada', role: 'R', teamName: 'T' });
  });

  it('save rejects with a parsed AppError', async () => {
    go.Save.mockRejectedValue(goError('invalid', 'Too long.', 'teamName'));
    const err = await profilesApi.save({ name: 'Ada', role: '', teamName: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'invalid', message: 'Too long.', field: 'teamName' });
  });
});

describe('shellApi', () => {
  it('status copies the fields', async () => {
    go.Status.mockResolvedValue({ ok: false, code: 'unwritable', message: 'No.', dataDir: '/d' });
    await expect(shellApi.status()).resolves.toEqual({
      ok: false,
      code: 'unwritable',
      message: 'No.',
      dataDir: '/d',
      mediaBase: '',
      saved: null,
      restored: null,
      profile: null,
      profileRead: false,
      prefs: { recoveryLaterUntil: '', sidebarCollapsed: false, zoom: 1 },
    });
    go.Status.mockResolvedValue({
      ok: true,
      dataDir: '/d',
      mediaBase: 'http://127.0.0.1:5/t',
      saved: { logId: 4, kind: 'audio', durationMs: 9000 },
      restored: { from: '/b.tar', createdAt: '2026-11-20T17:45:00Z', files: 3, bytes: 9, aside: '/d-before-restore-2026-11-23-0930' },
    });
    await expect(shellApi.status()).resolves.toMatchObject({
      mediaBase: 'http://127.0.0.1:5/t',
      saved: { logId: 4, kind: 'audio', durationMs: 9000 },
      restored: { from: '/b.tar', files: 3, aside: '/d-before-restore-2026-11-23-0930' },
    });
  });

  it('the status asked early is the first one status() returns; the next asks again', async () => {
    go.Status.mockResolvedValueOnce({ ok: true, dataDir: '/early' }).mockResolvedValue({ ok: true, dataDir: '/later' });
    askStatusEarly();
    askStatusEarly(); // asked once
    expect(go.Status).toHaveBeenCalledTimes(1);
    await expect(shellApi.status()).resolves.toMatchObject({ ok: true, dataDir: '/early' });
    expect(go.Status).toHaveBeenCalledTimes(1);
    await expect(shellApi.status()).resolves.toMatchObject({ dataDir: '/later' });
    expect(go.Status).toHaveBeenCalledTimes(2);
  });

  it('a failed early status is reported by status(), as a call would be', async () => {
    go.Status.mockRejectedValueOnce(goError('unavailable', 'Not yet.'));
    askStatusEarly();
    await expect(shellApi.status()).rejects.toMatchObject({ code: 'unavailable', message: 'Not yet.' });
  });

  it('info copies the fields', async () => {
    go.Info.mockResolvedValue({ version: '1.2.3', commit: 'abc1234', dataDir: '/d' });
    await expect(shellApi.info()).resolves.toEqual({ version: '1.2.3', commit: 'abc1234', dataDir: '/d' });
  });
});
