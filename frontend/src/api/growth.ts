import * as Go from '../../wailsjs/go/app/Growth';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';

// Growth is private by default: nothing here reaches the team unless the
// member explicitly shares it (a session summary, a published framework, a
// peer request or answer).

export interface FrameworkItem {
  id: string;
  name: string;
  description: string;
  /** Exactly 5 one-line descriptions, levels 1..5. */
  levels: string[];
  /** A behaviour following the values, not a skill. */
  behaviour: boolean;
}
export interface FrameworkGroup {
  id: string;
  name: string;
  items: FrameworkItem[];
}
export interface Framework {
  /** "default" for the built-in one; a team's published framework keeps its uid. */
  id: string;
  name: string;
  /** Increases on every saved change; assessments keep the version they used. */
  version: number;
  groups: FrameworkGroup[];
  source: 'default' | 'local' | 'team';
  authorName: string;
  updatedAt: string;
}

export interface Answer {
  itemId: string;
  level: number;
  evidence: string;
  at: string;
}

export interface Session {
  id: number;
  uid: string;
  frameworkId: string;
  frameworkVersion: number;
  startedAt: string;
  /** "" while in progress; a finished session is a dated snapshot. */
  finishedAt: string;
  day: string;
  answers: Answer[];
  /** Opt-in per session: a summary (levels, no evidence) sent to the team. */
  shared: boolean;
}

/** One item's level in a teammate's shared summary. */
export interface TeamLevel {
  itemId: string;
  /** "" when this laptop lacks the framework version the teammate used. */
  itemName: string;
  groupId: string;
  groupName: string;
  level: number;
}

/** A summary a teammate chose to share: levels, never evidence. */
export interface TeamSummary {
  member: string;
  memberName: string;
  uid: string;
  day: string;
  frameworkId: string;
  frameworkVersion: number;
  /** "" when that framework version is not on this laptop. */
  frameworkName: string;
  levels: TeamLevel[];
}

/** Previous rating of an item, shown beside it while assessing. */
export interface LastRating {
  itemId: string;
  level: number;
  day: string;
  evidence: string;
}

export interface PeerView {
  requestUid: string;
  peer: string;
  peerName: string;
  itemIds: string[];
  askedAt: string;
  /** "" = not yet. */
  answeredAt: string;
  answers: Answer[];
}

/** A peer's request to me, to answer. */
export interface PeerRequest {
  requestUid: string;
  from: string;
  fromName: string;
  items: FrameworkItem[];
  askedAt: string;
  answered: boolean;
}

export interface Plan {
  id: number;
  itemIds: string[];
  why: string;
  actions: string[];
  resources: string[];
  target: string;
  /** A behaviour goal made from it, 0 = none. */
  goalId: number;
  done: boolean;
  updatedAt: string;
}

export type LearningKind = 'read' | 'listened' | 'watched' | 'practised';
export const learningKinds: readonly LearningKind[] = ['read', 'listened', 'watched', 'practised'];

export interface Learning {
  id: number;
  day: string;
  kind: LearningKind;
  what: string;
  minutes: number;
  takeaways: string;
  itemIds: string[];
}

export interface Basic {
  id: number;
  title: string;
  archived: boolean;
  order: number;
}

/** The basics' ticks over a range, for the heat map. */
export interface BasicsRange {
  from: string;
  to: string;
  basics: Basic[];
  ticks: { basicId: number; day: string }[];
}

export interface Reflection {
  id: number;
  day: string;
  startedAt: string;
  /** Actually reflected, not the timer's planned length. */
  minutes: number;
  prompt: string;
  note: string;
}

/** Today's daily practice at a glance. */
export interface Practice {
  day: string;
  standup: boolean;
  basicsDone: number;
  basicsTotal: number;
  reflectionMinutes: number;
  reflectionTarget: number;
  learningMinutes: number;
  /** Monday..today. */
  weekLearningMinutes: number;
}

export interface GrowthSettings {
  reflectionMinutes: number;
}

/** A reflection under way as Go keeps it, so that it outlives the window. */
export interface SavedTimer {
  phase: 'running' | 'paused' | 'done';
  plannedMinutes: number;
  /** RFC 3339 of the first start. */
  startedAt: string;
  /** RFC 3339 of the current run's start; "" unless running. */
  runStartedAt: string;
  /** Counted by earlier runs, before a pause. */
  beforeMs: number;
  ended: boolean;
}

