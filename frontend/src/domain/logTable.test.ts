import { describe, expect, it } from 'vitest';
import { emptyTable, isTableEmpty, normalizeTable, tablesEqual, validateTable } from './logTable';

describe('normalizeTable', () => {
  it('trims the answers like Go and keeps mood and energy', () => {
    expect(normalizeTable({ done: ' a\n', how: '\tb', why: 'c ', next: ' ', helpNeeded: 'x\ny', mood: 3, energy: 0 })).toEqual({
      done: 'a',
      how: 'b',
      why: 'c',
      next: '',
      helpNeeded: 'x\ny',
      mood: 3,
      energy: 0,
    });
  });
});

describe('validateTable', () => {
  it('accepts an empty table and line breaks', () => {
    expect(validateTable(emptyTable())).toEqual({});
    expect(validateTable({ ...emptyTable(), done: '- one\n- two', mood: 5, energy: 1 })).toEqual({});
  });

  it('counts runes like Go: 2000 emoji are fine', () => {
    expect(validateTable({ ...emptyTable(), why: '🙂'.repeat(2000) })).toEqual({});
  });

  it('names each too long answer with Go’s words', () => {
    const errors = validateTable({ ...emptyTable(), done: 'x'.repeat(2001), helpNeeded: 'y'.repeat(2500) });
    expect(errors).toEqual({
      done: 'What you did is 2001 characters long; please keep it to 2000 and say the rest in the recording.',
      helpNeeded: 'Where you need help is 2500 characters long; please keep it to 2000 and say the rest in the recording.',
    });
  });

  it('rejects mood and energy outside 0..5', () => {
    expect(validateTable({ ...emptyTable(), mood: 6, energy: -1 })).toEqual({
      mood: 'Mood is a number from 1 to 5 (or empty).',
      energy: 'Energy is a number from 1 to 5 (or empty).',
    });
  });

  it('rejects a lone surrogate', () => {
    expect(validateTable({ ...emptyTable(), how: 'a\ud800' }).how).toMatch(/not valid text/);
  });
});

describe('isTableEmpty / tablesEqual', () => {
  it('counts mood or energy alone as an answer', () => {
    expect(isTableEmpty(emptyTable())).toBe(true);
    expect(isTableEmpty({ ...emptyTable(), energy: 2 })).toBe(false);
    expect(isTableEmpty({ ...emptyTable(), next: 'x' })).toBe(false);
  });

  it('compares every field', () => {
    expect(tablesEqual(emptyTable(), emptyTable())).toBe(true);
    expect(tablesEqual(emptyTable(), { ...emptyTable(), mood: 1 })).toBe(false);
  });
});
