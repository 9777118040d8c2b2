import { toAppError, type AppError } from '../api/errors';
import type {
  FetchProgress,
  InboxApi,
  InboxCounts,
  InboxPage,
  PeerLogFilter,
  PlayerPrefs,
  SearchFilter,
  SearchHit,
  TeamDay,
} from '../api/inbox';
import type { PeerLog } from '../api/team';
import { groupInbox, inOrder, nextUnwatched, playlist } from '../domain/inbox';

/** What the inbox lists: everything, the unwatched, or the logs asking for help. */
export type InboxView = 'all' | 'unwatched' | 'help';

/** The first page: every unwatched log comes first, then the latest watched. */
const PAGE = 60;

/**
 * InboxStore owns catching up on the peers' stand-ups: the list and its
 * order, the open log, "play all unwatched", the player's remembered
 * settings, the search across both members' tables, and the team's day on
 * Today. What the member watched stays on this laptop (Go keeps it).
 */
export class InboxStore {
  page = $state.raw<InboxPage | null>(null);
  counts = $state.raw<InboxCounts>({ unwatched: 0, helpNeeded: 0 });
  view = $state<InboxView>('all');
  error = $state.raw<AppError | null>(null);
  loading = $state(false);

  openId = $state(0);
  open = $state.raw<PeerLog | null>(null);
  openError = $state.raw<AppError | null>(null);
  /** The logs "play all" goes through, fixed when it starts; empty when not playing all. */
  queue = $state.raw<number[]>([]);

  prefs = $state.raw<PlayerPrefs>({ speed: 1, skipSilence: true });
  fetching = $state.raw<FetchProgress | null>(null);

  searchOpen = $state(false);
  search = $state<SearchFilter>({ query: '', person: '', from: '', to: '' });
  hits = $state.raw<SearchHit[] | null>(null);
  searchError = $state.raw<AppError | null>(null);

  today = $state.raw<TeamDay[]>([]);

  readonly sections = $derived(groupInbox(this.page?.logs ?? []));
  readonly order = $derived(inOrder(this.sections));

  /** How many logs to list; "Show more" raises it. */
  limit = $state(PAGE);

  readonly #api: InboxApi;
  #loads = 0;

  constructor(api: InboxApi) {
    this.#api = api;
  }

  /** connect reloads after each sync (it may bring logs) and hears downloads. */
  connect(): () => void {
    const offs = [
      this.#api.onSynced(() => {
        void this.loadCounts();
        void this.loadToday();
        if (this.page) void this.load();
      }),
      this.#api.onFetch((p) => {
        if (this.fetching && p.id === this.fetching.id) this.fetching = p;
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  filter(): PeerLogFilter {
    return {
      unwatched: this.view === 'unwatched',
      helpNeeded: this.view === 'help',
      author: '',
      from: '',
      to: '',
      query: '',
      limit: this.limit,
    };
  }

  async load(): Promise<void> {
    const n = ++this.#loads;
    this.loading = true;
    try {
      const [page, prefs] = await Promise.all([this.#api.logs(this.filter()), this.#api.playerPrefs().catch(() => this.prefs)]);
      if (n !== this.#loads) return; // a newer load (another view) won
      this.page = page;
      this.counts = page.counts;
      this.prefs = prefs;
      this.error = null;
    } catch (reason) {
      if (n === this.#loads) this.error = toAppError(reason);
    } finally {
      if (n === this.#loads) this.loading = false;
    }
  }

  async loadCounts(): Promise<void> {
    this.counts = await this.#api.counts().catch(() => this.counts);
  }

  async loadToday(): Promise<void> {
    this.today = await this.#api.today().catch(() => this.today);
  }

  async setView(v: InboxView): Promise<void> {
    this.view = v;
    this.limit = PAGE;
    await this.load();
  }

  async showMore(): Promise<void> {
    this.limit = Math.min(this.limit * 5, 2000);
    await this.load();
  }

  /** openLog shows one log; its data comes fresh from Go (a download may have finished). */
  async openLog(id: number): Promise<void> {
    this.openId = id;
    this.open = this.page?.logs.find((l) => l.id === id) ?? null;
    this.openError = null;
    try {
      const l = await this.#api.log(id);
      if (this.openId === id) this.open = l;
    } catch (reason) {
      if (this.openId === id) this.openError = toAppError(reason);
    }
  }

  close(): void {
    this.openId = 0;
    this.open = null;
    this.openError = null;
    this.queue = [];
    this.fetching = null;
  }

  #replace(l: PeerLog): void {
    if (this.page) this.page = { ...this.page, logs: this.page.logs.map((x) => (x.id === l.id ? l : x)) };
    if (this.open?.id === l.id) this.open = l;
  }

  /** next opens the next unwatched log: the next in "play all", else in the inbox's order. */
  async next(): Promise<boolean> {
    const id = this.openId;
    if (this.queue.length) {
      const rest = this.queue.slice(this.queue.indexOf(id) + 1);
      if (rest.length) {
        await this.openLog(rest[0]);
        return true;
      }
      this.queue = [];
      return false;
    }
    const n = nextUnwatched(this.order, id);
    if (!n) return false;
    await this.openLog(n.id);
    return true;
  }

  /** playAll plays the unwatched recordings here one after another; false when there are none. */
  async playAll(): Promise<boolean> {
    const list = playlist(this.order).map((l) => l.id);
    if (!list.length) return false;
    await this.openLog(list[0]);
    this.queue = list;
    return true;
  }

  get playingAll(): boolean {
    return this.queue.length > 0;
  }

  async setWatched(id: number, watched: boolean): Promise<void> {
    try {
      const l = await this.#api.setWatched(id, watched);
      this.#replace(l);
      this.counts = {
        unwatched: Math.max(0, this.counts.unwatched + (watched ? -1 : 1)),
        helpNeeded: Math.max(0, this.counts.helpNeeded + (l.table.helpNeeded ? (watched ? -1 : 1) : 0)),
      };
      void this.loadCounts();
      void this.loadToday();
    } catch (reason) {
      this.openError = toAppError(reason);
    }
  }

  /** ended: a recording played to its end is watched; "play all" goes on with the next. */
  async ended(id: number): Promise<void> {
    const l = this.page?.logs.find((x) => x.id === id) ?? this.open;
    if (l && !l.watched) await this.setWatched(id, true);
    if (this.queue.length && this.openId === id) await this.next();
  }

  async savePosition(id: number, ms: number): Promise<void> {
    await this.#api.savePosition(id, ms).catch(() => {});
    const l = this.page?.logs.find((x) => x.id === id);
    if (l && !l.watched) this.#replace({ ...l, positionMs: Math.round(ms) });
  }

  async fetch(id: number): Promise<void> {
    this.fetching = { id, bytes: 0, totalBytes: 0 };
    this.openError = null;
    try {
      const l = await this.#api.fetch(id);
      this.#replace(l);
    } catch (reason) {
      this.openError = toAppError(reason);
    } finally {
      this.fetching = null;
    }
  }

  async setPrefs(p: PlayerPrefs): Promise<void> {
    this.prefs = p;
    this.prefs = await this.#api.savePlayerPrefs(p).catch(() => p);
  }

  async runSearch(): Promise<void> {
    const f = this.search;
    if (!f.query.trim() && !f.person && !f.from && !f.to) {
      this.hits = null;
      return;
    }
    try {
      this.hits = await this.#api.search({ ...f, query: f.query.trim() });
      this.searchError = null;
    } catch (reason) {
      this.searchError = toAppError(reason);
    }
  }
}
