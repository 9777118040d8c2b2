import {
  AcceptHelp,
  Activity,
  AddComment,
  Comments,
  DeleteComment,
  EditComment,
  EditThanks,
  GiveThanks,
  HelpWanted,
  LogAnswers,
  MarkActivityRead,
  MyThanks,
  NotifySettings,
  OfferHelp,
  Place,
  React,
  Rules,
  SaveNotifySettings,
  ThanksFeed,
  UnreadActivity,
  WithdrawThanks,
} from '../../wailsjs/go/app/Answers';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app, peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import { subscribe, type Unsubscribe } from './events';
import { toGoal, toHelpOffer, type Goal, type HelpOffer } from './goals';
import { toGo, type Plain } from './plain';

// The types are Go's (wailsjs/go/models.ts); the wrappers below give every
// field a value whatever Go leaves out, and null where Go's pointer is nil.
export type Reaction = Plain<peerplaypay.ReactionCount>['reaction'];
/** The fixed set of reactions, in the order they are shown. */
export const reactions = ['thumbsup', 'clap', 'heart', 'laugh', 'bulb', 'eyes'] as const satisfies readonly Reaction[];

/**
 * LogRef names a stand-up log across the team: its author's member ID and
 * its uid. In inputs, author '' is the member's own log; in answers from Go
 * the author is always filled in.
 */
export type LogRef = Plain<peerplaypay.LogRef>;

/** replyTo 0 is a top-level comment; atMs null is not pinned; a deleted comment is sent only as the place of its replies. */
export interface Comment extends Omit<Plain<peerplaypay.Comment>, 'atMs' | 'replies'> {
  atMs: number | null;
  replies: Comment[];
}
export interface CommentInput extends Omit<Plain<peerplaypay.CommentInput>, 'atMs'> {
  atMs: number | null;
}
/** Who reacted with one kind: names, never a count compared between people. */
export type ReactionCount = Plain<peerplaypay.ReactionCount>;
export type LinkKind = Plain<peerplaypay.ThanksLink>['kind'];
export type ThanksLink = Plain<peerplaypay.ThanksLink>;
/** linkText is '' when what the link names is not on this laptop; day is the UTC date the daily cap counts it on. */
export interface Thanks extends Omit<Plain<peerplaypay.Thanks>, 'link'> {
  link: ThanksLink | null;
}
/** What a Thanks is for, by kind and local ID; a log may be named by `log` instead. */
export interface ThanksLinkInput extends Omit<Plain<peerplaypay.ThanksLinkInput>, 'log'> {
  log: LogRef | null;
}
/** to is a member ID; ignored (must match) when editing. */
export interface ThanksInput extends Omit<Plain<peerplaypay.ThanksInput>, 'link'> {
  link: ThanksLinkInput | null;
}
export type ActivityKind = Plain<peerplaypay.Activity>['kind'];
/** log's author and uid are '' when the activity is about no log. */
export type Activity = Plain<peerplaypay.Activity>;
export interface LogAnswers extends Omit<Plain<peerplaypay.LogAnswers>, 'comments' | 'offers' | 'thanks'> {
  comments: Comment[];
  offers: HelpOffer[];
  thanks: Thanks[];
}
/** One open help request: a stand-up's "where I need help" or a goal's. */
export interface HelpWanted extends Omit<Plain<peerplaypay.HelpWanted>, 'log' | 'goal' | 'offers'> {
  log: LogRef | null;
  goal: Goal | null;
  offers: HelpOffer[];
}
export type AnswerRules = Plain<app.AnswerRules>;
/** Where a Thanks's link or an activity row leads on this laptop. */
export interface AnswerPlace extends Omit<Plain<peerplaypay.AnswerPlace>, 'atMs'> {
  atMs: number | null;
}
/** Desktop notifications of new activity, and the daily quiet hours ("HH:MM"). */
export type NotifySettings = Plain<app.NotifySettings>;

