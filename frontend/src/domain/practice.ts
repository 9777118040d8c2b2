// The team settings' rules as the window needs them before the round trip
// to Go (internal/peerplaypay/teamsettings.go is the truth: it checks again).

import type { PracticeChange, Question, SessionPart } from '../api/practice';

export const QUESTION_IDS = ['done', 'how', 'why', 'next', 'helpNeeded', 'extra1', 'extra2', 'extra3', 'extra4', 'extra5'] as const;
export const MAX_QUESTIONS = 10;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * questionsFromLines keeps the id of every question whose text did not
 * change, so its answers stay where they were, and gives a new question the
 * first id not in use.
 */
export function questionsFromLines(text: string, current: readonly Question[]): Question[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const used = new Set<string>();
  const out: Question[] = lines.map((line) => {
    const same = current.find((q) => q.text === line && !used.has(q.id));
    if (same) used.add(same.id);
    return { id: same?.id ?? '', text: line };
  });
  for (const q of out) {
    if (q.id) continue;
    const free = QUESTION_IDS.find((id) => !used.has(id));
    q.id = free ?? '';
    if (free) used.add(free);
  }
  return out;
}

export function sessionMinutes(parts: readonly SessionPart[]): number {
  return parts.reduce((n, p) => n + (Number.isFinite(p.minutes) ? p.minutes : 0), 0);
}

/** Words for each key, as the history shows them. */
export const keyLabels: Record<string, string> = {
  'standup.questions': 'the stand-up questions',
  'standup.mood': 'the mood scale',
  'standup.energy': 'the energy scale',
  'session.parts': 'the session’s parts',
  'session.weekday': 'the session’s day',
  'session.time': 'the session’s time',
  'reminders.standup': 'the stand-up reminder',
  'reminders.standupAt': 'the stand-up reminder’s time',
  'reminders.reflect': 'the reflection reminder',
  'reminders.reflectAt': 'the reflection reminder’s time',
  'team.cause': 'the cause',
  'team.agreements': 'the agreements',
};

/** changeValue says a change's value in a few words. */
export function changeValue(c: PracticeChange): string {
  let v: unknown;
  try {
    v = JSON.parse(c.value);
  } catch {
    return c.value;
  }
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v ? `“${cut(v, 60)}”` : 'nothing';
  if (Array.isArray(v)) {
    const items = v.map((x) => {
      if (typeof x === 'string') return x;
      const o = x as Record<string, unknown>;
      if (typeof o?.text === 'string') return o.text;
      if (typeof o?.name === 'string') return `${o.name} (${String(o.minutes)} min)`;
      return JSON.stringify(x);
    });
    return items.length ? cut(items.join('; '), 90) : 'none';
  }
  return cut(c.value, 60);
}

function cut(s: string, n: number): string {
  return [...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s;
}
