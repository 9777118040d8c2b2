import { AppError, toAppError } from '../api/errors';
import type {
  CheckinInput,
  ChildrenChoice,
  ConversationNote,
  Goal,
  GoalDetail,
  GoalInput,
  GoalsApi,
  GoalsSettings,
  GoalStatus,
  HelpRequest,
  JobOutcome,
  SharedConversation,
} from '../api/goals';
import { filterGoals, type GoalScope, type StatusFilter } from '../domain/goals';

export type GoalsView = 'list' | 'tree' | 'help' | 'conversations' | 'outcomes';

/** What an action in a form ends with: ok, or the error to show (with its field). */
export type GoalOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * GoalsStore owns the Goals area: every goal this laptop knows (summaries,
 * for the list and the tree), the one open in detail, the team's help
 * requests, job outcomes, check-in conversations and the reminder cadence.
 * Go's "goals:changed" refreshes what is loaded, whether the change was made
 * here, from the CLI or by a sync.
 */
export class GoalsStore {
  goals = $state.raw<Goal[]>([]);
  loaded = $state(false);
  error = $state.raw<AppError | null>(null);

  view = $state<GoalsView>('list');
  scope = $state<GoalScope>('all');
  status = $state<StatusFilter>('');
  query = $state('');

  /** The goal open in detail (0 = none) and its detail once loaded. */
  openId = $state(0);
  detail = $state.raw<GoalDetail | null>(null);
  detailError = $state.raw<AppError | null>(null);
  /** The form: null = closed, 0 = a new goal, else the goal being edited. */
  editing = $state<number | null>(null);

  helpRequests = $state.raw<HelpRequest[]>([]);
  outcomes = $state.raw<JobOutcome[]>([]);
  conversations = $state.raw<ConversationNote[]>([]);
  /** Conversations two teammates shared with the team. */
  sharedConversations = $state.raw<SharedConversation[]>([]);
  settings = $state.raw<GoalsSettings | null>(null);
  /** Goals ticked as "worked on" in today's table, linked once its log is saved. */
  workedOn = $state<number[]>([]);

  readonly #api: GoalsApi;
  // Which lists were asked for, so a change reloads only those: plain, as a
  // reactive set read inside an effect would run that effect again.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never shown
  #loadedExtras = new Set<'help' | 'outcomes' | 'conversations'>();

  constructor(api: GoalsApi) {
    this.#api = api;
  }

  get api(): GoalsApi {
    return this.#api;
  }

  readonly visible = $derived(filterGoals(this.goals, { scope: this.scope, status: this.status, query: this.query }));
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt by $derived, never changed in place
  readonly byUid = $derived(new Map(this.goals.map((g) => [g.uid, g])));
  readonly mine = $derived(this.goals.filter((g) => g.mine));
  /** Own goals a check-in is due on, for the gentle reminder. */
  readonly checkinDue = $derived(this.goals.filter((g) => g.mine && g.checkinDue));
  readonly filtered = $derived(this.scope !== 'all' || this.status !== '' || this.query.trim() !== '');

  /** connect refreshes on Go's changes for as long as its caller lives. */
  connect(): () => void {
    return this.#api.onChanged(() => void this.refresh());
  }

  async load(): Promise<void> {
    try {
      this.goals = await this.#api.list();
      this.error = null;
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.loaded = true;
    }
  }

  /** refresh reloads the list and whatever else is on screen. */
  async refresh(): Promise<void> {
    // Nothing shown yet: the first view loads it.
    if (!this.loaded) return;
    const jobs: Promise<unknown>[] = [this.load()];
    if (this.openId) jobs.push(this.#loadDetail(this.openId));
    if (this.#loadedExtras.has('help')) jobs.push(this.loadHelp());
    if (this.#loadedExtras.has('conversations')) jobs.push(this.loadConversations());
    await Promise.all(jobs);
  }

  async loadSettings(): Promise<void> {
    try {
      this.settings = await this.#api.settings();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async saveSettings(s: GoalsSettings): Promise<GoalOutcome<GoalsSettings>> {
    return this.#try(async () => (this.settings = await this.#api.saveSettings(s)));
  }

  clearFilter(): void {
    this.scope = 'all';
    this.status = '';
    this.query = '';
  }

  async open(id: number): Promise<void> {
    this.openId = id;
    this.editing = null;
    if (this.detail?.goal.id !== id) this.detail = null;
    await this.#loadDetail(id);
  }

  close(): void {
    this.openId = 0;
    this.detail = null;
    this.detailError = null;
  }

  async #loadDetail(id: number): Promise<void> {
    try {
      const d = await this.#api.get(id);
      if (this.openId !== id) return;
      this.detail = d;
      this.detailError = null;
    } catch (reason) {
      if (this.openId === id) this.detailError = toAppError(reason);
    }
  }

  /** A goal changed by an action here: show it at once, without waiting for the event. */
  #updated(g: Goal): void {
    const i = this.goals.findIndex((x) => x.id === g.id);
    this.goals = i < 0 ? [...this.goals, g] : this.goals.map((x, j) => (j === i ? g : x));
  }

  async #try<T>(f: () => Promise<T>): Promise<GoalOutcome<T>> {
    try {
      return { ok: true, value: await f() };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }

  async save(id: number, input: GoalInput): Promise<GoalOutcome<Goal>> {
    return this.#try(async () => {
      const g = id > 0 ? await this.#api.update(id, input) : await this.#api.create(input);
      this.#updated(g);
      return g;
    });
  }