export interface AnswersApi {
  rules(): Promise<AnswerRules>;
  logAnswers(log: LogRef): Promise<LogAnswers>;
  comments(log: LogRef): Promise<Comment[]>;
  addComment(input: CommentInput): Promise<Comment>;
  editComment(id: number, text: string): Promise<Comment>;
  deleteComment(id: number): Promise<void>;
  react(log: LogRef, reaction: Reaction, on: boolean): Promise<ReactionCount[]>;
  offerHelp(log: LogRef, text: string): Promise<HelpOffer>;
  acceptHelp(offerId: number): Promise<HelpOffer>;
  giveThanks(input: ThanksInput): Promise<Thanks>;
  editThanks(id: number, input: ThanksInput): Promise<Thanks>;
  withdrawThanks(id: number): Promise<void>;
  /** The team's Thanks, newest first (limit 0: up to 500). */
  thanksFeed(limit: number): Promise<Thanks[]>;
  /** The Thanks the member received (true) or gave (false). */
  myThanks(received: boolean, limit: number): Promise<Thanks[]>;
  activity(limit: number): Promise<Activity[]>;
  unreadActivity(): Promise<number>;
  /** Marks the given rows read; [] marks all. */
  markActivityRead(ids: number[]): Promise<void>;
  helpWanted(): Promise<HelpWanted[]>;
  /** Where what a link (or an activity row) names is shown here. */
  place(kind: LinkKind, author: string, uid: string): Promise<AnswerPlace>;
  notifySettings(): Promise<NotifySettings>;
  saveNotifySettings(s: NotifySettings): Promise<NotifySettings>;
  /** Go says answers or the activity changed (here or from a sync). */
  onChanged(listener: () => void): Unsubscribe;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null ? (v as Raw) : {});
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const time = (v: unknown): string => (typeof v === 'string' && !v.startsWith('0001-') ? v : '');
function oneOf<T extends string>(v: unknown, all: readonly T[], fallback: T): T {
  return all.find((x) => x === v) ?? fallback;
}
const linkKinds = ['log', 'goal', 'comment', 'offer'] as const;
const activityKinds = ['comment', 'reply', 'reaction', 'offer', 'accepted', 'thanks'] as const;

export function toLogRef(raw: unknown): LogRef {
  const r = obj(raw);
  return { author: str(r.author), uid: str(r.uid) };
}

export function toComment(raw: unknown): Comment {
  const c = obj(raw);
  return {
    id: num(c.id),
    uid: str(c.uid),
    log: toLogRef(c.log),
    author: str(c.author),
    authorName: str(c.authorName),
    mine: c.mine === true,
    replyTo: num(c.replyTo),
    atMs: typeof c.atMs === 'number' ? c.atMs : null,
    text: str(c.text),
    createdAt: time(c.createdAt),
    editedAt: time(c.editedAt),
    deleted: c.deleted === true,
    replies: arr(c.replies).map(toComment),
  };
}

export function toReactionCount(raw: unknown): ReactionCount {
  const r = obj(raw);
  return {
    reaction: oneOf(r.reaction, reactions, 'thumbsup'),
    members: arr(r.members).map(str),
    names: arr(r.names).map(str),
    mine: r.mine === true,
  };
}

export function toThanks(raw: unknown): Thanks {
  const t = obj(raw);
  const l = t.link ? obj(t.link) : null;
  return {
    id: num(t.id),
    uid: str(t.uid),
    from: str(t.from),
    fromName: str(t.fromName),
    to: str(t.to),
    toName: str(t.toName),
    reason: str(t.reason),
    link: l ? { kind: oneOf(l.kind, linkKinds, 'log'), author: str(l.author), uid: str(l.uid) } : null,
    linkText: str(t.linkText),
    at: time(t.at),
    day: str(t.day),
    editedAt: time(t.editedAt),
    mine: t.mine === true,
    toMe: t.toMe === true,
    editable: t.editable === true,
    editUntil: time(t.editUntil),
  };
}

export function toActivity(raw: unknown): Activity {
  const a = obj(raw);
  return {
    id: num(a.id),
    kind: oneOf(a.kind, activityKinds, 'comment'),
    actor: str(a.actor),
    actorName: str(a.actorName),
    log: toLogRef(a.log),
    goalUid: str(a.goalUid),
    refUid: str(a.refUid),
    text: str(a.text),
    at: time(a.at),
    unread: a.unread === true,
  };
}

export function toLogAnswers(raw: unknown): LogAnswers {
  const a = obj(raw);
  return {
    log: toLogRef(a.log),
    comments: arr(a.comments).map(toComment),
    reactions: arr(a.reactions).map(toReactionCount),
    offers: arr(a.offers).map(toHelpOffer),
    thanks: arr(a.thanks).map(toThanks),
  };
}

