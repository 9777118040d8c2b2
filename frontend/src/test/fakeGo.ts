import { vi, type Mock } from 'vitest';

// Stand-ins for what the Wails runtime puts on window.go and window.runtime,
// so tests run the real api/ layer and generated bindings against scripted
// answers, and can emit Go's events.

// Loosely typed on purpose: tests script whatever Go might answer.
type AsyncMock = Mock<(...args: any[]) => Promise<any>>;

export interface FakeGo {
  Status: Mock<() => Promise<unknown>>;
  Info: Mock<() => Promise<unknown>>;
  Ready: Mock<() => Promise<void>>;
  Log: Mock<(level: string, message: string, fields: unknown) => Promise<void>>;
  Quit: Mock<() => Promise<void>>;
  Get: Mock<() => Promise<unknown>>;
  Save: Mock<(input: unknown) => Promise<unknown>>;
  devices: Record<'List' | 'Settings' | 'SaveSettings', AsyncMock>;
  recording: Record<'Start' | 'Pause' | 'Resume' | 'Stop' | 'State', AsyncMock>;
  logs: Record<'Find' | 'Get' | 'CreateText' | 'UpdateTable' | 'Delete' | 'Recovery' | 'Keep' | 'SetShared', AsyncMock>;
  /** Drafts keeps what it is given in `kept`, as Go would. */
  drafts: Record<'Get' | 'Save' | 'Discard', AsyncMock> & { kept: Map<string, string> };
  data: Record<'Defaults' | 'Backup' | 'Export' | 'Cancel', AsyncMock>;
  team: Record<
    | 'Status'
    | 'Create'
    | 'Join'
    | 'Leave'
    | 'Requests'
    | 'Approve'
    | 'Refuse'
    | 'Remove'
    | 'Sync'
    | 'CancelSync'
    | 'RecoveryKey'
    | 'SaveRecoveryKey'
    | 'ImportKey'
    | 'PeerLogs'
    | 'Settings'
    | 'SaveSettings',
    AsyncMock
  >;
  /** emit delivers a Go event to the page's listeners. */
  emit(name: string, payload: unknown): void;
  /** How many listeners a Go event has (EventsOn without its off leaks). */
  listeners(name: string): number;
}

export const okStatus = {
  ok: true,
  code: '',
  message: '',
  dataDir: '/home/ada/.local/share/PeerPlayPay',
  mediaBase: '',
  saved: null,
};

export function profileOf(name: string, role = '', teamName = '') {
  return {
    memberId: 'm-1',
    name,
    role,
    teamName,
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
  };
}

/** logOf is a LogEntry as Go sends it. */
export function logOf(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    day: '2026-11-23',
    kind: 'video',
    status: 'ready',
    mediaPath: `media/${id}.webm`,
    durationMs: 42_000,
    sizeBytes: 3_100_000,
    sha256: 'ab'.repeat(32),
    done: '',
    how: '',
    why: '',
    next: '',
    helpNeeded: '',
    mood: 0,
    energy: 0,
    createdAt: '2026-11-23T09:00:00Z',
    updatedAt: '2026-11-23T09:00:00Z',
    ...over,
  };
}

/** teamOf is a team status as Go sends it: by default, in no team. */
export function teamOf(over: Record<string, unknown> = {}) {
  return {
    state: 'none',
    location: '',
    teamId: '',
    teamName: '',
    memberId: 'ab'.repeat(16),
    safetyCode: '',
    waiting: 0,
    lastSync: '0001-01-01T00:00:00Z',
    members: [],
    problems: [],
    syncing: false,
    lastError: '',
    offline: false,
    ...over,
  };
}

/** stateOf is a RecordingState as Go sends it. */
export function stateOf(over: Record<string, unknown> = {}) {
  return {
    recording: true,
    logId: 7,
    kind: 'video',
    elapsedMs: 0,
    maxMs: 300_000,
    bytes: 0,
    level: 0,
    paused: false,
    ...over,
  };
}

export const synthetic = {
  devices: [
    { kind: 'video', id: 'cam-1', label: 'Test pattern 720p' },
    { kind: 'audio', id: 'mic-1', label: 'Tone' },
  ],
  message: '',
};

/** goError is what the Wails runtime rejects with when a Go method fails. */
export function goError(code: string, message: string, field = ''): Error {
  return new Error(JSON.stringify({ code, message, field }));
}

