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
import { app } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';

/** Names an item or experiment across the team: its author and uid. */
export interface ItemRef {
  author: string;
  uid: string;
}

export interface SessionComment {
  /** Local number, for editing or deleting one's own. */
  id: number;
  author: string;
  authorName: string;
  uid: string;
  mine: boolean;
  text: string;
  at: string;
  editedAt?: string;
}

export type OutcomeResult = 'worked' | 'failed' | 'learned';

export interface Outcome {
  result: OutcomeResult;
  note: string;
  author: string;
  authorName: string;
  session: string;
  at: string;
}

export interface SessionItem {
  id: number;
  author: string;
  authorName: string;
  uid: string;
  part: number;
  partId: string;
  text: string;
  mine: boolean;
  votes: number;
  myVotes: number;
  comments: SessionComment[];
  createdAt: string;
  editedAt?: string;
  experiment?: number;
  outcome?: Outcome | null;
}

export interface SessionNote {
  uid: string;
  rev: string;
  part: number;
  kind: 'note' | 'decision';
  text: string;
  author: string;
  authorName: string;
  at: string;
  /** Two members changed the same version at once: both are shown. */
  conflict: boolean;
}

export interface SessionPart {
  index: number;
  /** Stable across renames and reorders: "moments" and "experiments" are the follow-ups' parts. */
  id: string;
  name: string;
  minutes: number;
  items: SessionItem[];
  notes: SessionNote[];
  myDots: number;
}

export interface Experiment {
  id: number;
  author: string;
  uid: string;
  session: string;
  item?: ItemRef | null;
  hypothesis: string;
  owner: string;
  ownerName: string;
  measure: string;
  endDay: string;
  outcome?: Outcome | null;
}

export interface TeamSession {
  day: string;
  /** When it starts, HH:MM (the team's setting), and its length in minutes. */
  time: string;
  minutes: number;
  parts: SessionPart[];
  facilitator: string;
  facilitatorName: string;
  running: Experiment[];
  lastDay?: string;
  lastMoments: SessionItem[];
  voters: number;
  members: { id: string; name: string }[];
}

export interface SessionSummary {
  day: string;
  items: number;
  decisions: number;
}

export interface SessionRules {
  dotsPerPart: number;
  itemMax: number;
  noteMax: number;
  experimentMax: number;
  /** How fast the present mode's timer runs: 1 but in tests. */
  clockRate: number;
}

export interface ExperimentInput {
  day: string;
  item: number;
  hypothesis: string;
  owner: string;
  measure: string;
  endDay: string;
}

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
  note(day: string, part: number, kind: 'note' | 'decision', text: string, uid: string, prev: string): Promise<SessionNote>;
  createExperiment(input: ExperimentInput): Promise<Experiment>;
  outcome(day: string, of: 'experiment' | 'moment', id: number, result: OutcomeResult, note: string): Promise<void>;
  experiments(query: string): Promise<Experiment[]>;
  exportTo(day: string, format: 'md' | 'pdf', path: string): Promise<void>;
  /** Calls back when the session changes here, by the CLI or by a sync. */
  onChanged(fn: () => void): Unsubscribe;
}

// Go sends JSON whose shape these interfaces spell out; the generated
// classes add nothing the page uses.
const as = <T>(v: unknown): T => v as T;

export const sessionApi: SessionApi = {
  rules: () => call(async () => as<SessionRules>(await Rules())),
  nextDay: () => call(() => NextDay()),
  get: (day) => call(async () => as<TeamSession>(await Get(day))),
  past: (day) => call(async () => as<SessionSummary[]>((await Past(day)) ?? [])),
  addItem: (day, part, text) => call(async () => as<SessionItem>(await AddItem(day, part, text))),
  editItem: (id, text) => call(() => EditItem(id, text)),
  deleteItem: (id) => call(() => DeleteItem(id)),
  comment: (id, text) => call(() => Comment(id, text)),
  editComment: (id, text) => call(() => EditComment(id, text)),
  deleteComment: (id) => call(() => DeleteComment(id)),
  vote: (id, undo) => call(() => Vote(id, undo)),
  note: (day, part, kind, text, uid, prev) => call(async () => as<SessionNote>(await Note(day, part, kind, text, uid, prev))),
  createExperiment: (input) => call(async () => as<Experiment>(await CreateExperiment(app.ExperimentInput.createFrom(input)))),
  outcome: (day, of, id, result, note) => call(() => Outcome(day, of, id, result, note)),
  experiments: (query) => call(async () => as<Experiment[]>((await Experiments(query)) ?? [])),
  exportTo: (day, format, path) => call(() => Export(day, format, path)),
  onChanged: (fn) => subscribe('session:changed', () => fn()),
};
