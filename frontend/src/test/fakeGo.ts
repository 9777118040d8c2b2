import { vi, type Mock } from 'vitest';

// Stand-ins for what the Wails runtime puts on window.go and window.runtime,
// so tests run the real api/ layer and generated bindings against scripted
// answers, and can emit Go's events.

// Loosely typed on purpose: tests script whatever Go might answer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type AsyncMock = Mock<(...args: any[]) => Promise<any>>;

export interface FakeGo {
  Status: Mock<() => Promise<unknown>>;
  Info: Mock<() => Promise<unknown>>;
  Ready: Mock<() => Promise<void>>;
  Log: Mock<(level: string, message: string, fields: unknown) => Promise<void>>;
  Quit: Mock<() => Promise<void>>;
  SetSidebarCollapsed: Mock<(collapsed: boolean) => Promise<void>>;
  SetZoom: Mock<(level: number) => Promise<void>>;
  RecoveryKeyLater: Mock<() => Promise<string>>;
  /** The system's file dialogs: the path the member would pick, '' for Cancel. */
  dialogs: Record<'Choose', AsyncMock>;
  Get: Mock<() => Promise<unknown>>;
  Save: Mock<(input: unknown) => Promise<unknown>>;
  devices: Record<'List' | 'Settings' | 'SaveSettings', AsyncMock>;
  recording: Record<'Start' | 'Pause' | 'Resume' | 'Stop' | 'State' | 'Discard', AsyncMock>;
  logs: Record<'Find' | 'Get' | 'CreateText' | 'UpdateTable' | 'Delete' | 'Recovery' | 'Keep' | 'SetShared', AsyncMock>;
  /** Drafts keeps what it is given in `kept`, as Go would. */
  drafts: Record<'Get' | 'Save' | 'Discard', AsyncMock> & { kept: Map<string, string> };
  data: Record<'Defaults' | 'Backup' | 'Export' | 'Cancel' | 'InspectBackup' | 'CheckRestore' | 'Restore' | 'DropRestore', AsyncMock>;
  team: Record<
    | 'Status'
    | 'Create'
    | 'Join'
    | 'Leave'
    | 'Requests'
    | 'Approve'
    | 'Refuse'
    | 'Remove'
    | 'Sync'
    | 'CancelSync'
    | 'RecoveryKey'
    | 'SaveRecoveryKey'
    | 'ImportKey'
    | 'PeerLogs'
    | 'Settings'
    | 'SaveSettings',
    AsyncMock
  >;
  /** The Inbox facade over a list of peers' logs in `logs`, kept as Go would. */
  inbox: Record<
    'Logs' | 'Counts' | 'Log' | 'SetWatched' | 'SavePosition' | 'Fetch' | 'Search' | 'Today' | 'PlayerPrefs' | 'SavePlayerPrefs',
    AsyncMock
  > & { logs: Obj[]; prefs: Obj; inTeam: boolean };
  /** The growth area's facades (GrowthFramework, Assessment, DailyPractice) as one, keeping what they are given as Go would. */
  growth: Record<GrowthMethod, AsyncMock> & { state: GrowthState };
  /** The Goals facade over an in-memory store; `state` holds what Go would. */
  goals: ReturnType<typeof goalsFake>;
  /** The Answers facade over in-memory answers in `state`, with the Thanks rules Go keeps. */
  answers: Record<AnswersMethod, AsyncMock> & { state: AnswersFakeState };
  /** The Reminders facade; `state` holds the settings and pending reminders as Go would. */
  reminders: Record<'Settings' | 'Save' | 'SetAutostart' | 'Pending' | 'Dismiss' | 'TakeFocusArea', AsyncMock> & {
    state: { view: Obj; pending: Obj[] };
  };
  /** The team's practice: Save keeps the keys given, with a history, as Go would. */
  practice: Record<'Get' | 'Save', AsyncMock> & { state: Obj };
  /** emit delivers a Go event to the page's listeners. */
  emit(name: string, payload: unknown): void;
  /** How many listeners a Go event has (EventsOn without its off leaks). */
  listeners(name: string): number;
}

export type GrowthMethod =
  | 'Framework'
  | 'SaveFramework'
  | 'ResetFramework'
  | 'ExportFramework'
  | 'ImportFramework'
  | 'PublishFramework'
  | 'CurrentSession'
  | 'Answer'
  | 'FinishSession'
  | 'DiscardSession'
  | 'Sessions'
  | 'LastRatings'
  | 'ShareSession'
  | 'UnshareSession'
  | 'TeamSummaries'
  | 'AskPeer'
  | 'PeerViews'
  | 'PeerRequests'
  | 'AnswerPeer'
  | 'Plans'
  | 'SavePlan'
  | 'DeletePlan'
  | 'PlanGoal'
  | 'Learning'
  | 'AddLearning'
  | 'DeleteLearning'
  | 'Basics'
  | 'SaveBasic'
  | 'Tick'
  | 'Reflections'
  | 'SaveReflection'
  | 'Prompt'
  | 'ReflectionTimer'
  | 'SaveReflectionTimer'
  | 'Day'
  | 'Settings'
  | 'SaveSettings'
  | 'Notify';

export type AnswersMethod =
  | 'Rules'
  | 'LogAnswers'
  | 'Comments'
  | 'AddComment'
  | 'EditComment'
  | 'DeleteComment'
  | 'React'
  | 'OfferHelp'
  | 'AcceptHelp'
  | 'GiveThanks'
  | 'EditThanks'
  | 'WithdrawThanks'
  | 'ThanksFeed'
  | 'MyThanks'
  | 'Activity'
  | 'UnreadActivity'
  | 'MarkActivityRead'
  | 'HelpWanted'
  | 'Place'
  | 'NotifySettings'
  | 'SaveNotifySettings';

// What the fakes store and answer, as loose as the scripted answers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Obj = Record<string, any>;

export interface GrowthState {
  framework: Obj;
  /** The session in progress, null until CurrentSession makes one. */
  current: Obj | null;
  /** Finished sessions, oldest first. */
  sessions: Obj[];
  plans: Obj[];
  learning: Obj[];
  basics: Obj[];
  ticks: { basicId: number; day: string }[];
  reflections: Obj[];
  /** The reflection under way as Go keeps it, null when none. */
  timer: Obj | null;
  settings: { reflectionMinutes: number };
  peerViews: Obj[];
  peerRequests: Obj[];
  /** Teammates' shared summaries, as Go sends them (newest first). */
  teamSummaries: Obj[];
  /** Whether this laptop is in a team: sharing needs one. */
  inTeam: boolean;
  standup: boolean;
  nextId: number;
  prompts: string[];
  promptAt: number;
}

