import { toAppError, type AppError } from '../api/errors';
import type { Practice, PracticeApi } from '../api/practice';

/** Outcome of a save: ok, or the message to show by the form. */
export type PracticeOutcome = { ok: true } | { ok: false; message: string };

/**
 * PracticeStore owns the team's own practice as the window shows it: its
 * cause, agreements, stand-up questions, weekly session and reminder
 * defaults, with who changed what. Any member changes them; the share
 * carries the change to the others.
 */
export class PracticeStore {
  practice = $state.raw<Practice | null>(null);
  error = $state.raw<AppError | null>(null);
  saving = $state(false);
  /** Set right after this member started a team: the founding screen shows until saved or skipped. */
  founding = $state(false);

  readonly #api: PracticeApi;

  constructor(api: PracticeApi) {
    this.#api = api;
  }

  async load(): Promise<void> {
    try {
      this.practice = await this.#api.get();
      this.error = null;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** save sends only the keys given, as JSON: a peer's change of another key survives. */
  async save(values: Record<string, unknown>): Promise<PracticeOutcome> {
    if (this.saving) return { ok: false, message: '' };
    const body: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) body[k] = JSON.stringify(v);
    this.saving = true;
    try {
      this.practice = await this.#api.save(body);
      return { ok: true };
    } catch (reason) {
      return { ok: false, message: toAppError(reason).message };
    } finally {
      this.saving = false;
    }
  }
}
