import {
  Approve,
  CancelSync,
  Create,
  ImportKey,
  Join,
  Leave,
  PeerLogs,
  RecoveryKey,
  Refuse,
  Remove,
  Requests,
  SaveRecoveryKey,
  SaveSettings,
  Settings,
  Status,
  Sync,
  Usage,
} from '../../wailsjs/go/app/Team';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app, peerplaypay, teamsync } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { questionsOrDefault, toLogTable, type LogMatch, type LogTable } from './logs';
import type { Plain } from './plain';

export type TeamState = Plain<teamsync.Status>['state'];
export type TeamMember = Plain<teamsync.MemberView>;
/** What a member sends a newcomer: it names the team exactly, so a fake team at the location is refused. */
export type TeamInvitation = Pick<Plain<teamsync.Invitation>, 'location' | 'invite' | 'command'>;
export interface TeamStatus extends Omit<Plain<teamsync.Status>, 'members' | 'invitation'> {
  members: TeamMember[];
  /** null unless this laptop is a member. */
  invitation: TeamInvitation | null;
}
export type JoinRequest = Plain<teamsync.Request>;

// The sync's events carry app.SyncProgress and app.SyncDone, which no
// binding returns, so Wails generates no type for them.
export interface SyncProgress {
  /** Numbers the syncs of this window, to drop late events of an ended one. */
  run: number;
  phase: string;
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  rate: number;
  etaSeconds: number;
}

export interface SyncSummary {
  published: number;
  sentEvents: number;
  received: number;
  downloaded: number;
  waiting: number;
  problems: string[];
}

export interface SyncDone {
  run: number;
  summary: SyncSummary;
  error: string;
}

/** A log a peer shared; the page keeps what it shows, its table and match typed as the Logs area's. */
export interface PeerLog extends Omit<Plain<peerplaypay.PeerLog>, 'table' | 'sha256' | 'updatedAt' | 'loudness' | 'match'> {
  table: LogTable;
  /** The recording's loudness map, "" without one (it then plays in full). */
  loudness: string;
  /** Set on search results. */
  match: LogMatch | null;
}

/** One member's folder in the share, and this laptop's copies of their recordings. */
export type MemberUsage = Plain<teamsync.MemberUse>;
/** The recordings of one month (YYYY-MM) still in the share. */
export type MonthUsage = Plain<teamsync.MonthUse>;
/** The share's size, measured by one listing (nothing downloaded). */
export type ShareUsage = Omit<Plain<teamsync.Usage>, 'generatedAt'>;

export function toShareUsage(raw: unknown): ShareUsage {
  const u = (raw ?? {}) as Record<string, unknown>;
  const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  return {
    location: str(u.location),
    months: num(u.months),
    teamMonths: num(u.teamMonths),
    totalBytes: num(u.totalBytes),
    freeBytes: num(u.freeBytes),
    members: list(u.members).map((m) => ({
      id: str(m.id),
      name: str(m.name),
      me: m.me === true,
      removed: m.removed === true,
      eventBytes: num(m.eventBytes),
      recordingBytes: num(m.recordingBytes),
      totalBytes: num(m.totalBytes),
      freeBytes: num(m.freeBytes),
      localBytes: num(m.localBytes),
      localCopies: num(m.localCopies),
    })),
    byMonth: list(u.byMonth).map((m) => ({
      month: str(m.month),
      bytes: num(m.bytes),
      logs: num(m.logs),
      free: m.free === true,
      freeBytes: num(m.freeBytes),
    })),
    localBytes: num(u.localBytes),
    budgetBytes: num(u.budgetBytes),
    unplacedBytes: num(u.unplacedBytes),
    requests: num(u.requests),
    millis: num(u.millis),
  };
}

export type RecoveryKey = Plain<teamsync.RecoveryKey>;
export type ShareSettings = Plain<app.ShareSettings>;