/** itemOf is a framework item as Go sends it. */
export function itemOf(id: string, name: string, behaviour = false) {
  return {
    id,
    name,
    description: `How well I ${name.toLowerCase()}.`,
    levels: [1, 2, 3, 4, 5].map((n) => `${name} level ${n}`),
    behaviour,
  };
}

/** frameworkOf is a small framework: two groups of two items. */
export function frameworkOf(over: Record<string, unknown> = {}) {
  return {
    id: 'default',
    name: 'Default framework',
    version: 1,
    source: 'default',
    authorName: '',
    updatedAt: '2026-11-01T09:00:00Z',
    groups: [
      { id: 'craft', name: 'Craft', items: [itemOf('craft.code', 'Code quality'), itemOf('craft.testing', 'Testing')] },
      {
        id: 'values',
        name: 'Behaviours',
        items: [itemOf('values.coaching', 'Coaching', true), itemOf('values.helping', 'Helping', true)],
      },
    ],
    ...over,
  };
}

/** summaryOf is a teammate's shared summary as Go sends it; names resolve against frameworkOf(). */
export function summaryOf(
  member: string,
  memberName: string,
  day: string,
  levels: Record<string, number>,
  over: Record<string, unknown> = {},
) {
  const placed = new Map(frameworkOf().groups.flatMap((g) => g.items.map((i) => [i.id, { item: i, group: g }] as const)));
  return {
    member,
    memberName,
    uid: `${member}-${day}`,
    day,
    frameworkId: 'default',
    frameworkVersion: 1,
    frameworkName: 'Default framework',
    levels: Object.entries(levels).map(([itemId, level]) => {
      const p = placed.get(itemId);
      return { itemId, itemName: p?.item.name ?? '', groupId: p?.group.id ?? '', groupName: p?.group.name ?? '', level };
    }),
    ...over,
  };
}

/** sessionOf is a finished session with the given levels per item. */
export function sessionOf(id: number, day: string, levels: Record<string, number>, over: Record<string, unknown> = {}) {
  return {
    id,
    uid: `s${id}`,
    frameworkId: 'default',
    frameworkVersion: 1,
    startedAt: `${day}T09:00:00Z`,
    finishedAt: `${day}T09:30:00Z`,
    day,
    answers: Object.entries(levels).map(([itemId, level]) => ({
      itemId,
      level,
      evidence: `evidence ${itemId} ${level}`,
      at: `${day}T09:10:00Z`,
    })),
    shared: false,
    ...over,
  };
}

function fakeGrowth() {
  const state: GrowthState = {
    framework: frameworkOf(),
    current: null,
    sessions: [],
    plans: [],
    learning: [],
    basics: [],
    ticks: [],
    reflections: [],
    timer: null,
    settings: { reflectionMinutes: 30 },
    peerViews: [],
    peerRequests: [],
    teamSummaries: [],
    inTeam: true,
    standup: false,
    nextId: 100,
    prompts: ['What surprised you today?', 'What would you do differently?'],
    promptAt: 0,
  };
  const id = () => state.nextId++;
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));
  const inRange = (day: string, from: string, to: string) => day >= from && day <= to;
  const mocks: Record<GrowthMethod, AsyncMock> = {
    Framework: vi.fn(async () => copy(state.framework)),
    SaveFramework: vi.fn(async (f: Obj) => {
      state.framework = { ...copy(f), version: state.framework.version + 1, source: 'local' };
      return copy(state.framework);
    }),
    ResetFramework: vi.fn(async () => (state.framework = frameworkOf({ version: state.framework.version + 1 }))),
    ExportFramework: vi.fn(async () => '/home/ada/framework.yaml'),
    ImportFramework: vi.fn(async () => copy(state.framework)),
    PublishFramework: vi.fn(async () => (state.framework = { ...state.framework, source: 'team', authorName: 'Ada' })),
    CurrentSession: vi.fn(async () => {
      state.current ??= { ...sessionOf(id(), '2026-11-23', {}), finishedAt: '' };
      return copy(state.current);
    }),
    Answer: vi.fn(async (sid: number, a: Obj) => {
      if (!state.current || state.current.id !== sid) throw goError('not_found', 'This assessment is no longer open.');
      state.current.answers = [...state.current.answers.filter((x: Obj) => x.itemId !== a.itemId), copy(a)];
      return copy(state.current);
    }),
    FinishSession: vi.fn(async (sid: number, share: boolean) => {
      if (!state.current || state.current.id !== sid) throw goError('not_found', 'This assessment is no longer open.');
      const done = { ...state.current, finishedAt: '2026-11-23T10:00:00Z', shared: share };
      state.sessions.push(done);
      state.current = null;
      return copy(done);
    }),
    DiscardSession: vi.fn(async () => void (state.current = null)),
    Sessions: vi.fn(async () => copy(state.sessions)),
    LastRatings: vi.fn(async () => {
      const last = new Map<string, Obj>();
      for (const s of state.sessions)
        for (const a of s.answers) last.set(a.itemId, { itemId: a.itemId, level: a.level, day: s.day, evidence: a.evidence });
      return [...last.values()];
    }),
    ShareSession: vi.fn(async (sid: number) => {
      const s = state.sessions.find((x) => x.id === sid);
      if (!s) throw goError('not_found', `There is no assessment session ${sid}; it may have been discarded.`);
      if (!state.inTeam)
        throw goError('invalid', 'This needs a team share: create or join a team first (Team area, or `peerplaypay team`).');
      s.shared = true;
      return copy(s);
    }),
    UnshareSession: vi.fn(async (sid: number) => {
      const s = state.sessions.find((x) => x.id === sid);
      if (!s) throw goError('not_found', `There is no assessment session ${sid}; it may have been discarded.`);
      s.shared = false;
      return copy(s);
    }),
    TeamSummaries: vi.fn(async () => copy(state.teamSummaries)),
    AskPeer: vi.fn(async (peer: string, itemIds: string[]) => {
      const v = { requestUid: `r${id()}`, peer, peerName: 'Bob', itemIds, askedAt: '2026-11-23T09:00:00Z', answeredAt: '', answers: [] };
      state.peerViews.push(v);
      return copy(v);
    }),
    PeerViews: vi.fn(async () => copy(state.peerViews)),
    PeerRequests: vi.fn(async () => copy(state.peerRequests)),
    AnswerPeer: vi.fn(async (uid: string) => {
      state.peerRequests = state.peerRequests.map((r) => (r.requestUid === uid ? { ...r, answered: true } : r));
    }),
    Plans: vi.fn(async () => copy(state.plans)),
    SavePlan: vi.fn(async (p: Obj) => {
      const saved = { ...copy(p), id: p.id || id(), updatedAt: '2026-11-23T09:00:00Z' };
      state.plans = [...state.plans.filter((x) => x.id !== saved.id), saved];
      return copy(saved);
    }),
    DeletePlan: vi.fn(async (pid: number) => void (state.plans = state.plans.filter((x) => x.id !== pid))),
    PlanGoal: vi.fn(async (pid: number) => {
      const p = state.plans.find((x) => x.id === pid);
      if (!p) throw goError('not_found', 'This plan is gone.');
      p.goalId = 7;
      return copy(p);
    }),
    Learning: vi.fn(async (from: string, to: string) => copy(state.learning.filter((l) => inRange(l.day, from, to)))),
    AddLearning: vi.fn(async (l: Obj) => {
      const saved = { ...copy(l), id: id() };
      state.learning.push(saved);
      return copy(saved);
    }),
    DeleteLearning: vi.fn(async (lid: number) => void (state.learning = state.learning.filter((x) => x.id !== lid))),
    Basics: vi.fn(async (from: string, to: string) => ({
      from,
      to,
      basics: copy(state.basics),
      ticks: state.ticks.filter((t) => inRange(t.day, from, to)),
    })),
    SaveBasic: vi.fn(async (b: Obj) => {
      const saved = { ...copy(b), id: b.id || id() };
      state.basics = [...state.basics.filter((x) => x.id !== saved.id), saved];
      return copy(saved);
    }),
    Tick: vi.fn(async (basicId: number, day: string, done: boolean) => {
      state.ticks = state.ticks.filter((t) => !(t.basicId === basicId && t.day === day));
      if (done) state.ticks.push({ basicId, day });
    }),
    Reflections: vi.fn(async (from: string, to: string) => copy(state.reflections.filter((r) => inRange(r.day, from, to)))),
    SaveReflection: vi.fn(async (r: Obj) => {
      const saved = { ...copy(r), id: id() };
      state.reflections.push(saved);
      state.timer = null; // as Go: the entry written, the reflection is over
      return copy(saved);
    }),
    ReflectionTimer: vi.fn(async () => (state.timer ? copy(state.timer) : null)),
    SaveReflectionTimer: vi.fn(async (t: Obj | null) => void (state.timer = t ? copy(t) : null)),
    Prompt: vi.fn(async () => state.prompts[state.promptAt++ % state.prompts.length]),
    Day: vi.fn(async (day: string) => {
      const active = state.basics.filter((b) => !b.archived).map((b) => b.id);
      return {
        day,
        standup: state.standup,
        basicsDone: state.ticks.filter((t) => t.day === day && active.includes(t.basicId)).length,
        basicsTotal: active.length,
        reflectionMinutes: state.reflections.filter((r) => r.day === day).reduce((n, r) => n + r.minutes, 0),
        reflectionTarget: state.settings.reflectionMinutes,
        learningMinutes: state.learning.filter((l) => l.day === day).reduce((n, l) => n + l.minutes, 0),
        weekLearningMinutes: state.learning.reduce((n, l) => n + l.minutes, 0),
      };
    }),
    Settings: vi.fn(async () => copy(state.settings)),
    SaveSettings: vi.fn(async (s: { reflectionMinutes: number }) => (state.settings = copy(s))),
    Notify: vi.fn(async () => {}),
  };
  return Object.assign(mocks, { state });
}

