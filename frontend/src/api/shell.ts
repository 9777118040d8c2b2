import { Info, Log, Quit, Ready, RecoveryKeyLater, SetSidebarCollapsed, SetZoom, Status } from '../../wailsjs/go/app/Shell';
import { bootMark, pageTimes } from '../boot/marks';
// Types only: the generated classes' module is large, and the first screen
// would parse it for nothing.
import type { app } from '../../wailsjs/go/models';
import { call } from './call';
import { toProfile, type Profile } from './profiles';
import { subscribe, type Unsubscribe } from './events';
import { toRestoreNotice, type RestoreNotice } from './data';
import type { Plain } from './plain';

// The types are Go's (wailsjs/go/models.ts); status() below gives every
// field a value whatever Go leaves out.
/** A recording the last run saved as it closed. */
export type SavedOnClose = Plain<app.CloseNotice>;
/** Choices the member made in the window, kept across starts: recoveryLaterUntil is '' or when the recovery key reminder comes back; zoom 1 is 100 %. */
export type UIPrefs = Plain<app.UIPrefs>;
/**
 * What Go found when it opened the data folder and the database. mediaBase
 * "" plays recordings from /media/ on the asset server. The profile (null
 * before onboarding) comes with it when profileRead, so the first screen
 * needs one call; restored is what a restore just put in place, told once.
 */
export interface StartupStatus extends Omit<Plain<app.StartupStatus>, 'saved' | 'restored' | 'profile' | 'prefs'> {
  saved: SavedOnClose | null;
  restored?: RestoreNotice | null;
  profile: Profile | null;
  /** Absent: the defaults. */
  prefs?: UIPrefs;
}
/** commit is the source's, shown beside the version. */
export type AppInfo = Plain<app.AppInfo>;

/** The levels Log takes; Go's Log takes a plain string, so models.ts has no type for them. */
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

// Plain values rather than the generated classes, every field set.
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
