import { describe, expect, it } from 'vitest';
import { emptyGoalInput, emptyMeasure } from '../api/goals';
import { concreteWords, isMeasurable, isSpecific, smartChecks, type SmartInput } from './smart';

const base = (over: Partial<SmartInput> = {}): SmartInput => ({ ...emptyGoalInput(), ...over });
const met = (input: SmartInput) =>
  smartChecks(input)
    .filter((c) => c.met)
    .map((c) => c.letter)
    .join('');

describe('SMART guidance', () => {
  it('meets nothing for an empty goal, with a hint for every letter', () => {
    const checks = smartChecks(base());
    expect(checks.map((c) => c.letter).join('')).toBe('SMART');
    expect(checks.every((c) => !c.met && c.hint.length > 10)).toBe(true);
  });

  it.each([
    ['improve', '', false],
    ['Work on it, try to do better', 'more and more', false],
    ['Improve things', 'get better at stuff', false],
    ['Cut search latency', '', true],
    ['Improve onboarding docs', '', true],
    ['Ship v2', '', true],
    ['Better', 'Answer every support ticket within a day', true],
  ])('specific: %j %j → %s', (title, description, want) => {
    expect(isSpecific(title, description)).toBe(want);
  });

  it('finds the concrete words among vague ones', () => {
    expect(concreteWords('Improve the p95 latency, try more')).toEqual(['p95', 'latency']);
  });

  it('counts a measure only when it can move', () => {
    expect(isMeasurable(emptyMeasure())).toBe(false);
    expect(isMeasurable({ ...emptyMeasure(), type: 'number', start: 800, target: 800 })).toBe(false);
    expect(isMeasurable({ ...emptyMeasure(), type: 'number', start: 800, target: 200 })).toBe(true);
    expect(isMeasurable({ ...emptyMeasure(), type: 'milestones', milestones: [{ id: 'a', title: ' ', done: false }] })).toBe(false);
    expect(isMeasurable({ ...emptyMeasure(), type: 'milestones', milestones: [{ id: 'a', title: 'Draft', done: false }] })).toBe(true);
    expect(isMeasurable({ ...emptyMeasure(), type: 'scale' })).toBe(true);
  });

  it('meets each letter from its own field', () => {
    expect(met(base({ title: 'Cut search latency' }))).toBe('S');
    expect(met(base({ measure: { ...emptyMeasure(), type: 'scale' } }))).toBe('M');
    expect(met(base({ confidence: 4 }))).toBe('A');
    expect(met(base({ parentUid: 'g1' }))).toBe('R');
    expect(met(base({ outcomeId: 'o1' }))).toBe('R');
    expect(met(base({ due: '2026-12-31' }))).toBe('T');
    expect(met(base({ due: '2026-12' }))).toBe('');
  });

  it('notes low confidence gently while counting it as said', () => {
    const a = (confidence: number) => smartChecks(base({ confidence })).find((c) => c.letter === 'A')!;
    expect(a(1)).toMatchObject({ met: true, hint: '' });
    expect(a(1).note).toMatch(/smaller|help/);
    expect(a(2).note).not.toBe('');
    expect(a(3).note).toBe('');
  });
});
