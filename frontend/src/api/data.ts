import { Backup, Cancel, CheckRestore, Defaults, DropRestore, Export, InspectBackup, Restore } from '../../wailsjs/go/app/Data';
// Types only: the generated classes' module is large, and the first screen
// would parse it for nothing.
import type { app, backup } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import type { Plain } from './plain';

/** The data:progress event's payload: events are not bound methods, so models.ts has no type for it. */
export type DataOp = 'backup' | 'export' | 'restore';

/** How far a backup, export or restore is; phase is "copying", "verifying" or "restoring". */
export interface DataProgress {
  op: DataOp;
  phase: string;
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

// The other types are Go's (wailsjs/go/models.ts); the wrappers below give
// every field a value whatever Go leaves out.
/** unprotected lists, in words, the secrets an unencrypted backup holds in plain form. */
export type DataSummary = Plain<backup.Summary>;
export type DataDefaults = Plain<app.DataDefaults>;
/** A chosen backup, as its first bytes tell; encrypted: the form asks for the passphrase. */
export type BackupFile = Plain<app.BackupFile>;
/** A backup read, checked and unpacked, waiting for the member's word: dataDir is the folder it replaces, aside where that data is kept whole. */
export type RestorePlan = Plain<app.RestorePlan>;
/** What a restore did; told once after the page reloads onto it. */
export type RestoreNotice = Plain<app.RestoreNotice>;

export interface DataApi {
  defaults(): Promise<DataDefaults>;
  /** backup encrypts with passphrase unless it is empty. */
  backup(path: string, passphrase: string): Promise<DataSummary>;
  exportJson(dir: string): Promise<DataSummary>;
  cancel(): Promise<void>;
  /** inspectBackup says whether the file is an encrypted backup, or why it is no backup. */
  inspectBackup(path: string): Promise<BackupFile>;
  /** checkRestore reads, checks and unpacks the backup beside the data; nothing is replaced yet. */
  checkRestore(path: string, passphrase: string): Promise<RestorePlan>;
  /** restore puts the checked backup in the place of the data, which is moved aside. */
  restore(): Promise<RestoreNotice>;
  /** dropRestore forgets the checked backup. */
  dropRestore(): Promise<void>;
  onProgress(listener: (p: DataProgress) => void): Unsubscribe;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function toSummary(
  s: { path?: string; files?: number; bytes?: number; encrypted?: boolean; unprotected?: string[] | null } | null | undefined,
): DataSummary {
  return {
    path: s?.path ?? '',
    files: num(s?.files),
    bytes: num(s?.bytes),
    encrypted: s?.encrypted === true,
    unprotected: Array.isArray(s?.unprotected) ? s.unprotected.filter((u) => typeof u === 'string') : [],
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** toRestoreNotice reads a restore's notice as Go sends it; null when there is none. */
export function toRestoreNotice(n: unknown): RestoreNotice | null {
  if (typeof n !== 'object' || n === null) return null;
  const r = n as Record<string, unknown>;
  if (!str(r.aside) && !str(r.from)) return null;
  return { from: str(r.from), createdAt: str(r.createdAt), files: num(r.files), bytes: num(r.bytes), aside: str(r.aside) };
}

export const dataApi: DataApi = {
  defaults: () =>
    call(async () => {
      const d = await Defaults();
      return { backupFile: d?.backupFile ?? '', exportFolder: d?.exportFolder ?? '' };
    }),
  backup: (path, passphrase) => call(async () => toSummary(await Backup(path, passphrase))),
  exportJson: (dir) => call(async () => toSummary(await Export(dir))),
  cancel: () => call(() => Cancel()),
  inspectBackup: (path) =>
    call(async () => {
      const f = await InspectBackup(path);
      return { path: str(f?.path) || path, encrypted: f?.encrypted === true };
    }),
  checkRestore: (path, passphrase) =>
    call(async () => {
      const p = await CheckRestore(path, passphrase);
      return {
        path: str(p?.path) || path,
        createdAt: str(p?.createdAt),
        appVersion: str(p?.appVersion),
        files: num(p?.files),
        bytes: num(p?.bytes),
        encrypted: p?.encrypted === true,
        dataDir: str(p?.dataDir),
        aside: str(p?.aside),
      };
    }),
  restore: () => call(async () => toRestoreNotice(await Restore()) ?? { from: '', createdAt: '', files: 0, bytes: 0, aside: '' }),
  dropRestore: () => call(() => DropRestore()),
  onProgress: (listener) =>
    subscribe('data:progress', (raw) => {
      const p = (raw ?? {}) as Record<string, unknown>;
      listener({
        op: p.op === 'export' || p.op === 'restore' ? p.op : 'backup',
        phase: typeof p.phase === 'string' ? p.phase : '',
        files: num(p.files),
        totalFiles: num(p.totalFiles),
        bytes: num(p.bytes),
        totalBytes: num(p.totalBytes),
      });
    }),
};
