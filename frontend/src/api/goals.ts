import {
  AcceptHelp,
  Agenda,
  CheckIn,
  Conversations,
  Create,
  Delete,
  Get,
  HelpRequests,
  List,
  LogGoals,
  OfferHelp,
  Outcomes,
  SaveConversation,
  SaveOutcomes,
  SaveSettings,
  SetLogGoals,
  SetStatus,
  Settings,
  SharedConversations,
  Update,
} from '../../wailsjs/go/app/Goals';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toGo, type Plain } from './plain';

// The types are Go's (wailsjs/go/models.ts); the wrappers below give every
// field a value whatever Go leaves out.
export type GoalKind = Plain<peerplaypay.Goal>['kind'];
export type GoalLevel = Plain<peerplaypay.Goal>['level'];
export type GoalVisibility = Plain<peerplaypay.Goal>['visibility'];
export type GoalStatus = Plain<peerplaypay.Goal>['status'];
/** '' = no measure set yet. */
export type MeasureType = Plain<peerplaypay.Measure>['type'];
/** What deleting a goal does to its children: Delete takes it as a plain string, so models.ts has no type for it. */
export type ChildrenChoice = 'refuse' | 'lift' | 'detach' | 'delete';
export type OutcomeKind = Plain<peerplaypay.JobOutcome>['kind'];
export type ConversationRole = Plain<peerplaypay.ConversationNote>['myRole'];

export type Milestone = Plain<peerplaypay.Milestone>;
/** levels[i] is what level i+1 of a behaviour looks like. */
export type Measure = Plain<peerplaypay.Measure>;
export type Goal = Plain<peerplaypay.Goal>;
export type GoalInput = Plain<peerplaypay.GoalInput>;
export type Checkin = Plain<peerplaypay.Checkin>;
/** value is null for milestone goals. */
export interface CheckinInput extends Omit<Plain<peerplaypay.CheckinInput>, 'value'> {
  value: number | null;
}
/** log names the stand-up log the offer answers; null on a goal. */
export interface HelpOffer extends Omit<Plain<peerplaypay.HelpOffer>, 'log'> {
  log: Plain<peerplaypay.LogRef> | null;
}
export type LinkedLog = Plain<peerplaypay.LinkedLog>;
/** checkins oldest first, logs newest first; parent null at the top. */
export interface GoalDetail extends Omit<Plain<peerplaypay.GoalDetail>, 'goal' | 'offers' | 'parent'> {
  goal: Goal;
  offers: HelpOffer[];
  parent: Goal | null;
}
export type JobOutcome = Plain<peerplaypay.JobOutcome>;
export interface HelpRequest extends Omit<Plain<peerplaypay.HelpRequest>, 'goal' | 'offers'> {
  goal: Goal;
  offers: HelpOffer[];
}
export type ConversationNote = Plain<peerplaypay.ConversationNote>;
/** A check-in conversation between two teammates that both of them shared
 * with the team; read-only for the rest of the team. */
export type SharedConversation = Plain<peerplaypay.SharedConversation>;
/** checkinEveryDays 0 = no reminders. */
export type GoalsSettings = Plain<peerplaypay.GoalsSettings>;

export interface GoalsApi {
  list(): Promise<Goal[]>;
  get(id: number): Promise<GoalDetail>;
  create(input: GoalInput): Promise<Goal>;
  update(id: number, input: GoalInput): Promise<Goal>;
  setStatus(id: number, status: GoalStatus, reason: string): Promise<Goal>;
  delete(id: number, children: ChildrenChoice): Promise<void>;
  checkIn(id: number, input: CheckinInput): Promise<Checkin>;
  offerHelp(goalId: number, text: string): Promise<HelpOffer>;
  acceptHelp(offerId: number): Promise<HelpOffer>;
  helpRequests(): Promise<HelpRequest[]>;
  outcomes(): Promise<JobOutcome[]>;
  saveOutcomes(outcomes: JobOutcome[]): Promise<JobOutcome[]>;
  logGoals(logId: number): Promise<number[]>;
  setLogGoals(logId: number, goalIds: number[]): Promise<number[]>;
  conversations(): Promise<ConversationNote[]>;
  agenda(member: string): Promise<string[]>;
  saveConversation(note: ConversationNote): Promise<ConversationNote>;
  sharedConversations(): Promise<SharedConversation[]>;
  settings(): Promise<GoalsSettings>;
  saveSettings(s: GoalsSettings): Promise<GoalsSettings>;
  /** Go says goals changed (here or from a sync). */
  onChanged(listener: () => void): Unsubscribe;
}

