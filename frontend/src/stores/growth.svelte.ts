import type { DraftsApi } from '../api/drafts';
import { AppError, toAppError } from '../api/errors';
import type {
  Basic,
  BasicsRange,
  Framework,
  GrowthApi,
  GrowthSettings,
  LastRating,
  Learning,
  PeerRequest,
  PeerView,
  Plan,
  Practice,
  Reflection,
  Answer,
  SavedTimer,
  Session,
  TeamSummary,
} from '../api/growth';
import { addDays, firstOpen, flatItems, heatFrom, localDay, mondayOf } from '../domain/growth';
import { DraftKeeper } from './draftKeeper.svelte';

/** isoAt is the ISO 8601 time of a Unix time in milliseconds. */
const isoAt = (ms: number): string => new Date(ms).toISOString();

export const growthSections = [
  { id: 'assess', label: 'Assess' },
  { id: 'charts', label: 'Charts' },
  { id: 'peers', label: 'Peers' },
  { id: 'plan', label: 'Plan' },
  { id: 'learning', label: 'Learning' },
  { id: 'basics', label: 'Basics' },
  { id: 'reflect', label: 'Reflect' },
  { id: 'framework', label: 'Framework' },
] as const;
export type GrowthSection = (typeof growthSections)[number]['id'];

/** Outcome of an action in a form: ok, or what to show. */
export type Outcome = { ok: true } | { ok: false; field: string; message: string };

const failed = (reason: unknown): Outcome => {
  const e = toAppError(reason);
  return { ok: false, field: e.field, message: e.message };
};

export const JOURNAL_DRAFT = 'growth:journal';

export type TimerPhase = 'idle' | 'running' | 'paused' | 'done';

export interface TimerOptions {
  /** The clock; tests pass a fake one. */
  now?: () => number;
  /** The end's sound; the real one is a soft tone through Web Audio. */
  chime?: () => void;
  /** The desktop notification at the end. */
  notify?: (title: string, body: string) => Promise<void>;
  /** Told each change of phase, with what to keep (null: nothing runs). */
  changed?: (saved: SavedTimer | null) => void;
}

/**
 * ReflectionTimer counts a reflection down. It lives in a store, not in a
 * component, so it keeps running while the member is in another area; the
 * time left is computed from the clock, never from counted ticks, so a
 * throttled or sleeping page still ends on time.
 */
export class ReflectionTimer {
  phase = $state<TimerPhase>('idle');
  plannedMs = $state(30 * 60_000);
  /** True when it ran to the end rather than being stopped. */
  ended = $state(false);
  /** RFC 3339 of the first start. */
  startedAt = $state('');
  now = $state(0);
  #before = $state(0); // ms counted by earlier runs (before a pause)
  #runStart = $state(0);
  #ticker: ReturnType<typeof setInterval> | undefined;
  readonly #clock: () => number;
  readonly #chime: () => void;
  readonly #notify: (title: string, body: string) => Promise<void>;
  readonly #changed: (saved: SavedTimer | null) => void;

  constructor(o: TimerOptions = {}) {
    this.#clock = o.now ?? (() => Date.now());
    this.#chime = o.chime ?? (() => {});
    this.#notify = o.notify ?? (async () => {});
    this.#changed = o.changed ?? (() => {});
    this.now = this.#clock();
  }