export const okStatus = {
  ok: true,
  code: '',
  message: '',
  dataDir: '/home/ada/.local/share/PeerPlayPay',
  mediaBase: '',
  saved: null,
};

export function profileOf(name: string, role = '', teamName = '') {
  return {
    memberId: 'm-1',
    name,
    role,
    teamName,
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
  };
}

/** logOf is a LogEntry as Go sends it. */
export function logOf(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    day: '2026-11-23',
    kind: 'video',
    status: 'ready',
    mediaPath: `media/${id}.webm`,
    durationMs: 42_000,
    sizeBytes: 3_100_000,
    sha256: 'ab'.repeat(32),
    done: '',
    how: '',
    why: '',
    next: '',
    helpNeeded: '',
    mood: 0,
    energy: 0,
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
    ...over,
  };
}

/** teamOf is a team status as Go sends it: by default, in no team. */
export function teamOf(over: Record<string, unknown> = {}) {
  return {
    state: 'none',
    location: '',
    teamId: '',
    teamName: '',
    memberId: 'ab'.repeat(16),
    safetyCode: '',
    waiting: 0,
    lastSync: '0001-01-01T00:00:00Z',
    members: [],
    problems: [],
    ignored: [],
    syncing: false,
    lastError: '',
    offline: false,
    ...over,
  };
}

/** stateOf is a RecordingState as Go sends it. */
export function stateOf(over: Record<string, unknown> = {}) {
  return {
    recording: true,
    logId: 7,
    kind: 'video',
    elapsedMs: 0,
    maxMs: 300_000,
    bytes: 0,
    level: 0,
    paused: false,
    ...over,
  };
}

export const synthetic = {
  devices: [
    { kind: 'video', id: 'cam-1', label: 'Test pattern 720p' },
    { kind: 'audio', id: 'mic-1', label: 'Tone' },
  ],
  message: '',
};

/** goError is what the Wails runtime rejects with when a Go method fails. */
export function goError(code: string, message: string, field = ''): Error {
  return new Error(JSON.stringify({ code, message, field }));
}

/** goalOf is a Goal as Go sends it. */
export function goalOf(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    uid: `g${id}`,
    title: `Goal ${id}`,
    kind: 'result',
    description: '',
    measure: { type: 'number', unit: 'ms', start: 800, target: 200, current: 800, milestones: [], levels: [] },
    confidence: 3,
    due: '2026-12-31',
    owner: 'ab'.repeat(16),
    ownerName: 'Ada',
    contributors: [],
    proposedBy: 'ab'.repeat(16),
    proposedByName: 'Ada',
    level: 'personal',
    parentUid: '',
    outcomeId: '',
    outcomeTitle: '',
    visibility: 'team',
    status: 'on_track',
    statusReason: '',
    suggestedStatus: '',
    suggestedReason: '',
    needHelp: '',
    progress: 0,
    mine: true,
    checkins: 0,
    lastCheckinAt: '0001-01-01T00:00:00Z',
    checkinDue: false,
    openHelpOffers: 0,
    createdAt: '2026-11-01T09:00:00Z',
    updatedAt: '2026-11-01T09:00:00Z',
    ...over,
  };
}

type GoalRow = ReturnType<typeof goalOf>;

export interface GoalsFakeState {
  goals: GoalRow[];
  checkins: Record<string, unknown>[];
  offers: Record<string, unknown>[];
  outcomes: Record<string, unknown>[];
  conversations: Record<string, unknown>[];
  sharedConversations: Record<string, unknown>[];
  logGoals: Map<number, number[]>;
  settings: { checkinEveryDays: number };
}