// Go's answers are read field by field: a missing or null field (a nil slice,
// an older backend) becomes its zero value rather than a crash in a view.
type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
// Go's zero time marshals as year 1: no time.
const time = (v: unknown): string => (typeof v === 'string' && !v.startsWith('0001-') ? v : '');
function oneOf<T extends string>(v: unknown, all: readonly T[], fallback: T): T {
  return all.find((x) => x === v) ?? fallback;
}

export const goalKinds = ['result', 'action', 'behaviour'] as const;
export const goalLevels = ['personal', 'team', 'organisation'] as const;
export const goalStatuses = ['on_track', 'at_risk', 'off_track', 'achieved', 'dropped'] as const;
const measureTypes = ['number', 'milestones', 'scale', ''] as const;

export function toMeasure(raw: unknown): Measure {
  const m = obj(raw);
  return {
    type: oneOf(m.type, measureTypes, ''),
    unit: str(m.unit),
    start: num(m.start),
    target: num(m.target),
    current: num(m.current),
    milestones: arr(m.milestones).map((x) => {
      const s = obj(x);
      return { id: str(s.id), title: str(s.title), done: s.done === true };
    }),
    levels: arr(m.levels).map(str),
  };
}

export function toGoal(raw: unknown): Goal {
  const g = obj(raw);
  return {
    id: num(g.id),
    uid: str(g.uid),
    title: str(g.title),
    kind: oneOf(g.kind, goalKinds, 'result'),
    description: str(g.description),
    measure: toMeasure(g.measure),
    confidence: num(g.confidence),
    due: str(g.due),
    owner: str(g.owner),
    ownerName: str(g.ownerName),
    contributors: arr(g.contributors).map((c) => ({ id: str(obj(c).id), name: str(obj(c).name) })),
    proposedBy: str(g.proposedBy),
    proposedByName: str(g.proposedByName),
    level: oneOf(g.level, goalLevels, 'personal'),
    parentUid: str(g.parentUid),
    outcomeId: str(g.outcomeId),
    outcomeTitle: str(g.outcomeTitle),
    visibility: g.visibility === 'private' ? 'private' : 'team',
    status: oneOf(g.status, goalStatuses, 'on_track'),
    statusReason: str(g.statusReason),
    suggestedStatus: g.suggestedStatus ? oneOf(g.suggestedStatus, goalStatuses, 'on_track') : '',
    suggestedReason: str(g.suggestedReason),
    needHelp: str(g.needHelp),
    progress: Math.min(1, Math.max(0, num(g.progress))),
    mine: g.mine === true,
    checkins: num(g.checkins),
    lastCheckinAt: time(g.lastCheckinAt),
    checkinDue: g.checkinDue === true,
    openHelpOffers: num(g.openHelpOffers),
    createdAt: time(g.createdAt),
    updatedAt: time(g.updatedAt),
  };
}

export function toCheckin(raw: unknown): Checkin {
  const c = obj(raw);
  return {
    id: num(c.id),
    uid: str(c.uid),
    goalUid: str(c.goalUid),
    at: time(c.at),
    author: str(c.author),
    authorName: str(c.authorName),
    value: num(c.value),
    milestonesDone: arr(c.milestonesDone).map(str),
    confidence: num(c.confidence),
    note: str(c.note),
  };
}

export function toHelpOffer(raw: unknown): HelpOffer {
  const o = obj(raw);
  return {
    id: num(o.id),
    uid: str(o.uid),
    goalUid: str(o.goalUid),
    goalTitle: str(o.goalTitle),
    author: str(o.author),
    authorName: str(o.authorName),
    text: str(o.text),
    at: time(o.at),
    accepted: o.accepted === true,
    acceptedAt: time(o.acceptedAt),
    mine: o.mine === true,
    log: o.log ? { author: str(obj(o.log).author), uid: str(obj(o.log).uid) } : null,
  };
}

export function toGoalDetail(raw: unknown): GoalDetail {
  const d = obj(raw);
  return {
    goal: toGoal(d.goal),
    checkins: arr(d.checkins).map(toCheckin),
    offers: arr(d.offers).map(toHelpOffer),
    logs: arr(d.logs).map((x) => {
      const l = obj(x);
      return {
        logId: num(l.logId),
        peerLogId: num(l.peerLogId),
        day: str(l.day),
        author: str(l.author),
        authorName: str(l.authorName),
        done: str(l.done),
      };
    }),
    children: arr(d.children).map(toGoal),
    parent: d.parent ? toGoal(d.parent) : null,
  };
}

export function toOutcome(raw: unknown): JobOutcome {
  const o = obj(raw);
  return {
    id: str(o.id),
    kind: oneOf(o.kind, ['deliverable', 'process', 'impact'] as const, 'deliverable'),
    title: str(o.title),
    description: str(o.description),
  };
}

