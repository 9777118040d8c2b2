import { AppError, toAppError } from '../api/errors';
import type { Unsubscribe } from '../api/events';
import type { LogEntry, LogTable, LogsApi } from '../api/logs';
import type { RecordingApi, RecordingState, RecordingStopped } from '../api/recording';
import {
  emptyTable,
  isTableEmpty,
  isTableField,
  normalizeTable,
  tableOf,
  tablesEqual,
  validateTable,
  type TableErrors,
  type TableField,
} from '../domain/logTable';
import { formatLimit, remainingMs } from '../domain/format';

/**
 * idle: nothing runs; starting: Start is on its way; recording: it runs
 * (maybe paused); stopping: it is ending and the table is being saved.
 */
export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'stopping';

/** How the last log came about, for the confirmation under the recorder. */
export type FinishedHow = 'stopped' | 'limit' | 'failed' | 'text';

export interface Finished {
  log: LogEntry;
  how: FinishedHow;
  /** Why a recording ended early (a device failed); "" otherwise. */
  reason: string;
  /** The limit a recording reached, in words ("5-minute"); "" otherwise. */
  limit: string;
  /** Why the table could not be saved with the log; "" when it was. */
  tableError: string;
}

/** Pause after the last keystroke before the table is saved mid-recording. */
export const AUTOSAVE_MS = 1500;

/**
 * How long the review after Stop (play it back, discard, record again) is
 * offered, unless the member does something else first. Long enough to
 * decide, short enough that a kept recording is simply kept.
 */
export const REVIEW_MS = 10_000;

/** The recording just made, while it may still be played back, discarded or made again. */
export interface Review {
  log: LogEntry;
  /** The table saved with it: it comes back to the form when the recording is discarded. */
  table: LogTable;
  /** Discard or Record again is on its way. */
  busy: boolean;
}

/** How long Stop waits for the stopped event when Go says nothing runs. */
export const STOP_GRACE_MS = 3000;

type KeyLike = Pick<KeyboardEvent, 'code' | 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * recorderShortcut maps Ctrl+Shift+R (record / stop) and Ctrl+Shift+P
 * (pause / resume), ⌘ instead of Ctrl on macOS. Never a bare key: the
 * member types into the table while recording.
 */
export function recorderShortcut(e: KeyLike): 'record' | 'pause' | null {
  if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey) return null;
  const letter = /^Key([A-Z])$/.exec(e.code ?? '')?.[1] ?? (e.key ?? '').toUpperCase();
  if (letter === 'R') return 'record';
  if (letter === 'P') return 'pause';
  return null;
}

/**
 * RecordingStore owns the stand-up recorder: the table the member fills in
 * (before, during or after recording), the running recording as Go reports
 * it, and how the last recording ended. It listens to Go's recording events
 * for as long as connect's caller lives, so a recording that reaches its
 * time limit while the member looks at another area still ends properly.
 */
export class RecordingStore {
  phase = $state<RecorderPhase>('idle');
  /** The running recording, from Start and every progress event. */
  status = $state.raw<RecordingState | null>(null);
  /** The table being filled in; deep state so inputs can bind to it. */
  table = $state<LogTable>(emptyTable());
  tableErrors = $state<TableErrors>({});
  /** The last failure, shown near the buttons. */
  error = $state.raw<AppError | null>(null);
  finished = $state.raw<Finished | null>(null);
  /** Pause/Resume is on its way. */
  toggling = $state(false);
  savingText = $state(false);
  /** The recording just made, offered for review; null once kept or discarded. */
  review = $state.raw<Review | null>(null);
  /** The last recording was discarded (and its table put back): said once under the recorder. */
  discarded = $state(false);

