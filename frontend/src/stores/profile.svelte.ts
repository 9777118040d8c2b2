import { AppError, toAppError } from '../api/errors';
import type { Profile, ProfileInput, ProfilesApi } from '../api/profiles';
import { hasErrors, isProfileField, normalizeProfileInput, validateProfileInput, type FieldErrors } from '../domain/profile';

/**
 * idle: nothing asked yet; loading: asking Go; onboarding: no profile yet;
 * ready: profile known; failed: it could not be read (see loadError).
 */
export type ProfileState = 'idle' | 'loading' | 'onboarding' | 'ready' | 'failed';

export type SaveOutcome = { ok: true; profile: Profile } | { ok: false; fieldErrors: FieldErrors; formError: string };

/** ProfileStore owns the member's own profile. */
export class ProfileStore {
  state = $state<ProfileState>('idle');
  profile = $state.raw<Profile | null>(null);
  loadError = $state.raw<AppError | null>(null);
  saving = $state(false);

  readonly #api: ProfilesApi;

  constructor(api: ProfilesApi) {
    this.#api = api;
  }

  /** accept takes the profile Go sent with its start-up status. */
  accept(p: Profile | null): void {
    this.profile = p;
    this.loadError = null;
    this.state = p ? 'ready' : 'onboarding';
  }

  async load(): Promise<void> {
    this.state = 'loading';
    this.loadError = null;
    try {
      const p = await this.#api.get();
      this.profile = p;
      this.state = p ? 'ready' : 'onboarding';
    } catch (reason) {
      this.loadError = toAppError(reason);
      this.state = 'failed';
    }
  }

  /**
   * save normalizes and validates the input like Go does, and only then
   * sends it. The outcome carries per-field messages (from the client rules
   * or from Go's `field`) or a message for the form as a whole.
   */
  async save(raw: ProfileInput): Promise<SaveOutcome> {
    const input = normalizeProfileInput(raw);
    const fieldErrors = validateProfileInput(input);
    if (hasErrors(fieldErrors)) {
      return { ok: false, fieldErrors, formError: '' };
    }
    if (this.saving) {
      // A second Enter while the first save is on its way: ignore it.
      return { ok: false, fieldErrors: {}, formError: '' };
    }
    this.saving = true;
    try {
      const profile = await this.#api.save(input);
      this.profile = profile;
      this.state = 'ready';
      return { ok: true, profile };
    } catch (reason) {
      const err = toAppError(reason);
      if (isProfileField(err.field)) {
        return { ok: false, fieldErrors: { [err.field]: err.message }, formError: '' };
      }
      return { ok: false, fieldErrors: {}, formError: err.message };
    } finally {
      this.saving = false;
    }
  }
}
