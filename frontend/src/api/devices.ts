import { List, SaveSettings, Settings } from '../../wailsjs/go/app/Devices';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app, peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import type { Plain } from './plain';

// The types are Go's (wailsjs/go/models.ts); the wrappers below give every
// field a value whatever Go leaves out.
export type DeviceKind = Plain<app.DeviceView>['kind'];
export type Device = Plain<app.DeviceView>;
/** message is non-empty when the devices could not be listed or there are none; not an error: text logs need no device. */
export type DeviceList = Plain<app.DeviceList>;
export type Quality = Plain<app.RecordingSettings>['quality'];
/** A recording quality preset; unavailable says why this computer does not record it ("" when it does). */
export type QualityPreset = Required<Pick<Plain<peerplaypay.QualityPreset>, 'quality' | 'label' | 'unavailable'>>;
/**
 * Device IDs "" = the first camera or microphone; maxSeconds 10..3600.
 * Go always sends quality and the presets; a change may leave quality out
 * to keep the current one, and the presets are read only.
 */
export interface RecordingSettings extends Omit<Plain<app.RecordingSettings>, 'quality' | 'presets'> {
  quality?: Quality;
  presets?: QualityPreset[];
}

const qualities: readonly Quality[] = ['standard', 'compact', 'small', 'audio'];
const toQuality = (q: unknown): Quality => qualities.find((x) => x === q) ?? 'standard';

export interface DevicesApi {
  list(): Promise<DeviceList>;
  settings(): Promise<RecordingSettings>;
  saveSettings(rs: RecordingSettings): Promise<RecordingSettings>;
}

function toSettings(rs: app.RecordingSettings | null | undefined): RecordingSettings {
  return {
    videoDeviceId: rs?.videoDeviceId ?? '',
    audioDeviceId: rs?.audioDeviceId ?? '',
    maxSeconds: typeof rs?.maxSeconds === 'number' ? rs.maxSeconds : 0,
    quality: toQuality(rs?.quality),
    presets: (rs?.presets ?? []).map((p) => ({ quality: toQuality(p.quality), label: p.label ?? '', unavailable: p.unavailable ?? '' })),
  };
}

export const devicesApi: DevicesApi = {
  list: () =>
    call(async () => {
      const l = await List();
      return {
        devices: (l?.devices ?? [])
          .filter((d) => d.kind === 'video' || d.kind === 'audio')
          .map((d) => ({ kind: d.kind, id: d.id ?? '', label: d.label || d.id || '' })),
        message: l?.message ?? '',
      };
    }),
  settings: () => call(async () => toSettings(await Settings())),
  saveSettings: (rs) =>
    call(async () =>
      toSettings(
        // Part of Go's type: quality may be left out (Go keeps the current
        // one), and Go ignores the read-only presets.
        await SaveSettings({
          videoDeviceId: rs.videoDeviceId,
          audioDeviceId: rs.audioDeviceId,
          maxSeconds: rs.maxSeconds,
          quality: rs.quality,
        } as app.RecordingSettings),
      ),
    ),
};