export interface GrowthApi {
  framework(): Promise<Framework>;
  saveFramework(f: Framework): Promise<Framework>;
  resetFramework(): Promise<Framework>;
  /** Opens a native file dialog; "" = cancelled. */
  exportFramework(): Promise<string>;
  /** A bad file fails with "line N: reason", the current framework untouched. */
  importFramework(): Promise<Framework>;
  publishFramework(): Promise<Framework>;

  /** The session in progress, or a new one. */
  currentSession(): Promise<Session>;
  answer(sessionId: number, a: Answer): Promise<Session>;
  finishSession(sessionId: number, share: boolean): Promise<Session>;
  discardSession(sessionId: number): Promise<void>;
  /** Finished, oldest first, with answers. */
  sessions(): Promise<Session[]>;
  lastRatings(): Promise<LastRating[]>;
  /** Sends a finished session's summary (levels, no evidence) to the team. */
  shareSession(sessionId: number): Promise<Session>;
  /** Takes a shared summary back; peers drop their copy at their next sync. */
  unshareSession(sessionId: number): Promise<Session>;
  /** Teammates' shared summaries, newest first. */
  teamSummaries(): Promise<TeamSummary[]>;

  askPeer(peer: string, itemIds: string[]): Promise<PeerView>;
  peerViews(): Promise<PeerView[]>;
  peerRequests(): Promise<PeerRequest[]>;
  answerPeer(requestUid: string, answers: Answer[]): Promise<void>;

  plans(): Promise<Plan[]>;
  savePlan(p: Plan): Promise<Plan>;
  deletePlan(id: number): Promise<void>;
  planGoal(id: number): Promise<Plan>;

  learning(from: string, to: string): Promise<Learning[]>;
  addLearning(l: Learning): Promise<Learning>;
  deleteLearning(id: number): Promise<void>;

  basics(from: string, to: string): Promise<BasicsRange>;
  saveBasic(b: Basic): Promise<Basic>;
  tick(basicId: number, day: string, done: boolean): Promise<void>;

  reflections(from: string, to: string): Promise<Reflection[]>;
  saveReflection(r: Reflection): Promise<Reflection>;
  prompt(): Promise<string>;
  /** The reflection under way, null when none (also after a crash). */
  reflectionTimer(): Promise<SavedTimer | null>;
  /** Keeps the reflection under way; null forgets it. */
  saveReflectionTimer(t: SavedTimer | null): Promise<void>;

  practice(day: string): Promise<Practice>;
  settings(): Promise<GrowthSettings>;
  saveSettings(s: GrowthSettings): Promise<GrowthSettings>;
  /** A desktop notification; no error when the desktop has none. */
  notify(title: string, body: string): Promise<void>;
  /** Go's "growth:changed": anything changed, here or from the team. */
  onChanged(listener: () => void): Unsubscribe;
}

// The bindings are generated from Go; whatever their exact types, what
// reaches a store is checked here and has every field of the types above.
type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => list(v).map(str);
// Go's zero time marshals as year 1: no time.
const time = (v: unknown): string => (typeof v === 'string' && !v.startsWith('0001-') ? v : '');
/** arg passes a value to a generated binding whatever parameter type it declares. */
const arg = (v: unknown) => v as never;

export function toItem(raw: unknown): FrameworkItem {
  const i = obj(raw);
  const levels = strs(i.levels).slice(0, 5);
  while (levels.length < 5) levels.push('');
  return { id: str(i.id), name: str(i.name), description: str(i.description), levels, behaviour: i.behaviour === true };
}

export function toFramework(raw: unknown): Framework {
  const f = obj(raw);
  const source = (['default', 'local', 'team'] as const).find((s) => s === f.source) ?? 'default';
  return {
    id: str(f.id),
    name: str(f.name),
    version: num(f.version),
    groups: list(f.groups).map((g) => {
      const o = obj(g);
      return { id: str(o.id), name: str(o.name), items: list(o.items).map(toItem) };
    }),
    source,
    authorName: str(f.authorName),
    updatedAt: time(f.updatedAt),
  };
}

