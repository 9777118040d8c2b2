import type { DataApi, DataOp, DataProgress, DataSummary, RestorePlan } from '../api/data';
import { AppError, toAppError } from '../api/errors';

/** The shortest backup passphrase, as the Go side checks it. */
const MIN_PASSPHRASE = 8;

/**
 * DataStore owns backing up, exporting and restoring the member's data:
 * where to and from, the one operation running, its progress, and how it
 * ended.
 */
export class DataStore {
  backupFile = $state('');
  exportFolder = $state('');
  /** Whether the next backup is encrypted, and with what passphrase. */
  encrypt = $state(false);
  passphrase = $state('');
  running = $state<DataOp | null>(null);
  progress = $state.raw<DataProgress | null>(null);
  done = $state.raw<{ op: DataOp; summary: DataSummary } | null>(null);
  error = $state.raw<AppError | null>(null);

  /** The backup to restore from, typed or chosen. */
  restoreFile = $state('');
  /** Whether that backup is encrypted; null until its first bytes are read. */
  restoreEncrypted = $state<boolean | null>(null);
  restorePassphrase = $state('');
  /** The backup read and checked, waiting for the member's word (the dialog shows). */
  plan = $state.raw<RestorePlan | null>(null);
  /** The data is being replaced; the page reloads next. */
  replacing = $state(false);
  /** Why the restore cannot go on; its field is "path" or "passphrase" when it is about one. */
  restoreError = $state.raw<AppError | null>(null);

  readonly #api: DataApi;
  readonly #reload: () => void;
  #started = 0;
  #inspected = '';

  /** reload starts the page again on the restored data. */
  constructor(api: DataApi, reload: () => void = () => window.location.reload()) {
    this.#api = api;
    this.#reload = reload;
  }

  /** load suggests destinations (in the home folder, by date). */
  async load(): Promise<void> {
    try {
      const d = await this.#api.defaults();
      if (!this.backupFile) this.backupFile = d.backupFile;
      if (!this.exportFolder) this.exportFolder = d.exportFolder;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** connect listens to progress while the caller lives. */
  connect(): () => void {
    return this.#api.onProgress((p) => {
      if (this.running === p.op) this.progress = p;
    });
  }

  /** Bytes per second since the operation started. */
  get rate(): number {
    const secs = (Date.now() - this.#started) / 1000;
    return this.progress && secs > 0.5 ? this.progress.bytes / secs : 0;
  }

  run(op: DataOp): Promise<boolean> {
    const target = op === 'backup' ? this.backupFile.trim() : this.exportFolder.trim();
    if (!target) {
      this.error = new AppError('invalid', `Choose where to save the ${op} first.`, op);
      return Promise.resolve(false);
    }
    if (op === 'backup' && this.encrypt && this.passphrase.length < MIN_PASSPHRASE) {
      this.error = new AppError(
        'invalid',
        `A backup passphrase needs at least ${MIN_PASSPHRASE} characters; a few words are easy to remember and hard to guess.`,
        op,
      );
      return Promise.resolve(false);
    }
    const passphrase = this.encrypt ? this.passphrase : '';
    return this.#run(op, () => (op === 'backup' ? this.#api.backup(target, passphrase) : this.#api.exportJson(target)));
  }

  /**
   * inspect reads the first bytes of the backup to restore: whether to ask
   * a passphrase, or that it is no backup. A path already looked at is not
   * read again.
   */
  async inspect(): Promise<boolean> {
    const path = this.restoreFile.trim();
    if (path === this.#inspected && this.restoreEncrypted !== null) return true;
    this.restoreEncrypted = null;
    this.#inspected = path;
    if (!path) return false;
    try {
      const f = await this.#api.inspectBackup(path);
      if (this.restoreFile.trim() !== path) return false; // changed meanwhile
      this.restoreEncrypted = f.encrypted;
      if (this.restoreError?.field !== 'passphrase') this.restoreError = null;
      return true;
    } catch (reason) {
      if (this.restoreFile.trim() !== path) return false;
      const e = toAppError(reason);
      this.restoreError = e.field ? e : new AppError(e.code, e.message, 'path');
      this.#inspected = '';
      return false;
    }
  }

  /**
   * checkRestore reads the whole backup and checks it (with progress),
   * asking the passphrase first when it is encrypted; the data is not
   * touched. The plan it returns waits for confirmRestore.
   */
  async checkRestore(): Promise<boolean> {
    if (this.running) return false;
    this.restoreError = null;
    this.done = null;
    this.error = null;
    if (!this.restoreFile.trim()) {
      this.restoreError = new AppError('invalid', 'Choose the backup file first (Browse…, or type its path).', 'path');
      return false;
    }
    if (!(await this.inspect())) return false;
    if (this.restoreEncrypted && !this.restorePassphrase) {
      this.restoreError = new AppError('invalid', 'This backup is encrypted: type its passphrase.', 'passphrase');
      return false;
    }
    this.running = 'restore';
    this.progress = null;
    this.#started = Date.now();
    try {
      this.plan = await this.#api.checkRestore(this.restoreFile.trim(), this.restoreEncrypted ? this.restorePassphrase : '');
      return true;
    } catch (reason) {
      this.restoreError = toAppError(reason);
      return false;
    } finally {
      this.running = null;
    }
  }

  /** confirmRestore replaces the data with the checked backup, then reloads the page onto it. */
  async confirmRestore(): Promise<boolean> {
    if (!this.plan || this.replacing) return false;
    this.replacing = true;
    try {
      await this.#api.restore();
      this.restorePassphrase = '';
      this.#reload();
      return true;
    } catch (reason) {
      this.restoreError = toAppError(reason);
      this.plan = null;
      this.replacing = false;
      return false;
    }
  }

  /** cancelRestore closes the confirmation; the checked backup is dropped, the data untouched. */
  cancelRestore(): void {
    if (this.replacing) return;
    this.plan = null;
    void this.#api.dropRestore().catch(() => {});
  }

  async cancel(): Promise<void> {
    await this.#api.cancel().catch(() => {});
  }

  async #run(op: DataOp, f: () => Promise<DataSummary>): Promise<boolean> {
    if (this.running) return false;
    this.running = op;
    this.progress = null;
    this.done = null;
    this.error = null;
    this.#started = Date.now();
    try {
      this.done = { op, summary: await f() };
      // The next one must not overwrite this one: suggest a new name.
      if (op === 'backup') {
        this.backupFile = '';
        this.passphrase = ''; // not kept in memory longer than needed
      } else this.exportFolder = '';
      void this.load();
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.running = null;
    }
  }
}
