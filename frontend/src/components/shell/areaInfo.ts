import type { AreaId } from '../../stores/nav.svelte';

/** What an area not built yet will hold, in the product's own words. */
export interface AreaPreview {
  lead: string;
  points: string[];
}

export const previews: Record<Exclude<AreaId, 'today' | 'logs' | 'team' | 'settings' | 'growth'>, AreaPreview> = {
  goals: {
    lead: 'SMART goals you set yourself, visible to your team so anyone can offer help.',
    points: [
      'Specific, measurable, achievable, relevant and time-bound goals of three kinds: results, actions and behaviours.',
      'See how your role contributes to the team’s and the organisation’s goals.',
      'Regular check-ins and progress updates instead of an annual review — no surprises.',
    ],
  },
};
