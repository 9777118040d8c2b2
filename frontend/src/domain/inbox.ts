// The inbox's order, pure so that it is tested without a window: unwatched
// first, then by day (newest first) and by person (by name), a person's
// logs of a day in the order they were made. "Next unwatched" and "play
// all" walk that same order.

import type { PeerLog } from '../api/team';
import { playMs, skipsOf } from './silence';

export interface PersonGroup {
  author: string;
  name: string;
  logs: PeerLog[];
}

export interface DayGroup {
  day: string;
  people: PersonGroup[];
}

export interface InboxSection {
  watched: boolean;
  days: DayGroup[];
  count: number;
}

const nameOf = (l: PeerLog) => l.authorName || 'A peer';

function byPerson(a: PersonGroup, b: PersonGroup): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.author.localeCompare(b.author);
}

/**
 * firstOf keeps the first n logs of sections, in their order, with each
 * section's count unchanged: what a window can show at once, drawn before
 * the rest.
 */
export function firstOf(sections: InboxSection[], n: number): InboxSection[] {
  const out: InboxSection[] = [];
  for (const s of sections) {
    if (n <= 0) break;
    const days: DayGroup[] = [];
    for (const d of s.days) {
      if (n <= 0) break;
      const people: PersonGroup[] = [];
      for (const p of d.people) {
        if (n <= 0) break;
        const logs = p.logs.slice(0, n);
        n -= logs.length;
        people.push(logs.length === p.logs.length ? p : { ...p, logs });
      }
      days.push({ day: d.day, people });
    }
    out.push({ ...s, days });
  }
  return out;
}

/** groupInbox sorts logs into sections (unwatched, watched), days and people; empty sections are left out. */
export function groupInbox(logs: PeerLog[]): InboxSection[] {
  const sections: InboxSection[] = [];
  for (const watched of [false, true]) {
    const days = new Map<string, Map<string, PersonGroup>>();
    let count = 0;
    for (const l of logs) {
      if (l.watched !== watched) continue;
      count++;
      let people = days.get(l.day);
      if (!people) days.set(l.day, (people = new Map()));
      let p = people.get(l.author);
      if (!p) people.set(l.author, (p = { author: l.author, name: nameOf(l), logs: [] }));
      p.logs.push(l);
    }
    if (count === 0) continue;
    const dayGroups = [...days.entries()]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([day, people]) => ({
        day,
        people: [...people.values()].sort(byPerson).map((p) => ({
          ...p,
          logs: [...p.logs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id),
        })),
      }));
    sections.push({ watched, days: dayGroups, count });
  }
  return sections;
}

/** inOrder flattens the sections into the order the inbox shows the logs in. */
export function inOrder(sections: InboxSection[]): PeerLog[] {
  return sections.flatMap((s) => s.days.flatMap((d) => d.people.flatMap((p) => p.logs)));
}

/** nextUnwatched is the unwatched log after id in the inbox's order, wrapping around; null when none is left. */
export function nextUnwatched(order: PeerLog[], id: number): PeerLog | null {
  const i = order.findIndex((l) => l.id === id);
  const rest = [...order.slice(i + 1), ...order.slice(0, Math.max(i, 0))];
  return rest.find((l) => !l.watched && l.id !== id) ?? null;
}

/** playlist is what "play all unwatched" plays: the unwatched recordings on this laptop, in the inbox's order. */
export function playlist(order: PeerLog[]): PeerLog[] {
  return order.filter((l) => !l.watched && l.kind !== 'text' && l.mediaPath !== '');
}

export interface CatchUp {
  /** Recordings to play, their time in full at 1x, and at rate skipping silence where asked. */
  recordings: number;
  fullMs: number;
  playMs: number;
  /** Unwatched logs without a recording: read, not played. */
  texts: number;
  /** Unwatched recordings not downloaded yet. */
  missing: number;
}

/** catchUp is how long the unwatched logs take to get through at rate. */
export function catchUp(logs: PeerLog[], rate: number, skipSilence: boolean): CatchUp {
  const c: CatchUp = { recordings: 0, fullMs: 0, playMs: 0, texts: 0, missing: 0 };
  for (const l of logs) {
    if (l.watched) continue;
    // An expired recording is gone for good: its table is read like a text log's.
    if (l.kind === 'text' || l.mediaExpired) {
      c.texts++;
      continue;
    }
    if (!l.mediaPath) c.missing++;
    c.recordings++;
    c.fullMs += l.durationMs;
    const left = Math.max(0, l.durationMs - l.positionMs);
    c.playMs += playMs(left, skipSilence ? shift(skipsOf(l.loudness, l.durationMs), l.positionMs) : [], rate);
  }
  return c;
}

// shift moves skips to a recording that resumes at fromMs.
function shift(list: { fromMs: number; toMs: number }[], fromMs: number) {
  return list.filter((s) => s.toMs > fromMs).map((s) => ({ fromMs: Math.max(0, s.fromMs - fromMs), toMs: s.toMs - fromMs }));
}
