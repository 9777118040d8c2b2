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
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';

export type GoalKind = 'result' | 'action' | 'behaviour';
export type GoalLevel = 'personal' | 'team' | 'organisation';
export type GoalVisibility = 'team' | 'private';
export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'achieved' | 'dropped';
/** '' = no measure set yet. */
export type MeasureType = 'number' | 'milestones' | 'scale' | '';
export type ChildrenChoice = 'refuse' | 'lift' | 'detach' | 'delete';
export type OutcomeKind = 'deliverable' | 'process' | 'impact';
export type ConversationRole = 'coach' | 'coachee';

export interface Milestone {
  id: string;
  title: string;
  done: boolean;
}

export interface Measure {
  type: MeasureType;
  unit: string;
  start: number;
  target: number;
  current: number;
  milestones: Milestone[];
  /** levels[i] is what level i+1 of a behaviour looks like. */
  levels: string[];
}

export interface Goal {
  id: number;
  uid: string;
  title: string;
  kind: GoalKind;
  description: string;
  measure: Measure;
  /** 1-5, 0 = not said. */
  confidence: number;
  /** YYYY-MM-DD, "" = none. */
  due: string;
  owner: string;
  ownerName: string;
  contributors: { id: string; name: string }[];
  proposedBy: string;
  proposedByName: string;
  level: GoalLevel;
  parentUid: string;
  outcomeId: string;
  outcomeTitle: string;
  visibility: GoalVisibility;
  status: GoalStatus;
  statusReason: string;
  /** Where the goal's own figures say it stands (Go works it out); '' when there is nothing to go on. */
  suggestedStatus: GoalStatus | '';
  suggestedReason: string;
  needHelp: string;
  /** 0..1. */
  progress: number;
  mine: boolean;
  checkins: number;
  lastCheckinAt: string;
  checkinDue: boolean;
  openHelpOffers: number;
  createdAt: string;
  updatedAt: string;
}

export interface GoalInput {
  title: string;
  kind: GoalKind;
  description: string;
  measure: Measure;
  confidence: number;
  due: string;
  contributors: string[];
  level: GoalLevel;
  parentUid: string;
  outcomeId: string;
  visibility: GoalVisibility;
  needHelp: string;
}

export interface Checkin {
  id: number;
  uid: string;
  goalUid: string;
  at: string;
  author: string;
  authorName: string;
  value: number;
  milestonesDone: string[];
  confidence: number;
  note: string;
}

export interface CheckinInput {
  /** null for milestone goals. */
  value: number | null;
  milestonesDone: string[];
  confidence: number;
  note: string;
}

export interface HelpOffer {
  id: number;
  uid: string;
  goalUid: string;
  goalTitle: string;
  author: string;
  authorName: string;
  text: string;
  at: string;
  accepted: boolean;
  acceptedAt: string;
  mine: boolean;
  /** The stand-up log the offer answers (author's member ID and uid); null on a goal. */
  log: { author: string; uid: string } | null;
}

export interface LinkedLog {
  logId: number;
  peerLogId: number;
  day: string;
  author: string;
  authorName: string;
  done: string;
}

export interface GoalDetail {
  goal: Goal;
  /** Oldest first. */
  checkins: Checkin[];
  offers: HelpOffer[];
  /** Newest first. */
  logs: LinkedLog[];
  children: Goal[];
  parent: Goal | null;
}

export interface JobOutcome {
  id: string;
  kind: OutcomeKind;
  title: string;
  description: string;
}

export interface HelpRequest {
  goal: Goal;
  offers: HelpOffer[];
}

export interface ConversationNote {
  id: number;
  uid: string;
  with: string;
  withName: string;
  myRole: ConversationRole;
  day: string;
  agenda: string[];
  notes: string;
  shareMine: boolean;
  shareTheirs: boolean;
  updatedAt: string;
}

/** A check-in conversation between two teammates that both of them shared
 * with the team; read-only for the rest of the team. */
export interface SharedConversation {
  uid: string;
  coach: string;
  coachName: string;
  coachee: string;
  coacheeName: string;
  day: string;
  agenda: string[];
  notes: string;
  updatedAt: string;
}

export interface GoalsSettings {
  /** 0 = no reminders. */
  checkinEveryDays: number;
}

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

// Arguments go to the generated bindings as plain JSON-shaped objects; the
// casts keep this file compiling against whatever classes Wails generates
// for the Go structs (they marshal the same).
export const goalsApi: GoalsApi = {
  list: () => call(async () => arr(await List()).map(toGoal)),
  get: (id) => call(async () => toGoalDetail(await Get(id))),
  create: (input) => call(async () => toGoal(await Create(input as never))),
  update: (id, input) => call(async () => toGoal(await Update(id, input as never))),
  setStatus: (id, status, reason) => call(async () => toGoal(await SetStatus(id, status, reason))),
  delete: (id, children) => call(async () => void (await Delete(id, children))),
  checkIn: (id, input) => call(async () => toCheckin(await CheckIn(id, input as never))),
  offerHelp: (goalId, text) => call(async () => toHelpOffer(await OfferHelp(goalId, text))),
  acceptHelp: (offerId) => call(async () => toHelpOffer(await AcceptHelp(offerId))),
  helpRequests: () =>
    call(async () => arr(await HelpRequests()).map((r) => ({ goal: toGoal(obj(r).goal), offers: arr(obj(r).offers).map(toHelpOffer) }))),
  outcomes: () => call(async () => arr(await Outcomes()).map(toOutcome)),
  saveOutcomes: (outcomes) => call(async () => arr(await SaveOutcomes(outcomes as never)).map(toOutcome)),
  logGoals: (logId) => call(async () => ids(await LogGoals(logId))),
  setLogGoals: (logId, goalIds) => call(async () => ids(await SetLogGoals(logId, goalIds))),
  conversations: () => call(async () => arr(await Conversations()).map(toConversation)),
  agenda: (member) => call(async () => arr(await Agenda(member)).map(str)),
  saveConversation: (note) => call(async () => toConversation(await SaveConversation(note as never))),
  sharedConversations: () => call(async () => arr(await SharedConversations()).map(toSharedConversation)),
  settings: () => call(async () => toSettings(await Settings())),
  saveSettings: (s) => call(async () => toSettings(await SaveSettings(s as never))),
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
