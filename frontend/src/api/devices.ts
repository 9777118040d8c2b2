import { List, SaveSettings, Settings } from '../../wailsjs/go/app/Devices';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app } from '../../wailsjs/go/models';
import { call } from './call';

export type DeviceKind = 'video' | 'audio';

export interface Device {
  kind: DeviceKind;
  id: string;
  label: string;
}

export interface DeviceList {
  devices: Device[];
  /**
   * Non-empty when the devices could not be listed or there are none. Not
   * an error: text logs need no device.
   */
  message: string;
}

export type Quality = 'standard' | 'compact' | 'small' | 'audio';

/** A recording quality preset and what it costs. */
export interface QualityPreset {
  quality: Quality;
  label: string;
  /** Why this computer does not record it ("" when it does); recordings then use Standard. */
  unavailable: string;
}

export interface RecordingSettings {
  /** "" = the first camera. */
  videoDeviceId: string;
  /** "" = the first microphone. */
  audioDeviceId: string;
  /** The longest recording, 10..3600 seconds. */
  maxSeconds: number;
  /** Go always says; a change may leave it out to keep the current one. */
  quality?: Quality;
  /** The choices, from Go; read only. */
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
          .map((d) => ({ kind: d.kind as DeviceKind, id: d.id ?? '', label: d.label || d.id || '' })),
        message: l?.message ?? '',
      };
    }),
  settings: () => call(async () => toSettings(await Settings())),
  saveSettings: (rs) =>
    call(async () =>
      toSettings(
        await SaveSettings({
          videoDeviceId: rs.videoDeviceId,
          audioDeviceId: rs.audioDeviceId,
          maxSeconds: rs.maxSeconds,
          quality: rs.quality,
        } as app.RecordingSettings),
      ),
    ),
};