export type GoalsMethod =
  | 'List'
  | 'Get'
  | 'Create'
  | 'Update'
  | 'SetStatus'
  | 'Delete'
  | 'CheckIn'
  | 'OfferHelp'
  | 'AcceptHelp'
  | 'HelpRequests'
  | 'Outcomes'
  | 'SaveOutcomes'
  | 'LogGoals'
  | 'SetLogGoals'
  | 'Conversations'
  | 'Agenda'
  | 'SaveConversation'
  | 'Settings'
  | 'SaveSettings'
  | 'SharedConversations';

/**
 * goalsFake answers like Go's Goals facade over an in-memory store, so
 * component tests run whole flows (create, check in, offer and accept help)
 * through the real api/ layer. It emits "goals:changed" as Go does.
 */
function goalsFake(emit: (name: string, payload: unknown) => void): Record<GoalsMethod, AsyncMock> & { state: GoalsFakeState } {
  const me = 'ab'.repeat(16);
  const state: GoalsFakeState = {
    goals: [],
    checkins: [],
    offers: [],
    outcomes: [],
    conversations: [],
    sharedConversations: [],
    logGoals: new Map(),
    settings: { checkinEveryDays: 7 },
  };
  let next = 1000;
  const changed = () => emit('goals:changed', null);
  const find = (id: number) => {
    const g = state.goals.find((x) => x.id === id);
    if (!g) throw goError('not_found', 'That goal no longer exists.');
    return g;
  };
  const progress = (m: GoalRow['measure']) => {
    let p = 0;
    if (m.type === 'number') p = (m.current - m.start) / (m.target - m.start || 1);
    if (m.type === 'milestones') p = m.milestones.length ? m.current / m.milestones.length : 0;
    if (m.type === 'scale') p = (m.current - 1) / 4;
    return Math.min(1, Math.max(0, p));
  };
  const fromInput = (input: Record<string, unknown>) => {
    const out = { ...input } as Record<string, unknown>;
    out.contributors = ((input.contributors as string[]) ?? []).map((id) => ({ id, name: id === me ? 'Ada' : 'Bob' }));
    return out;
  };
  // The rules Go checks that the tests lean on.
  const check = (input: Record<string, unknown>) => {
    if (!String(input.title ?? '').trim()) throw goError('invalid', 'Give the goal a title.', 'title');
    const m = (input.measure ?? {}) as { type?: string; start?: number; target?: number };
    if (m.type === 'number' && m.start === m.target) {
      throw goError('invalid', `The target equals the start (${m.start}): choose a target to move to.`, 'measure.target');
    }
  };
  const offersOf = (uid: string) => state.offers.filter((o) => o.goalUid === uid);
  const fns: Record<GoalsMethod, AsyncMock> = {
    List: vi.fn(async () => state.goals.map((g) => ({ ...g }))),
    Get: vi.fn(async (id: number) => {
      const g = find(id);
      return {
        goal: g,
        checkins: state.checkins.filter((c) => c.goalUid === g.uid),
        offers: offersOf(g.uid),
        logs: [],
        children: state.goals.filter((c) => c.parentUid === g.uid),
        parent: state.goals.find((p) => p.uid === g.parentUid) ?? null,
      };
    }),
    Create: vi.fn(async (input: Record<string, unknown>) => {
      check(input);
      const id = next++;
      const g = goalOf(id, { ...fromInput(input), mine: true, createdAt: '2026-11-23T09:00:00Z' });
      g.progress = progress(g.measure);
      state.goals.push(g);
      changed();
      return g;
    }),
    Update: vi.fn(async (id: number, input: Record<string, unknown>) => {
      check(input);
      const g = find(id);
      Object.assign(g, fromInput(input));
      g.progress = progress(g.measure);
      changed();
      return g;
    }),
    SetStatus: vi.fn(async (id: number, status: string, reason: string) => {
      if (status === 'dropped' && !reason.trim()) throw goError('invalid', 'Say why the goal is dropped.', 'reason');
      const g = find(id);
      Object.assign(g, { status, statusReason: reason });
      changed();
      return g;
    }),
    Delete: vi.fn(async (id: number, children: string) => {
      const g = find(id);
      const kids = state.goals.filter((c) => c.parentUid === g.uid);
      if (kids.length && children === 'refuse') throw goError('conflict', `This goal has ${kids.length} goals under it.`);
      for (const k of kids) {
        if (children === 'lift') k.parentUid = g.parentUid;
        if (children === 'detach') k.parentUid = '';
      }
      state.goals = state.goals.filter((x) => x !== g && !(children === 'delete' && kids.includes(x)));
      changed();
    }),
    CheckIn: vi.fn(async (id: number, input: Record<string, unknown>) => {
      const g = find(id);
      const done = (input.milestonesDone as string[]) ?? [];
      for (const m of g.measure.milestones as { id: string; done: boolean }[]) if (done.includes(m.id)) m.done = true;
      const value =
        g.measure.type === 'milestones'
          ? (g.measure.milestones as { done: boolean }[]).filter((m) => m.done).length
          : Number(input.value ?? 0);
      g.measure = { ...g.measure, current: value };
      g.progress = progress(g.measure);
      g.checkins++;
      const c = {
        id: next++,
        uid: `c${next}`,
        goalUid: g.uid,
        at: '2026-11-23T10:00:00Z',
        author: me,
        authorName: 'Ada',
        value,
        milestonesDone: done,
        confidence: input.confidence ?? 0,
        note: input.note ?? '',
      };
      state.checkins.push(c);
      changed();
      return c;
    }),
    OfferHelp: vi.fn(async (goalId: number, text: string) => {
      const g = find(goalId);
      const o = {
        id: next++,
        uid: `o${next}`,
        goalUid: g.uid,
        goalTitle: g.title,
        author: me,
        authorName: 'Ada',
        text,
        at: '2026-11-23T10:00:00Z',
        accepted: false,
        acceptedAt: '',
        mine: true,
      };
      state.offers.push(o);
      g.openHelpOffers++;
      changed();
      return o;
    }),
    AcceptHelp: vi.fn(async (offerId: number) => {
      const o = state.offers.find((x) => x.id === offerId);
      if (!o) throw goError('not_found', 'That offer no longer exists.');
      Object.assign(o, { accepted: true, acceptedAt: '2026-11-24T09:00:00Z' });
      changed();
      return o;
    }),
    HelpRequests: vi.fn(async () => state.goals.filter((g) => g.needHelp).map((g) => ({ goal: g, offers: offersOf(g.uid) }))),
    Outcomes: vi.fn(async () => state.outcomes),
    SaveOutcomes: vi.fn(async (list: Record<string, unknown>[]) => {
      state.outcomes = list.map((o, i) => ({ ...o, id: o.id || `out${i + 1}` }));
      changed();
      return state.outcomes;
    }),
    LogGoals: vi.fn(async (logId: number) => state.logGoals.get(logId) ?? []),
    SetLogGoals: vi.fn(async (logId: number, ids: number[]) => {
      state.logGoals.set(logId, ids);
      return ids;
    }),
    Conversations: vi.fn(async () => state.conversations),
    Agenda: vi.fn(async () => ['Bob: “Ship search v2” checked in 3 times (40% → 70%)', 'Ada: new goal “Pair weekly”']),
    SaveConversation: vi.fn(async (note: Record<string, unknown>) => {
      // As Go: saving never changes the other member's choice to share.
      const stored = state.conversations.find((c) => c.id === note.id);
      const saved = { ...note, id: note.id || next++, shareTheirs: stored?.shareTheirs ?? false, updatedAt: '2026-11-23T10:00:00Z' };
      state.conversations = [saved, ...state.conversations.filter((c) => c.id !== saved.id)];
      return saved;
    }),
    SharedConversations: vi.fn(async () => state.sharedConversations),
    Settings: vi.fn(async () => state.settings),
    SaveSettings: vi.fn(async (s: { checkinEveryDays: number }) => {
      if (s.checkinEveryDays < 0) throw goError('invalid', 'Choose 0 (no reminders) or a number of days.', 'checkinEveryDays');
      state.settings = s;
      changed();
      return s;
    }),
  };
  return Object.assign(fns, { state });
}

