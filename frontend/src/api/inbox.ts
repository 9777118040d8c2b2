import {
  Counts,
  Fetch,
  Log,
  Logs,
  PlayerPrefs as GoPlayerPrefs,
  SavePlayerPrefs,
  SavePosition,
  Search,
  SetWatched,
  Today,
} from '../../wailsjs/go/app/Inbox';
import { app, peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toLogTable, type LogKind, type LogMatch, type LogTable } from './logs';
import { toPeerLog, type PeerLog } from './team';

/** Which peers' logs to list (peerplaypay.PeerLogFilter). */
export interface PeerLogFilter {
  unwatched: boolean;
  helpNeeded: boolean;
  /** A member's ID, or "" for everyone. */
  author: string;
  from: string;
  to: string;
  query: string;
  limit: number;
}

export interface InboxCounts {
  unwatched: number;
  /** Of the unwatched, those asking for help. */
  helpNeeded: number;
}

export interface Peer {
  id: string;
  name: string;
}

export interface InboxPage {
  logs: PeerLog[];
  total: number;
  counts: InboxCounts;
  peers: Peer[];
  /** False before this laptop is in a team. */
  inTeam: boolean;
}

export interface PlayerPrefs {
  speed: number;
  skipSilence: boolean;
}

/** A search across the member's own tables and the peers'. */
export interface SearchFilter {
  query: string;
  /** "" for everyone, "me", or a peer's ID. */
  person: string;
  from: string;
  to: string;
}

export interface SearchHit {
  mine: boolean;
  id: number;
  author: string;
  authorName: string;
  day: string;
  kind: LogKind;
  durationMs: number;
  table: LogTable;
  match: LogMatch | null;
  createdAt: string;
}

/** A peer's day, for the line on Today. */
export interface TeamDay {
  member: string;
  name: string;
  logs: number;
  unwatched: number;
  helpNeeded: string;
  /** Their newest log of today; 0 when none. */
  logId: number;
}

export interface FetchProgress {
  id: number;
  bytes: number;
  totalBytes: number;
}

export interface InboxApi {
  logs(f: PeerLogFilter): Promise<InboxPage>;
  counts(): Promise<InboxCounts>;
  log(id: number): Promise<PeerLog>;
  setWatched(id: number, watched: boolean): Promise<PeerLog>;
  savePosition(id: number, positionMs: number): Promise<void>;
  /** fetch downloads a recording that is not on this laptop yet. */
  fetch(id: number): Promise<PeerLog>;
  search(f: SearchFilter): Promise<SearchHit[]>;
  today(): Promise<TeamDay[]>;
  playerPrefs(): Promise<PlayerPrefs>;
  savePlayerPrefs(p: PlayerPrefs): Promise<PlayerPrefs>;
  onFetch(listener: (p: FetchProgress) => void): Unsubscribe;
  /** onSynced hears every sync's end: it may have brought logs. */
  onSynced(listener: () => void): Unsubscribe;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const tableFields: readonly (keyof LogTable)[] = ['done', 'how', 'why', 'next', 'helpNeeded'];

function toCounts(raw: unknown): InboxCounts {
  const c = (raw ?? {}) as Record<string, unknown>;
  return { unwatched: num(c.unwatched), helpNeeded: num(c.helpNeeded) };
}

function toPrefs(raw: unknown): PlayerPrefs {
  const p = (raw ?? {}) as Record<string, unknown>;
  const speed = num(p.speed);
  return { speed: [1, 1.5, 2].includes(speed) ? speed : 1, skipSilence: p.skipSilence !== false };
}

function toHit(raw: unknown): SearchHit {
  const h = (raw ?? {}) as Record<string, unknown>;
  const m = h.match as Record<string, unknown> | null | undefined;
  const field = tableFields.find((f) => f === m?.field);
  return {
    mine: h.mine === true,
    id: num(h.id),
    author: str(h.author),
    authorName: str(h.authorName),
    day: str(h.day),
    kind: (['video', 'audio', 'text'] as const).find((k) => k === h.kind) ?? 'text',
    durationMs: num(h.durationMs),
    table: toLogTable((h.table ?? {}) as Record<string, unknown>),
    match: m && field ? { field, text: str(m.text) } : null,
    createdAt: str(h.createdAt),
  };
}

export const inboxApi: InboxApi = {
  logs: (f) =>
    call(async () => {
      const p = await Logs(peerplaypay.PeerLogFilter.createFrom({ ...f, offset: 0 }));
      return {
        logs: (p?.logs ?? []).map(toPeerLog),
        total: num(p?.total),
        counts: toCounts(p?.counts),
        peers: (p?.peers ?? []).map((x) => ({ id: str(x.id), name: str(x.name) })),
        inTeam: p?.inTeam === true,
      };
    }),
  counts: () => call(async () => toCounts(await Counts())),
  log: (id) => call(async () => toPeerLog(await Log(id))),
  setWatched: (id, watched) => call(async () => toPeerLog(await SetWatched(id, watched))),
  savePosition: (id, ms) => call(() => SavePosition(id, Math.max(0, Math.round(ms)))),
  fetch: (id) => call(async () => toPeerLog(await Fetch(id))),
  search: (f) => call(async () => ((await Search(app.SearchFilter.createFrom({ ...f, limit: 100 }))) ?? []).map(toHit)),
  today: () =>
    call(async () =>
      ((await Today()) ?? []).map((d) => ({
        member: str(d.member),
        name: str(d.name),
        logs: num(d.logs),
        unwatched: num(d.unwatched),
        helpNeeded: str(d.helpNeeded),
        logId: num(d.logId),
      })),
    ),
  playerPrefs: () => call(async () => toPrefs(await GoPlayerPrefs())),
  savePlayerPrefs: (p) => call(async () => toPrefs(await SavePlayerPrefs(app.PlayerPrefs.createFrom(p)))),
  onFetch: (listener) =>
    subscribe('inbox:fetch', (raw) => {
      const p = (raw ?? {}) as Record<string, unknown>;
      listener({ id: num(p.id), bytes: num(p.bytes), totalBytes: num(p.totalBytes) });
    }),
  onSynced: (listener) => subscribe('share:done', () => listener()),
};