  /** saved is what Go keeps of the timer, null when it is idle. */
  get saved(): SavedTimer | null {
    if (this.phase === 'idle') return null;
    return {
      phase: this.phase,
      plannedMinutes: Math.round(this.plannedMs / 60_000),
      startedAt: this.startedAt,
      runStartedAt: this.phase === 'running' ? isoAt(this.#runStart) : '',
      beforeMs: Math.round(this.#before),
      ended: this.ended,
    };
  }

  /**
   * restore puts back a timer kept before the app was closed or killed: a
   * running one counts the time the app was away, and ends at once if its
   * time is up.
   */
  restore(t: SavedTimer): void {
    if (this.active || this.phase === 'done') return;
    this.plannedMs = t.plannedMinutes * 60_000;
    this.startedAt = t.startedAt;
    this.ended = t.ended;
    this.#before = Math.min(this.plannedMs, t.beforeMs);
    this.now = this.#clock();
    const runStart = Date.parse(t.runStartedAt);
    if (t.phase === 'running' && Number.isFinite(runStart)) {
      this.#runStart = Math.min(runStart, this.now);
      this.phase = 'running';
      this.#stopTicker();
      this.#ticker = setInterval(() => this.tick(), 500);
      this.tick();
    } else {
      this.phase = t.phase === 'done' ? 'done' : 'paused';
    }
  }

  get active(): boolean {
    return this.phase === 'running' || this.phase === 'paused';
  }

  get elapsedMs(): number {
    const run = this.phase === 'running' ? Math.max(0, this.now - this.#runStart) : 0;
    return Math.min(this.plannedMs, this.#before + run);
  }

  get remainingMs(): number {
    return Math.max(0, this.plannedMs - this.elapsedMs);
  }

  /** Minutes actually reflected, for the journal entry. */
  get reflectedMinutes(): number {
    return Math.round(this.elapsedMs / 60_000);
  }

  start(minutes: number): void {
    if (this.active) return;
    this.plannedMs = Math.max(1, Math.round(minutes)) * 60_000;
    this.#before = 0;
    this.ended = false;
    this.now = this.#clock();
    this.startedAt = isoAt(this.now);
    this.#run();
    this.#changed(this.saved);
  }

  pause(): void {
    if (this.phase !== 'running') return;
    this.tick();
    if (this.phase !== 'running') return;
    this.#before = this.elapsedMs;
    this.phase = 'paused';
    this.#stopTicker();
    this.#changed(this.saved);
  }

  resume(): void {
    if (this.phase !== 'paused') return;
    this.now = this.#clock();
    this.#run();
    this.#changed(this.saved);
  }

  /** stop ends the reflection early; what was reflected still counts. */
  stop(): void {
    if (!this.active) return;
    this.tick();
    if (this.phase === 'done') return;
    this.#before = this.elapsedMs;
    this.phase = 'done';
    this.#stopTicker();
    this.#changed(this.saved);
  }

  /** reset forgets the timer, after its journal entry is saved. */
  reset(): void {
    this.#stopTicker();
    if (this.phase !== 'idle') this.#changed(null);
    this.phase = 'idle';
    this.#before = 0;
    this.ended = false;
    this.startedAt = '';
  }

  /** tick reads the clock; at the end it chimes and notifies, once. */
  tick(): void {
    this.now = this.#clock();
    if (this.phase !== 'running' || this.remainingMs > 0) return;
    this.#before = this.plannedMs;
    this.phase = 'done';
    this.ended = true;
    this.#stopTicker();
    this.#changed(this.saved);
    try {
      this.#chime();
    } catch {
      // No sound is no reason to lose the end of a reflection.
    }
    const minutes = Math.round(this.plannedMs / 60_000);
    void this.#notify('Reflection time is up', `${minutes} minutes of reflection. Write down what you found in your journal.`).catch(
      () => {},
    );
  }

  #run(): void {
    this.#runStart = this.now;
    this.phase = 'running';
    this.#stopTicker();
    this.#ticker = setInterval(() => this.tick(), 500);
  }

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}

export type GrowthOptions = Omit<TimerOptions, 'notify'>;

/**
 * GrowthStore owns the Growth area and Today's practice: the framework, the
 * assessment in progress and the finished ones, the plan, learning, basics,
 * reflections and the reflection timer. What was loaded is loaded again when
 * Go says something changed (here or from the team).
 */
export class GrowthStore {
  section = $state<GrowthSection>('assess');
  framework = $state.raw<Framework | null>(null);
  /** The assessment in progress (answers saved as given). */
  session = $state.raw<Session | null>(null);
  /** Where the assessment is: an item's index, items.length = finishing; -1 = not assessing. */
  position = $state(-1);
  sessions = $state.raw<Session[]>([]);
  lastRatings = $state.raw<LastRating[]>([]);
  plans = $state.raw<Plan[]>([]);
  learning = $state.raw<Learning[]>([]);
  basics = $state.raw<BasicsRange | null>(null);
  reflections = $state.raw<Reflection[]>([]);
  practice = $state.raw<Practice | null>(null);
  settings = $state.raw<GrowthSettings>({ reflectionMinutes: 30 });
  peerViews = $state.raw<PeerView[]>([]);
  peerRequests = $state.raw<PeerRequest[]>([]);
  /** Teammates' shared summaries, newest first. */
  teamSummaries = $state.raw<TeamSummary[]>([]);
  error = $state.raw<AppError | null>(null);
  /** The journal as typed, kept as a draft until saved. */
  journal = $state('');
  prompt = $state('');
  readonly timer: ReflectionTimer;

  readonly #api: GrowthApi;
  readonly #now: () => number;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of what to reload, never shown
  readonly #loaded = new Map<string, () => Promise<void>>();
  readonly #journalDraft: DraftKeeper<{ text: string; prompt: string }>;
  // The timer's states reach Go one after another, so an older one never lands last.
  #timerWrites: Promise<void> = Promise.resolve();

  constructor(api: GrowthApi, drafts: DraftsApi, o: GrowthOptions = {}) {
    this.#api = api;
    this.#journalDraft = new DraftKeeper(drafts, JOURNAL_DRAFT);
    this.#now = o.now ?? (() => Date.now());
    this.timer = new ReflectionTimer({
      now: this.#now,
      chime: o.chime,
      notify: (t, b) => api.notify(t, b),
      changed: (saved) => this.#keepTimer(saved),
    });
  }

  #keepTimer(saved: SavedTimer | null): void {
    this.#timerWrites = this.#timerWrites.then(() =>
      this.#api.saveReflectionTimer(saved).catch((reason: unknown) => void (this.error = toAppError(reason))),
    );
  }