export function installGo(): FakeGo {
  const handlers = new Map<string, Set<(...data: unknown[]) => void>>();
  const fake: FakeGo = {
    Status: vi.fn(async () => okStatus),
    Info: vi.fn(async () => ({ version: '0.1.0', dataDir: okStatus.dataDir })),
    SetSidebarCollapsed: vi.fn(async () => {}),
    SetZoom: vi.fn(async () => {}),
    RecoveryKeyLater: vi.fn(async () => new Date(Date.now() + 7 * 86_400_000).toISOString()),
    dialogs: { Choose: vi.fn(async () => '') },
    Ready: vi.fn(async () => {}),
    Log: vi.fn(async () => {}),
    Quit: vi.fn(async () => {}),
    Get: vi.fn(async () => null),
    Save: vi.fn(async (input: unknown) => ({ ...profileOf(''), ...(input as object) })),
    devices: {
      List: vi.fn(async () => synthetic),
      Settings: vi.fn(async () => ({ videoDeviceId: '', audioDeviceId: '', maxSeconds: 300 })),
      SaveSettings: vi.fn(async (rs: unknown) => rs),
    },
    recording: {
      Start: vi.fn(async (req: { audioOnly?: boolean }) => stateOf({ kind: req?.audioOnly ? 'audio' : 'video' })),
      Pause: vi.fn(async () => {}),
      Resume: vi.fn(async () => {}),
      Stop: vi.fn(async () => logOf(7)),
      Discard: vi.fn(async () => {}),
      State: vi.fn(async () => ({ ...stateOf(), recording: false, logId: 0 })),
    },
    logs: {
      Find: vi.fn(async () => ({ logs: [], total: 0 })),
      Get: vi.fn(async (id: number) => logOf(id)),
      CreateText: vi.fn(async (t: object) => logOf(9, { kind: 'text', durationMs: 0, sizeBytes: 0, ...t })),
      UpdateTable: vi.fn(async (id: number, t: object) => logOf(id, { ...t })),
      Delete: vi.fn(async () => {}),
      Recovery: vi.fn(async () => ({ logs: [], problems: [] })),
      Keep: vi.fn(async (id: number) => logOf(id)),
      SetShared: vi.fn(async (id: number, shared: boolean) => logOf(id, { shared })),
    },
    team: {
      Status: vi.fn(async () => teamOf()),
      Create: vi.fn(async () => teamOf({ state: 'member' })),
      Join: vi.fn(async () => teamOf({ state: 'pending', safetyCode: '4968 6355' })),
      Leave: vi.fn(async () => {}),
      Requests: vi.fn(async () => []),
      Approve: vi.fn(async () => {}),
      Refuse: vi.fn(async () => {}),
      Remove: vi.fn(async () => {}),
      Sync: vi.fn(async () => true),
      CancelSync: vi.fn(async () => {}),
      RecoveryKey: vi.fn(async () => ({
        memberId: 'ab'.repeat(16),
        file: '-----BEGIN PEERPLAYPAY RECOVERY KEY-----',
        printable: '1: 0400 20G3 0G2G C1R8  S',
      })),
      SaveRecoveryKey: vi.fn(async () => {}),
      ImportKey: vi.fn(async () => 'ab'.repeat(16)),
      PeerLogs: vi.fn(async () => []),
      Settings: vi.fn(async () => ({
        shareNewLogs: true,
        syncMinutes: 5,
        budgetMb: 2048,
        hasS3Keys: false,
        secretPlace: 'no S3 keys kept here (the AWS variables are used, if set)',
        recoverySaved: '2026-11-20T10:00:00Z',
      })),
      SaveSettings: vi.fn(async (s: object) => ({ hasS3Keys: false, recoverySaved: '', ...s })),
    },
    drafts: Object.assign(
      {
        Get: vi.fn(async (key: string) => {
          const value = fake.drafts.kept.get(key);
          return value ? { key, value, updatedAt: '2026-11-23T09:30:00Z' } : { key: '', value: '' };
        }),
        Save: vi.fn(async (key: string, value: string) => {
          fake.drafts.kept.set(key, value);
          return { key, value, updatedAt: '2026-11-23T09:30:00Z' };
        }),
        Discard: vi.fn(async (key: string) => void fake.drafts.kept.delete(key)),
      },
      { kept: new Map<string, string>() },
    ),
    data: {
      Defaults: vi.fn(async () => ({ backupFile: '/home/ada/PeerPlayPay-backup.tar', exportFolder: '/home/ada/export' })),
      Backup: vi.fn(async (path: string, passphrase: string) => ({
        path,
        files: 3,
        bytes: 12_000_000,
        encrypted: passphrase !== '',
        unprotected: passphrase
          ? []
          : ["your team identity key (share-identity.key): with it, anyone who gets the file can read your team's data and sign as you"],
      })),
      Export: vi.fn(async (path: string) => ({ path, files: 4, bytes: 12_000_000 })),
      Cancel: vi.fn(async () => {}),
      InspectBackup: vi.fn(async (path: string) => ({ path, encrypted: false })),
      CheckRestore: vi.fn(async (path: string, passphrase: string) => ({
        path,
        createdAt: '2026-11-20T17:45:00Z',
        appVersion: '0.2.0',
        files: 3,
        bytes: 12_000_000,
        encrypted: passphrase !== '',
        dataDir: '/home/ada/.local/share/peerplaypay',
        aside: '/home/ada/.local/share/peerplaypay-before-restore-2026-11-23-0930',
      })),
      Restore: vi.fn(async () => ({
        from: '/home/ada/monday.tar',
        createdAt: '2026-11-20T17:45:00Z',
        files: 3,
        bytes: 12_000_000,
        aside: '/home/ada/.local/share/peerplaypay-before-restore-2026-11-23-0930',
      })),
      DropRestore: vi.fn(async () => {}),
    },
    inbox: fakeInbox(),
    growth: fakeGrowth(),
    goals: goalsFake((name, payload) => fake.emit(name, payload)),
    answers: answersFake(),
    reminders: remindersFake(),
    practice: practiceFake(),
    emit(name, payload) {
      for (const h of [...(handlers.get(name) ?? [])]) h(payload);
    },
    listeners: (name) => handlers.get(name)?.size ?? 0,
  };
  // Help wanted joins the stand-ups' requests with the goals' ones, as Go does.
  fake.answers.HelpWanted.mockImplementation(async () => [
    ...fake.answers.state.helpLogs,
    ...(await fake.goals.HelpRequests()).map((r: Obj) => ({
      kind: 'goal',
      author: r.goal.owner ?? '',
      authorName: r.goal.ownerName ?? '',
      mine: r.goal.mine === true,
      need: r.goal.needHelp ?? '',
      day: '2026-11-23',
      log: null,
      logId: 0,
      peerLogId: 0,
      done: '',
      goal: r.goal,
      offers: r.offers,
    })),
  ]);
  (window as unknown as { go: unknown }).go = {
    app: {
      Shell: {
        Status: fake.Status,
        Info: fake.Info,
        Ready: fake.Ready,
        Log: fake.Log,
        Quit: fake.Quit,
        SetSidebarCollapsed: fake.SetSidebarCollapsed,
        SetZoom: fake.SetZoom,
        RecoveryKeyLater: fake.RecoveryKeyLater,
      },
      Dialogs: fake.dialogs,
      Profiles: { Get: fake.Get, Save: fake.Save },
      Devices: fake.devices,
      Recording: fake.recording,
      Logs: fake.logs,
      Drafts: fake.drafts,
      Data: fake.data,
      Team: fake.team,
      Inbox: fake.inbox,
      // One fake behind the growth area's three facades: each binding finds its methods there.
      GrowthFramework: fake.growth,
      Assessment: fake.growth,
      DailyPractice: fake.growth,
      Goals: fake.goals,
      Answers: fake.answers,
      Reminders: fake.reminders,
      Practice: fake.practice,
    },
  };
  // What wailsjs/runtime calls: EventsOnMultiple returns the off function.
  (window as unknown as { runtime: unknown }).runtime = {
    EventsOnMultiple(name: string, cb: (...data: unknown[]) => void) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      const h = (...data: unknown[]) => cb(...data);
      set.add(h);
      return () => set.delete(h);
    },
    EventsOff(name: string) {
      handlers.delete(name);
    },
  };
  return fake;
}

