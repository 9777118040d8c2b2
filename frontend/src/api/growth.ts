import * as Assess from '../../wailsjs/go/app/Assessment';
import * as Daily from '../../wailsjs/go/app/DailyPractice';
import * as Fw from '../../wailsjs/go/app/GrowthFramework';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toGo, type Plain } from './plain';

// Growth is private by default: nothing here reaches the team unless the
// member explicitly shares it (a session summary, a published framework, a
// peer request or answer).

// The types are Go's (wailsjs/go/models.ts); the wrappers below give every
// field a value whatever Go leaves out.
export type FrameworkItem = Plain<peerplaypay.FrameworkItem>;
export type FrameworkGroup = Plain<peerplaypay.FrameworkGroup>;
/** The page names a team framework's publisher by authorName; the member ID stays in Go. */
export type Framework = Omit<Plain<peerplaypay.Framework>, 'author'>;
export type Answer = Plain<peerplaypay.Answer>;
export type Session = Plain<peerplaypay.Session>;
/** One item's level in a teammate's shared summary. */
export type TeamLevel = Plain<peerplaypay.TeamLevel>;
/** A summary a teammate chose to share: levels, never evidence. */
export type TeamSummary = Plain<peerplaypay.TeamSummary>;
/** Previous rating of an item, shown beside it while assessing. */
export type LastRating = Plain<peerplaypay.LastRating>;
export type PeerView = Plain<peerplaypay.PeerView>;
/** A peer's request to me, to answer. */
export type PeerRequest = Plain<peerplaypay.PeerRequest>;
export type Plan = Plain<peerplaypay.Plan>;
export type Learning = Plain<peerplaypay.Learning>;
export type LearningKind = Learning['kind'];
export const learningKinds: readonly LearningKind[] = ['read', 'listened', 'watched', 'practised'];
export type Basic = Plain<peerplaypay.Basic>;
/** The basics' ticks over a range, for the heat map. */
export type BasicsRange = Plain<peerplaypay.BasicsRange>;
export type Reflection = Plain<peerplaypay.Reflection>;
/** Today's daily practice at a glance. */
export type Practice = Plain<peerplaypay.Practice>;
export type GrowthSettings = Plain<peerplaypay.GrowthSettings>;
/** A reflection under way as Go keeps it, so that it outlives the window. */
export type SavedTimer = Plain<peerplaypay.ReflectionTimer>;

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

// What reaches a store is checked here and has every field of Go's types,
// even where Go left one out (a nil slice, an older version's answer).
type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => list(v).map(str);
// Go's zero time marshals as year 1: no time.
const time = (v: unknown): string => (typeof v === 'string' && !v.startsWith('0001-') ? v : '');

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
  framework: () => call(async () => toFramework(await Fw.Framework())),
  saveFramework: (f) => call(async () => toFramework(await Fw.SaveFramework(toGo<peerplaypay.Framework>({ ...f, author: '' })))),
  resetFramework: () => call(async () => toFramework(await Fw.ResetFramework())),
  exportFramework: () => call(async () => str(await Fw.ExportFramework())),
  importFramework: () => call(async () => toFramework(await Fw.ImportFramework())),
  publishFramework: () => call(async () => toFramework(await Fw.PublishFramework())),

  currentSession: () => call(async () => toSession(await Assess.CurrentSession())),
  answer: (id, a) => call(async () => toSession(await Assess.Answer(id, toGo<peerplaypay.Answer>(a)))),
  finishSession: (id, share) => call(async () => toSession(await Assess.FinishSession(id, share))),
  discardSession: (id) => call(async () => void (await Assess.DiscardSession(id))),
  sessions: () => call(async () => list(await Assess.Sessions()).map(toSession)),
  lastRatings: () =>
    call(async () =>
      list(await Assess.LastRatings()).map((r) => {
        const o = obj(r);
        return { itemId: str(o.itemId), level: num(o.level), day: str(o.day), evidence: str(o.evidence) };
      }),
    ),
  shareSession: (id) => call(async () => toSession(await Assess.ShareSession(id))),
  unshareSession: (id) => call(async () => toSession(await Assess.UnshareSession(id))),
  teamSummaries: () => call(async () => list(await Assess.TeamSummaries()).map(toTeamSummary)),

  askPeer: (peer, itemIds) => call(async () => toPeerView(await Assess.AskPeer(peer, itemIds))),
  peerViews: () => call(async () => list(await Assess.PeerViews()).map(toPeerView)),
  peerRequests: () => call(async () => list(await Assess.PeerRequests()).map(toPeerRequest)),
  answerPeer: (uid, answers) =>
    call(
      async () =>
        void (await Assess.AnswerPeer(
          uid,
          answers.map((a) => toGo<peerplaypay.Answer>(a)),
        )),
    ),

  plans: () => call(async () => list(await Assess.Plans()).map(toPlan)),
  savePlan: (p) => call(async () => toPlan(await Assess.SavePlan(toGo<peerplaypay.Plan>(p)))),
  deletePlan: (id) => call(async () => void (await Assess.DeletePlan(id))),
  planGoal: (id) => call(async () => toPlan(await Assess.PlanGoal(id))),

  learning: (from, to) => call(async () => list(await Daily.Learning(from, to)).map(toLearning)),
  addLearning: (l) => call(async () => toLearning(await Daily.AddLearning(toGo<peerplaypay.Learning>(l)))),
  deleteLearning: (id) => call(async () => void (await Daily.DeleteLearning(id))),

  basics: (from, to) => call(async () => toBasicsRange(await Daily.Basics(from, to))),
  saveBasic: (b) => call(async () => toBasic(await Daily.SaveBasic(toGo<peerplaypay.Basic>(b)))),
  tick: (id, day, done) => call(async () => void (await Daily.Tick(id, day, done))),

  reflections: (from, to) => call(async () => list(await Daily.Reflections(from, to)).map(toReflection)),
  saveReflection: (r) => call(async () => toReflection(await Daily.SaveReflection(toGo<peerplaypay.Reflection>(r)))),
  prompt: () => call(async () => str(await Daily.Prompt())),
  reflectionTimer: () => call(async () => toSavedTimer(await Daily.ReflectionTimer())),
  // null forgets it: Go takes a nil pointer, which the generated signature leaves out.
  saveReflectionTimer: (t) =>
    call(async () => void (await Daily.SaveReflectionTimer((t && toGo<peerplaypay.ReflectionTimer>(t)) as peerplaypay.ReflectionTimer))),

  practice: (day) => call(async () => toPractice(await Daily.Day(day))),
  settings: () => call(async () => toSettings(await Daily.Settings())),
  saveSettings: (s) => call(async () => toSettings(await Daily.SaveSettings(toGo<peerplaypay.GrowthSettings>(s)))),
  notify: (title, body) => call(async () => void (await Daily.Notify(title, body))),
  onChanged: (listener) => subscribe('growth:changed', () => listener()),
};
