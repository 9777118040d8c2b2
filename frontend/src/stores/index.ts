import { devicesApi, type DevicesApi } from '../api/devices';
import { logsApi, type LogsApi } from '../api/logs';
import { mediaApi, type MediaApi } from '../api/media';
import { profilesApi, type ProfilesApi } from '../api/profiles';
import { recordingApi, type RecordingApi } from '../api/recording';
import { shellApi, type ShellApi } from '../api/shell';
import { AppInfoStore } from './appinfo.svelte';
import { DevicesStore } from './devices.svelte';
import { LogsStore } from './logs.svelte';
import { NavStore } from './nav.svelte';
import { LivePreview, type ObjectUrls } from './preview.svelte';
import { ProfileStore } from './profile.svelte';
import { RecordingStore } from './recording.svelte';
import { RecoveryStore } from './recovery.svelte';
import { StartupStore } from './startup.svelte';

export interface Apis {
  shell: ShellApi;
  profiles: ProfilesApi;
  devices: DevicesApi;
  recording: RecordingApi;
  logs: LogsApi;
  media: MediaApi;
  /** Object URLs for the live preview; jsdom has none, so tests pass fakes. */
  objectUrls?: ObjectUrls;
}

export interface Stores {
  startup: StartupStore;
  profile: ProfileStore;
  nav: NavStore;
  appInfo: AppInfoStore;
  devices: DevicesStore;
  recording: RecordingStore;
  preview: LivePreview;
  logs: LogsStore;
  recovery: RecoveryStore;
  media: MediaApi;
}

const realApis: Apis = {
  shell: shellApi,
  profiles: profilesApi,
  devices: devicesApi,
  recording: recordingApi,
  logs: logsApi,
  media: mediaApi,
};

/**
 * createStores builds every store over the given APIs (the real bindings
 * for any not given). App calls it with none; tests pass fakes. No store is
 * a module singleton, so each test starts from a clean state.
 */
export function createStores(over: Partial<Apis> = {}): Stores {
  const apis: Apis = { ...realApis, ...over };
  const logs = new LogsStore(apis.logs);
  const recovery = new RecoveryStore(apis.logs);
  // A decision in the banner changes the list; a log deleted from the list
  // is no longer waiting for a decision.
  recovery.onchanged = () => logs.refresh();
  logs.ondeleted = (id) => recovery.forget(id);
  return {
    startup: new StartupStore(apis.shell),
    profile: new ProfileStore(apis.profiles),
    nav: new NavStore(),
    appInfo: new AppInfoStore(apis.shell),
    devices: new DevicesStore(apis.devices),
    recording: new RecordingStore(apis.recording, apis.logs),
    preview: new LivePreview((signal) => apis.media.previewFrame(signal), apis.objectUrls),
    logs,
    recovery,
    media: apis.media,
  };
}
