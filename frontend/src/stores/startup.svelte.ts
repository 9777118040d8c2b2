import { GENERIC_MESSAGE, toAppError, type AppError } from '../api/errors';
import type { Profile } from '../api/profiles';
import type { SavedOnClose, ShellApi, UIPrefs } from '../api/shell';
import type { RestoreNotice } from '../api/data';

export type StartupState = 'checking' | 'ok' | 'failed';

/** Why the app cannot be used right now, in words for the member. */
export interface StartupProblem {
  code: string;
  message: string;
  dataDir: string;
}

/**
 * StartupStore owns the answer to "can the app run?": Go's startup status
 * (data folder writable, database sound), and any later failure that stops
 * the app before it is usable, such as the profile not loading.
 */
export class StartupStore {
  state = $state<StartupState>('checking');
  problem = $state.raw<StartupProblem | null>(null);
  /** True while a check runs; the error screen stays up during a retry. */
  busy = $state(false);
  /** How many checks have run, so a retry that fails again can say so. */
  attempts = $state(0);
  dataDir = $state('');
  /** Where recordings play from (see api/media). */
  mediaBase = '';
  /** A recording the last run saved as it closed; the shell tells once. */
  saved = $state.raw<SavedOnClose | null>(null);
  /** What the restore just done put in place; the shell tells once. */
  restored = $state.raw<RestoreNotice | null>(null);
  /** The window's kept choices, for the shell to start from. */
  prefs: UIPrefs = { sidebarCollapsed: false, recoveryLaterUntil: '', zoom: 1 };
  /** The profile as the status gave it, when it could be read. */
  profile: { value: Profile | null } | null = null;

  readonly #api: ShellApi;

  constructor(api: ShellApi) {
    this.#api = api;
  }

  /** check asks Go for the startup status; true when the app may go on. */
  async check(): Promise<boolean> {
    this.busy = true;
    this.attempts += 1;
    try {
      const s = await this.#api.status();
      this.dataDir = s.dataDir;
      if (s.ok) {
        this.mediaBase = s.mediaBase;
        if (s.saved) this.saved = s.saved;
        if (s.restored) this.restored = s.restored;
        if (s.prefs) this.prefs = s.prefs;
        this.profile = s.profileRead ? { value: s.profile } : null;
        this.problem = null;
        this.state = 'ok';
        return true;
      }
      this.problem = {
        code: s.code || 'internal',
        message: s.message || GENERIC_MESSAGE,
        dataDir: s.dataDir,
      };
    } catch (reason) {
      const err = toAppError(reason);
      this.problem = { code: err.code, message: err.message, dataDir: this.dataDir };
    } finally {
      this.busy = false;
    }
    this.state = 'failed';
    return false;
  }

  #readySent = false;

  /**
   * announceReady tells Go, once, that the first screen the member can act
   * on is showing. It is only a measurement, so a failure is ignored.
   */
  announceReady(): void {
    if (this.#readySent) return;
    this.#readySent = true;
    this.#api.ready().catch(() => {});
  }

  /** fail shows the error screen for a failure found after a good status. */
  fail(err: AppError): void {
    this.problem = { code: err.code, message: err.message, dataDir: this.dataDir };
    this.state = 'failed';
  }
}