export function uninstallGo(): void {
  delete (window as unknown as { go?: unknown }).go;
  delete (window as unknown as { runtime?: unknown }).runtime;
}

/** peerLogOf is a peer's log as Go sends it. */
export function peerLogOf(id: number, over: Obj = {}): Obj {
  return {
    id,
    author: 'cd'.repeat(16),
    authorName: 'Bob',
    uid: String(id).padStart(32, '0'),
    day: '2026-11-23',
    kind: 'video',
    table: { done: `Log ${id}`, how: '', why: '', next: '', helpNeeded: '', mood: 0, energy: 0 },
    durationMs: 60_000,
    sizeBytes: 4_000_000,
    sha256: '',
    mediaPath: `peers/x/${id}.webm`,
    createdAt: '2026-11-23T08:00:00Z',
    updatedAt: '2026-11-23T08:00:00Z',
    watched: false,
    positionMs: 0,
    ...over,
  };
}

function fakeInbox() {
  const f = {
    logs: [] as Obj[],
    prefs: { speed: 1, skipSilence: true } as Obj,
    inTeam: true,
  };
  const counts = () => ({
    unwatched: f.logs.filter((l) => !l.watched).length,
    helpNeeded: f.logs.filter((l) => !l.watched && l.table?.helpNeeded).length,
  });
  const find = (id: number) => {
    const l = f.logs.find((x) => x.id === id);
    if (!l) throw goError('not_found', 'There is no such log from a peer; it may have been deleted by its author.');
    return l;
  };
  return Object.assign(f, {
    Logs: vi.fn(async (filter: Obj) => {
      if (!f.inTeam) return { logs: [], total: 0, counts: { unwatched: 0, helpNeeded: 0 }, peers: [], inTeam: false };
      const logs = f.logs.filter((l) => (!filter.unwatched || !l.watched) && (!filter.helpNeeded || l.table?.helpNeeded));
      return { logs, total: logs.length, counts: counts(), peers: [{ id: 'cd'.repeat(16), name: 'Bob' }], inTeam: true };
    }),
    Counts: vi.fn(async () => counts()),
    Log: vi.fn(async (id: number) => ({ ...find(id) })),
    SetWatched: vi.fn(async (id: number, watched: boolean) => {
      const l = find(id);
      l.watched = watched;
      l.positionMs = 0;
      return { ...l };
    }),
    SavePosition: vi.fn(async (id: number, ms: number) => {
      find(id).positionMs = ms;
    }),
    Fetch: vi.fn(async (id: number) => {
      const l = find(id);
      l.mediaPath = `peers/x/${id}.webm`;
      return { ...l };
    }),
    Search: vi.fn(async () => []),
    Today: vi.fn(async () => []),
    PlayerPrefs: vi.fn(async () => ({ ...f.prefs })),
    SavePlayerPrefs: vi.fn(async (p: Obj) => {
      f.prefs = { speed: p.speed, skipSilence: p.skipSilence };
      return { ...f.prefs };
    }),
  });
}

/** The member in the fake Answers: Ada, with Bob and Cyd as peers. */
export const ME = 'ab'.repeat(16);
export const BOB = 'cd'.repeat(16);
export const CYD = 'ef'.repeat(16);
const names: Record<string, string> = { [ME]: 'Ada', [BOB]: 'Bob', [CYD]: 'Cyd' };