  readonly #api: RecordingApi;
  readonly #logs: LogsApi;
  /** Logs whose end was handled, by Stop or by the event, whichever came first. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
  readonly #ended = new Set<number>();
  #stopRequested = 0;
  /** The recording this page started; its table is this page's to save. */
  #owned = 0;
  /** The member edited the table since the recording started or was adopted. */
  #tableDirty = false;
  #autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  #autosaving: Promise<void> = Promise.resolve();
  #reviewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: RecordingApi, logs: LogsApi) {
    this.#api = api;
    this.#logs = logs;
  }

  get active(): boolean {
    return this.phase === 'recording' || this.phase === 'stopping';
  }

  get paused(): boolean {
    return this.status?.paused === true;
  }

  get elapsedMs(): number {
    return this.status?.elapsedMs ?? 0;
  }

  get maxMs(): number {
    return this.status?.maxMs ?? 0;
  }

  get remainingMs(): number {
    return remainingMs(this.elapsedMs, this.maxMs);
  }

  get level(): number {
    return this.status?.paused ? 0 : (this.status?.level ?? 0);
  }

  /**
   * connect listens to Go's recording events and picks up a recording that
   * already runs (the page was reloaded). It returns the matching off.
   */
  connect(): Unsubscribe {
    const offProgress = this.#api.onProgress((s) => this.#progress(s));
    const offStopped = this.#api.onStopped((s) => void this.#stopped(s));
    void this.sync();
    return () => {
      offProgress();
      offStopped();
      clearTimeout(this.#autosaveTimer);
      clearTimeout(this.#reviewTimer);
    };
  }

  /** sync asks Go whether a recording runs. */
  async sync(): Promise<void> {
    try {
      this.#progress(await this.#api.state());
    } catch {
      // Nothing runs, or Go cannot say: the buttons will tell when used.
    }
  }

  #progress(s: RecordingState): void {
    if (!s.recording || this.#ended.has(s.logId)) return;
    if (this.phase === 'idle') this.#adopt(s.logId);
    this.status = s;
  }

  /**
   * #adopt takes over a recording this page did not start (the page was
   * reloaded mid-recording): it shows the table stored with it, and saves
   * the table at the end only if the member edits it here. Otherwise a
   * second page (wails dev opens one beside the browser) would overwrite
   * the table with its empty form.
   */
  #adopt(id: number): void {
    this.phase = 'recording';
    this.#tableDirty = false;
    this.#logs.get(id).then(
      (log) => {
        if (!this.#tableDirty && isTableEmpty(this.table) && !this.#ended.has(id)) {
          this.table = tableOf(log);
        }
      },
      () => {}, // The form stays empty; the recording goes on.
    );
  }

  /** edited is called as the member types into a field. */
  edited(field: TableField): void {
    this.#tableDirty = true;
    // Typing is the next action: the review ends and the recording stays.
    if (!this.review?.busy) this.endReview();
    this.discarded = false;
    if (this.tableErrors[field]) {
      const { [field]: _gone, ...rest } = this.tableErrors;
      this.tableErrors = rest;
    }
    if (this.phase === 'recording') {
      clearTimeout(this.#autosaveTimer);
      this.#autosaveTimer = setTimeout(() => this.#autosave(), AUTOSAVE_MS);
    }
  }

  /**
   * #autosave keeps the table with the running recording as it is typed,
   * so a crash mid-recording does not lose it: the repaired log has it.
   */
  #autosave(): void {
    const id = this.status?.logId;
    if (this.phase !== 'recording' || !id) return;
    const table = normalizeTable(this.table);
    if (Object.keys(validateTable(table)).length > 0) return;
    this.#autosaving = this.#logs.updateTable(id, table).then(
      () => {},
      () => {}, // The save at Stop reports any problem.
    );
  }

  #checkTable(): LogTable | null {
    const table = normalizeTable(this.table);
    const errors = validateTable(table);
    this.tableErrors = errors;
    return Object.keys(errors).length > 0 ? null : table;
  }

  async start(audioOnly: boolean): Promise<void> {
    if (this.phase !== 'idle' || this.savingText || this.review?.busy) return;
    this.endReview();
    this.discarded = false;
    this.error = null;
    const table = this.#checkTable();
    if (!table) return;
    this.finished = null;
    this.phase = 'starting';
    this.#tableDirty = false;
    try {
      const s = await this.#api.start({ audioOnly, table });
      this.#owned = s.logId;
      if (this.phase === 'starting') this.phase = 'recording';
      if (!this.#ended.has(s.logId)) this.status = s;
    } catch (reason) {
      this.#fail(reason);
      if (this.phase === 'starting') this.phase = 'idle';
    }
  }

  async stop(): Promise<void> {
    if (this.phase !== 'recording' || !this.status) return;
    const id = this.status.logId;
    this.#stopRequested = id;
    this.phase = 'stopping';
    this.error = null;
    try {
      const log = await this.#api.stop();
      await this.#finish(log, 'stopped', '');
    } catch (reason) {
      if (this.#ended.has(id)) return;
      const err = toAppError(reason);
      if (err.code === 'conflict') {
        // It had already ended (the time limit, a device): the stopped
        // event brings the log. Should it never come, do not hang.
        setTimeout(() => {
          if (!this.#ended.has(id) && this.phase === 'stopping') {
            this.phase = 'idle';
            this.status = null;
          }
        }, STOP_GRACE_MS);
        return;
      }
      this.error = err;
      this.phase = 'recording';
    }
  }

  async togglePause(): Promise<void> {
    if (this.phase !== 'recording' || !this.status || this.toggling) return;
    const pausing = !this.status.paused;
    this.toggling = true;
    this.error = null;
    try {
      await (pausing ? this.#api.pause() : this.#api.resume());
      // Show it at once; the next progress event confirms.
      if (this.status) this.status = { ...this.status, paused: pausing };
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.toggling = false;
    }
  }

  /** saveText stores the table alone as today's log. */
  async saveText(): Promise<void> {
    if (this.phase !== 'idle' || this.savingText || this.review?.busy) return;
    this.endReview();
    this.discarded = false;
    this.error = null;
    const table = this.#checkTable();
    if (!table) return;
    if (isTableEmpty(table)) {
      this.error = new AppError('invalid', 'Fill in at least one line of the table to save it as a text log.');
      return;
    }
    this.savingText = true;
    try {
      const log = await this.#logs.createText(table);
      this.#clearIfUnchanged(table);
      this.finished = { log, how: 'text', reason: '', limit: '', tableError: '' };
    } catch (reason) {
      this.#fail(reason);
    } finally {
      this.savingText = false;
    }
  }

  /** saveTableAgain retries saving the table of the last recording. */
  async saveTableAgain(): Promise<void> {
    const f = this.finished;
    if (!f || !f.tableError || this.phase !== 'idle') return;
    const table = this.#checkTable();
    if (!table) return;
    try {
      const log = await this.#logs.updateTable(f.log.id, table);
      this.#clearIfUnchanged(table);
      this.finished = { ...f, log, tableError: '' };
    } catch (reason) {
      this.finished = { ...f, tableError: toAppError(reason).message };
    }
  }

  dismiss(): void {
    this.finished = null;
    this.error = null;
    this.discarded = false;
    this.endReview();
  }

  /** endReview keeps the recording just made: the offer to discard it goes. */
  endReview(): void {
    clearTimeout(this.#reviewTimer);
    this.review = null;
  }

  /** holdReview keeps the offer open while the member plays the recording back. */
  holdReview(): void {
    clearTimeout(this.#reviewTimer);
  }

  #offerReview(log: LogEntry, table: LogTable): void {
    clearTimeout(this.#reviewTimer);
    this.review = { log, table, busy: false };
    this.#reviewTimer = setTimeout(() => {
      if (!this.review?.busy) this.review = null;
    }, REVIEW_MS);
  }

  /**
   * discard deletes the recording just made (Go removes the file and the
   * log) and puts its table back in the form, unless the member has typed
   * a new one since. It returns whether the recording is gone.
   */
  async discard(): Promise<boolean> {
    const r = this.review;
    if (!r || r.busy || this.phase !== 'idle') return false;
    clearTimeout(this.#reviewTimer);
    this.review = { ...r, busy: true };
    this.error = null;
    try {
      await this.#api.discard(r.log.id);
    } catch (reason) {
      this.error = toAppError(reason);
      this.review = null;
      return false;
    }
    if (isTableEmpty(this.table)) this.table = structuredClone(r.table);
    this.review = null;
    if (this.finished?.log.id === r.log.id) this.finished = null;
    this.discarded = true;
    return true;
  }

  /** recordAgain discards the recording just made and starts a new one of the same kind, with the same table. */
  async recordAgain(): Promise<void> {
    const kind = this.review?.log.kind;
    if (await this.discard()) await this.start(kind === 'audio');
  }

  async #stopped(ev: RecordingStopped): Promise<void> {
    if (!ev.log) {
      if (ev.error) this.error = new AppError('unavailable', ev.error);
      this.phase = 'idle';
      this.status = null;
      return;
    }
    const how: FinishedHow = ev.error ? 'failed' : ev.log.id === this.#stopRequested ? 'stopped' : 'limit';
    await this.#finish(ev.log, how, ev.error);
  }

  /**
   * #finish runs once per log, whether Stop or the event came first: it
   * saves the table as it is now (typed during recording too) with the log,
   * then shows the confirmation and clears the form for tomorrow.
   */
  async #finish(log: LogEntry, how: FinishedHow, reason: string): Promise<void> {
    if (this.#ended.has(log.id)) return;
    this.#ended.add(log.id);
    clearTimeout(this.#autosaveTimer);
    const maxMs = this.status?.maxMs || 0;
    this.phase = 'stopping';
    this.status = null;
    // An autosave in flight must not land after the final table.
    await this.#autosaving;

    const table = normalizeTable(this.table);
    const errors = validateTable(table);
    let saved = log;
    let tableError = '';
    if (log.id !== this.#owned && !this.#tableDirty) {
      // Adopted and not edited here: the stored table is the right one.
    } else if (Object.keys(errors).length > 0) {
      this.tableErrors = errors;
      tableError = 'The recording is saved, but the table is not: please correct it and save it again.';
    } else {
      try {
        saved = await this.#logs.updateTable(log.id, table);
      } catch (e) {
        const err = toAppError(e);
        if (isTableField(err.field)) this.tableErrors = { [err.field]: err.message };
        tableError = `The recording is saved, but the table is not: ${err.message}`;
      }
    }
    if (!tableError) this.#clearIfUnchanged(table);
    this.#tableDirty = false;
    if (how !== 'failed' && log.mediaPath) this.#offerReview(saved, table);
    this.finished = {
      log: saved,
      how,
      reason,
      limit: how === 'limit' && maxMs > 0 ? formatLimit(maxMs) : '',
      tableError,
    };
    this.phase = 'idle';
  }

  /** Clear the form, unless the member typed more while it was being saved. */
  #clearIfUnchanged(saved: LogTable): void {
    if (tablesEqual(normalizeTable(this.table), saved)) {
      this.table = emptyTable();
      this.tableErrors = {};
    }
  }

  #fail(reason: unknown): void {
    const err = toAppError(reason);
    if (isTableField(err.field)) {
      this.tableErrors = { ...this.tableErrors, [err.field]: err.message };
    }
    this.error = err;
  }
}