export function toAnswer(raw: unknown): Answer {
  const a = obj(raw);
  return { itemId: str(a.itemId), level: num(a.level), evidence: str(a.evidence), at: time(a.at) };
}

export function toSession(raw: unknown): Session {
  const s = obj(raw);
  return {
    id: num(s.id),
    uid: str(s.uid),
    frameworkId: str(s.frameworkId),
    frameworkVersion: num(s.frameworkVersion),
    startedAt: time(s.startedAt),
    finishedAt: time(s.finishedAt),
    day: str(s.day),
    answers: list(s.answers).map(toAnswer),
    shared: s.shared === true,
  };
}

export function toTeamSummary(raw: unknown): TeamSummary {
  const x = obj(raw);
  return {
    member: str(x.member),
    memberName: str(x.memberName),
    uid: str(x.uid),
    day: str(x.day),
    frameworkId: str(x.frameworkId),
    frameworkVersion: num(x.frameworkVersion),
    frameworkName: str(x.frameworkName),
    levels: list(x.levels).map((l) => {
      const o = obj(l);
      return {
        itemId: str(o.itemId),
        itemName: str(o.itemName),
        groupId: str(o.groupId),
        groupName: str(o.groupName),
        level: num(o.level),
      };
    }),
  };
}

function toPeerView(raw: unknown): PeerView {
  const p = obj(raw);
  return {
    requestUid: str(p.requestUid),
    peer: str(p.peer),
    peerName: str(p.peerName),
    itemIds: strs(p.itemIds),
    askedAt: time(p.askedAt),
    answeredAt: time(p.answeredAt),
    answers: list(p.answers).map(toAnswer),
  };
}

function toPeerRequest(raw: unknown): PeerRequest {
  const p = obj(raw);
  return {
    requestUid: str(p.requestUid),
    from: str(p.from),
    fromName: str(p.fromName),
    items: list(p.items).map(toItem),
    askedAt: time(p.askedAt),
    answered: p.answered === true,
  };
}

export function toPlan(raw: unknown): Plan {
  const p = obj(raw);
  return {
    id: num(p.id),
    itemIds: strs(p.itemIds),
    why: str(p.why),
    actions: strs(p.actions),
    resources: strs(p.resources),
    target: str(p.target),
    goalId: num(p.goalId),
    done: p.done === true,
    updatedAt: time(p.updatedAt),
  };
}

export function toLearning(raw: unknown): Learning {
  const l = obj(raw);
  return {
    id: num(l.id),
    day: str(l.day),
    kind: learningKinds.find((k) => k === l.kind) ?? 'read',
    what: str(l.what),
    minutes: num(l.minutes),
    takeaways: str(l.takeaways),
    itemIds: strs(l.itemIds),
  };
}

function toBasic(raw: unknown): Basic {
  const b = obj(raw);
  return { id: num(b.id), title: str(b.title), archived: b.archived === true, order: num(b.order) };
}

function toBasicsRange(raw: unknown): BasicsRange {
  const r = obj(raw);
  return {
    from: str(r.from),
    to: str(r.to),
    basics: list(r.basics).map(toBasic),
    ticks: list(r.ticks).map((t) => ({ basicId: num(obj(t).basicId), day: str(obj(t).day) })),
  };
}

function toReflection(raw: unknown): Reflection {
  const r = obj(raw);
  return {
    id: num(r.id),
    day: str(r.day),
    startedAt: time(r.startedAt),
    minutes: num(r.minutes),
    prompt: str(r.prompt),
    note: str(r.note),
  };
}

export function toPractice(raw: unknown): Practice {
  const p = obj(raw);
  return {
    day: str(p.day),
    standup: p.standup === true,
    basicsDone: num(p.basicsDone),
    basicsTotal: num(p.basicsTotal),
    reflectionMinutes: num(p.reflectionMinutes),
    reflectionTarget: num(p.reflectionTarget) || 30,
    learningMinutes: num(p.learningMinutes),
    weekLearningMinutes: num(p.weekLearningMinutes),
  };
}

export function toSavedTimer(raw: unknown): SavedTimer | null {
  if (raw === null || raw === undefined) return null;
  const t = obj(raw);
  const phase = (['running', 'paused', 'done'] as const).find((p) => p === t.phase);
  if (!phase || !time(t.startedAt)) return null;
  return {
    phase,
    plannedMinutes: num(t.plannedMinutes) || 30,
    startedAt: time(t.startedAt),
    runStartedAt: time(t.runStartedAt),
    beforeMs: num(t.beforeMs),
    ended: t.ended === true,
  };
}

