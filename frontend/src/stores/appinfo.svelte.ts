import { toAppError, type AppError } from '../api/errors';
import type { AppInfo, ShellApi } from '../api/shell';

/** AppInfoStore owns facts about the installation: version and data folder. */
export class AppInfoStore {
  info = $state.raw<AppInfo | null>(null);
  error = $state.raw<AppError | null>(null);
  loading = $state(false);

  readonly #api: ShellApi;

  constructor(api: ShellApi) {
    this.#api = api;
  }

  /** load fetches once; they do not change while the app runs. */
  async load(): Promise<void> {
    if (this.info || this.loading) return;
    this.loading = true;
    this.error = null;
    try {
      this.info = await this.#api.info();
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.loading = false;
    }
  }
}
