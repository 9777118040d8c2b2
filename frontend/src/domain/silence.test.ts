import { describe, expect, it } from 'vitest';
import { decodeLoudness, playMs, skipTarget, skipsOf, type Skip } from './silence';
import shared from '../../../internal/peerplaypay/testdata/loudness_vectors.json?raw';

interface Vector {
  name: string;
  loudness: string;
  durationMs: number;
  skips: Skip[];
}

// The vectors Go's loudness_test.go runs: both sides skip the same stretches.
const vectors = JSON.parse(shared) as Vector[];

describe('skipping silence', () => {
  it('has vectors to run', () => expect(vectors.length).toBeGreaterThanOrEqual(5));
  for (const v of vectors) {
    it(v.name, () => expect(skipsOf(v.loudness, v.durationMs)).toEqual(v.skips));
  }

  it('refuses what is not a map', () => {
    expect(decodeLoudness('AA+A')).toBeNull();
    expect(skipsOf('AAAAAAAAAAAAAAAAAAAA<', 2100)).toEqual([]);
    expect(skipsOf('w'.repeat(600), 30_000)).toEqual([]);
  });

  it('finds where to go on from', () => {
    const list = [
      { fromMs: 3100, toMs: 4900 },
      { fromMs: 8100, toMs: 10_000 },
    ];
    expect(skipTarget(list, 3000)).toBeNull();
    expect(skipTarget(list, 3100)).toBe(4900);
    expect(skipTarget(list, 4899)).toBe(4900);
    expect(skipTarget(list, 4900)).toBeNull();
    expect(skipTarget(list, 9000)).toBe(10_000);
    expect(playMs(10_000, list, 1)).toBe(6300);
    expect(playMs(10_000, list, 2)).toBe(3150);
    expect(playMs(10_000, [], 1.5)).toBeCloseTo(6666.67, 1);
  });
});