const toSettings = (raw: unknown): GrowthSettings => ({ reflectionMinutes: num(obj(raw).reflectionMinutes) || 30 });

export const growthApi: GrowthApi = {
  framework: () => call(async () => toFramework(await Go.Framework())),
  saveFramework: (f) => call(async () => toFramework(await Go.SaveFramework(arg(f)))),
  resetFramework: () => call(async () => toFramework(await Go.ResetFramework())),
  exportFramework: () => call(async () => str(await Go.ExportFramework())),
  importFramework: () => call(async () => toFramework(await Go.ImportFramework())),
  publishFramework: () => call(async () => toFramework(await Go.PublishFramework())),

  currentSession: () => call(async () => toSession(await Go.CurrentSession())),
  answer: (id, a) => call(async () => toSession(await Go.Answer(arg(id), arg(a)))),
  finishSession: (id, share) => call(async () => toSession(await Go.FinishSession(arg(id), arg(share)))),
  discardSession: (id) => call(async () => void (await Go.DiscardSession(arg(id)))),
  sessions: () => call(async () => list(await Go.Sessions()).map(toSession)),
  lastRatings: () =>
    call(async () =>
      list(await Go.LastRatings()).map((r) => {
        const o = obj(r);
        return { itemId: str(o.itemId), level: num(o.level), day: str(o.day), evidence: str(o.evidence) };
      }),
    ),
  shareSession: (id) => call(async () => toSession(await Go.ShareSession(arg(id)))),
  unshareSession: (id) => call(async () => toSession(await Go.UnshareSession(arg(id)))),
  teamSummaries: () => call(async () => list(await Go.TeamSummaries()).map(toTeamSummary)),

  askPeer: (peer, itemIds) => call(async () => toPeerView(await Go.AskPeer(arg(peer), arg(itemIds)))),
  peerViews: () => call(async () => list(await Go.PeerViews()).map(toPeerView)),
  peerRequests: () => call(async () => list(await Go.PeerRequests()).map(toPeerRequest)),
  answerPeer: (uid, answers) => call(async () => void (await Go.AnswerPeer(arg(uid), arg(answers)))),

  plans: () => call(async () => list(await Go.Plans()).map(toPlan)),
  savePlan: (p) => call(async () => toPlan(await Go.SavePlan(arg(p)))),
  deletePlan: (id) => call(async () => void (await Go.DeletePlan(arg(id)))),
  planGoal: (id) => call(async () => toPlan(await Go.PlanGoal(arg(id)))),

  learning: (from, to) => call(async () => list(await Go.Learning(arg(from), arg(to))).map(toLearning)),
  addLearning: (l) => call(async () => toLearning(await Go.AddLearning(arg(l)))),
  deleteLearning: (id) => call(async () => void (await Go.DeleteLearning(arg(id)))),

  basics: (from, to) => call(async () => toBasicsRange(await Go.Basics(arg(from), arg(to)))),
  saveBasic: (b) => call(async () => toBasic(await Go.SaveBasic(arg(b)))),
  tick: (id, day, done) => call(async () => void (await Go.Tick(arg(id), arg(day), arg(done)))),

  reflections: (from, to) => call(async () => list(await Go.Reflections(arg(from), arg(to))).map(toReflection)),
  saveReflection: (r) => call(async () => toReflection(await Go.SaveReflection(arg(r)))),
  prompt: () => call(async () => str(await Go.Prompt())),
  reflectionTimer: () => call(async () => toSavedTimer(await Go.ReflectionTimer())),
  saveReflectionTimer: (t) => call(async () => void (await Go.SaveReflectionTimer(arg(t)))),

  practice: (day) => call(async () => toPractice(await Go.Practice(arg(day)))),
  settings: () => call(async () => toSettings(await Go.Settings())),
  saveSettings: (s) => call(async () => toSettings(await Go.SaveSettings(arg(s)))),
  notify: (title, body) => call(async () => void (await Go.Notify(arg(title), arg(body)))),
  onChanged: (listener) => subscribe('growth:changed', () => listener()),
};
