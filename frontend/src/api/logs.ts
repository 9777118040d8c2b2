import { CreateText, Delete, Find, Get, Keep, Recovery, SetPinned, SetShared, UpdateTable } from '../../wailsjs/go/app/Logs';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import type { Plain } from './plain';
import { DEFAULT_QUESTIONS, toQuestions, type Question } from './practice';

export type LogKind = Plain<peerplaypay.LogEntry>['kind'];
export type LogStatus = Plain<peerplaypay.LogEntry>['status'];

/** The fixed small table beside each stand-up: mood and energy 1..5, 0 = not given; extra holds the answers to the questions a team added. */
export type LogTable = Plain<peerplaypay.LogTable>;

/** Where a search found its words: an excerpt of one answer, with the found words between MATCH_START and MATCH_END. */
export interface LogMatch extends Omit<Plain<peerplaypay.LogMatch>, 'field'> {
  field: keyof LogTable;
}

/** The marks Go puts around found words (Unicode private use characters). */
export const MATCH_START = '\ue000';
export const MATCH_END = '\ue001';

/** One stand-up log (peerplaypay.LogEntry, its media and table flat), every field set. */
export interface LogEntry extends Omit<Plain<peerplaypay.LogEntry>, 'loudness' | 'match'> {
  /** Set on search results. */
  match: LogMatch | null;
}

/** Which logs to list (peerplaypay.LogFilter). */
export interface LogFilter {
  /** First day, YYYY-MM-DD, or "". */
  from: string;
  /** Last day, YYYY-MM-DD, or "". */
  to: string;
  /** Words to find in the table (full-text search); "" for all. */
  query: string;
  limit: number;
  offset: number;
}

export interface LogPage {
  logs: LogEntry[];
  /** How many logs match the filter in all pages. */
  total: number;
  /** Counting stopped at total: there are at least that many. */
  totalAtLeast?: boolean;
}

/** Recordings an earlier run left unfinished, repaired at start-up. */
export interface RecoveryView {
  logs: LogEntry[];
  /** Recordings that could not be repaired, in words for the member. */
  problems: string[];
}

export interface LogsApi {
  find(filter: LogFilter): Promise<LogPage>;
  get(id: number): Promise<LogEntry>;
  createText(table: LogTable): Promise<LogEntry>;
  updateTable(id: number, table: LogTable): Promise<LogEntry>;
  /** delete removes the log and its recording file. */
  delete(id: number): Promise<void>;
  recovery(): Promise<RecoveryView>;
  /** keep turns a recovered recording into a normal log. */
  keep(id: number): Promise<LogEntry>;
  /** setShared shares a log with the team or takes it back. */
  setShared(id: number, shared: boolean): Promise<LogEntry>;
  /** setPinned keeps a log's recording in the team share whatever the retention, or lets it follow it again. */
  setPinned(id: number, pinned: boolean): Promise<LogEntry>;
}

const tableFields: readonly (keyof LogTable)[] = ['done', 'how', 'why', 'next', 'helpNeeded'];
const kinds: readonly LogKind[] = ['video', 'audio', 'text'];
const statuses: readonly LogStatus[] = ['recording', 'recovered', 'ready'];

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

export function toLogTable(t: Partial<Record<keyof LogTable, unknown>>): LogTable {
  const out: LogTable = {
    done: str(t.done),
    how: str(t.how),
    why: str(t.why),
    next: str(t.next),
    helpNeeded: str(t.helpNeeded),
    mood: num(t.mood),
    energy: num(t.energy),
  };
  const extra = toExtra(t.extra);
  if (extra) out.extra = extra;
  return out;
}

/** toExtra keeps the answers to added questions that are text; undefined for none. */
export function toExtra(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** toLogEntry copies what Go sent into a plain LogEntry with every field set. */
export function toLogEntry(raw: unknown): LogEntry {
  const e = (raw ?? {}) as Record<string, unknown>;
  const kind = kinds.find((k) => k === e.kind) ?? 'text';
  const status = statuses.find((s) => s === e.status) ?? 'ready';
  const m = e.match as Record<string, unknown> | null | undefined;
  const field = tableFields.find((f) => f === m?.field);
  return {
    id: num(e.id),
    uid: str(e.uid),
    day: str(e.day),
    kind,
    status,
    mediaPath: str(e.mediaPath),
    durationMs: num(e.durationMs),
    sizeBytes: num(e.sizeBytes),
    sha256: str(e.sha256),
    ...toLogTable(e),
    createdAt: str(e.createdAt),
    updatedAt: str(e.updatedAt),
    match: m && field ? { field, text: str(m.text) } : null,
    shared: e.shared !== false,
    published: e.published === true,
    pinned: e.pinned === true,
    mediaExpired: e.mediaExpired === true,
    questions: questionsOrDefault(e.questions),
  };
}

function goTable(t: LogTable): peerplaypay.LogTable {
  return toLogTable(t) as peerplaypay.LogTable;
}

export const logsApi: LogsApi = {
  find: (f) =>
    call(async () => {
      const page = await Find({
        from: f.from,
        to: f.to,
        query: f.query,
        status: [],
        limit: f.limit,
        offset: f.offset,
      } as peerplaypay.LogFilter);
      return {
        logs: (page?.logs ?? []).map(toLogEntry),
        total: num(page?.total),
        totalAtLeast: page?.totalAtLeast === true,
      };
    }),
  get: (id) => call(async () => toLogEntry(await Get(id))),
  createText: (t) => call(async () => toLogEntry(await CreateText(goTable(t)))),
  updateTable: (id, t) => call(async () => toLogEntry(await UpdateTable(id, goTable(t)))),
  delete: (id) => call(() => Delete(id)),
  recovery: () =>
    call(async () => {
      const v = await Recovery();
      return {
        logs: (v?.logs ?? []).map(toLogEntry),
        problems: (v?.problems ?? []).map(str).filter((p) => p !== ''),
      };
    }),
  keep: (id) => call(async () => toLogEntry(await Keep(id))),
  setShared: (id, shared) => call(async () => toLogEntry(await SetShared(id, shared))),
  setPinned: (id, pinned) => call(async () => toLogEntry(await SetPinned(id, pinned))),
};

/** questionsOrDefault: a log older than team settings was made with the five defaults. */
export function questionsOrDefault(raw: unknown): Question[] {
  const q = toQuestions(raw);
  return q.length ? q : [...DEFAULT_QUESTIONS];
}
