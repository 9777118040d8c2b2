import type { Outcome, OutcomeResult } from '../../api/session';

export const resultWords: Record<OutcomeResult, string> = {
  worked: 'Worked',
  failed: 'Did not work',
  learned: 'Learned something',
};

export function outcomeText(o: Outcome | null | undefined): string {
  if (!o) return 'No outcome yet';
  return `${resultWords[o.result]}${o.note ? ': ' + o.note : ''} (${o.authorName || 'a member'})`;
}

/** sessionDate says a session's day in words: "Monday 7 December 2026". */
export function sessionDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** clock shows ms as m:ss, never below 0:00. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
