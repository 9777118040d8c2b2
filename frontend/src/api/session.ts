import {
  AddItem,
  Comment,
  CreateExperiment,
  DeleteComment,
  DeleteItem,
  EditComment,
  EditItem,
  Experiments,
  Export,
  Get,
  NextDay,
  Note,
  Outcome,
  Past,
  Rules,
  Vote,
} from '../../wailsjs/go/app/Session';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app, peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toGo, type Plain } from './plain';

// The types are Go's (wailsjs/go/models.ts).
/** Names an item or experiment across the team: its author and uid. */
export type ItemRef = Plain<peerplaypay.ItemRef>;
/** id is the local number, for editing or deleting one's own. */
export type SessionComment = Plain<peerplaypay.SessionComment>;
export type OutcomeResult = Plain<peerplaypay.Outcome>['result'];
export type Outcome = Plain<peerplaypay.Outcome>;
export type SessionItem = Plain<peerplaypay.SessionItem>;
export type NoteKind = Plain<peerplaypay.SessionNote>['kind'];
/** conflict: two members changed the same version at once, and both are shown. */
export type SessionNote = Plain<peerplaypay.SessionNote>;
/** id is stable across renames and reorders: "moments" and "experiments" are the follow-ups' parts. */
export type SessionPart = Plain<peerplaypay.SessionPartView>;
export type Experiment = Plain<peerplaypay.Experiment>;
/** time is when it starts, HH:MM (the team's setting), and minutes its length. */
export type TeamSession = Plain<peerplaypay.TeamSession>;
export type SessionSummary = Plain<peerplaypay.SessionSummary>;
/** clockRate is how fast the present mode's timer runs: 1 but in tests. */
export type SessionRules = Plain<app.SessionRules>;
export type ExperimentInput = Plain<app.ExperimentInput>;

export interface SessionApi {
  rules(): Promise<SessionRules>;
  nextDay(): Promise<string>;
  get(day: string): Promise<TeamSession>;
  past(day: string): Promise<SessionSummary[]>;
  addItem(day: string, part: number, text: string): Promise<SessionItem>;
  editItem(id: number, text: string): Promise<void>;
  deleteItem(id: number): Promise<void>;
  comment(id: number, text: string): Promise<void>;
  editComment(id: number, text: string): Promise<void>;
  deleteComment(id: number): Promise<void>;
  vote(id: number, undo: boolean): Promise<void>;
  note(day: string, part: number, kind: NoteKind, text: string, uid: string, prev: string): Promise<SessionNote>;
  createExperiment(input: ExperimentInput): Promise<Experiment>;
  outcome(day: string, of: 'experiment' | 'moment', id: number, result: OutcomeResult, note: string): Promise<void>;
  experiments(query: string): Promise<Experiment[]>;
  exportTo(day: string, format: 'md' | 'pdf', path: string): Promise<void>;
  /** Calls back when the session changes here, by the CLI or by a sync. */
  onChanged(fn: () => void): Unsubscribe;
}

// Go's answers are typed by the bindings: a generated class fits its plain
// type, so no cast hides a field that changed.
export const sessionApi: SessionApi = {
  rules: () => call(() => Rules()),
  nextDay: () => call(() => NextDay()),
  get: (day) => call(() => Get(day)),
  past: (day) => call(async () => (await Past(day)) ?? []),
  addItem: (day, part, text) => call(() => AddItem(day, part, text)),
  editItem: (id, text) => call(() => EditItem(id, text)),
  deleteItem: (id) => call(() => DeleteItem(id)),
  comment: (id, text) => call(() => Comment(id, text)),
  editComment: (id, text) => call(() => EditComment(id, text)),
  deleteComment: (id) => call(() => DeleteComment(id)),
  vote: (id, undo) => call(() => Vote(id, undo)),
  note: (day, part, kind, text, uid, prev) => call(() => Note(day, part, kind, text, uid, prev)),
  createExperiment: (input) => call(() => CreateExperiment(toGo<app.ExperimentInput>(input))),
  outcome: (day, of, id, result, note) => call(() => Outcome(day, of, id, result, note)),
  experiments: (query) => call(async () => (await Experiments(query)) ?? []),
  exportTo: (day, format, path) => call(() => Export(day, format, path)),
  onChanged: (fn) => subscribe('session:changed', () => fn()),
};