export function installGo(): FakeGo {
  const handlers = new Map<string, Set<(...data: unknown[]) => void>>();
  const fake: FakeGo = {
    Status: vi.fn(async () => okStatus),
    Info: vi.fn(async () => ({ version: '0.1.0', dataDir: okStatus.dataDir })),
    Ready: vi.fn(async () => {}),
    Log: vi.fn(async () => {}),
    Quit: vi.fn(async () => {}),
    Get: vi.fn(async () => null),
    Save: vi.fn(async (input: unknown) => ({ ...profileOf(''), ...(input as object) })),
    devices: {
      List: vi.fn(async () => synthetic),
      Settings: vi.fn(async () => ({ videoDeviceId: '', audioDeviceId: '', maxSeconds: 300 })),
      SaveSettings: vi.fn(async (rs: unknown) => rs),
    },
    recording: {
      Start: vi.fn(async (req: { audioOnly?: boolean }) => stateOf({ kind: req?.audioOnly ? 'audio' : 'video' })),
      Pause: vi.fn(async () => {}),
      Resume: vi.fn(async () => {}),
      Stop: vi.fn(async () => logOf(7)),
      State: vi.fn(async () => ({ ...stateOf(), recording: false, logId: 0 })),
    },
    logs: {
      Find: vi.fn(async () => ({ logs: [], total: 0 })),
      Get: vi.fn(async (id: number) => logOf(id)),
      CreateText: vi.fn(async (t: object) => logOf(9, { kind: 'text', durationMs: 0, sizeBytes: 0, ...t })),
      UpdateTable: vi.fn(async (id: number, t: object) => logOf(id, { ...t })),
      Delete: vi.fn(async () => {}),
      Recovery: vi.fn(async () => ({ logs: [], problems: [] })),
      Keep: vi.fn(async (id: number) => logOf(id)),
      SetShared: vi.fn(async (id: number, shared: boolean) => logOf(id, { shared })),
    },
    team: {
      Status: vi.fn(async () => teamOf()),
      Create: vi.fn(async () => teamOf({ state: 'member' })),
      Join: vi.fn(async () => teamOf({ state: 'pending', safetyCode: '4968 6355' })),
      Leave: vi.fn(async () => {}),
      Requests: vi.fn(async () => []),
      Approve: vi.fn(async () => {}),
      Refuse: vi.fn(async () => {}),
      Remove: vi.fn(async () => {}),
      Sync: vi.fn(async () => true),
      CancelSync: vi.fn(async () => {}),
      RecoveryKey: vi.fn(async () => ({ memberId: 'ab'.repeat(16), file: '-----BEGIN PEERPLAYPAY RECOVERY KEY-----', printable: '1: 0400 20G3 0G2G C1R8  S' })),
      SaveRecoveryKey: vi.fn(async () => {}),
      ImportKey: vi.fn(async () => 'ab'.repeat(16)),
      PeerLogs: vi.fn(async () => []),
      Settings: vi.fn(async () => ({ shareNewLogs: true, syncMinutes: 5, budgetMb: 2048, hasS3Keys: false, recoverySaved: '2026-11-20T10:00:00Z' })),
      SaveSettings: vi.fn(async (s: object) => ({ hasS3Keys: false, recoverySaved: '', ...s })),
    },
    drafts: Object.assign(
      {
        Get: vi.fn(async (key: string) => {
          const value = fake.drafts.kept.get(key);
          return value ? { key, value, updatedAt: '2026-11-23T09:30:00Z' } : { key: '', value: '' };
        }),
        Save: vi.fn(async (key: string, value: string) => {
          fake.drafts.kept.set(key, value);
          return { key, value, updatedAt: '2026-11-23T09:30:00Z' };
        }),
        Discard: vi.fn(async (key: string) => void fake.drafts.kept.delete(key)),
      },
      { kept: new Map<string, string>() },
    ),
    data: {
      Defaults: vi.fn(async () => ({ backupFile: '/home/ada/PeerPlayPay-backup.tar', exportFolder: '/home/ada/export' })),
      Backup: vi.fn(async (path: string) => ({ path, files: 3, bytes: 12_000_000 })),
      Export: vi.fn(async (path: string) => ({ path, files: 4, bytes: 12_000_000 })),
      Cancel: vi.fn(async () => {}),
    },
    emit(name, payload) {
      for (const h of [...(handlers.get(name) ?? [])]) h(payload);
    },
    listeners: (name) => handlers.get(name)?.size ?? 0,
  };
  (window as unknown as { go: unknown }).go = {
    app: {
      Shell: { Status: fake.Status, Info: fake.Info, Ready: fake.Ready, Log: fake.Log, Quit: fake.Quit },
      Profiles: { Get: fake.Get, Save: fake.Save },
      Devices: fake.devices,
      Recording: fake.recording,
      Logs: fake.logs,
      Drafts: fake.drafts,
      Data: fake.data,
      Team: fake.team,
    },
  };
  // What wailsjs/runtime calls: EventsOnMultiple returns the off function.
  (window as unknown as { runtime: unknown }).runtime = {
    EventsOnMultiple(name: string, cb: (...data: unknown[]) => void) {
      const set = handlers.get(name) ?? new Set();
      handlers.set(name, set);
      const h = (...data: unknown[]) => cb(...data);
      set.add(h);
      return () => set.delete(h);
    },
    EventsOff(name: string) {
      handlers.delete(name);
    },
  };
  return fake;
}

export function uninstallGo(): void {
  delete (window as unknown as { go?: unknown }).go;
  delete (window as unknown as { runtime?: unknown }).runtime;
}