export interface TeamApi {
  status(): Promise<TeamStatus>;
  create(location: string, teamName: string, accessKey: string, secretKey: string): Promise<TeamStatus>;
  join(location: string, invite: string, accessKey: string, secretKey: string): Promise<TeamStatus>;
  leave(): Promise<void>;
  requests(): Promise<JoinRequest[]>;
  approve(id: string, code: string): Promise<void>;
  refuse(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** sync starts one now; false when one is already running. */
  sync(): Promise<boolean>;
  cancelSync(): Promise<void>;
  recoveryKey(): Promise<RecoveryKey>;
  saveRecoveryKey(path: string): Promise<void>;
  importKey(text: string): Promise<string>;
  peerLogs(limit: number): Promise<PeerLog[]>;
  settings(): Promise<ShareSettings>;
  saveSettings(s: ShareSettings): Promise<ShareSettings>;
  /** usage measures the share for a retention of months (-1: the team's). */
  usage(months: number): Promise<ShareUsage>;
  onProgress(listener: (p: SyncProgress) => void): Unsubscribe;
  onDone(listener: (d: SyncDone) => void): Unsubscribe;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const states: readonly TeamState[] = ['none', 'pending', 'member', 'refused', 'removed'];
// Go's zero time marshals as year 1: no time.
const time = (v: unknown): string => (typeof v === 'string' && !v.startsWith('0001-') ? v : '');

function toInvitation(raw: unknown): TeamInvitation | null {
  const i = raw as Record<string, unknown> | null | undefined;
  if (!i || !str(i.invite)) return null;
  return { location: str(i.location), invite: str(i.invite), command: str(i.command) };
}

export function toTeamStatus(raw: unknown): TeamStatus {
  const s = (raw ?? {}) as Record<string, unknown>;
  return {
    state: states.find((x) => x === s.state) ?? 'none',
    location: str(s.location),
    teamId: str(s.teamId),
    teamName: str(s.teamName),
    memberId: str(s.memberId),
    safetyCode: str(s.safetyCode),
    waiting: num(s.waiting),
    lastSync: time(s.lastSync),
    members: ((s.members as Record<string, unknown>[] | null) ?? []).map((m) => ({
      id: str(m.id),
      name: str(m.name),
      me: m.me === true,
      removed: m.removed === true,
      lastEventAt: time(m.lastEventAt),
      problem: str(m.problem),
      safetyCode: str(m.safetyCode),
    })),
    problems: ((s.problems as unknown[] | null) ?? []).map(str).filter(Boolean),
    ignored: ((s.ignored as unknown[] | null) ?? []).map(str).filter(Boolean),
    invitation: toInvitation(s.invitation),
    syncing: s.syncing === true,
    lastError: str(s.lastError),
    offline: s.offline === true,
  };
}

const tableFields: readonly (keyof LogTable)[] = ['done', 'how', 'why', 'next', 'helpNeeded'];

export function toPeerLog(raw: unknown): PeerLog {
  const l = (raw ?? {}) as Record<string, unknown>;
  const kind = (['video', 'audio', 'text'] as const).find((k) => k === l.kind) ?? 'text';
  const m = l.match as Record<string, unknown> | null | undefined;
  const field = tableFields.find((f) => f === m?.field);
  return {
    id: num(l.id),
    author: str(l.author),
    authorName: str(l.authorName),
    uid: str(l.uid),
    day: str(l.day),
    kind,
    table: toLogTable((l.table ?? {}) as Record<string, unknown>),
    questions: questionsOrDefault(l.questions),
    durationMs: num(l.durationMs),
    sizeBytes: num(l.sizeBytes),
    mediaPath: str(l.mediaPath),
    pinned: l.pinned === true,
    mediaExpired: l.mediaExpired === true,
    createdAt: time(l.createdAt),
    loudness: str(l.loudness),
    codec: str(l.codec),
    watched: l.watched === true,
    positionMs: num(l.positionMs),
    match: m && field ? { field, text: str(m.text) } : null,
  };
}

function toSettings(s: Record<string, unknown> | null | undefined): ShareSettings {
  return {
    shareNewLogs: s?.shareNewLogs !== false,
    syncMinutes: num(s?.syncMinutes),
    budgetMb: num(s?.budgetMb),
    hasS3Keys: s?.hasS3Keys === true,
    secretPlace: typeof s?.secretPlace === 'string' ? s.secretPlace : '',
    recoverySaved: time(s?.recoverySaved),
  };
}

export const teamApi: TeamApi = {
  status: () => call(async () => toTeamStatus(await Status())),
  create: (location, teamName, accessKey, secretKey) =>
    call(async () => toTeamStatus(await Create(location, teamName, accessKey, secretKey))),
  join: (location, invite, accessKey, secretKey) => call(async () => toTeamStatus(await Join(location, invite, accessKey, secretKey))),
  leave: () => call(() => Leave()),
  requests: () => call(async () => ((await Requests()) ?? []).map((r) => ({ id: str(r.id), name: str(r.name), at: time(r.at) }))),
  approve: (id, code) => call(() => Approve(id, code)),
  refuse: (id) => call(() => Refuse(id)),
  remove: (id) => call(() => Remove(id)),
  sync: () => call(async () => (await Sync()) === true),
  cancelSync: () => call(() => CancelSync()),
  recoveryKey: () =>
    call(async () => {
      const k = await RecoveryKey();
      return { memberId: str(k?.memberId), file: str(k?.file), printable: str(k?.printable) };
    }),
  saveRecoveryKey: (path) => call(() => SaveRecoveryKey(path)),
  importKey: (text) => call(async () => str(await ImportKey(text))),
  peerLogs: (limit) => call(async () => ((await PeerLogs(limit)) ?? []).map(toPeerLog)),
  usage: (months) => call(async () => toShareUsage(await Usage(months))),
  settings: () => call(async () => toSettings((await Settings()) as unknown as Record<string, unknown>)),
  saveSettings: (s) =>
    call(async () =>
      toSettings(
        (await SaveSettings({
          shareNewLogs: s.shareNewLogs,
          syncMinutes: s.syncMinutes,
          budgetMb: s.budgetMb,
        } as app.ShareSettings)) as unknown as Record<string, unknown>,
      ),
    ),
  onProgress: (listener) =>
    subscribe('share:progress', (raw) => {
      const p = (raw ?? {}) as Record<string, unknown>;
      listener({
        run: num(p.run),
        phase: str(p.phase),
        files: num(p.files),
        totalFiles: num(p.totalFiles),
        bytes: num(p.bytes),
        totalBytes: num(p.totalBytes),
        rate: num(p.rate),
        etaSeconds: num(p.etaSeconds),
      });
    }),
  onDone: (listener) =>
    subscribe('share:done', (raw) => {
      const d = (raw ?? {}) as Record<string, unknown>;
      const s = (d.summary ?? {}) as Record<string, unknown>;
      listener({
        run: num(d.run),
        error: str(d.error),
        summary: {
          published: num(s.published),
          sentEvents: num(s.sentEvents),
          received: num(s.received),
          downloaded: num(s.downloaded),
          waiting: num(s.waiting),
          problems: ((s.problems as unknown[] | null) ?? []).map(str).filter(Boolean),
        },
      });
    }),
};
