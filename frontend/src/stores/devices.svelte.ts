import { toAppError, type AppError } from '../api/errors';
import type { Device, DeviceKind, DevicesApi, RecordingSettings } from '../api/devices';

export const MIN_MAX_SECONDS = 10;
export const MAX_MAX_SECONDS = 60 * 60;
export const MAX_SECONDS_MESSAGE = 'The maximum length must be between 10 seconds and 60 minutes.';

export type SettingsField = 'videoDeviceId' | 'audioDeviceId' | 'maxSeconds' | 'quality';

export type SettingsOutcome =
  { ok: true; settings: RecordingSettings } | { ok: false; fieldErrors: Partial<Record<SettingsField, string>>; formError: string };

const settingsFields: readonly string[] = ['videoDeviceId', 'audioDeviceId', 'maxSeconds', 'quality'];

/**
 * DevicesStore owns the cameras and microphones Go can record from, and the
 * member's recording settings (which device, how long at most).
 */
export class DevicesStore {
  devices = $state.raw<Device[]>([]);
  /** Why there is nothing to record from; "" when devices were found. */
  message = $state('');
  settings = $state.raw<RecordingSettings | null>(null);
  loading = $state(false);
  loadError = $state.raw<AppError | null>(null);
  saving = $state(false);

  readonly #api: DevicesApi;

  constructor(api: DevicesApi) {
    this.#api = api;
  }

  get cameras(): Device[] {
    return this.devices.filter((d) => d.kind === 'video');
  }

  get microphones(): Device[] {
    return this.devices.filter((d) => d.kind === 'audio');
  }

  /**
   * chosen is the device Go will record from: the remembered one, or the
   * first of its kind when none was chosen or it is not connected.
   */
  chosen(kind: DeviceKind): Device | null {
    const want = kind === 'video' ? this.settings?.videoDeviceId : this.settings?.audioDeviceId;
    const all = kind === 'video' ? this.cameras : this.microphones;
    return all.find((d) => d.id === want) ?? all[0] ?? null;
  }

  /** load asks again each time: a camera may have been plugged in since. */
  async load(): Promise<void> {
    this.loading = true;
    this.loadError = null;
    try {
      const [list, settings] = await Promise.all([this.#api.list(), this.#api.settings()]);
      this.devices = list.devices;
      this.message = list.message;
      this.settings = settings;
    } catch (reason) {
      this.loadError = toAppError(reason);
    } finally {
      this.loading = false;
    }
  }

  async save(rs: RecordingSettings): Promise<SettingsOutcome> {
    if (!Number.isInteger(rs.maxSeconds) || rs.maxSeconds < MIN_MAX_SECONDS || rs.maxSeconds > MAX_MAX_SECONDS) {
      return { ok: false, fieldErrors: { maxSeconds: MAX_SECONDS_MESSAGE }, formError: '' };
    }
    if (this.saving) return { ok: false, fieldErrors: {}, formError: '' };
    this.saving = true;
    try {
      const settings = await this.#api.saveSettings(rs);
      this.settings = settings;
      return { ok: true, settings };
    } catch (reason) {
      const err = toAppError(reason);
      if (settingsFields.includes(err.field)) {
        return { ok: false, fieldErrors: { [err.field as SettingsField]: err.message }, formError: '' };
      }
      return { ok: false, fieldErrors: {}, formError: err.message };
    } finally {
      this.saving = false;
    }
  }
}
