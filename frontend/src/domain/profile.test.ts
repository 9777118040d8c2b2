import { describe, expect, it } from 'vitest';
import { goTrimSpace, normalizeProfileInput, validateProfileInput, type FieldErrors } from './profile';

const valid = { name: 'Ada Lovelace', role: 'Engineer', teamName: 'Analytical' };

describe('goTrimSpace', () => {
  it.each([
    ['  Ada  ', 'Ada'],
    ['\tAda\n', 'Ada'],
    ['\u00a0Ada\u3000', 'Ada'], // no-break and ideographic space
    ['\u0085Ada', 'Ada'], // NEL: Go trims it, String.trim does not
    ['\ufeffAda', '\ufeffAda'], // BOM: String.trim strips it, Go does not
    ['A d a', 'A d a'],
    ['', ''],
  ])('%j -> %j', (input, want) => {
    expect(goTrimSpace(input)).toBe(want);
  });
});

describe('normalizeProfileInput', () => {
  it('trims every field', () => {
    expect(normalizeProfileInput({ name: ' Ada ', role: ' Dev\n', teamName: '\tTeam ' })).toEqual({
      name: 'Ada',
      role: 'Dev',
      teamName: 'Team',
    });
  });
});

describe('validateProfileInput', () => {
  const cases: { name: string; input: Partial<typeof valid>; want: FieldErrors }[] = [
    { name: 'OK', input: {}, want: {} },
    { name: 'OK empty role and team', input: { role: '', teamName: '' }, want: {} },
    { name: 'OK 80 characters', input: { name: 'a'.repeat(80), teamName: 'b'.repeat(80) }, want: {} },
    // 80 emoji are 160 UTF-16 units but 80 runes, which Go accepts.
    { name: 'OK 80 emoji', input: { name: '🙂'.repeat(80) }, want: {} },
    {
      name: 'ErrNameEmpty',
      input: { name: '' },
      want: { name: 'Please enter your name.' },
    },
    {
      name: 'ErrNameTooLong',
      input: { name: 'a'.repeat(81) },
      want: { name: 'Your name is 81 characters long; please keep it to 80.' },
    },
    {
      name: 'ErrRoleTooLong',
      input: { role: 'r'.repeat(90) },
      want: { role: 'Your role is 90 characters long; please keep it to 80.' },
    },
    {
      name: 'ErrTeamTooLong',
      input: { teamName: '🙂'.repeat(81) },
      want: { teamName: 'The team name is 81 characters long; please keep it to 80.' },
    },
    {
      name: 'ErrNameLineBreak',
      input: { name: 'Ada\nLovelace' },
      want: {
        name: 'Your name contains a line break or control character; please keep it on one line.',
      },
    },
    {
      name: 'ErrRoleTab',
      input: { role: 'Dev\tOps' },
      want: {
        role: 'Your role contains a line break or control character; please keep it on one line.',
      },
    },
    {
      name: 'ErrTeamC1Control',
      input: { teamName: 'Team\u0085A' },
      want: {
        teamName: 'The team name contains a line break or control character; please keep it on one line.',
      },
    },
    {
      name: 'ErrNameLoneSurrogate',
      input: { name: 'Ada\ud800' },
      want: { name: 'Your name contains characters that are not valid text; please retype it.' },
    },
    {
      name: 'ErrSeveralFields',
      input: { name: '', role: 'x'.repeat(81) },
      want: {
        name: 'Please enter your name.',
        role: 'Your role is 81 characters long; please keep it to 80.',
      },
    },
  ];

  it.each(cases)('$name', ({ input, want }) => {
    expect(validateProfileInput({ ...valid, ...input })).toEqual(want);
  });

  it('reports length before control characters, like Go', () => {
    const errors = validateProfileInput({ ...valid, name: `${'a'.repeat(80)}\n` });
    expect(errors.name).toMatch(/81 characters long/);
  });

  it('sees a whitespace-only name as empty once normalized', () => {
    const errors = validateProfileInput(normalizeProfileInput({ ...valid, name: ' \t ' }));
    expect(errors.name).toMatch(/^Please enter your name/);
  });
});
