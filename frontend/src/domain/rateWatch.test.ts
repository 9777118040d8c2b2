import { describe, expect, it } from 'vitest';
import { RateWatch, rateLost } from './rateWatch';

// play feeds a watch positions read every step ms at rate, from pos.
function play(w: RateWatch, from: { pos: number; at: number }, rate: number, ms: number, step = 100) {
  const out: number[] = [];
  let { pos, at } = from;
  for (let t = 0; t < ms; t += step) {
    pos += (rate * step) / 1000;
    at += step;
    const r = w.sample(pos, at);
    if (r !== null) out.push(r);
  }
  return { out, end: { pos, at } };
}

describe('RateWatch', () => {
  it('measures the rate a player really plays at, once a window is full', () => {
    const w = new RateWatch(1000);
    w.sample(0, 0);
    const { out } = play(w, { pos: 0, at: 0 }, 2, 3000);
    expect(out.length).toBe(2);
    for (const r of out) expect(r).toBeCloseTo(2, 5);
  });

  it('does not count the wait before the position first moves after a seek', () => {
    const w = new RateWatch(1000);
    // 400 ms stuck at 5 s (buffering after a seek), then playing at 2x.
    for (let at = 0; at <= 400; at += 100) expect(w.sample(5, at)).toBeNull();
    const { out } = play(w, { pos: 5, at: 400 }, 2, 1300);
    expect(out[0]).toBeCloseTo(2, 5);
  });

  it('starts over after a reset and when the position goes back', () => {
    const w = new RateWatch(1000);
    w.sample(0, 0);
    play(w, { pos: 0, at: 0 }, 1, 800);
    w.reset();
    // A forward jump right after a reset is not taken for speed.
    w.sample(30, 800);
    expect(play(w, { pos: 30, at: 800 }, 1, 900).out).toEqual([]);
    w.sample(2, 1800); // back: a seek no event told of
    const back = play(w, { pos: 2, at: 1800 }, 1, 1300);
    expect(back.out[0]).toBeCloseTo(1, 5);
  });

  it('tells a lost rate from a small drift', () => {
    expect(rateLost(1, 2)).toBe(true);
    expect(rateLost(1.02, 1.5)).toBe(true);
    expect(rateLost(1.8, 2)).toBe(false);
    expect(rateLost(0.5, 1)).toBe(false);
    expect(rateLost(0.02, 2)).toBe(false); // a stall, mended otherwise
  });
});
