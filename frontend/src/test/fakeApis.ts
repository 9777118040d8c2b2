import { vi, type Mock } from 'vitest';
import type { DevicesApi } from '../api/devices';
import { toLogEntry, type LogEntry, type LogsApi } from '../api/logs';
import type { MediaApi } from '../api/media';
import { toRecordingState, type RecordingApi, type RecordingState, type RecordingStopped } from '../api/recording';
import { logOf, stateOf } from './fakeGo';

// Fakes of the api/ interfaces for store tests, which need no window.go.

// Loosely typed on purpose: a test may script any answer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Overrides<T> = { [K in keyof T]?: (...args: any[]) => any };

/** withOverrides keeps every method a typed mock, running the override when given. */
function withOverrides<T extends object>(base: T, over: NoInfer<Overrides<T>>): T {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the loose type of Overrides
  for (const [key, fn] of Object.entries(over as Record<string, ((...args: any[]) => any) | undefined>)) {
    if (fn) (base as Record<string, Mock>)[key].mockImplementation(fn);
  }
  return base;
}

export function entry(id: number, over: Partial<LogEntry> = {}): LogEntry {
  return { ...toLogEntry(logOf(id)), ...over };
}

export function recState(over: Partial<RecordingState> = {}): RecordingState {
  return { ...toRecordingState(stateOf()), ...over };
}

export function fakeLogsApi(over: Overrides<LogsApi> = {}) {
  return withOverrides(
    {
      find: vi.fn<LogsApi['find']>(async () => ({ logs: [], total: 0 })),
      get: vi.fn<LogsApi['get']>(async (id) => entry(id)),
      createText: vi.fn<LogsApi['createText']>(async (t) => entry(9, { ...t, kind: 'text' })),
      updateTable: vi.fn<LogsApi['updateTable']>(async (id, t) => entry(id, t)),
      delete: vi.fn<LogsApi['delete']>(async () => {}),
      recovery: vi.fn<LogsApi['recovery']>(async () => ({ logs: [], problems: [] })),
      keep: vi.fn<LogsApi['keep']>(async (id) => entry(id)),
      setShared: vi.fn<LogsApi['setShared']>(async (id, shared) => entry(id, { shared })),
      setPinned: vi.fn<LogsApi['setPinned']>(async (id, pinned) => entry(id, { pinned })),
    },
    over,
  );
}

/** fakeRecordingApi also plays Go's events: progress() and stopped(). */
export function fakeRecordingApi(over: Overrides<RecordingApi> = {}) {
  const progressListeners = new Set<(s: RecordingState) => void>();
  const stoppedListeners = new Set<(s: RecordingStopped) => void>();
  const api = withOverrides(
    {
      start: vi.fn<RecordingApi['start']>(async (req) => recState({ kind: req.audioOnly ? 'audio' : 'video' })),
      pause: vi.fn<RecordingApi['pause']>(async () => {}),
      resume: vi.fn<RecordingApi['resume']>(async () => {}),
      stop: vi.fn<RecordingApi['stop']>(async () => entry(7)),
      discard: vi.fn<RecordingApi['discard']>(async () => {}),
      state: vi.fn<RecordingApi['state']>(async () => recState({ recording: false, logId: 0 })),
      onProgress: vi.fn<RecordingApi['onProgress']>((l) => {
        progressListeners.add(l);
        return () => progressListeners.delete(l);
      }),
      onStopped: vi.fn<RecordingApi['onStopped']>((l) => {
        stoppedListeners.add(l);
        return () => stoppedListeners.delete(l);
      }),
    },
    over,
  );
  return {
    api,
    progress: (s: Partial<RecordingState>) => progressListeners.forEach((l) => l(recState(s))),
    stopped: (s: RecordingStopped) => stoppedListeners.forEach((l) => l(s)),
    listeners: () => progressListeners.size + stoppedListeners.size,
  };
}

export function fakeDevicesApi(over: Overrides<DevicesApi> = {}) {
  return withOverrides(
    {
      list: vi.fn<DevicesApi['list']>(async () => ({
        devices: [
          { kind: 'video', id: 'cam-1', label: 'Test pattern 720p' },
          { kind: 'video', id: 'cam-2', label: 'USB camera' },
          { kind: 'audio', id: 'mic-1', label: 'Tone' },
        ],
        message: '',
      })),
      settings: vi.fn<DevicesApi['settings']>(async () => ({ videoDeviceId: '', audioDeviceId: '', maxSeconds: 300 })),
      saveSettings: vi.fn<DevicesApi['saveSettings']>(async (rs) => rs),
    },
    over,
  );
}

export function fakeMediaApi(over: Overrides<MediaApi> = {}) {
  return withOverrides(
    {
      logUrl: vi.fn<MediaApi['logUrl']>((id) => `/media/logs/${id}`),
      peerUrl: vi.fn<MediaApi['peerUrl']>((id) => `/media/peers/${id}`),
      previewFrame: vi.fn<MediaApi['previewFrame']>(async () => null),
    },
    over,
  );
}

/** Settles every pending promise callback (several hops deep). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
