import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { growthApi, toFramework, toSession } from './growth';
import { goError, installGo, uninstallGo, type FakeGo } from '../test/fakeGo';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

describe('growthApi', () => {
  it('gives every field whatever Go leaves out', async () => {
    go.growth.CurrentSession.mockResolvedValue({
      id: 3,
      answers: null,
      startedAt: '2026-11-23T09:00:00Z',
      finishedAt: '0001-01-01T00:00:00Z',
    });
    expect(await growthApi.currentSession()).toEqual({
      id: 3,
      uid: '',
      frameworkId: '',
      frameworkVersion: 0,
      startedAt: '2026-11-23T09:00:00Z',
      finishedAt: '',
      day: '',
      answers: [],
      shared: false,
    });
    go.growth.Sessions.mockResolvedValue(null);
    expect(await growthApi.sessions()).toEqual([]);
    go.growth.ExportFramework.mockResolvedValue('');
    expect(await growthApi.exportFramework()).toBe('');
    go.growth.Settings.mockResolvedValue({});
    expect(await growthApi.settings()).toEqual({ reflectionMinutes: 30 });
  });

  it('keeps a framework item at five level lines and a known source', () => {
    const f = toFramework({ source: 'elsewhere', groups: [{ id: 'g', name: 'G', items: [{ id: 'i', name: 'I', levels: ['a', 'b'] }] }] });
    expect(f.source).toBe('default');
    expect(f.groups[0].items[0].levels).toEqual(['a', 'b', '', '', '']);
    expect(toSession(null).answers).toEqual([]);
  });

  it('passes the arguments through and turns failures into AppError', async () => {
    await growthApi.tick(4, '2026-11-23', true);
    expect(go.growth.Tick).toHaveBeenCalledWith(4, '2026-11-23', true);
    await growthApi.notify('Reflection time is up', 'Well done.');
    expect(go.growth.Notify).toHaveBeenCalledWith('Reflection time is up', 'Well done.');
    go.growth.ImportFramework.mockRejectedValue(goError('invalid', 'line 3: a group needs a name'));
    const err = await growthApi.importFramework().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'invalid', message: 'line 3: a group needs a name' });
  });

  it('completes teammates\u2019 summaries and passes share and take-back through', async () => {
    go.growth.TeamSummaries.mockResolvedValue([{ member: 'bob', day: '2026-11-20', levels: [{ itemId: 'x', level: 4 }, null] }, null]);
    expect(await growthApi.teamSummaries()).toEqual([
      {
        member: 'bob',
        memberName: '',
        uid: '',
        day: '2026-11-20',
        frameworkId: '',
        frameworkVersion: 0,
        frameworkName: '',
        levels: [
          { itemId: 'x', itemName: '', groupId: '', groupName: '', level: 4 },
          { itemId: '', itemName: '', groupId: '', groupName: '', level: 0 },
        ],
      },
      { member: '', memberName: '', uid: '', day: '', frameworkId: '', frameworkVersion: 0, frameworkName: '', levels: [] },
    ]);
    go.growth.TeamSummaries.mockResolvedValue(null);
    expect(await growthApi.teamSummaries()).toEqual([]);
    go.growth.ShareSession.mockResolvedValue({ id: 2, shared: true });
    expect((await growthApi.shareSession(2)).shared).toBe(true);
    expect(go.growth.ShareSession).toHaveBeenCalledWith(2);
    go.growth.UnshareSession.mockRejectedValue(goError('not_found', 'There is no assessment session 9; it may have been discarded.'));
    expect(await growthApi.unshareSession(9).catch((e: unknown) => e)).toMatchObject({ code: 'not_found' });
  });
});