  async setStatus(id: number, status: GoalStatus, reason: string): Promise<GoalOutcome<Goal>> {
    return this.#try(async () => {
      const g = await this.#api.setStatus(id, status, reason);
      this.#updated(g);
      if (this.openId === id) await this.#loadDetail(id);
      return g;
    });
  }

  async remove(id: number, children: ChildrenChoice): Promise<GoalOutcome<void>> {
    return this.#try(async () => {
      await this.#api.delete(id, children);
      if (this.openId === id) this.close();
      await this.load();
    });
  }

  async checkIn(id: number, input: CheckinInput): Promise<GoalOutcome<unknown>> {
    return this.#try(async () => {
      const c = await this.#api.checkIn(id, input);
      await Promise.all([this.load(), this.#loadDetail(id)]);
      return c;
    });
  }

  async offerHelp(goalId: number, text: string): Promise<GoalOutcome<unknown>> {
    if (!text.trim()) {
      return { ok: false, error: new AppError('invalid', 'Say what you can do, so the owner knows what to accept.', 'text') };
    }
    return this.#try(async () => {
      const o = await this.#api.offerHelp(goalId, text.trim());
      await Promise.all([this.openId ? this.#loadDetail(this.openId) : null, this.#loadedExtras.has('help') ? this.loadHelp() : null]);
      return o;
    });
  }

  async acceptHelp(offerId: number): Promise<GoalOutcome<unknown>> {
    return this.#try(async () => {
      const o = await this.#api.acceptHelp(offerId);
      await Promise.all([this.openId ? this.#loadDetail(this.openId) : null, this.#loadedExtras.has('help') ? this.loadHelp() : null]);
      return o;
    });
  }

  async loadHelp(): Promise<void> {
    this.#loadedExtras.add('help');
    try {
      this.helpRequests = await this.#api.helpRequests();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async loadOutcomes(): Promise<void> {
    this.#loadedExtras.add('outcomes');
    try {
      this.outcomes = await this.#api.outcomes();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async saveOutcomes(list: JobOutcome[]): Promise<GoalOutcome<JobOutcome[]>> {
    return this.#try(async () => (this.outcomes = await this.#api.saveOutcomes(list)));
  }

  async loadConversations(): Promise<void> {
    this.#loadedExtras.add('conversations');
    try {
      [this.conversations, this.sharedConversations] = await Promise.all([this.#api.conversations(), this.#api.sharedConversations()]);
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  agenda(member: string): Promise<GoalOutcome<string[]>> {
    return this.#try(() => this.#api.agenda(member));
  }

  async saveConversation(note: ConversationNote): Promise<GoalOutcome<ConversationNote>> {
    return this.#try(async () => {
      const saved = await this.#api.saveConversation(note);
      const i = this.conversations.findIndex((c) => c.id === saved.id);
      this.conversations = i < 0 ? [saved, ...this.conversations] : this.conversations.map((x, j) => (j === i ? saved : x));
      return saved;
    });
  }

  logGoals(logId: number): Promise<GoalOutcome<number[]>> {
    return this.#try(() => this.#api.logGoals(logId));
  }

  setLogGoals(logId: number, ids: number[]): Promise<GoalOutcome<number[]>> {
    return this.#try(() => this.#api.setLogGoals(logId, ids));
  }

  /** linkWorkedOn links today's ticked goals to the log just saved, then clears them for tomorrow. */
  async linkWorkedOn(logId: number): Promise<GoalOutcome<number[]>> {
    const ids = [...this.workedOn];
    if (!logId || ids.length === 0) return { ok: true, value: [] };
    const out = await this.setLogGoals(logId, ids);
    if (out.ok && ids.every((id) => this.workedOn.includes(id))) this.workedOn = [];
    return out;
  }
}
