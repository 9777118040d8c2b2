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
import { app, peerplaypay, type teamsync } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toLogTable, type LogMatch, type LogTable } from './logs';
import type { Plain } from './plain';
import { toPeerLog, type PeerLog } from './team';

// The types are Go's (wailsjs/go/models.ts); the wrappers below give every
// field a value whatever Go leaves out.
/** Which peers' logs to list; author is a member's ID, or "" for everyone. The wrapper pages from the start. */
export type PeerLogFilter = Omit<Plain<peerplaypay.PeerLogFilter>, 'offset'>;
/** helpNeeded counts the unwatched that ask for help. */
export type InboxCounts = Plain<peerplaypay.PeerLogCounts>;
export type Peer = Plain<teamsync.Peer>;
/** inTeam is false before this laptop is in a team. */
export interface InboxPage extends Omit<Plain<app.InboxPage>, 'logs'> {
  logs: PeerLog[];
}
export type PlayerPrefs = Plain<app.PlayerPrefs>;
/** A search across the member's own tables and the peers'; person is "" for everyone, "me", or a peer's ID. The wrapper sets the limit. */
export type SearchFilter = Omit<Plain<app.SearchFilter>, 'limit'>;
export interface SearchHit extends Omit<Plain<app.SearchHit>, 'match'> {
  match: LogMatch | null;
}
/** A peer's day, for the line on Today; logId is their newest log of today, 0 when none. */
export type TeamDay = Plain<app.TeamDay>;

/** The inbox:fetch event's payload: events are not bound methods, so models.ts has no type for it. */
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