export interface AnswersFakeState {
  /** Per log uid: what the team said on it. */
  logs: Map<string, { comments: Obj[]; reactions: Obj[]; offers: Obj[]; thanks: Obj[] }>;
  thanks: Obj[];
  activity: Obj[];
  helpLogs: Obj[];
  notify: Obj;
  places: Map<string, Obj>;
  nextId: number;
}

/** thanksOf is a Thanks as Go sends it. */
export function thanksOf(id: number, over: Obj = {}): Obj {
  return {
    id,
    uid: `t${id}`,
    from: BOB,
    fromName: 'Bob',
    to: ME,
    toName: 'Ada',
    reason: `for help ${id}`,
    link: null,
    linkText: '',
    at: '2026-11-23T09:00:00Z',
    day: '2026-11-23',
    editedAt: '',
    mine: false,
    toMe: true,
    editable: false,
    editUntil: '2026-11-23T09:10:00Z',
    ...over,
  };
}

/** commentOf is a comment as Go sends it. */
export function commentOf(id: number, over: Obj = {}): Obj {
  return {
    id,
    uid: `c${id}`,
    log: { author: BOB, uid: '1'.padStart(32, '0') },
    author: BOB,
    authorName: 'Bob',
    mine: false,
    replyTo: 0,
    atMs: null,
    text: `comment ${id}`,
    createdAt: '2026-11-23T09:00:00Z',
    editedAt: '',
    deleted: false,
    replies: [],
    ...over,
  };
}

function answersFake() {
  const state: AnswersFakeState = {
    logs: new Map(),
    thanks: [],
    activity: [],
    helpLogs: [],
    notify: { activity: true, quietHours: true, quietFrom: '19:00', quietTo: '08:00' },
    places: new Map(),
    nextId: 100,
  };
  const on = (log: Obj) => {
    const key = String(log?.uid ?? '');
    if (!state.logs.has(key)) state.logs.set(key, { comments: [], reactions: [], offers: [], thanks: [] });
    return state.logs.get(key)!;
  };
  const allComments = () => [...state.logs.values()].flatMap((l) => l.comments.flatMap((c) => [c, ...c.replies]));
  const rule =
    'Your Thanks is visible to the whole team, with your name. At most 3 a day to the same person (UTC day); you can change or withdraw it for 10 minutes, then it is fixed. No Thanks to yourself.';
  const f = {
    state,
    Rules: vi.fn(async () => ({
      reactions: ['thumbsup', 'clap', 'heart', 'laugh', 'bulb', 'eyes'],
      thanksPerDay: 3,
      thanksEditMinutes: 10,
      thanksReasonMax: 280,
      commentMax: 2000,
      offerMax: 2000,
      helpWantedDays: 14,
      thanksDayIsUtc: true,
      thanksRule: rule,
    })),
    LogAnswers: vi.fn(async (log: Obj) => ({ log, ...structuredClone(on(log)) })),
    Comments: vi.fn(async (log: Obj) => structuredClone(on(log).comments)),
    AddComment: vi.fn(async (input: Obj) => {
      if (!String(input.text ?? '').trim()) throw goError('invalid', 'The comment is empty: write what you want to say.', 'text');
      const c = commentOf(state.nextId++, {
        log: input.log,
        author: ME,
        authorName: 'Ada',
        mine: true,
        replyTo: input.replyTo ?? 0,
        atMs: input.atMs ?? null,
        text: input.text,
      });
      const list = on(input.log).comments;
      const parent = list.find((x) => x.id === input.replyTo);
      if (parent) parent.replies.push(c);
      else list.push(c);
      return c;
    }),
    EditComment: vi.fn(async (id: number, text: string) => {
      const c = allComments().find((x) => x.id === id);
      if (!c || !c.mine) throw goError('not_found', 'You can edit only your own comments.');
      Object.assign(c, { text, editedAt: '2026-11-23T10:00:00Z' });
      return c;
    }),
    DeleteComment: vi.fn(async (id: number) => {
      for (const l of state.logs.values()) {
        l.comments = l.comments.filter((c) => c.id !== id || c.replies.length > 0);
        for (const c of l.comments) {
          if (c.id === id) Object.assign(c, { deleted: true, text: '' });
          c.replies = c.replies.filter((r: Obj) => r.id !== id);
        }
      }
    }),
    React: vi.fn(async (log: Obj, reaction: string, isOn: boolean) => {
      const l = on(log);
      let r = l.reactions.find((x) => x.reaction === reaction);
      if (!r) l.reactions.push((r = { reaction, members: [], names: [], mine: false }));
      r.members = r.members.filter((m: string) => m !== ME);
      r.names = r.names.filter((n: string) => n !== 'Ada');
      if (isOn) {
        r.members.push(ME);
        r.names.push('Ada');
      }
      r.mine = isOn;
      l.reactions = l.reactions.filter((x) => x.members.length);
      return structuredClone(l.reactions);
    }),
    OfferHelp: vi.fn(async (log: Obj, text: string) => {
      if (!text.trim()) throw goError('invalid', 'The offer says nothing of what you can do: say it in a few words.', 'text');
      const o = {
        id: state.nextId++,
        uid: `o${state.nextId}`,
        goalUid: '',
        goalTitle: '',
        author: ME,
        authorName: 'Ada',
        text,
        at: '2026-11-23T10:00:00Z',
        accepted: false,
        acceptedAt: '',
        mine: true,
        log,
      };
      on(log).offers.push(o);
      const h = state.helpLogs.find((x) => x.log?.uid === log.uid);
      if (h) h.offers.push(o);
      return o;
    }),
    AcceptHelp: vi.fn(async (id: number) => {
      const o = [...state.logs.values()].flatMap((l) => l.offers).find((x) => x.id === id);
      if (!o) throw goError('not_found', 'That offer no longer exists.');
      Object.assign(o, { accepted: true, acceptedAt: '2026-11-23T11:00:00Z' });
      return o;
    }),
    GiveThanks: vi.fn(async (input: Obj) => {
      if (input.to === ME) throw goError('invalid', 'You cannot thank yourself: Thanks go to a peer who helped you.', 'to');
      if (!String(input.reason ?? '').trim())
        throw goError(
          'invalid',
          'The Thanks says nothing of what it is for: say what you thank them for, in a few words (at most 280 characters).',
          'reason',
        );
      const today = state.thanks.filter((t) => t.mine && t.to === input.to && t.day === '2026-11-23').length;
      if (today >= 3)
        throw goError(
          'conflict',
          `You already thanked ${names[input.to]} 3 times today (UTC): that is the most one member may give another in a day. Try again tomorrow.`,
        );
      const t = thanksOf(state.nextId++, {
        from: ME,
        fromName: 'Ada',
        to: input.to,
        toName: names[input.to] ?? '',
        toMe: false,
        mine: true,
        reason: input.reason,
        link: input.link
          ? { kind: input.link.kind, author: input.link.log?.author ?? BOB, uid: input.link.log?.uid ?? `x${input.link.id}` }
          : null,
        linkText: input.link ? 'what helped' : '',
        editable: true,
      });
      state.thanks.unshift(t);
      if (input.link?.log) on(input.link.log).thanks.push(t);
      return t;
    }),
    EditThanks: vi.fn(async (id: number, input: Obj) => {
      const t = state.thanks.find((x) => x.id === id);
      if (!t || !t.editable) throw goError('conflict', 'This Thanks is fixed now: it can be changed only in its first 10 minutes.');
      Object.assign(t, { reason: input.reason, editedAt: '2026-11-23T09:05:00Z' });
      return t;
    }),
    WithdrawThanks: vi.fn(async (id: number) => {
      state.thanks = state.thanks.filter((x) => x.id !== id);
      for (const l of state.logs.values()) l.thanks = l.thanks.filter((x) => x.id !== id);
    }),
    ThanksFeed: vi.fn(async () => structuredClone(state.thanks)),
    MyThanks: vi.fn(async (received: boolean) => structuredClone(state.thanks.filter((t) => (received ? t.toMe : t.mine)))),
    Activity: vi.fn(async () => structuredClone(state.activity)),
    UnreadActivity: vi.fn(async () => state.activity.filter((a) => a.unread).length),
    MarkActivityRead: vi.fn(async (ids: number[]) => {
      for (const a of state.activity) if (!ids.length || ids.includes(a.id)) a.unread = false;
    }),
    HelpWanted: vi.fn(async (): Promise<Obj[]> => state.helpLogs),
    Place: vi.fn(async (kind: string, _author: string, uid: string) => {
      const p = state.places.get(`${kind}:${uid}`);
      if (!p)
        throw goError('not_found', 'What this names is not on this laptop (it may have been deleted, or it arrives with the next sync).');
      return p;
    }),
    NotifySettings: vi.fn(async () => ({ ...state.notify })),
    SaveNotifySettings: vi.fn(async (s: Obj) => {
      if (!/^\d\d:\d\d$/.test(s.quietFrom))
        throw goError('invalid', `Write when quiet hours start as HH:MM, such as 19:00 (“${s.quietFrom}” is not a time).`, 'quietFrom');
      state.notify = { ...s };
      return { ...state.notify };
    }),
  };
  return f;
}

