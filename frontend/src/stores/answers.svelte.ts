import {
  type Activity,
  type AnswerPlace,
  type AnswerRules,
  type AnswersApi,
  type Comment,
  type HelpWanted,
  type LinkKind,
  type LogAnswers,
  type LogRef,
  type NotifySettings,
  type Reaction,
  type Thanks,
  type ThanksLinkInput,
} from '../api/answers';
import { toAppError, type AppError } from '../api/errors';
import { SvelteSet } from 'svelte/reactivity';

/** The Inbox's tabs: peers' stand-ups, what peers did to mine, Thanks, and open help requests. */
export type InboxTab = 'standups' | 'activity' | 'thanks' | 'help';

/** The Thanks lists: the whole team's, or my own received or given. */
export type ThanksView = 'team' | 'received' | 'given';

/** Where a Thanks is being given from: whom, and what it is linked to. */
export interface ThanksTarget {
  to: string;
  toName: string;
  link: ThanksLinkInput | null;
  /** What the link names, in words ("their comment “…”"); '' without one. */
  about: string;
  /** A Thanks of mine being changed (to is then fixed). */
  editing: Thanks | null;
}

export type Outcome = { ok: true } | { ok: false; error: AppError };

/** A timeline mark: a comment pinned to a moment. */
export interface CommentMark {
  atMs: number;
  label: string;
}

/** marksOf lists the comments (and replies) pinned to a moment, in time order. */
export function marksOf(comments: Comment[]): CommentMark[] {
  const out: CommentMark[] = [];
  const walk = (list: Comment[]) => {
    for (const c of list) {
      if (c.atMs !== null && !c.deleted) out.push({ atMs: c.atMs, label: `${c.mine ? 'You' : c.authorName}: ${c.text}` });
      walk(c.replies);
    }
  };
  walk(comments);
  // One mark per moment: the player keys its marks by time.
  return out.sort((a, b) => a.atMs - b.atMs).filter((m, i, sorted) => i === 0 || sorted[i - 1].atMs !== m.atMs);
}

const sameLog = (a: LogRef | null, b: LogRef | null) => !!a && !!b && a.uid === b.uid && (a.author === b.author || !a.author || !b.author);

/**
 * AnswersStore owns answering: the open log's comments, reactions, offers
 * and Thanks; the Thanks dialog wherever it is opened from; the Thanks
 * lists; the activity with its unread count; and Help wanted. Nothing in it
 * counts or compares people.
 */
export class AnswersStore {
  rules = $state.raw<AnswerRules | null>(null);
  unread = $state(0);

  /** The log whose answers are shown (a peer's in the Inbox, mine in Logs). */
  log = $state.raw<LogRef | null>(null);
  current = $state.raw<LogAnswers | null>(null);
  error = $state.raw<AppError | null>(null);
  readonly marks = $derived(marksOf(this.current?.comments ?? []));

  tab = $state<InboxTab>('standups');
  /** A comment's moment to seek to once the log opened from a link plays. */
  pendingSeekMs = $state<number | null>(null);

  activity = $state.raw<Activity[] | null>(null);
  activityError = $state.raw<AppError | null>(null);
  /** Rows that were unread when the list was last opened: still marked while it is shown. */
  readonly fresh = new SvelteSet<number>();
  #activityShown = false;

  thanksView = $state<ThanksView>('team');
  thanks = $state.raw<Thanks[] | null>(null);
  thanksError = $state.raw<AppError | null>(null);

  help = $state.raw<HelpWanted[] | null>(null);
  helpError = $state.raw<AppError | null>(null);

  dialog = $state.raw<ThanksTarget | null>(null);
  dialogError = $state.raw<AppError | null>(null);
  dialogBusy = $state(false);
  /** The last Thanks given or changed from the dialog, for its confirmation. */
  lastThanks = $state.raw<Thanks | null>(null);

  notify = $state.raw<NotifySettings | null>(null);

  readonly #api: AnswersApi;

  constructor(api: AnswersApi) {
    this.#api = api;
  }

  /** connect follows Go's answers:changed (here, from the CLI, or a sync). */
  connect(): () => void {
    return this.#api.onChanged(() => void this.refresh());
  }

