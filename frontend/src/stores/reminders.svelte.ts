import { toAppError, type AppError } from '../api/errors';
import type { Nudge, ReminderArea, ReminderSettings, ReminderView, RemindersApi } from '../api/reminders';

export type Outcome = { ok: true } | { ok: false; error: AppError };

/**
 * RemindersStore owns the reminders shown in the window (when the desktop
 * shows no notifications) and the reminders' settings.
 */
export class RemindersStore {
  /** Reminders waiting in the window, oldest first. */
  pending = $state.raw<Nudge[]>([]);
  view = $state.raw<ReminderView | null>(null);
  error = $state.raw<AppError | null>(null);

  /** Opens a reminder's area; the shell sets it. */
  onopen: (area: ReminderArea) => void = () => {};

  readonly #api: RemindersApi;

  constructor(api: RemindersApi) {
    this.#api = api;
  }

  /** connect hears reminders and clicks on their notifications, and opens the area of a notification that could not be clicked when the window gets the focus. */
  connect(): () => void {
    const offs = [
      this.#api.onNudge((n) => {
        this.pending = [...this.pending.filter((p) => p.name !== n.name), n];
      }),
      this.#api.onDone((name) => {
        this.pending = this.pending.filter((p) => p.name !== name);
      }),
      this.#api.onOpen((area) => this.onopen(area)),
    ];
    const onFocus = () => {
      void this.#api
        .takeFocusArea()
        .then((area) => {
          if (area) this.onopen(area as ReminderArea);
        })
        .catch(() => {});
    };
    window.addEventListener('focus', onFocus);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('focus', onFocus);
    };
  }

  /** loadPending asks for the reminders that went out before the page listened. */
  async loadPending(): Promise<void> {
    try {
      const got = await this.#api.pending();
      this.pending = [...got, ...this.pending.filter((p) => !got.some((n) => n.name === p.name))];
    } catch {
      // Nothing to show; the next reminder comes as an event.
    }
  }

  dismiss(name: string): void {
    this.pending = this.pending.filter((p) => p.name !== name);
    void this.#api.dismiss(name).catch(() => {});
  }

  /** open dismisses a reminder and goes where it leads. */
  open(n: Nudge): void {
    this.dismiss(n.name);
    this.onopen(n.area);
  }

  async load(): Promise<void> {
    try {
      this.view = await this.#api.settings();
      this.error = null;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async save(s: ReminderSettings): Promise<Outcome> {
    try {
      this.view = await this.#api.save(s);
      return { ok: true };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }

  async setAutostart(on: boolean): Promise<Outcome> {
    try {
      this.view = await this.#api.setAutostart(on);
      return { ok: true };
    } catch (reason) {
      return { ok: false, error: toAppError(reason) };
    }
  }
}
