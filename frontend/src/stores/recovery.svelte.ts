import { toAppError, type AppError } from '../api/errors';
import type { LogEntry, LogsApi } from '../api/logs';

/**
 * RecoveryStore owns what start-up found of recordings an earlier run left
 * unfinished (the app was killed, the laptop lost power): the repaired ones
 * wait for the member to keep or discard them; the rest are problems to read.
 */
export class RecoveryStore {
  logs = $state.raw<LogEntry[]>([]);
  problems = $state.raw<string[]>([]);
  error = $state.raw<AppError | null>(null);
  /** The log a Keep or Discard is on its way for; 0 for none. */
  busyId = $state(0);

  /** Called after a log was kept or discarded (the list of logs changes). */
  onchanged: () => void = () => {};
  /** Called with the log as it is once kept (no longer "recovered"). */
  onkept: (log: LogEntry) => void = () => {};

  readonly #api: LogsApi;
  #loaded = false;

  constructor(api: LogsApi) {
    this.#api = api;
  }

  get visible(): boolean {
    return this.logs.length > 0 || this.problems.length > 0;
  }

  /** load asks once per run: what start-up found does not change. */
  async load(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    try {
      const v = await this.#api.recovery();
      this.logs = v.logs;
      this.problems = v.problems;
    } catch (reason) {
      this.#loaded = false;
      this.error = toAppError(reason);
    }
  }

  keep(id: number): Promise<boolean> {
    return this.#decide(id, async () => this.onkept(await this.#api.keep(id)));
  }

  discard(id: number): Promise<boolean> {
    return this.#decide(id, () => this.#api.delete(id));
  }

  /** forget drops a log decided elsewhere (deleted from Logs). */
  forget(id: number): void {
    this.logs = this.logs.filter((l) => l.id !== id);
  }

  dismissProblems(): void {
    this.problems = [];
    this.error = null;
  }

  async #decide(id: number, action: () => Promise<unknown>): Promise<boolean> {
    if (this.busyId) return false;
    this.busyId = id;
    this.error = null;
    try {
      await action();
      this.forget(id);
      this.onchanged();
      return true;
    } catch (reason) {
      const err = toAppError(reason);
      if (err.code === 'not_found') {
        // Already gone: nothing left to decide.
        this.forget(id);
        return true;
      }
      this.error = err;
      return false;
    } finally {
      this.busyId = 0;
    }
  }
}
