import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../../stores';
import { goError, installGo, uninstallGo, type FakeGo } from '../../test/fakeGo';
import DataSettings from './DataSettings.svelte';

let go: FakeGo;
beforeEach(() => {
  go = installGo();
});
afterEach(uninstallGo);

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

describe('Your data', () => {
  it('backs up to the suggested file with progress, then suggests a new name', async () => {
    let finish: (v: unknown) => void = () => {};
    go.data.Backup.mockImplementation(() => new Promise((r) => (finish = r)));
    const stores = createStores();
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    await waitFor(() => expect(byId<HTMLInputElement>('data-backup-file').value).toBe('/home/ada/PeerPlayPay-backup.tar'));

    await user.click(byId('data-backup'));
    expect(go.data.Backup).toHaveBeenCalledWith('/home/ada/PeerPlayPay-backup.tar', '');
    expect(byId('data-backup-plain').textContent).toMatch(/identity key in plain form/);
    go.emit('data:progress', { op: 'backup', phase: 'copying', files: 1, totalFiles: 3, bytes: 4_000_000, totalBytes: 8_000_000 });
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText(/Copying: 1 of 3 files, 4\.0 MB of 8\.0 MB/)).toBeTruthy();
    expect(byId('data-backup').getAttribute('aria-disabled')).toBe('true');

    finish({ path: '/home/ada/PeerPlayPay-backup.tar', files: 3, bytes: 8_000_000 });
    await waitFor(() => expect(byId('data-done').textContent).toMatch(/Backup finished: 3 files, 8\.0 MB.*checked and sound/s));
    expect(go.data.Defaults).toHaveBeenCalledTimes(2);
  });

  it('encrypts with a passphrase, and warns when a backup is not encrypted', async () => {
    const stores = createStores();
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    await waitFor(() => expect(byId<HTMLInputElement>('data-backup-file').value).toBe('/home/ada/PeerPlayPay-backup.tar'));

    await user.click(byId('data-backup'));
    await waitFor(() => expect(byId('data-unprotected').textContent).toMatch(/not encrypted and holds your team identity key/));

    await user.click(byId('data-backup-encrypt'));
    await user.type(byId('data-backup-passphrase'), 'short');
    await user.click(byId('data-backup'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/at least 8 characters/);
    expect(go.data.Backup).toHaveBeenCalledTimes(1);

    await user.type(byId('data-backup-passphrase'), ' but fine now');
    await user.click(byId('data-backup'));
    await waitFor(() => expect(byId('data-done').textContent).toMatch(/Encrypted with your passphrase/));
    expect(go.data.Backup).toHaveBeenLastCalledWith(expect.stringContaining('PeerPlayPay-backup'), 'short but fine now');
    expect(document.getElementById('data-unprotected')).toBeNull();
    expect(byId<HTMLInputElement>('data-backup-passphrase').value).toBe('');
  });

  it('says what went wrong, and cancels on request', async () => {
    go.data.Export.mockRejectedValue(goError('conflict', 'The folder /home/ada/export is not empty; export into a new or empty folder so nothing is overwritten.'));
    const stores = createStores();
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    await waitFor(() => expect(byId<HTMLInputElement>('data-export-folder').value).toBe('/home/ada/export'));
    await user.click(byId('data-export'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/is not empty/);

    go.data.Backup.mockImplementation(() => new Promise(() => {}));
    await user.click(byId('data-backup'));
    await user.click(await waitFor(() => byId('data-cancel')));
    expect(go.data.Cancel).toHaveBeenCalled();
  });
});

describe('paths: typed or chosen', () => {
  it('Browse fills the path from the system’s dialog, starting from what is typed', async () => {
    go.dialogs.Choose.mockResolvedValue('/media/usb/monday.tar');
    const stores = createStores();
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    const file = byId<HTMLInputElement>('data-backup-file');
    await waitFor(() => expect(file.value).toBe('/home/ada/PeerPlayPay-backup.tar'));

    const browse = screen.getByRole('button', { name: 'Browse: Back up to this file' });
    await user.click(browse);
    expect(go.dialogs.Choose).toHaveBeenCalledWith('backup', '/home/ada/PeerPlayPay-backup.tar');
    await waitFor(() => expect(file.value).toBe('/media/usb/monday.tar'));
    expect(document.activeElement).toBe(file);
    await user.click(byId('data-backup'));
    expect(go.data.Backup).toHaveBeenCalledWith('/media/usb/monday.tar', '');

    // The export asks for a folder.
    await user.click(screen.getByRole('button', { name: 'Browse: Export to this folder' }));
    expect(go.dialogs.Choose).toHaveBeenLastCalledWith('export', '/home/ada/export');
  });

  it('a cancelled dialog keeps the typed path, and a typed path still works', async () => {
    go.dialogs.Choose.mockResolvedValue('');
    const stores = createStores();
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    const folder = byId<HTMLInputElement>('data-export-folder');
    await waitFor(() => expect(folder.value).toBe('/home/ada/export'));
    await user.clear(folder);
    await user.type(folder, '/srv/typed/export');
    await user.click(byId('data-export-folder-browse'));
    await waitFor(() => expect(go.dialogs.Choose).toHaveBeenCalledWith('export', '/srv/typed/export'));
    expect(folder.value).toBe('/srv/typed/export');
    await user.click(byId('data-export'));
    expect(go.data.Export).toHaveBeenCalledWith('/srv/typed/export');
  });

  it('says what to do when no dialog can open', async () => {
    go.dialogs.Choose.mockRejectedValue(goError('unavailable', 'No file dialog is available here; type the path instead.'));
    const stores = createStores();
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    await user.click(byId('data-backup-file-browse'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/type the path instead/);
  });
});
