import { Info, Log, Quit, Ready, RecoveryKeyLater, SetSidebarCollapsed, SetZoom, Status } from '../../wailsjs/go/app/Shell';
import { bootMark, pageTimes } from '../boot/marks';
import { call } from './call';
import { toProfile, type Profile } from './profiles';
import { subscribe, type Unsubscribe } from './events';
import { toRestoreNotice, type RestoreNotice } from './data';

/** A recording the last run saved as it closed. */
export interface SavedOnClose {
  logId: number;
  kind: string;
  durationMs: number;
}

/** Choices the member made in the window, kept across starts. */
export interface UIPrefs {
  sidebarCollapsed: boolean;
  /** When the recovery key reminder comes back after "later" (ISO time, or ''). */
  recoveryLaterUntil: string;
  /** The page's scale, 1 for 100 %. */
  zoom: number;
}

/** What Go found when it opened the data folder and the database. */
export interface StartupStatus {
  ok: boolean;
  code: string;
  message: string;
  dataDir: string;
  /** Where recordings play from: "" for /media/ on the asset server. */
  mediaBase: string;
  saved: SavedOnClose | null;
  /** What a restore from the window just put in place, told once. */
  restored?: RestoreNotice | null;
  /**
   * The member's profile (null before onboarding) when profileRead; with
   * it the first screen needs one call. Otherwise the page asks again.
   */
  profile: Profile | null;
  profileRead: boolean;
  /** The window's kept choices (absent: the defaults). */
  prefs?: UIPrefs;
}

export interface AppInfo {
  version: string;
  /** The source's commit, shown beside the version. */
  commit?: string;
  dataDir: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ShellApi {
  status(): Promise<StartupStatus>;
  info(): Promise<AppInfo>;
  /** ready tells Go the first screen is up (it logs the start-up time). */
  ready(): Promise<void>;
  /** log writes a line into the app's log (debug lines only when asked for). */
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  /** quit closes the app even while recording: the member decided. */
  quit(): Promise<void>;
  /** setSidebarCollapsed keeps whether the sidebar shows icons only. */
  setSidebarCollapsed(collapsed: boolean): Promise<void>;
  /** setZoom scales the window's page (1 is 100 %) and keeps the level. */
  setZoom(level: number): Promise<void>;
  /** recoveryKeyLater quiets the recovery key reminder for a week; returns until when. */
  recoveryKeyLater(): Promise<string>;
  /** onDamaged hears the background check find the database damaged. */
  onDamaged(listener: (message: string) => void): Unsubscribe;
  /** onCloseRequested hears the window being closed while recording. */
  onCloseRequested(listener: () => void): Unsubscribe;
}

// The start-up status asked before the rest of the page's code has been
// evaluated (see boot/early.ts), for the first status() to take.
let early: ReturnType<typeof Status> | null = null;

/**
 * askStatusEarly sends the start-up status request at once, so that Go
 * answers while the page's code is still being parsed and run; the first
 * status() then waits for that answer instead of asking anew.
 */
export function askStatusEarly(): void {
  const go = (globalThis as { go?: { app?: { Shell?: unknown } } }).go;
  if (early || !go?.app?.Shell) return;
  early = Status();
  early.catch(() => {}); // status() reports it
}

// Plain copies rather than the generated classes: the rest of the frontend
// depends on these interfaces, not on the generator's output.
export const shellApi: ShellApi = {
  status: () =>
    call(async () => {
      const asked = early;
      early = null;
      const s = await (asked ?? Status());
      bootMark('status');
      return {
        ok: s.ok === true,
        code: s.code ?? '',
        message: s.message ?? '',
        dataDir: s.dataDir ?? '',
        mediaBase: s.mediaBase ?? '',
        saved:
          s.saved && typeof s.saved.logId === 'number' && s.saved.logId > 0
            ? { logId: s.saved.logId, kind: s.saved.kind ?? '', durationMs: s.saved.durationMs ?? 0 }
            : null,
        restored: toRestoreNotice(s.restored),
        profile: s.profile ? toProfile(s.profile) : null,
        profileRead: s.profileRead === true,
        prefs: toPrefs(s.prefs),
      };
    }),
  info: () =>
    call(async () => {
      const i = await Info();
      return { version: i.version ?? '', commit: i.commit ?? '', dataDir: i.dataDir ?? '' };
    }),
  ready: () =>
    call(() => {
      bootMark('rendered');
      return Ready(pageTimes());
    }),
  log: (level, message, fields = {}) => {
    // Diagnostics must never break what they describe.
    call(() => Log(level, message, fields)).catch(() => {});
  },
  quit: () => call(() => Quit()),
  setSidebarCollapsed: (collapsed) => call(() => SetSidebarCollapsed(collapsed)),
  setZoom: (level) => call(() => SetZoom(level)),
  recoveryKeyLater: () => call(async () => isoTime(await RecoveryKeyLater())),
  onDamaged: (listener) => subscribe('app:damaged', (p) => listener(typeof p === 'string' ? p : '')),
  onCloseRequested: (listener) => subscribe('app:closeRequested', () => listener()),
};

/** isoTime is Go's time as sent, or '' for its zero value. */
function isoTime(v: unknown): string {
  return typeof v === 'string' && !v.startsWith('0001-') ? v : '';
}

function toPrefs(p: { sidebarCollapsed?: boolean; recoveryLaterUntil?: unknown; zoom?: number } | null | undefined): UIPrefs {
  return {
    sidebarCollapsed: p?.sidebarCollapsed === true,
    recoveryLaterUntil: isoTime(p?.recoveryLaterUntil),
    zoom: typeof p?.zoom === 'number' && p.zoom > 0 ? p.zoom : 1,
  };
}
