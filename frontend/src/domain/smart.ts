import type { Measure } from '../api/goals';

// SMART guidance: which letters a goal being typed meets, and a short hint
// for each one it misses. It guides, it never blocks saving.

export type SmartLetter = 'S' | 'M' | 'A' | 'R' | 'T';

export interface SmartCheck {
  letter: SmartLetter;
  name: string;
  met: boolean;
  /** What to add when not met; "" when met. */
  hint: string;
  /** A gentle remark even when met (low confidence). */
  note: string;
}

export interface SmartInput {
  title: string;
  description: string;
  measure: Measure;
  confidence: number;
  parentUid: string;
  outcomeId: string;
  due: string;
}

// Words that on their own say nothing about what will be different.
const vagueWords = new Set([
  'improve',
  'improved',
  'improving',
  'improvement',
  'better',
  'more',
  'less',
  'work',
  'working',
  'on',
  'try',
  'trying',
  'get',
  'be',
  'do',
  'make',
  'good',
  'great',
  'best',
  'things',
  'stuff',
  'some',
  'somehow',
  'increase',
  'decrease',
  'enhance',
  'optimize',
  'optimise',
  'focus',
  'general',
  'generally',
  'overall',
  'maybe',
  'bit',
  'lot',
  'really',
  'very',
  'much',
  'again',
  'etc',
  'it',
  'my',
  'our',
  'the',
  'a',
  'an',
  'to',
  'and',
  'or',
  'of',
  'in',
  'at',
  'for',
  'with',
  'by',
  'is',
  'are',
  'i',
  'we',
  'me',
  'us',
  'this',
  'that',
  'so',
  'up',
  'all',
]);

/** concreteWords are the words left once vague words and filler are gone. */
export function concreteWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !vagueWords.has(w) && (w.length >= 3 || /\d/.test(w)));
}

export function isSpecific(title: string, description: string): boolean {
  const words = concreteWords(`${title} ${description}`);
  // A number or a name (an API, a customer, a process) is concrete; two such
  // words say at least what and of what.
  return words.length >= 2 || (words.length >= 1 && /\d/.test(`${title} ${description}`));
}

export function isMeasurable(m: Measure): boolean {
  switch (m.type) {
    case 'number':
      return m.target !== m.start;
    case 'milestones':
      return m.milestones.some((x) => x.title.trim() !== '');
    case 'scale':
      return true;
    default:
      return false;
  }
}

export function smartChecks(g: SmartInput): SmartCheck[] {
  const low = g.confidence >= 1 && g.confidence <= 2;
  return [
    {
      letter: 'S',
      name: 'Specific',
      met: isSpecific(g.title, g.description),
      hint: 'Say what exactly will be different, and of what — not only “improve” or “more”.',
      note: '',
    },
    {
      letter: 'M',
      name: 'Measurable',
      met: isMeasurable(g.measure),
      hint: 'Choose a measure: a number from start to target, milestones, or a 1–5 scale.',
      note: '',
    },
    {
      letter: 'A',
      name: 'Achievable',
      met: g.confidence >= 1,
      hint: 'Say how confident you are (1–5) that you can reach it.',
      note: low ? 'Low confidence: could you make it smaller, or ask for help below?' : '',
    },
    {
      letter: 'R',
      name: 'Relevant',
      met: g.parentUid !== '' || g.outcomeId !== '',
      hint: 'Link it to a goal it serves or to one of your job outcomes.',
      note: '',
    },
    {
      letter: 'T',
      name: 'Time-bound',
      met: /^\d{4}-\d{2}-\d{2}$/.test(g.due),
      hint: 'Give it a due date.',
      note: '',
    },
  ].map((c) => ({ ...c, letter: c.letter as SmartLetter, hint: c.met ? '' : c.hint }));
}
