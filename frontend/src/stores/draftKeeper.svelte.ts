import type { DraftsApi } from '../api/drafts';

/** Typing pauses this long before a draft is written. */
export const DRAFT_DELAY_MS = 400;

/**
 * DraftKeeper keeps one editor's unsaved value as a draft in Go while the
 * member types, so every way out of the editor (another area, closing the
 * app, a crash) loses nothing: `restore` puts it back on the next visit.
 * The editor tells it each change with `changed` (null: the value is as
 * saved, so no draft is needed), and `done` once saved.
 */
export class DraftKeeper<T> {
  /** When a draft from an earlier visit was put back ("" when none). */
  restoredAt = $state('');
  /** Why the last draft could not be written ("" when it was). */
  error = $state('');

  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: T | null = null;
  #kept = false; // a draft exists in Go
  #done = false;
  // Writes reach Go one after another, so an older value never lands last.
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly drafts: DraftsApi,
    private readonly key: string,
    private readonly delayMs = DRAFT_DELAY_MS,
  ) {}

  /**
   * restore returns the kept draft, or null when there is none or it equals
   * what is saved (then it is dropped). A draft that cannot be read is no
   * draft: editing works as before.
   */
  async restore(isSaved: (value: T) => boolean): Promise<T | null> {
    try {
      const d = await this.drafts.get<T>(this.key);
      if (!d) return null;
      if (isSaved(d.value)) {
        void this.drafts.discard(this.key).catch(() => {});
        return null;
      }
      this.restoredAt = d.updatedAt;
      this.#kept = true;
      return d.value;
    } catch {
      return null;
    }
  }

  /** changed schedules the value to be kept; null drops the draft. */
  changed(value: T | null): void {
    clearTimeout(this.#timer);
    this.#pending = value;
    if (value === null) {
      if (this.#kept) void this.discard();
      return;
    }
    this.#timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** flush writes a pending value now (the editor is going away); it settles once written. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    const value = this.#pending;
    this.#pending = null;
    if (value === null || this.#done) return this.#writes;
    this.#kept = true;
    this.#writes = this.#writes.then(() =>
      this.drafts.save(this.key, value).then(
        () => void (this.error = ''),
        (e: unknown) => void (this.error = e instanceof Error ? e.message : String(e)),
      ),
    );
    return this.#writes;
  }

  /** discard forgets the draft. */
  async discard(): Promise<void> {
    clearTimeout(this.#timer);
    this.#pending = null;
    this.#kept = false;
    this.restoredAt = '';
    this.#writes = this.#writes.then(() => this.drafts.discard(this.key).catch(() => {}));
    await this.#writes;
  }

  /** done forgets the draft for good: what it held is saved. */
  async done(): Promise<void> {
    this.#done = true;
    await this.discard();
  }
}
