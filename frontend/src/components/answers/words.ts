import type { Activity, Reaction, Thanks } from '../../api/answers';
import { dayOf, formatDay, formatTime } from '../../domain/format';

/**
 * The reactions as shown: a symbol every system font has (the window has
 * no colour emoji on many Linux desktops) and a word for what it means.
 */
export const reactionLabels: Record<Reaction, { symbol: string; word: string }> = {
  thumbsup: { symbol: '✓', word: 'Agree' },
  clap: { symbol: '★', word: 'Well done' },
  heart: { symbol: '♥', word: 'Love it' },
  laugh: { symbol: '☺', word: 'Funny' },
  bulb: { symbol: '✦', word: 'Idea' },
  eyes: { symbol: '◉', word: 'Watching' },
};

/** when words a moment as the lists show it: "Today 10:42". */
export function when(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${formatDay(dayOf(d))} ${formatTime(iso)}`;
}

/** activityWords says what a peer did, after their name. */
export function activityWords(a: Activity): string {
  switch (a.kind) {
    case 'comment':
      return 'commented on your stand-up';
    case 'reply':
      return 'replied to your comment';
    case 'reaction':
      return `reacted “${reactionLabels[a.text as Reaction]?.word ?? a.text}” to your stand-up`;
    case 'offer':
      return a.goalUid ? 'offered help on your goal' : 'offered help on your stand-up';
    case 'accepted':
      return 'accepted your offer of help';
    case 'thanks':
      return 'thanked you';
  }
}

/** thanksHeadline names giver and receiver, "you" for the member. */
export function thanksHeadline(t: Thanks): string {
  const from = t.mine ? 'You' : t.fromName || 'A peer';
  const to = t.toMe ? 'you' : t.toName || 'a peer';
  return `${from} thanked ${to}`;
}

const linkWords = { log: 'stand-up', goal: 'goal', comment: 'comment', offer: 'offer of help' } as const;

/** linkLabel names what a Thanks links to. */
export function linkLabel(t: Thanks): string {
  if (!t.link) return '';
  return t.linkText ? `${linkWords[t.link.kind]}: ${t.linkText}` : `a ${linkWords[t.link.kind]} not on this laptop`;
}
