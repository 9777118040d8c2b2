import { AppError, toAppError } from '../api/errors';
import type { JoinRequest, RecoveryKey, ShareSettings, ShareUsage, SyncDone, SyncProgress, TeamApi, TeamStatus } from '../api/team';

/** Outcome of an action in a form: ok, or what to show where. */
export type TeamOutcome = { ok: true } | { ok: false; field: string; message: string };

/**
 * TeamStore owns the team share as the window shows it: the status (works
 * offline), join requests, a running sync's progress and
 * how the last one ended, the share's settings and the recovery key.
 */
export class TeamStore {
  status = $state.raw<TeamStatus | null>(null);
  requests = $state.raw<JoinRequest[]>([]);
  progress = $state.raw<SyncProgress | null>(null);
  lastDone = $state.raw<SyncDone | null>(null);
  settings = $state.raw<ShareSettings | null>(null);
  recovery = $state.raw<RecoveryKey | null>(null);
  error = $state.raw<AppError | null>(null);
  busy = $state('');

  readonly #api: TeamApi;
  #lastDoneRun = 0;

  constructor(api: TeamApi) {
    this.#api = api;
  }

  get syncing(): boolean {
    return this.status?.syncing === true || this.progress !== null;
  }

  /** connect hears syncs (started here, on a timer, or after a save). */
  connect(): () => void {
    const offs = [
      this.#api.onProgress((p) => {
        if (p.run > this.#lastDoneRun) this.progress = p;
      }),
      this.#api.onDone((d) => {
        this.#lastDoneRun = Math.max(this.#lastDoneRun, d.run);
        this.progress = null;
        this.lastDone = d;
        void this.load();
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  async load(): Promise<void> {
    try {
      const st = await this.#api.status();
      this.status = st;
      this.error = null;
      if (st.state === 'member') this.requests = await this.#api.requests().catch(() => this.requests);
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async loadSettings(): Promise<void> {
    try {
      this.settings = await this.#api.settings();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async #act(name: string, f: () => Promise<unknown>): Promise<TeamOutcome> {
    if (this.busy) return { ok: false, field: '', message: '' };
    this.busy = name;
    this.error = null;
    try {
      await f();
      await this.load();
      return { ok: true };
    } catch (reason) {
      const err = toAppError(reason);
      return { ok: false, field: err.field, message: err.message };
    } finally {
      this.busy = '';
    }
  }

  create(location: string, teamName: string, accessKey = '', secretKey = ''): Promise<TeamOutcome> {
    if (!location.trim()) return Promise.resolve({ ok: false, field: 'location', message: 'Enter a folder or an s3:// address.' });
    return this.#act('create', () => this.#api.create(location.trim(), teamName.trim(), accessKey, secretKey));
  }

  /** invite is the invitation a member sent: the code, or their whole line, which also carries the location. */
  join(location: string, invite: string, accessKey = '', secretKey = ''): Promise<TeamOutcome> {
    if (!invite.trim()) {
      return Promise.resolve({
        ok: false,
        field: 'invite',
        message: 'Paste the invitation a member sent you; a member finds it in their Team area (or runs `peerplaypay team invite`).',
      });
    }
    if (!location.trim() && !/\bjoin\s+\S/.test(invite)) {
      return Promise.resolve({ ok: false, field: 'location', message: 'Enter the share’s location the team gave you.' });
    }
    return this.#act('join', () => this.#api.join(location.trim(), invite.trim(), accessKey, secretKey));
  }

  leave(): Promise<TeamOutcome> {
    return this.#act('leave', () => this.#api.leave());
  }

  approve(id: string, code: string): Promise<TeamOutcome> {
    if (code.replace(/\D/g, '').length !== 8) {
      return Promise.resolve({ ok: false, field: 'code', message: 'The safety code has 8 digits; ask the newcomer to read it out.' });
    }
    return this.#act('approve:' + id, () => this.#api.approve(id, code));
  }

  refuse(id: string): Promise<TeamOutcome> {
    return this.#act('refuse:' + id, () => this.#api.refuse(id));
  }

  remove(id: string): Promise<TeamOutcome> {
    return this.#act('remove:' + id, () => this.#api.remove(id));
  }

  async sync(): Promise<void> {
    this.error = null;
    // Set before asking: a short sync's "done" can arrive before the
    // answer to this call, and must find something to clear.
    this.progress ??= { run: 0, phase: 'starting', files: 0, totalFiles: 0, bytes: 0, totalBytes: 0, rate: 0, etaSeconds: 0 };
    try {
      await this.#api.sync(); // false: one runs already; its end clears the bar too
    } catch (reason) {
      this.progress = null;
      this.error = toAppError(reason);
    }
  }

  async cancel(): Promise<void> {
    await this.#api.cancelSync().catch(() => {});
  }

  async loadRecovery(): Promise<void> {
    try {
      this.recovery = await this.#api.recoveryKey();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** The share's size as last measured; null until measured. */
  usage = $state.raw<ShareUsage | null>(null);
  usageError = $state.raw<AppError | null>(null);
  measuring = $state(false);

  /** measureUsage lists the share (nothing is downloaded) for a retention of months (-1: the team's). */
  async measureUsage(months = -1): Promise<void> {
    if (this.measuring) return;
    this.measuring = true;
    try {
      this.usage = await this.#api.usage(months);
      this.usageError = null;
    } catch (reason) {
      this.usageError = toAppError(reason);
    } finally {
      this.measuring = false;
    }
  }

  async saveRecovery(path: string): Promise<TeamOutcome> {
    try {
      await this.#api.saveRecoveryKey(path.trim());
      await this.loadSettings();
      return { ok: true };
    } catch (reason) {
      const err = toAppError(reason);
      return { ok: false, field: err.field || 'path', message: err.message };
    }
  }

  async importKey(text: string): Promise<TeamOutcome> {
    try {
      await this.#api.importKey(text);
      await this.loadRecovery();
      await this.load();
      return { ok: true };
    } catch (reason) {
      const err = toAppError(reason);
      return { ok: false, field: 'key', message: err.message };
    }
  }

  async saveSettings(s: ShareSettings): Promise<TeamOutcome> {
    try {
      this.settings = await this.#api.saveSettings(s);
      return { ok: true };
    } catch (reason) {
      const err = toAppError(reason);
      return { ok: false, field: err.field, message: err.message };
    }
  }
}
