import { Get, Save } from '../../wailsjs/go/app/Practice';
// Types only, and plain objects sent: the generated classes' module is
// large, and the first screen would parse it for nothing.
import type { app, peerplaypay } from '../../wailsjs/go/models';
import { call } from './call';
import type { Plain } from './plain';

/** A stand-up question; its id says where the answer is kept: done, how, why, next, helpNeeded, or extra1..extra5. */
export type Question = Plain<peerplaypay.Question>;
export type SessionPart = Plain<peerplaypay.SessionPart>;
/** One change of the history, its value as JSON text; current is false once replaced, or lost to a concurrent change. */
export type PracticeChange = Plain<app.PracticeChange>;
/** The team's own practice (app.PracticeView), with every field set. */
export type Practice = Plain<app.PracticeView>;

export interface PracticeApi {
  get(): Promise<Practice>;
  /** save changes the keys given (values as JSON text); the others stay. */
  save(values: Record<string, string>): Promise<Practice>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export const DEFAULT_QUESTIONS: readonly Question[] = [
  { id: 'done', text: 'What I did' },
  { id: 'how', text: 'How' },
  { id: 'why', text: 'Why it matters' },
  { id: 'next', text: 'What’s next' },
  { id: 'helpNeeded', text: 'Where I need help' },
];

export function toQuestions(raw: unknown): Question[] {
  const list = Array.isArray(raw) ? raw : [];
  const out = list.map((q) => ({ id: str((q as Record<string, unknown>)?.id), text: str((q as Record<string, unknown>)?.text) }));
  return out.filter((q) => q.id && q.text);
}

export function toPractice(raw: app.PracticeView | null | undefined): Practice {
  const p = (raw ?? {}) as Partial<app.PracticeView>;
  const questions = toQuestions(p.questions);
  return {
    questions: questions.length ? questions : [...DEFAULT_QUESTIONS],
    mood: p.mood !== false,
    energy: p.energy !== false,
    sessionParts: (p.sessionParts ?? []).map((x) => ({ name: str(x?.name), minutes: num(x?.minutes) })),
    sessionWeekday: str(p.sessionWeekday) || 'monday',
    sessionTime: str(p.sessionTime) || '10:00',
    standupReminder: p.standupReminder === true,
    standupReminderAt: str(p.standupReminderAt),
    reflectReminder: p.reflectReminder === true,
    reflectReminderAt: str(p.reflectReminderAt),
    cause: str(p.cause),
    agreements: (p.agreements ?? []).map(str).filter(Boolean),
    retentionMonths: num(p.retentionMonths),
    unknownKeys: (p.unknownKeys ?? []).map(str).filter(Boolean),
    history: (p.history ?? []).map((h) => ({
      authorName: str(h?.authorName),
      mine: h?.mine === true,
      at: str(h?.at),
      key: str(h?.key),
      value: str(h?.value),
      current: h?.current === true,
    })),
    canChange: p.canChange === true,
    why: str(p.why),
  };
}

export const practiceApi: PracticeApi = {
  get: () => call(async () => toPractice(await Get())),
  save: (values) => call(async () => toPractice(await Save(values))),
};
