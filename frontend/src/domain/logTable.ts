// Mirrors LogTable.Normalize and Validate in internal/peerplaypay/log.go, so
// the member hears about a too long answer before the round trip to Go.

import type { LogTable } from '../api/logs';
import { goTrimSpace } from './profile';

export const MAX_TABLE_TEXT = 2000;

export type TextField = 'done' | 'how' | 'why' | 'next' | 'helpNeeded';
export type TableField = keyof LogTable;
export type TableErrors = Partial<Record<TableField, string>>;

/** The table's questions, in order, with the labels Go's messages use. */
export const textFields: readonly { id: TextField; label: string; goLabel: string }[] = [
  { id: 'done', label: 'What I did', goLabel: 'What you did' },
  { id: 'how', label: 'How', goLabel: 'How' },
  { id: 'why', label: 'Why it matters', goLabel: 'Why it matters' },
  { id: 'next', label: 'What’s next', goLabel: 'What is next' },
  { id: 'helpNeeded', label: 'Where I need help', goLabel: 'Where you need help' },
];

const tableFields: readonly TableField[] = [...textFields.map((f) => f.id), 'mood', 'energy'];

export function isTableField(s: string): s is TableField {
  return (tableFields as readonly string[]).includes(s);
}

export function emptyTable(): LogTable {
  return { done: '', how: '', why: '', next: '', helpNeeded: '', mood: 0, energy: 0 };
}

/** tableOf copies the table out of a log (or any object that has one). */
export function tableOf(t: LogTable): LogTable {
  const out: LogTable = {
    done: t.done,
    how: t.how,
    why: t.why,
    next: t.next,
    helpNeeded: t.helpNeeded,
    mood: t.mood,
    energy: t.energy,
  };
  if (t.extra && Object.keys(t.extra).length) out.extra = { ...t.extra };
  return out;
}

export function normalizeTable(t: LogTable): LogTable {
  const out: LogTable = {
    done: goTrimSpace(t.done),
    how: goTrimSpace(t.how),
    why: goTrimSpace(t.why),
    next: goTrimSpace(t.next),
    helpNeeded: goTrimSpace(t.helpNeeded),
    mood: t.mood,
    energy: t.energy,
  };
  const extra = Object.entries(t.extra ?? {})
    .map(([k, v]) => [k, goTrimSpace(v)] as const)
    .filter(([, v]) => v !== '');
  if (extra.length) out.extra = Object.fromEntries(extra);
  return out;
}

/** Go counts runes (code points), not UTF-16 units: an emoji is one. */
export function textLength(s: string): number {
  return [...s].length;
}

const loneSurrogate = /\p{Cs}/u;

/** validateTable returns a message per invalid field; {} means valid. */
export function validateTable(t: LogTable): TableErrors {
  const errors: TableErrors = {};
  for (const f of textFields) {
    const s = t[f.id];
    if (loneSurrogate.test(s)) {
      errors[f.id] = `${f.goLabel} contains characters that are not valid text; please retype it.`;
      continue;
    }
    const n = textLength(s);
    if (n > MAX_TABLE_TEXT) {
      errors[f.id] = `${f.goLabel} is ${n} characters long; please keep it to ${MAX_TABLE_TEXT} and say the rest in the recording.`;
    }
  }
  if (!Number.isInteger(t.mood) || t.mood < 0 || t.mood > 5) {
    errors.mood = 'Mood is a number from 1 to 5 (or empty).';
  }
  if (!Number.isInteger(t.energy) || t.energy < 0 || t.energy > 5) {
    errors.energy = 'Energy is a number from 1 to 5 (or empty).';
  }
  return errors;
}

/** isTableEmpty: nothing answered (LogTable.Empty). */
export function isTableEmpty(t: LogTable): boolean {
  return textFields.every((f) => t[f.id] === '') && t.mood === 0 && t.energy === 0 && !Object.values(t.extra ?? {}).some((v) => v !== '');
}

export function tablesEqual(a: LogTable, b: LogTable): boolean {
  return tableFields.every((f) => a[f] === b[f]) && extraKey(a) === extraKey(b);
}

/** extraKey is the added answers in one comparable string, empty answers left out. */
function extraKey(t: LogTable): string {
  return Object.entries(t.extra ?? {})
    .filter(([, v]) => v !== '')
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([k, v]) => `${k}\u0000${v}`)
    .join('\u0001');
}
