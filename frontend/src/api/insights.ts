import { Me, Team } from '../../wailsjs/go/app/Insights';
import { app } from '../../wailsjs/go/models';
import type { GoalLevel, GoalStatus } from './goals';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';

export type PeriodKind = 'week' | 'month' | 'quarter' | 'custom';

export interface InsightsPeriod {
  kind: PeriodKind;
  from: string;
  to: string;
}

export interface Period {
  from: string;
  to: string;
  kind: PeriodKind;
}

export interface Streak {
  days: number;
  best: number;
  todayDone: boolean;
  note: string;
}

export interface CalendarDay {
  day: string;
  standup: boolean;
  off: boolean;
}

export interface MoodWeek {
  week: string;
  /** 0 when none was given that week. */
  mood: number;
  energy: number;
  standups: number;
}

export interface HelpAsked {
  day: string;
  who?: string;
  text: string;
  /** null: no offer yet. */
  firstOfferHours: number | null;
  accepted?: boolean;
  createdAt: string;
}

export interface GoalPace {
  id: number;
  uid: string;
  title: string;
  ownerName: string;
  level: GoalLevel;
  progress: number;
  /** % the ideal pace asks by today; null without a due date. */
  ideal: number | null;
  due: string;
  daysLeft: number | null;
  confidence: number;
  set: GoalStatus;
  shown: GoalStatus;
  atRisk: boolean;
  reason: string;
  checkins: number;
  checkinDue: boolean;
}

export interface WeekMinutes {
  week: string;
  minutes: number;
  target?: number;
}

export interface ThanksNote {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  reason: string;
  at: string;
  day: string;
}

export interface MyInsights {
  period: Period;
  streak: Streak;
  calendar: CalendarDay[];
  moodEnergy: MoodWeek[];
  help: { standups: number; asked: number; share: number; answered: number; medianHours: number; requests: HelpAsked[] };
  goals: { goals: GoalPace[]; atRisk: number; everyDays: number; made: number; expected: number; due: number };
  growth: {
    moved: { item: string; name: string; from: number; to: number }[];
    movedSince: string;
    movedTo: string;
    learning: WeekMinutes[];
    reflection: WeekMinutes[];
    reflectionTarget: number;
    basics: { title: string; kept: number; days: number }[];
  };
  thanks: { weeks: { week: string; given: number; received: number }[]; given: ThanksNote[]; received: ThanksNote[] };
}

export interface Person {
  id: string;
  name: string;
}

export interface ThanksLink {
  from: string;
  to: string;
  reasons: ThanksNote[];
}

export interface TeamInsights {
  period: Period;
  standupsPerWeek: { week: string; count: number }[];
  help: { asked: number; open: number; answered: number; medianHours: number; requests: HelpAsked[] };
  goalsByStatus: { status: GoalStatus; count: number }[];
  atRiskGoals: GoalPace[];
  experiments: { session: string; hypothesis: string; ownerName: string; measure: string; endDay: string; outcome: string; note: string }[];
  stories: { session: string; authorName: string; text: string; outcome?: string }[];
  network: { people: Person[]; links: ThanksLink[]; note: string };
  members: number;
  noTeam: boolean;
}

export interface InsightsApi {
  me(p: InsightsPeriod): Promise<MyInsights>;
  team(p: InsightsPeriod): Promise<TeamInsights>;
  /** Calls back when something the insights read changed, here or by a sync. */
  onChanged(fn: () => void): Unsubscribe;
}

const as = <T>(v: unknown) => v as T;

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
  me: (p) => call(async () => lists(as<MyInsights>(await Me(app.InsightsPeriod.createFrom(p))))),
  team: (p) => call(async () => lists(as<TeamInsights>(await Team(app.InsightsPeriod.createFrom(p))))),
  onChanged: (fn) => {
    const offs = changes.map((name) => subscribe(name, () => fn()));
    return () => offs.forEach((off) => off());
  },
};