  /** timerKept settles once Go has every state of the timer given so far. */
  timerKept(): Promise<void> {
    return this.#timerWrites;
  }

  /**
   * restoreTimer puts back, at start, a reflection that was under way when
   * the app was closed or killed, with its journal draft.
   */
  async restoreTimer(): Promise<void> {
    let saved: SavedTimer | null;
    try {
      saved = await this.#api.reflectionTimer();
    } catch (reason) {
      this.error = toAppError(reason);
      return;
    }
    if (!saved) return;
    this.timer.restore(saved);
    await this.loadJournal();
  }

  today(): string {
    return localDay(this.#now());
  }

  get items() {
    return flatItems(this.framework);
  }

  /** connect reloads what is on screen when Go says growth data changed. */
  connect(): () => void {
    // Go says so after every save: a burst (answers, a sync) is one reload.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = this.#api.onChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 120);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }

  async refresh(): Promise<void> {
    await Promise.all([...this.#loaded.values()].map((f) => f()));
  }

  async #load(name: string, f: () => Promise<void>): Promise<void> {
    const run = async () => {
      try {
        await f();
      } catch (reason) {
        this.error = toAppError(reason);
      }
    };
    this.#loaded.set(name, run);
    await run();
  }

  loadFramework = () =>
    this.#load('framework', async () => {
      this.framework = await this.#api.framework();
    });

  loadSessions = () =>
    this.#load('sessions', async () => {
      const [sessions, last] = await Promise.all([this.#api.sessions(), this.#api.lastRatings()]);
      this.sessions = sessions;
      this.lastRatings = last;
    });

  loadPlans = () =>
    this.#load('plans', async () => {
      this.plans = await this.#api.plans();
    });

  /** The learning of the last twelve weeks. */
  loadLearning = () =>
    this.#load('learning', async () => {
      const today = this.today();
      this.learning = await this.#api.learning(addDays(mondayOf(today), -7 * 11), today);
    });

  loadBasics = () =>
    this.#load('basics', async () => {
      const today = this.today();
      this.basics = await this.#api.basics(heatFrom(today), today);
    });

  loadReflections = () =>
    this.#load('reflections', async () => {
      const today = this.today();
      this.reflections = await this.#api.reflections(addDays(today, -27), today);
    });

  loadPractice = () =>
    this.#load('practice', async () => {
      this.practice = await this.#api.practice(this.today());
    });

  loadSettings = () =>
    this.#load('settings', async () => {
      this.settings = await this.#api.settings();
    });

  loadPeers = () =>
    this.#load('peers', async () => {
      const [views, requests] = await Promise.all([this.#api.peerViews(), this.#api.peerRequests()]);
      this.peerViews = views;
      this.peerRequests = requests;
    });

  loadTeamSummaries = () =>
    this.#load('teamSummaries', async () => {
      this.teamSummaries = await this.#api.teamSummaries();
    });

  async #act(f: () => Promise<unknown>, after: (() => Promise<void>)[] = []): Promise<Outcome> {
    try {
      await f();
    } catch (reason) {
      return failed(reason);
    }
    await Promise.all(after.map((a) => a()));
    return { ok: true };
  }

  // Assessment

  /** openSession loads the session in progress (or a new one) without entering it. */
  async openSession(): Promise<void> {
    await Promise.all([
      this.framework ? Promise.resolve() : this.loadFramework(),
      this.loadSessions(),
      this.#load('session', async () => {
        this.session = await this.#api.currentSession();
      }),
    ]);
  }

  /** begin enters the session where it was left: at the first item not answered. */
  begin(): void {
    this.position = firstOpen(this.items, this.session);
  }

  /** pause leaves the session; every answer is already saved. */
  pause(): void {
    this.position = -1;
  }

  go(position: number): void {
    this.position = Math.max(0, Math.min(this.items.length, position));
  }

  async answer(itemId: string, level: number, evidence: string): Promise<Outcome> {
    const s = this.session;
    if (!s) return { ok: false, field: '', message: 'No assessment is open.' };
    const a: Answer = { itemId, level, evidence, at: isoAt(this.#now()) };
    try {
      this.session = await this.#api.answer(s.id, a);
      return { ok: true };
    } catch (reason) {
      return failed(reason);
    }
  }

  async finish(share: boolean): Promise<Outcome> {
    const s = this.session;
    if (!s) return { ok: false, field: '', message: 'No assessment is open.' };
    const out = await this.#act(() => this.#api.finishSession(s.id, share), [this.loadSessions]);
    if (out.ok) {
      this.session = null;
      this.position = -1;
      this.#loaded.delete('session');
    }
    return out;
  }

  async discard(): Promise<Outcome> {
    const s = this.session;
    if (!s) return { ok: true };
    const out = await this.#act(() => this.#api.discardSession(s.id));
    if (out.ok) {
      this.session = null;
      this.position = -1;
      this.#loaded.delete('session');
    }
    return out;
  }

  /** setShared shares a finished session's summary with the team, or takes it back. */
  setShared = (sessionId: number, shared: boolean) =>
    this.#act(() => (shared ? this.#api.shareSession(sessionId) : this.#api.unshareSession(sessionId)), [this.loadSessions]);

  // Peers

  askPeer = (peer: string, itemIds: string[]) => this.#act(() => this.#api.askPeer(peer, itemIds), [this.loadPeers]);
  answerPeer = (uid: string, answers: Answer[]) => this.#act(() => this.#api.answerPeer(uid, answers), [this.loadPeers]);

  // Plan

  savePlan = (p: Plan) => this.#act(() => this.#api.savePlan(p), [this.loadPlans]);
  deletePlan = (id: number) => this.#act(() => this.#api.deletePlan(id), [this.loadPlans]);
  planGoal = (id: number) => this.#act(() => this.#api.planGoal(id), [this.loadPlans]);

  // Learning

  addLearning = (l: Learning) => this.#act(() => this.#api.addLearning(l), [this.loadLearning, this.#practiceIfLoaded]);
  deleteLearning = (id: number) => this.#act(() => this.#api.deleteLearning(id), [this.loadLearning, this.#practiceIfLoaded]);

  // Basics

  get activeBasics(): Basic[] {
    return (this.basics?.basics ?? []).filter((b) => !b.archived).sort((a, b) => a.order - b.order || a.id - b.id);
  }

  ticked(basicId: number, day: string): boolean {
    return (this.basics?.ticks ?? []).some((t) => t.basicId === basicId && t.day === day);
  }

  saveBasic = (b: Basic) => this.#act(() => this.#api.saveBasic(b), [this.loadBasics, this.#practiceIfLoaded]);

  async addBasic(title: string): Promise<Outcome> {
    if (!title.trim()) return { ok: false, field: 'title', message: 'Name the habit, for example “Plan the day”.' };
    const order = Math.max(0, ...(this.basics?.basics ?? []).map((b) => b.order)) + 1;
    return this.saveBasic({ id: 0, title: title.trim(), archived: false, order });
  }

  /** move swaps a basic with its neighbour in the list. */
  async move(b: Basic, by: -1 | 1): Promise<Outcome> {
    const list = this.activeBasics;
    const i = list.findIndex((x) => x.id === b.id);
    const other = list[i + by];
    if (i < 0 || !other) return { ok: true };
    const next = [...list];
    [next[i], next[i + by]] = [other, b];
    // Orders become the positions, so equal orders (never set) still move.
    const changed = next.map((x, k) => ({ ...x, order: k + 1 })).filter((x, k) => x.order !== next[k].order);
    return this.#act(async () => {
      for (const x of changed) await this.#api.saveBasic(x);
    }, [this.loadBasics]);
  }

  async tick(basicId: number, day: string, done: boolean): Promise<Outcome> {
    const before = this.basics;
    if (before) {
      // Shown at once; Go's answer (or the reload) confirms it.
      const ticks = before.ticks.filter((t) => !(t.basicId === basicId && t.day === day));
      this.basics = { ...before, ticks: done ? [...ticks, { basicId, day }] : ticks };
    }
    const out = await this.#act(() => this.#api.tick(basicId, day, done), [this.#practiceIfLoaded]);
    if (!out.ok) this.basics = before;
    return out;
  }

  // Reflection

  async loadJournal(): Promise<void> {
    const d = await this.#journalDraft.restore((v) => !v?.text);
    if (d?.text && !this.journal) this.journal = d.text;
    if (d?.prompt && !this.prompt) this.prompt = d.prompt;
    if (!this.prompt) await this.nextPrompt();
  }

  async nextPrompt(): Promise<void> {
    try {
      this.prompt = await this.#api.prompt();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** setJournal keeps what is typed as a draft, so nothing is lost. */
  setJournal(text: string): void {
    this.journal = text;
    this.#journalDraft.changed(text ? { text, prompt: this.prompt } : null);
  }

  async flushJournal(): Promise<void> {
    await this.#journalDraft.flush();
  }

  startTimer(minutes = this.settings.reflectionMinutes): void {
    this.timer.start(minutes || 30);
  }

  async saveReflection(): Promise<Outcome> {
    const t = this.timer;
    if (!t.startedAt && !this.journal.trim()) {
      return { ok: false, field: 'note', message: 'Start the timer or write something first.' };
    }
    const r: Reflection = {
      id: 0,
      day: this.today(),
      startedAt: t.startedAt || isoAt(this.#now()),
      minutes: t.reflectedMinutes,
      prompt: this.prompt,
      note: this.journal.trim(),
    };
    const out = await this.#act(() => this.#api.saveReflection(r), [this.loadReflections, this.#practiceIfLoaded]);
    if (out.ok) {
      this.journal = '';
      t.reset();
      await this.#journalDraft.discard();
      await this.nextPrompt();
    }
    return out;
  }

  async saveSettings(s: GrowthSettings): Promise<Outcome> {
    if (!(s.reflectionMinutes >= 1 && s.reflectionMinutes <= 240)) {
      return { ok: false, field: 'reflectionMinutes', message: 'Choose between 1 and 240 minutes.' };
    }
    try {
      this.settings = await this.#api.saveSettings(s);
      return { ok: true };
    } catch (reason) {
      return failed(reason);
    }
  }

  // Framework

  async #setFramework(f: () => Promise<Framework>): Promise<Outcome> {
    try {
      this.framework = await f();
      return { ok: true };
    } catch (reason) {
      return failed(reason);
    }
  }

  saveFramework = (f: Framework) => this.#setFramework(() => this.#api.saveFramework(f));
  resetFramework = () => this.#setFramework(() => this.#api.resetFramework());
  importFramework = () => this.#setFramework(() => this.#api.importFramework());
  publishFramework = () => this.#setFramework(() => this.#api.publishFramework());

  /** exportFramework answers the file written, "" when the member cancelled. */
  async exportFramework(): Promise<{ ok: true; path: string } | { ok: false; field: string; message: string }> {
    try {
      return { ok: true, path: await this.#api.exportFramework() };
    } catch (reason) {
      return failed(reason) as { ok: false; field: string; message: string };
    }
  }

  #practiceIfLoaded = async () => {
    if (this.#loaded.has('practice')) await this.loadPractice();
  };
}
