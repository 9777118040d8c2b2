import { describe, expect, it } from 'vitest';
import type { PeerLog } from '../api/team';
import { catchUp, firstOf, groupInbox, inOrder, nextUnwatched, playlist } from './inbox';

let n = 0;
function peerLog(over: Partial<PeerLog>): PeerLog {
  n++;
  return {
    id: n,
    author: 'a'.repeat(32),
    authorName: 'Ada',
    uid: String(n).padStart(32, '0'),
    day: '2026-11-23',
    kind: 'video',
    table: { done: `log ${n}`, how: '', why: '', next: '', helpNeeded: '', mood: 0, energy: 0 },
    questions: [],
    durationMs: 180_000,
    sizeBytes: 1,
    mediaPath: 'peers/x.webm',
    pinned: false,
    mediaExpired: false,
    createdAt: '2026-11-23T09:00:00Z',
    loudness: '',
    codec: '',
    watched: false,
    positionMs: 0,
    match: null,
    ...over,
  };
}

const ADA = 'a'.repeat(32);
const BOB = 'b'.repeat(32);
const cyd = { author: 'c'.repeat(32), authorName: 'cyd' };

describe('the inbox order', () => {
  const logs = [
    peerLog({ id: 1, author: BOB, authorName: 'Bob', day: '2026-11-23', createdAt: '2026-11-23T10:00:00Z' }),
    peerLog({ id: 2, author: ADA, day: '2026-11-23', createdAt: '2026-11-23T11:00:00Z' }),
    peerLog({ id: 3, author: ADA, day: '2026-11-23', createdAt: '2026-11-23T08:00:00Z' }),
    peerLog({ id: 4, ...cyd, day: '2026-11-22', watched: true }),
    peerLog({ id: 5, author: BOB, authorName: 'Bob', day: '2026-11-22' }),
    peerLog({ id: 6, author: ADA, day: '2026-11-21', watched: true }),
    peerLog({ id: 7, ...cyd, day: '2026-11-24' }),
  ];
  const sections = groupInbox(logs);

  it('puts the unwatched first, then days newest first, then people by name', () => {
    expect(sections.map((s) => [s.watched, s.count])).toEqual([
      [false, 5],
      [true, 2],
    ]);
    const unwatched = sections[0];
    expect(unwatched.days.map((d) => d.day)).toEqual(['2026-11-24', '2026-11-23', '2026-11-22']);
    expect(unwatched.days[1].people.map((p) => p.name)).toEqual(['Ada', 'Bob']);
    // A person's logs of a day in the order they were made.
    expect(unwatched.days[1].people[0].logs.map((l) => l.id)).toEqual([3, 2]);
    expect(inOrder(sections).map((l) => l.id)).toEqual([7, 3, 2, 1, 5, 4, 6]);
  });

  it('sorts names whatever their case', () => {
    const s = groupInbox([peerLog({ id: 1, ...cyd }), peerLog({ id: 2, author: BOB, authorName: 'Bob' })]);
    expect(s[0].days[0].people.map((p) => p.name)).toEqual(['Bob', 'cyd']);
  });

  it('names a peer whose name is not known', () => {
    expect(groupInbox([peerLog({ authorName: '' })])[0].days[0].people[0].name).toBe('A peer');
  });

  it('leaves out an empty section', () => {
    expect(groupInbox([peerLog({ watched: true })]).map((s) => s.watched)).toEqual([true]);
    expect(groupInbox([])).toEqual([]);
  });

  it('finds the next unwatched, wrapping around, and none when all are watched', () => {
    const order = inOrder(sections);
    expect(nextUnwatched(order, 3)?.id).toBe(2);
    expect(nextUnwatched(order, 5)?.id).toBe(7);
    expect(nextUnwatched(order, 4)?.id).toBe(7);
    expect(nextUnwatched(order, 999)?.id).toBe(7);
    expect(nextUnwatched([peerLog({ id: 1 })], 1)).toBeNull();
    expect(
      nextUnwatched(
        order.map((l) => ({ ...l, watched: true })),
        3,
      ),
    ).toBeNull();
  });

  it('plays all unwatched recordings that are here, in order', () => {
    const order = inOrder(
      groupInbox([
        peerLog({ id: 1, kind: 'text' }),
        peerLog({ id: 2, mediaPath: '' }),
        peerLog({ id: 3, createdAt: '2026-11-23T12:00:00Z' }),
        peerLog({ id: 4, watched: true }),
        peerLog({ id: 5, kind: 'audio', createdAt: '2026-11-23T13:00:00Z' }),
      ]),
    );
    expect(playlist(order).map((l) => l.id)).toEqual([3, 5]);
  });
});

describe('the time to catch up', () => {
  // 3 minutes, 40 % of it silent in 2-second pauses.
  const map = ('w'.repeat(30) + 'A'.repeat(20)).repeat(36);

  it('adds up the recordings, skipping silence at the chosen speed', () => {
    const logs = [peerLog({ loudness: map }), peerLog({ loudness: map }), peerLog({ kind: 'text' }), peerLog({ mediaPath: '' })];
    const c = catchUp(logs, 1.5, true);
    expect(c.recordings).toBe(3);
    expect(c.texts).toBe(1);
    expect(c.missing).toBe(1);
    expect(c.fullMs).toBe(540_000);
    // Two with maps: 108 s of speech, 0.2 s kept of 35 pauses, 0.1 s of the last; one without.
    expect(c.playMs).toBeCloseTo((2 * (108_000 + 35 * 200 + 100) + 180_000) / 1.5, 0);
    expect(catchUp(logs, 1, false).playMs).toBe(540_000);
  });

  it('counts what is left of a log stopped half-way', () => {
    expect(catchUp([peerLog({ positionMs: 60_000 })], 1, true).playMs).toBe(120_000);
    expect(catchUp([peerLog({ watched: true })], 1, true).recordings).toBe(0);
  });
});

describe('firstOf', () => {
  it('keeps the first logs in order, across sections, days and people, with the counts whole', () => {
    const logs = [1, 2, 3, 4, 5].map((id) =>
      peerLog({
        id,
        author: id % 2 ? BOB : 'c'.repeat(32),
        authorName: id % 2 ? 'Bob' : 'Cyd',
        day: id < 3 ? '2026-11-24' : '2026-11-23',
        watched: id > 3,
      }),
    );
    const all = groupInbox(logs);
    const ids = (s: ReturnType<typeof groupInbox>) => inOrder(s).map((l) => l.id);
    expect(ids(firstOf(all, 3))).toEqual(ids(all).slice(0, 3));
    expect(firstOf(all, 3).map((s) => s.count)).toEqual(all.slice(0, firstOf(all, 3).length).map((s) => s.count));
    expect(ids(firstOf(all, 99))).toEqual(ids(all));
    expect(firstOf(all, 0)).toEqual([]);
  });
});
