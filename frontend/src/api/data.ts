import { Backup, Cancel, Defaults, Export } from '../../wailsjs/go/app/Data';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';

export type DataOp = 'backup' | 'export';

/** How far a backup or export is. */
export interface DataProgress {
  op: DataOp;
  /** "copying", "verifying", "restoring". */
  phase: string;
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface DataSummary {
  path: string;
  files: number;
  bytes: number;
  /** Whether a backup was encrypted with a passphrase. */
  encrypted: boolean;
  /** The secrets an unencrypted backup holds in plain form, in words. */
  unprotected: string[];
}

export interface DataDefaults {
  backupFile: string;
  exportFolder: string;
}

export interface DataApi {
  defaults(): Promise<DataDefaults>;
  /** backup encrypts with passphrase unless it is empty. */
  backup(path: string, passphrase: string): Promise<DataSummary>;
  exportJson(dir: string): Promise<DataSummary>;
  cancel(): Promise<void>;
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

export const dataApi: DataApi = {
  defaults: () =>
    call(async () => {
      const d = await Defaults();
      return { backupFile: d?.backupFile ?? '', exportFolder: d?.exportFolder ?? '' };
    }),
  backup: (path, passphrase) => call(async () => toSummary(await Backup(path, passphrase))),
  exportJson: (dir) => call(async () => toSummary(await Export(dir))),
  cancel: () => call(() => Cancel()),
  onProgress: (listener) =>
    subscribe('data:progress', (raw) => {
      const p = (raw ?? {}) as Record<string, unknown>;
      listener({
        op: p.op === 'export' ? 'export' : 'backup',
        phase: typeof p.phase === 'string' ? p.phase : '',
        files: num(p.files),
        totalFiles: num(p.totalFiles),
        bytes: num(p.bytes),
        totalBytes: num(p.totalBytes),
      });
    }),
};
