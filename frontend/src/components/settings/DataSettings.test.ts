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
    go.data.Export.mockRejectedValue(
      goError('conflict', 'The folder /home/ada/export is not empty; export into a new or empty folder so nothing is overwritten.'),
    );
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

describe('restore from a backup', () => {
  function setup() {
    let reloads = 0;
    const stores = createStores({ reload: () => reloads++ });
    const user = userEvent.setup();
    render(DataSettings, { data: stores.data });
    return { stores, user, reloads: () => reloads };
  }

  it('chooses the backup with the dialog, asks the passphrase only of an encrypted one, and confirms before replacing', async () => {
    go.dialogs.Choose.mockResolvedValue('/media/usb/monday.tar');
    go.data.InspectBackup.mockImplementation(async (path: string) => ({ path, encrypted: true }));
    const { user, reloads } = setup();
    expect(byId('data-restore-passphrase')).toBeNull();

    await user.click(byId('data-restore-file-browse'));
    expect(go.dialogs.Choose).toHaveBeenCalledWith('restore', '');
    await waitFor(() => expect(byId<HTMLInputElement>('data-restore-file').value).toBe('/media/usb/monday.tar'));
    // Encrypted: the passphrase is asked once the file is known, not before.
    const pass = await waitFor(() => byId<HTMLInputElement>('data-restore-passphrase') ?? Promise.reject(new Error('no passphrase field')));
    expect(go.data.InspectBackup).toHaveBeenCalledWith('/media/usb/monday.tar');

    // Without it, the form says so at the field, and reads nothing.
    await user.click(byId('data-restore'));
    expect(byId('data-restore-passphrase-error').textContent).toMatch(/encrypted: type its passphrase/);
    expect(document.activeElement).toBe(pass);
    expect(go.data.CheckRestore).not.toHaveBeenCalled();

    // A wrong passphrase: Go's words at the field; nothing replaced, no dialog.
    go.data.CheckRestore.mockRejectedValueOnce(
      goError(
        'invalid',
        'The passphrase does not open this backup; nothing was restored. Check it (letters, spaces and case count) and try again.',
        'passphrase',
      ),
    );
    await user.type(pass, 'wrong words here');
    await user.click(byId('data-restore'));
    await waitFor(() => expect(byId('data-restore-passphrase-error').textContent).toMatch(/does not open this backup/));
    expect(document.getElementById('restore-dialog')).toBeNull();
    expect(go.data.Restore).not.toHaveBeenCalled();

    // The right one: progress while the backup is read and checked, then the question.
    let finish: (v: unknown) => void = () => {};
    go.data.CheckRestore.mockImplementationOnce(
      (path: string) =>
        new Promise(
          (r) =>
            (finish = () =>
              r({
                path,
                createdAt: '2026-11-20T17:45:00Z',
                files: 3,
                bytes: 12_000_000,
                encrypted: true,
                dataDir: '/d',
                aside: '/d-before-restore-2026-11-23-0930',
              })),
        ),
    );
    await user.clear(pass);
    await user.type(pass, 'correct horse battery');
    await user.click(byId('data-restore'));
    expect(go.data.CheckRestore).toHaveBeenLastCalledWith('/media/usb/monday.tar', 'correct horse battery');
    go.emit('data:progress', { op: 'restore', phase: 'restoring', files: 2, totalFiles: 0, bytes: 6_000_000, totalBytes: 12_000_000 });
    expect((await screen.findByRole('progressbar')).getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByText(/Reading and checking the backup: 2 files, 6\.0 MB of about 12 MB/)).toBeTruthy();
    expect(byId('data-restore').getAttribute('aria-disabled')).toBe('true');
    finish(null);

    const dialog = await waitFor(() => byId('restore-dialog') ?? Promise.reject(new Error('no dialog')));
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.textContent).toMatch(/3 files, 12 MB\) takes\s+the place of everything/);
    expect(byId('restore-aside').textContent).toBe('/d-before-restore-2026-11-23-0930');
    // Keyboard: the safe answer has the focus; Tab reaches the other.
    expect(document.activeElement?.id).toBe('restore-cancel');
    await user.tab();
    expect(document.activeElement?.id).toBe('restore-confirm');
    expect(go.data.Restore).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(reloads()).toBe(1));
    expect(go.data.Restore).toHaveBeenCalledTimes(1);
    expect(go.data.DropRestore).not.toHaveBeenCalled();
  });

  it('Esc or Keep my data closes the question and drops the checked backup; the data stays', async () => {
    const { user, reloads } = setup();
    await user.type(byId('data-restore-file'), '/home/ada/monday.tar');
    await user.click(byId('data-restore'));
    await waitFor(() => expect(byId('restore-dialog')).toBeTruthy());
    expect(go.data.CheckRestore).toHaveBeenCalledWith('/home/ada/monday.tar', '');
    expect(byId('data-restore-passphrase')).toBeNull();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(byId('restore-dialog')).toBeNull());
    expect(go.data.DropRestore).toHaveBeenCalledTimes(1);

    await user.click(byId('data-restore'));
    await waitFor(() => expect(byId('restore-dialog')).toBeTruthy());
    await user.click(byId('restore-cancel'));
    await waitFor(() => expect(byId('restore-dialog')).toBeNull());
    expect(go.data.DropRestore).toHaveBeenCalledTimes(2);
    expect(go.data.Restore).not.toHaveBeenCalled();
    expect(reloads()).toBe(0);
  });

  it('says what is wrong with the file, the backup or the moment, and what to do', async () => {
    const { user, reloads } = setup();
    // Nothing chosen.
    await user.click(byId('data-restore'));
    expect(byId('data-restore-file-error').textContent).toMatch(/Choose the backup file first/);

    // Not a backup: told from its first bytes, at the path.
    go.data.InspectBackup.mockRejectedValueOnce(
      goError('invalid', '/home/ada/notes.pdf is not a PeerPlayPay backup. Choose the .tar file that Back up wrote.'),
    );
    await user.type(byId('data-restore-file'), '/home/ada/notes.pdf');
    await waitFor(() => expect(byId('data-restore-file-error')?.textContent).toMatch(/is not a PeerPlayPay backup/));
    expect(byId('data-restore-file').getAttribute('aria-invalid')).toBe('true');

    // Damaged: said for the whole form.
    go.data.CheckRestore.mockRejectedValueOnce(
      goError(
        'corrupt',
        'The backup is damaged: peerplaypay.db does not match its checksum. Nothing was restored from it; use another copy.',
      ),
    );
    await user.clear(byId('data-restore-file'));
    await user.type(byId('data-restore-file'), '/home/ada/damaged.tar');
    await user.click(byId('data-restore'));
    await waitFor(() => expect(byId('data-restore-error').textContent).toMatch(/damaged.*use another copy/));
    expect(byId('data-restore-file-error')).toBeNull();

    // A recording in progress when confirming: the question closes and says why.
    go.data.Restore.mockRejectedValueOnce(
      goError('conflict', 'A recording is in progress. Stop it first (it is saved), then restore; the checked backup waits.'),
    );
    await user.click(byId('data-restore'));
    await user.click(await waitFor(() => byId('restore-confirm') ?? Promise.reject(new Error('no dialog'))));
    await waitFor(() => expect(byId('data-restore-error').textContent).toMatch(/A recording is in progress\. Stop it first/));
    expect(byId('restore-dialog')).toBeNull();
    expect(reloads()).toBe(0);
  });
});
