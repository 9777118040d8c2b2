import { toAppError, type AppError } from '../api/errors';
import type { LogEntry, LogFilter, LogTable, LogsApi } from '../api/logs';
import { isTableField, normalizeTable, validateTable, type TableErrors } from '../domain/logTable';

export const PAGE_SIZE = 20;
export const SEARCH_DEBOUNCE_MS = 250;

export type FilterField = 'from' | 'to';

/** withNew is list followed by the entries of more that it does not hold yet. */
function withNew(list: LogEntry[], more: LogEntry[]): LogEntry[] {
  const have = new Set(list.map((l) => l.id));
  return [...list, ...more.filter((l) => !have.has(l.id))];
}

export type TableOutcome = { ok: true; log: LogEntry } | { ok: false; fieldErrors: TableErrors; formError: string };

/**
 * LogsStore owns the member's own logs: the filter (dates, search words),
 * the pages loaded so far, and the log open in the detail view.
 */
export class LogsStore {
  from = $state('');
  to = $state('');
  query = $state('');
  logs = $state.raw<LogEntry[]>([]);
  total = $state(0);
  /** Counting stopped at total: there are at least that many. */
  totalAtLeast = $state(false);
  /** A first page has arrived (the list may still be empty). */
  loaded = $state(false);
  loading = $state(false);
  loadingMore = $state(false);
  error = $state.raw<AppError | null>(null);
  filterErrors = $state<Partial<Record<FilterField, string>>>({});

  /** The log the detail view shows; 0 for the list. */
  openId = $state(0);
  /** That log as Go has it; null while it loads. */
  selected = $state.raw<LogEntry | null>(null);
  openError = $state.raw<AppError | null>(null);
  deleting = $state(false);

  /** Called with the id of each deleted log (the recovery banner forgets it). */
  ondeleted: (id: number) => void = () => {};

  readonly #api: LogsApi;
  #seq = 0;
  #openSeq = 0;
  #debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(api: LogsApi) {
    this.#api = api;
  }

  get hasMore(): boolean {
    return this.logs.length < this.total;
  }

  /** Whether a date or words narrow the list. */
  get filtered(): boolean {
    return this.from !== '' || this.to !== '' || this.query.trim() !== '';
  }

  #filter(offset: number): LogFilter {
    return { from: this.from, to: this.to, query: this.query.trim(), limit: PAGE_SIZE, offset };
  }

  setFrom(day: string): void {
    this.from = day;
    void this.load();
  }

  setTo(day: string): void {
    this.to = day;
    void this.load();
  }

  /** setQuery searches once the member pauses typing. */
  setQuery(words: string): void {
    this.query = words;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => void this.load(), SEARCH_DEBOUNCE_MS);
  }

  clearFilter(): void {
    this.from = '';
    this.to = '';
    this.query = '';
    void this.load();
  }

  /** load fetches the first page for the current filter. */
  async load(): Promise<void> {
    clearTimeout(this.#debounce);
    if (this.from && this.to && this.from > this.to) {
      this.filterErrors = { to: 'The end date is before the start date.' };
      return;
    }
    this.filterErrors = {};
    const seq = ++this.#seq;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.#api.find(this.#filter(0));
      if (seq !== this.#seq) return; // a newer filter has been asked for
      this.logs = page.logs;
      this.total = page.total;
      this.totalAtLeast = page.totalAtLeast === true;
      this.loaded = true;
    } catch (reason) {
      if (seq !== this.#seq) return;
      const err = toAppError(reason);
      if (err.field === 'from' || err.field === 'to') this.filterErrors = { [err.field]: err.message };
      else this.error = err;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  /** loadMore appends the next page. */
  async loadMore(): Promise<void> {
    if (!this.hasMore || this.loadingMore || this.loading) return;
    const seq = this.#seq;
    this.loadingMore = true;
    try {
      const page = await this.#api.find(this.#filter(this.logs.length));
      if (seq !== this.#seq) return;
      this.logs = withNew(this.logs, page.logs);
      this.total = page.total;
      this.totalAtLeast = page.totalAtLeast === true;
    } catch (reason) {
      if (seq === this.#seq) this.error = toAppError(reason);
    } finally {
      this.loadingMore = false;
    }
  }

  /** refresh reloads the list if it was shown, e.g. after a recovery decision. */
  refresh(): void {
    if (this.loaded) void this.load();
  }

  /** open shows one log: at once from the list, then as Go has it now. */
  async open(id: number): Promise<void> {
    const seq = ++this.#openSeq;
    this.openId = id;
    this.openError = null;
    this.selected = this.logs.find((l) => l.id === id) ?? null;
    try {
      const log = await this.#api.get(id);
      if (seq !== this.#openSeq) return;
      this.selected = log;
      this.#replace(log);
    } catch (reason) {
      if (seq !== this.#openSeq) return;
      this.openError = toAppError(reason);
    }
  }

  /** close goes back to the list. */
  close(): void {
    this.#openSeq++;
    this.openId = 0;
    this.selected = null;
    this.openError = null;
  }

  async saveTable(id: number, raw: LogTable): Promise<TableOutcome> {
    const table = normalizeTable(raw);
    const fieldErrors = validateTable(table);
    if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, formError: '' };
    try {
      const log = await this.#api.updateTable(id, table);
      if (this.selected?.id === id) this.selected = log;
      this.#replace(log);
      return { ok: true, log };
    } catch (reason) {
      const err = toAppError(reason);
      if (isTableField(err.field)) return { ok: false, fieldErrors: { [err.field]: err.message }, formError: '' };
      return { ok: false, fieldErrors: {}, formError: err.message };
    }
  }

  /** remove deletes a log and its recording; true when it is gone. */
  async remove(id: number): Promise<boolean> {
    if (this.deleting) return false;
    this.deleting = true;
    this.openError = null;
    try {
      await this.#api.delete(id);
      const before = this.logs.length;
      this.logs = this.logs.filter((l) => l.id !== id);
      if (this.logs.length < before) this.total = Math.max(0, this.total - 1);
      if (this.openId === id) this.close();
      this.ondeleted(id);
      return true;
    } catch (reason) {
      this.openError = toAppError(reason);
      return false;
    } finally {
      this.deleting = false;
    }
  }

  /** setShared shares a log with the team or takes it back. */
  async setShared(id: number, shared: boolean): Promise<void> {
    try {
      this.updated(await this.#api.setShared(id, shared));
    } catch (reason) {
      this.openError = toAppError(reason);
    }
  }

  /** setPinned keeps a log's recording in the team share whatever the retention, or unpins it. */
  async setPinned(id: number, pinned: boolean): Promise<void> {
    try {
      this.updated(await this.#api.setPinned(id, pinned));
    } catch (reason) {
      this.openError = toAppError(reason);
    }
  }

  /** updated takes a log changed elsewhere (kept after recovery) into view. */
  updated(log: LogEntry): void {
    if (this.selected?.id === log.id) this.selected = log;
    this.#replace(log);
  }

  dispose(): void {
    clearTimeout(this.#debounce);
  }

  #replace(log: LogEntry): void {
    if (this.logs.some((l) => l.id === log.id)) {
      this.logs = this.logs.map((l) => (l.id === log.id ? log : l));
    }
  }
}