  async refresh(): Promise<void> {
    const jobs: Promise<unknown>[] = [this.loadUnread()];
    if (this.log) jobs.push(this.#loadCurrent());
    if (this.activity && this.#activityShown) jobs.push(this.loadActivity());
    if (this.thanks) jobs.push(this.loadThanks());
    if (this.help) jobs.push(this.loadHelp());
    await Promise.all(jobs);
  }

  async loadRules(): Promise<AnswerRules | null> {
    if (!this.rules) this.rules = await this.#api.rules().catch(() => null);
    return this.rules;
  }

  async loadUnread(): Promise<void> {
    this.unread = await this.#api.unreadActivity().catch(() => this.unread);
  }

  // ---- one log's answers ----

  async openLog(ref: LogRef): Promise<void> {
    if (!sameLog(this.log, ref)) this.current = null;
    this.log = ref;
    void this.loadRules();
    await this.#loadCurrent();
  }

  closeLog(ref?: LogRef): void {
    if (ref && !sameLog(this.log, ref)) return;
    this.log = null;
    this.current = null;
    this.error = null;
  }

  async #loadCurrent(): Promise<void> {
    const ref = this.log;
    if (!ref) return;
    try {
      const a = await this.#api.logAnswers(ref);
      if (sameLog(this.log, ref)) {
        this.current = a;
        this.error = null;
      }
    } catch (reason) {
      if (sameLog(this.log, ref)) this.error = toAppError(reason);
    }
  }

  async #run(fn: () => Promise<unknown>): Promise<Outcome> {
    try {
      await fn();
      await this.#loadCurrent();
      return { ok: true };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }

  addComment(text: string, atMs: number | null, replyTo = 0): Promise<Outcome> {
    const log = this.log;
    if (!log) return Promise.resolve({ ok: false, error: toAppError(new Error('no log')) });
    return this.#run(() => this.#api.addComment({ log, text, atMs, replyTo }));
  }

  editComment(id: number, text: string): Promise<Outcome> {
    return this.#run(() => this.#api.editComment(id, text));
  }

  deleteComment(id: number): Promise<Outcome> {
    return this.#run(() => this.#api.deleteComment(id));
  }

  async react(reaction: Reaction, on: boolean): Promise<Outcome> {
    const log = this.log;
    if (!log) return { ok: true };
    try {
      const reactions = await this.#api.react(log, reaction, on);
      if (this.current && sameLog(this.log, log)) this.current = { ...this.current, reactions };
      return { ok: true };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }

  async offerHelp(log: LogRef, text: string): Promise<Outcome> {
    const out = await this.#run(() => this.#api.offerHelp(log, text));
    if (out.ok && this.help) await this.loadHelp();
    return out;
  }

  async acceptHelp(offerId: number): Promise<Outcome> {
    const out = await this.#run(() => this.#api.acceptHelp(offerId));
    if (out.ok && this.help) await this.loadHelp();
    return out;
  }

  // ---- Thanks ----

  /** openThanks opens the Thanks dialog for a peer, linked to where it was opened from. */
  openThanks(target: Omit<ThanksTarget, 'editing'> & { editing?: Thanks | null }): void {
    void this.loadRules();
    this.dialogError = null;
    this.dialog = { ...target, editing: target.editing ?? null };
  }

  /** editThanks opens the dialog on a Thanks of mine still within its 10 minutes. */
  editThanks(t: Thanks): void {
    this.openThanks({ to: t.to, toName: t.toName, link: null, about: t.linkText, editing: t });
  }

  closeThanks(): void {
    this.dialog = null;
    this.dialogError = null;
  }

  /** submitThanks gives (or changes) the Thanks; a refusal stays in the dialog. */
  async submitThanks(reason: string, withLink: boolean): Promise<boolean> {
    const d = this.dialog;
    if (!d || this.dialogBusy) return false;
    this.dialogBusy = true;
    this.dialogError = null;
    try {
      const link = withLink ? d.link : null;
      const t = d.editing
        ? await this.#api.editThanks(d.editing.id, { to: d.editing.to, reason, link: withLink && d.link ? d.link : null })
        : await this.#api.giveThanks({ to: d.to, reason, link });
      this.lastThanks = t;
      this.dialog = null;
      await this.#afterThanks();
      return true;
    } catch (reason) {
      this.dialogError = toAppError(reason);
      return false;
    } finally {
      this.dialogBusy = false;
    }
  }

  async withdrawThanks(id: number): Promise<Outcome> {
    try {
      await this.#api.withdrawThanks(id);
      await this.#afterThanks();
      return { ok: true };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }

  async #afterThanks(): Promise<void> {
    await Promise.all([this.log ? this.#loadCurrent() : null, this.thanks ? this.loadThanks() : null]);
  }

  async showThanks(view: ThanksView): Promise<void> {
    if (view !== this.thanksView) this.thanks = null;
    this.thanksView = view;
    await this.loadThanks();
  }

  async loadThanks(): Promise<void> {
    const view = this.thanksView;
    try {
      const list = view === 'team' ? await this.#api.thanksFeed(0) : await this.#api.myThanks(view === 'received', 0);
      if (view === this.thanksView) {
        this.thanks = list;
        this.thanksError = null;
      }
    } catch (reason) {
      this.thanksError = toAppError(reason);
    }
  }

  // ---- activity ----

  /** showActivity lists the activity and marks what it shows read; the rows stay marked new while shown. */
  async showActivity(): Promise<void> {
    this.#activityShown = true;
    await this.loadActivity();
  }

  hideActivity(): void {
    this.#activityShown = false;
    this.fresh.clear();
  }

  async loadActivity(): Promise<void> {
    try {
      const list = await this.#api.activity(200);
      const unread = list.filter((a) => a.unread).map((a) => a.id);
      for (const id of unread) this.fresh.add(id);
      this.activity = list;
      this.activityError = null;
      if (unread.length && this.#activityShown) {
        await this.#api.markActivityRead(unread);
        this.unread = Math.max(0, this.unread - unread.length);
        await this.loadUnread();
      }
    } catch (reason) {
      this.activityError = toAppError(reason);
    }
  }

  // ---- help wanted ----

  async loadHelp(): Promise<void> {
    try {
      this.help = await this.#api.helpWanted();
      this.helpError = null;
    } catch (reason) {
      this.helpError = toAppError(reason);
    }
  }

  /** place finds where a link or an activity row leads here. */
  async place(kind: LinkKind, author: string, uid: string): Promise<AnswerPlace | AppError> {
    try {
      return await this.#api.place(kind, author, uid);
    } catch (reason) {
      return toAppError(reason);
    }
  }

  // ---- notifications (Settings) ----

  async loadNotify(): Promise<void> {
    this.notify = await this.#api.notifySettings().catch(() => this.notify);
  }

  async saveNotify(s: NotifySettings): Promise<Outcome> {
    try {
      this.notify = await this.#api.saveNotifySettings(s);
      return { ok: true };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }
}
