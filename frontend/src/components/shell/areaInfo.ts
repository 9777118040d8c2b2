import type { AreaId } from '../../stores/nav.svelte';

/** What an area not built yet will hold, in the product's own words. */
export interface AreaPreview {
  lead: string;
  points: string[];
}

export const previews: Record<Exclude<AreaId, 'today' | 'logs' | 'goals' | 'team' | 'settings'>, AreaPreview> = {
  growth: {
    lead: 'Know yourself to grow yourself: assess your skills and behaviour, then learn.',
    points: [
      'Private self-assessments of your skills and behaviour — shared only if you choose.',
      'A development plan with the skills and knowledge you decide to grow.',
      'A log of what you read, listen to and watch, and what you learned from it.',
    ],
  },
};
