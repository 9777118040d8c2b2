import { Discard, Pause, Resume, Start, State, Stop } from '../../wailsjs/go/app/Recording';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toLogEntry, toLogTable, type LogEntry } from './logs';
import { toGo, type Plain } from './plain';

/** A snapshot of the running recording: recording is false when none runs; level is the microphone's for the meter, 0..1 (-60..0 dBFS). */
export type RecordingState = Plain<app.RecordingState>;

/**
 * How a recording ended: the "recording:stopped" event's payload (an event,
 * so models.ts has no type for it). log is null when nothing could be kept;
 * error says why it ended early (a device failed), "" after Stop or the time limit.
 */
export interface RecordingStopped {
  log: LogEntry | null;
  error: string;
}

export type StartRequest = Plain<app.StartRequest>;

export interface RecordingApi {
  start(req: StartRequest): Promise<RecordingState>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** stop ends the recording and returns its log. */
  stop(): Promise<LogEntry>;
  /** discard deletes the recording just made (file and log); only the last one. */
  discard(logId: number): Promise<void>;
  state(): Promise<RecordingState>;
  /** onProgress hears "recording:progress", about four times a second. */
  onProgress(listener: (s: RecordingState) => void): Unsubscribe;
  /** onStopped hears "recording:stopped", once per recording. */
  onStopped(listener: (s: RecordingStopped) => void): Unsubscribe;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function toRecordingState(raw: unknown): RecordingState {
  const s = (raw ?? {}) as Record<string, unknown>;
  return {
    recording: s.recording === true,
    logId: num(s.logId),
    kind: s.kind === 'audio' ? 'audio' : 'video',
    elapsedMs: num(s.elapsedMs),
    maxMs: num(s.maxMs),
    bytes: num(s.bytes),
    level: Math.min(1, Math.max(0, num(s.level))),
    paused: s.paused === true,
  };
}

export function toRecordingStopped(raw: unknown): RecordingStopped {
  const s = (raw ?? {}) as Record<string, unknown>;
  return {
    log: s.log ? toLogEntry(s.log) : null,
    error: typeof s.error === 'string' ? s.error : '',
  };
}

export const recordingApi: RecordingApi = {
  start: (req) =>
    call(async () => toRecordingState(await Start(toGo<app.StartRequest>({ audioOnly: req.audioOnly, table: toLogTable(req.table) })))),
  pause: () => call(() => Pause()),
  resume: () => call(() => Resume()),
  stop: () => call(async () => toLogEntry(await Stop())),
  discard: (logId) => call(() => Discard(logId)),
  state: () => call(async () => toRecordingState(await State())),
  onProgress: (listener) => subscribe('recording:progress', (p) => listener(toRecordingState(p))),
  onStopped: (listener) => subscribe('recording:stopped', (p) => listener(toRecordingStopped(p))),
};
