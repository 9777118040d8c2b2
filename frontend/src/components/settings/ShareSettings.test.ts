import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { installGo, uninstallGo, type FakeGo } from '../../test/fakeGo';
import ShareSettings from './ShareSettings.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

describe('Sharing settings', () => {
  it('says where the S3 secret key is kept', async () => {
    go.team.Settings.mockResolvedValue({
      shareNewLogs: true,
      syncMinutes: 5,
      budgetMb: 2048,
      hasS3Keys: true,
      secretPlace: 'the S3 secret key is kept in the system keychain',
      recoverySaved: '',
    });
    render(ShareSettings, { team: createStores().team });
    expect((await screen.findByText(/S3 keys: the S3 secret key is kept in the system keychain/)).id).toBe('share-secret-place');
  });
});
