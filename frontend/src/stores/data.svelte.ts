import type { DataApi, DataOp, DataProgress, DataSummary } from '../api/data';
import { AppError, toAppError } from '../api/errors';

/** The shortest backup passphrase, as the Go side checks it. */
const MIN_PASSPHRASE = 8;

/**
 * DataStore owns backing up and exporting the member's data: where to,
 * the one operation running, its progress, and how it ended.
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

  readonly #api: DataApi;
  #started = 0;

  constructor(api: DataApi) {
    this.#api = api;
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
      this.error = new AppError('invalid', `A backup passphrase needs at least ${MIN_PASSPHRASE} characters; a few words are easy to remember and hard to guess.`, op);
      return Promise.resolve(false);
    }
    const passphrase = this.encrypt ? this.passphrase : '';
    return this.#run(op, () => (op === 'backup' ? this.#api.backup(target, passphrase) : this.#api.exportJson(target)));
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
