import type { AreaId } from '../../stores/nav.svelte';

/** What an area not built yet will hold, in the product's own words. */
export interface AreaPreview {
  lead: string;
  points: string[];
}

export const previews: Record<Exclude<AreaId, 'settings'>, AreaPreview> = {
  today: {
    lead: 'Your day in one place: a short stand-up, your daily basics and time to reflect.',
    points: [
      'Record a short video or audio stand-up blog — say what you want: not only what you did, but how and why.',
      'Fill in the small table beside it: what I did, how, why it matters, what is next, where I need help.',
      'Tick off your daily basics, the few things you decided to do every day.',
      'Reflect on your own work for at least half an hour, with a timer and a private journal.',
    ],
  },
  logs: {
    lead: 'Your stand-up logs and your peers’, ready to watch even offline — on a commute or a plane.',
    points: [
      'Look back at your own stand-ups and see how your work has moved.',
      'Watch your peers’ stand-up blogs and react, comment or say thanks.',
      'Everything is kept on this laptop, so it plays without a network.',
    ],
  },
  goals: {
    lead: 'SMART goals you set yourself, visible to your team so anyone can offer help.',
    points: [
      'Specific, measurable, achievable, relevant and time-bound goals of three kinds: results, actions and behaviours.',
      'See how your role contributes to the team’s and the organisation’s goals.',
      'Regular check-ins and progress updates instead of an annual review — no surprises.',
    ],
  },
  growth: {
    lead: 'Know yourself to grow yourself: assess your skills and behaviour, then learn.',
    points: [
      'Private self-assessments of your skills and behaviour — shared only if you choose.',
      'A development plan with the skills and knowledge you decide to grow.',
      'A log of what you read, listen to and watch, and what you learned from it.',
    ],
  },
  team: {
    lead: 'Thanks for the people who helped you, and the weekly team session.',
    points: [
      'A Thanks button: every Thanks is visible to the whole team, as contribution — never as a ranking.',
      'The weekly two-hour session: three success moments, three experiments for the month, and how to accelerate everything by 20%.',
      'Rethinking strategies, improvements and corrections, and success stories worth sharing.',
    ],
  },
};