/** remindersFake answers like Go's Reminders facade, keeping what it is given. */
function remindersFake() {
  const state = {
    view: {
      reminders: [
        { name: 'standup', label: 'Record today’s stand-up', on: true, at: '09:30' },
        { name: 'reflection', label: 'Reflect on the day', on: true, at: '16:30' },
        { name: 'checkin', label: 'Check in on a goal that is due', on: true, at: '10:00' },
        { name: 'session-prep', label: 'Add items before the weekly session', on: true, at: '15:00' },
        { name: 'session', label: 'The weekly session starts', on: true, at: '' },
      ],
      quietHours: true,
      quietFrom: '19:00',
      quietTo: '08:00',
      daysOff: ['sat', 'sun'],
      next: { standup: '2026-11-24T09:30:00+01:00' },
      autostart: false,
    } as Obj,
    pending: [] as Obj[],
  };
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));
  return Object.assign(
    {
      Settings: vi.fn(async () => copy(state.view)),
      Save: vi.fn(async (s: Obj) => {
        for (const r of s.reminders) {
          if (r.at !== '' && !/^\d\d:\d\d$/.test(r.at)) {
            throw new Error(
              JSON.stringify({ code: 'invalid', message: 'Write when to remind as HH:MM, such as 09:30.', field: `at-${r.name}` }),
            );
          }
        }
        state.view = { ...state.view, reminders: copy(s.reminders), daysOff: [...s.daysOff] };
        return copy(state.view);
      }),
      SetAutostart: vi.fn(async (on: boolean) => {
        state.view = { ...state.view, autostart: on };
        return copy(state.view);
      }),
      Pending: vi.fn(async () => copy(state.pending)),
      Dismiss: vi.fn(async (name: string) => {
        state.pending = state.pending.filter((p) => p.name !== name);
      }),
      TakeFocusArea: vi.fn(async () => ''),
    },
    { state },
  );
}

/** practiceOf is the team's practice as Go sends it: the defaults, a member's. */
export function practiceOf(over: Obj = {}): Obj {
  return {
    questions: [
      { id: 'done', text: 'What I did' },
      { id: 'how', text: 'How' },
      { id: 'why', text: 'Why it matters' },
      { id: 'next', text: 'What’s next' },
      { id: 'helpNeeded', text: 'Where I need help' },
    ],
    mood: true,
    energy: true,
    sessionParts: [
      { name: 'Three success moments for this week', minutes: 30 },
      { name: 'Three experiments for the month', minutes: 30 },
      { name: 'Accelerate everything by 20 %', minutes: 20 },
      { name: 'Rethink strategy, improvements, corrections', minutes: 20 },
      { name: 'Success stories', minutes: 20 },
    ],
    sessionWeekday: 'monday',
    sessionTime: '10:00',
    standupReminder: true,
    standupReminderAt: '10:00',
    reflectReminder: false,
    reflectReminderAt: '16:00',
    cause: '',
    agreements: [],
    unknownKeys: [],
    history: [],
    canChange: true,
    why: '',
    ...over,
  };
}

const practiceFields: Record<string, string> = {
  'standup.questions': 'questions',
  'standup.mood': 'mood',
  'standup.energy': 'energy',
  'session.parts': 'sessionParts',
  'session.weekday': 'sessionWeekday',
  'session.time': 'sessionTime',
  'reminders.standup': 'standupReminder',
  'reminders.standupAt': 'standupReminderAt',
  'reminders.reflect': 'reflectReminder',
  'reminders.reflectAt': 'reflectReminderAt',
  'team.cause': 'cause',
  'team.agreements': 'agreements',
};

function practiceFake() {
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v));
  const f = {
    state: practiceOf(),
    Get: vi.fn(async () => copy(f.state)),
    Save: vi.fn(async (values: Record<string, string>) => {
      const at = '2026-11-23T09:00:00Z';
      for (const [k, v] of Object.entries(values)) {
        const field = practiceFields[k];
        if (!field) throw goError('invalid', `${k} is not a team setting; nothing was changed.`);
        f.state[field] = JSON.parse(v);
        f.state.history = [
          { authorName: 'you', mine: true, at, key: k, value: v, current: true },
          ...(f.state.history as Obj[]).map((h) => (h.key === k ? { ...h, current: false } : h)),
        ];
      }
      return copy(f.state);
    }),
  };
  return f;
}