export function toConversation(raw: unknown): ConversationNote {
  const c = obj(raw);
  return {
    id: num(c.id),
    uid: str(c.uid),
    with: str(c.with),
    withName: str(c.withName),
    myRole: c.myRole === 'coach' ? 'coach' : 'coachee',
    day: str(c.day),
    agenda: arr(c.agenda).map(str),
    notes: str(c.notes),
    shareMine: c.shareMine === true,
    shareTheirs: c.shareTheirs === true,
    updatedAt: time(c.updatedAt),
  };
}

export function toSharedConversation(raw: unknown): SharedConversation {
  const c = obj(raw);
  return {
    uid: str(c.uid),
    coach: str(c.coach),
    coachName: str(c.coachName),
    coachee: str(c.coachee),
    coacheeName: str(c.coacheeName),
    day: str(c.day),
    agenda: arr(c.agenda).map(str),
    notes: str(c.notes),
    updatedAt: time(c.updatedAt),
  };
}

const toSettings = (raw: unknown): GoalsSettings => ({ checkinEveryDays: num(obj(raw).checkinEveryDays) });
const ids = (raw: unknown): number[] =>
  arr(raw)
    .map(num)
    .filter((n) => n > 0);

// Arguments go to the generated bindings as plain objects, checked against
// Go's fields by toGo.
export const goalsApi: GoalsApi = {
  list: () => call(async () => arr(await List()).map(toGoal)),
  get: (id) => call(async () => toGoalDetail(await Get(id))),
  create: (input) => call(async () => toGoal(await Create(toGo<peerplaypay.GoalInput>(input)))),
  update: (id, input) => call(async () => toGoal(await Update(id, toGo<peerplaypay.GoalInput>(input)))),
  setStatus: (id, status, reason) => call(async () => toGoal(await SetStatus(id, status, reason))),
  delete: (id, children) => call(async () => void (await Delete(id, children))),
  checkIn: (id, input) => call(async () => toCheckin(await CheckIn(id, toGo<peerplaypay.CheckinInput>(input)))),
  offerHelp: (goalId, text) => call(async () => toHelpOffer(await OfferHelp(goalId, text))),
  acceptHelp: (offerId) => call(async () => toHelpOffer(await AcceptHelp(offerId))),
  helpRequests: () =>
    call(async () => arr(await HelpRequests()).map((r) => ({ goal: toGoal(obj(r).goal), offers: arr(obj(r).offers).map(toHelpOffer) }))),
  outcomes: () => call(async () => arr(await Outcomes()).map(toOutcome)),
  saveOutcomes: (outcomes) =>
    call(async () => arr(await SaveOutcomes(outcomes.map((o) => toGo<peerplaypay.JobOutcome>(o)))).map(toOutcome)),
  logGoals: (logId) => call(async () => ids(await LogGoals(logId))),
  setLogGoals: (logId, goalIds) => call(async () => ids(await SetLogGoals(logId, goalIds))),
  conversations: () => call(async () => arr(await Conversations()).map(toConversation)),
  agenda: (member) => call(async () => arr(await Agenda(member)).map(str)),
  saveConversation: (note) => call(async () => toConversation(await SaveConversation(toGo<peerplaypay.ConversationNote>(note)))),
  sharedConversations: () => call(async () => arr(await SharedConversations()).map(toSharedConversation)),
  settings: () => call(async () => toSettings(await Settings())),
  saveSettings: (s) => call(async () => toSettings(await SaveSettings(toGo<peerplaypay.GoalsSettings>(s)))),
  onChanged: (listener) => subscribe('goals:changed', () => listener()),
};

/** goalDraftKey names the form of a goal ("goal:new" for a new one). */
export function goalDraftKey(id: number): string {
  return id > 0 ? `goal:${id}` : 'goal:new';
}

export function emptyMeasure(): Measure {
  return { type: '', unit: '', start: 0, target: 0, current: 0, milestones: [], levels: ['', '', '', '', ''] };
}

export function emptyGoalInput(): GoalInput {
  return {
    title: '',
    kind: 'result',
    description: '',
    measure: emptyMeasure(),
    confidence: 0,
    due: '',
    contributors: [],
    level: 'personal',
    parentUid: '',
    outcomeId: '',
    visibility: 'team',
    needHelp: '',
  };
}

/** inputOf is the form's starting point for editing a goal. */
export function inputOf(g: Goal): GoalInput {
  const levels = [...g.measure.levels];
  while (levels.length < 5) levels.push('');
  return {
    title: g.title,
    kind: g.kind,
    description: g.description,
    measure: { ...g.measure, milestones: g.measure.milestones.map((m) => ({ ...m })), levels: levels.slice(0, 5) },
    confidence: g.confidence,
    due: g.due,
    contributors: g.contributors.map((c) => c.id),
    level: g.level,
    parentUid: g.parentUid,
    outcomeId: g.outcomeId,
    visibility: g.visibility,
    needHelp: g.needHelp,
  };
}