export function toHelpWanted(raw: unknown): HelpWanted {
  const h = obj(raw);
  return {
    kind: h.kind === 'goal' ? 'goal' : 'log',
    author: str(h.author),
    authorName: str(h.authorName),
    mine: h.mine === true,
    need: str(h.need),
    day: str(h.day),
    log: h.log ? toLogRef(h.log) : null,
    logId: num(h.logId),
    peerLogId: num(h.peerLogId),
    done: str(h.done),
    goal: h.goal ? toGoal(h.goal) : null,
    offers: arr(h.offers).map(toHelpOffer),
  };
}

export function toPlace(raw: unknown): AnswerPlace {
  const p = obj(raw);
  return {
    kind: oneOf(p.kind, ['myLog', 'peerLog', 'goal'] as const, 'peerLog'),
    logId: num(p.logId),
    goalId: num(p.goalId),
    commentId: num(p.commentId),
    atMs: typeof p.atMs === 'number' ? p.atMs : null,
  };
}

export function toNotifySettings(raw: unknown): NotifySettings {
  const s = obj(raw);
  return { activity: s.activity === true, quietHours: s.quietHours === true, quietFrom: str(s.quietFrom), quietTo: str(s.quietTo) };
}

export function toRules(raw: unknown): AnswerRules {
  const r = obj(raw);
  const listed = arr(r.reactions).filter((x): x is Reaction => reactions.includes(x as Reaction));
  return {
    reactions: listed.length ? listed : [...reactions],
    thanksPerDay: num(r.thanksPerDay),
    thanksEditMinutes: num(r.thanksEditMinutes),
    thanksReasonMax: num(r.thanksReasonMax),
    commentMax: num(r.commentMax),
    offerMax: num(r.offerMax),
    helpWantedDays: num(r.helpWantedDays),
    thanksDayIsUtc: r.thanksDayIsUtc === true,
    thanksRule: str(r.thanksRule),
  };
}

// Arguments go to the generated bindings as plain objects, checked against
// Go's fields by toGo. Go reads a missing pointer field as it reads null.
const thanksInput = (t: ThanksInput) =>
  toGo<peerplaypay.ThanksInput>({ ...t, link: t.link ? { ...t.link, log: t.link.log ?? undefined } : undefined });
export const answersApi: AnswersApi = {
  rules: () => call(async () => toRules(await Rules())),
  logAnswers: (log) => call(async () => toLogAnswers(await LogAnswers(toGo<peerplaypay.LogRef>(log)))),
  comments: (log) => call(async () => arr(await Comments(toGo<peerplaypay.LogRef>(log))).map(toComment)),
  addComment: (input) => call(async () => toComment(await AddComment(toGo<peerplaypay.CommentInput>(input)))),
  editComment: (id, text) => call(async () => toComment(await EditComment(id, text))),
  deleteComment: (id) => call(async () => void (await DeleteComment(id))),
  react: (log, reaction, on) => call(async () => arr(await React(toGo<peerplaypay.LogRef>(log), reaction, on)).map(toReactionCount)),
  offerHelp: (log, text) => call(async () => toHelpOffer(await OfferHelp(toGo<peerplaypay.LogRef>(log), text))),
  acceptHelp: (offerId) => call(async () => toHelpOffer(await AcceptHelp(offerId))),
  giveThanks: (input) => call(async () => toThanks(await GiveThanks(thanksInput(input)))),
  editThanks: (id, input) => call(async () => toThanks(await EditThanks(id, thanksInput(input)))),
  withdrawThanks: (id) => call(async () => void (await WithdrawThanks(id))),
  thanksFeed: (limit) => call(async () => arr(await ThanksFeed(limit)).map(toThanks)),
  myThanks: (received, limit) => call(async () => arr(await MyThanks(received, limit)).map(toThanks)),
  activity: (limit) => call(async () => arr(await Activity(limit)).map(toActivity)),
  unreadActivity: () => call(async () => num(await UnreadActivity())),
  markActivityRead: (ids) => call(async () => void (await MarkActivityRead(ids))),
  helpWanted: () => call(async () => arr(await HelpWanted()).map(toHelpWanted)),
  place: (kind, author, uid) => call(async () => toPlace(await Place(kind, author, uid))),
  notifySettings: () => call(async () => toNotifySettings(await NotifySettings())),
  saveNotifySettings: (s) => call(async () => toNotifySettings(await SaveNotifySettings(toGo<app.NotifySettings>(s)))),
  onChanged: (listener) => subscribe('answers:changed', () => listener()),
};
