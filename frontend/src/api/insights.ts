import { Me, Team } from '../../wailsjs/go/app/Insights';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app, insights } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toGo, type Plain } from './plain';

// The types are Go's (wailsjs/go/models.ts); lists() below turns the nil
// slices Go sends as null into empty lists.
export type PeriodKind = Plain<insights.Period>['kind'];
export type InsightsPeriod = Plain<app.InsightsPeriod>;
export type Period = Plain<insights.Period>;
export type Streak = Plain<insights.Streak>;
export type CalendarDay = Plain<insights.CalendarDay>;
/** mood and energy are 0 when none was given that week. */
export type MoodWeek = Plain<insights.MoodWeek>;
/** firstOfferHours is null while no offer came. */
export type HelpAsked = Plain<insights.HelpAsked>;
/** ideal is the % the ideal pace asks by today; ideal and daysLeft are null without a due date. */
export type GoalPace = Plain<insights.GoalPace>;
export type WeekMinutes = Plain<insights.WeekMinutes>;
export type ThanksNote = Plain<insights.ThanksNote>;
export type MyInsights = Plain<insights.Me>;
export type Person = Plain<insights.Member>;
export type ThanksLink = Plain<insights.ThanksLink>;
export type TeamInsights = Plain<insights.Team>;

export interface InsightsApi {
  me(p: InsightsPeriod): Promise<MyInsights>;
  team(p: InsightsPeriod): Promise<TeamInsights>;
  /** Calls back when something the insights read changed, here or by a sync. */
  onChanged(fn: () => void): Unsubscribe;
}

/** Go sends nil slices as null; the page reads lists. */
function lists<T>(v: T): T {
  if (Array.isArray(v)) return v.map(lists) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = x === null && listKeys.has(k) ? [] : lists(x);
    return out as T;
  }
  return v;
}
const listKeys = new Set([
  'calendar',
  'moodEnergy',
  'requests',
  'goals',
  'moved',
  'learning',
  'reflection',
  'basics',
  'weeks',
  'given',
  'received',
  'standupsPerWeek',
  'goalsByStatus',
  'atRiskGoals',
  'experiments',
  'stories',
  'people',
  'links',
  'reasons',
]);

const changes = ['goals:changed', 'growth:changed', 'answers:changed', 'session:changed', 'share:done', 'recording:stopped'];

export const insightsApi: InsightsApi = {
  me: (p) => call(async () => lists<MyInsights>(await Me(toGo<app.InsightsPeriod>(p)))),
  team: (p) => call(async () => lists<TeamInsights>(await Team(toGo<app.InsightsPeriod>(p)))),
  onChanged: (fn) => {
    const offs = changes.map((name) => subscribe(name, () => fn()));
    return () => offs.forEach((off) => off());
  },
};
