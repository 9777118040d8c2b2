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
import type { app } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { questionsOrDefault, toLogTable, type LogKind, type LogMatch, type LogTable } from './logs';
import type { Question } from './practice';

export type TeamState = 'none' | 'pending' | 'member' | 'refused' | 'removed';

export interface TeamMember {
  id: string;
  name: string;
  me: boolean;
  removed: boolean;
  /** RFC 3339, "" when nothing was shared yet. */
  lastEventAt: string;
  problem: string;
  /** Compared with the member's own screen, it checks the keys this laptop holds for them. */
  safetyCode: string;
}

/** What a member sends a newcomer: it names the team exactly, so a fake team at the location is refused. */
export interface TeamInvitation {
  location: string;
  invite: string;
  /** The whole line to send; pasted whole into the join form, it fills in the location too. */
  command: string;
}

export interface TeamStatus {
  state: TeamState;
  location: string;
  teamId: string;
  teamName: string;
  memberId: string;
  safetyCode: string;
  waiting: number;
  lastSync: string;
  members: TeamMember[];
  problems: string[];
  /** Files in the share no app wrote (a conflict copy, a .DS_Store): skipped, shown to tidy. */
  ignored: string[];
  /** null unless this laptop is a member. */
  invitation: TeamInvitation | null;
  syncing: boolean;
  lastError: string;
  offline: boolean;
}

export interface JoinRequest {
  id: string;
  name: string;
  at: string;
}

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

export interface PeerLog {
  id: number;
  author: string;
  authorName: string;
  /** With author, names the log across the team (comments and Thanks use it). */
  uid: string;
  day: string;
  kind: LogKind;
  table: LogTable;
  /** The table's questions the log was made with. */
  questions: Question[];
  durationMs: number;
  sizeBytes: number;
  /** Relative to the data folder; "" until downloaded. */
  mediaPath: string;
  /** Its author keeps the recording whatever the team's retention. */
  pinned: boolean;
  /** Its author expired the recording from the share (the team's retention): the table stays. */
  mediaExpired: boolean;
  createdAt: string;
  /** The recording's loudness map, "" without one (it then plays in full). */
  loudness: string;
  /** The video codec the log declared ("vp8", "vp9", or a later version's); "" for VP8. */
  codec: string;
  /** This member's own: watched (or read), and where they stopped. Never sent. */
  watched: boolean;
  positionMs: number;
  /** Set on search results. */
  match: LogMatch | null;
}

/** One member's folder in the share, and this laptop's copies of their recordings. */
export interface MemberUsage {
  id: string;
  name: string;
  me: boolean;
  removed: boolean;
  eventBytes: number;
  recordingBytes: number;
  totalBytes: number;
  /** What the retention measured would delete now. */
  freeBytes: number;
  localBytes: number;
  localCopies: number;
}

/** The recordings of one month (YYYY-MM) still in the share. */
export interface MonthUsage {
  month: string;
  bytes: number;
  logs: number;
  /** Some of it is older than the retention measured (and not pinned). */
  free: boolean;
  /** What of it expires now. */
  freeBytes: number;
}

/** The share's size, measured by one listing (nothing downloaded). */
export interface ShareUsage {
  location: string;
  /** The retention the free figures are for (0: keep all). */
  months: number;
  /** The team's retention setting. */
  teamMonths: number;
  totalBytes: number;
  freeBytes: number;
  members: MemberUsage[];
  byMonth: MonthUsage[];
  localBytes: number;
  /** Space for peers' recordings on this laptop; 0 when none is kept. */
  budgetBytes: number;
  unplacedBytes: number;
  requests: number;
  millis: number;
}

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

export interface RecoveryKey {
  memberId: string;
  file: string;
  printable: string;
}

export interface ShareSettings {
  shareNewLogs: boolean;
  syncMinutes: number;
  budgetMb: number;
  hasS3Keys: boolean;
  /** Where the S3 secret key is kept (the system keychain, or a file only the member can read), in words. */
  secretPlace: string;
  /** RFC 3339, "" when never saved. */
  recoverySaved: string;
}

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
