import { Dismiss, Pending, Save, SetAutostart, Settings, TakeFocusArea } from '../../wailsjs/go/app/Reminders';
// Types only: the generated classes' module is large, and the first screen
// would parse it for nothing.
import type { app, peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import { toGo, type Plain } from './plain';
import { subscribe, type Unsubscribe } from './events';

/** A reminder going out: shown in the window when the desktop cannot. */
export type Nudge = Plain<peerplaypay.Nudge>;
/** Where a reminder leads in the window. */
export type ReminderArea = Nudge['area'];
/** at is "HH:MM"; '' for the weekly session, nudged at its own time. */
export type Reminder = Plain<peerplaypay.Reminder>;
/** daysOff are weekdays without reminders: 'mon' … 'sun'. */
export type ReminderSettings = Plain<peerplaypay.ReminderSettings>;
/** next: when each reminder goes out next (RFC 3339); missing: not soon. */
export type ReminderView = Plain<app.ReminderView>;

export interface RemindersApi {
  settings(): Promise<ReminderView>;
  save(s: ReminderSettings): Promise<ReminderView>;
  setAutostart(on: boolean): Promise<ReminderView>;
  pending(): Promise<Nudge[]>;
  dismiss(name: string): Promise<void>;
  /** The area a notification that could not be clicked leads to, once; '' for none. */
  takeFocusArea(): Promise<string>;
  onNudge(listener: (n: Nudge) => void): Unsubscribe;
  /** What a reminder asked for is done: it leaves the window. */
  onDone(listener: (name: string) => void): Unsubscribe;
  /** The member clicked a reminder's desktop notification. */
  onOpen(listener: (area: ReminderArea) => void): Unsubscribe;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const areas: ReminderArea[] = ['today', 'reflect', 'goals', 'session'];

export function toArea(v: unknown): ReminderArea {
  return areas.includes(v as ReminderArea) ? (v as ReminderArea) : 'today';
}

export function toNudge(raw: unknown): Nudge {
  const n = obj(raw);
  return { name: str(n.name), title: str(n.title), body: str(n.body), area: toArea(n.area), day: str(n.day) };
}

export function toReminderView(raw: unknown): ReminderView {
  const v = obj(raw);
  const next: Record<string, string> = {};
  for (const [k, t] of Object.entries(obj(v.next))) if (typeof t === 'string') next[k] = t;
  return {
    reminders: arr(v.reminders).map((x) => {
      const r = obj(x);
      return { name: str(r.name), label: str(r.label), on: r.on === true, at: str(r.at) };
    }),
    quietHours: v.quietHours === true,
    quietFrom: str(v.quietFrom),
    quietTo: str(v.quietTo),
    daysOff: arr(v.daysOff).map(str),
    next,
    autostart: v.autostart === true,
  };
}

export const remindersApi: RemindersApi = {
  settings: () => call(async () => toReminderView(await Settings())),
  save: (s) =>
    call(async () =>
      toReminderView(
        await Save(
          toGo<peerplaypay.ReminderSettings>({
            reminders: s.reminders,
            quietHours: s.quietHours,
            quietFrom: s.quietFrom,
            quietTo: s.quietTo,
            daysOff: s.daysOff,
          }),
        ),
      ),
    ),
  setAutostart: (on) => call(async () => toReminderView(await SetAutostart(on))),
  pending: () => call(async () => arr(await Pending()).map(toNudge)),
  dismiss: (name) => call(() => Dismiss(name)),
  takeFocusArea: () => call(async () => str(await TakeFocusArea())),
  onNudge: (listener) => subscribe('reminders:nudge', (p) => listener(toNudge(p))),
  onDone: (listener) => subscribe('reminders:done', (p) => listener(str(p))),
  onOpen: (listener) => subscribe('reminders:open', (p) => listener(toArea(p))),
};
