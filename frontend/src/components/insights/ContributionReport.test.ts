import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SharedReport } from '../../api/report';

const period = { from: '2026-07-01', to: '2026-09-30' };

function mine(over: Partial<SharedReport> = {}): SharedReport {
  return {
    id: 4,
    uid: 'u'.repeat(32),
    author: 'a'.repeat(32),
    authorName: 'Åsa',
    mine: true,
    shared: false,
    report: {
      name: 'Åsa',
      period,
      sections: [
        { title: 'In short', paragraphs: ['From 1 July 2026 to 30 September 2026, Åsa was thanked once by one teammate.'] },
        { title: 'Thanks received', paragraphs: ['On 3 July 2026, Bob thanked Åsa for “the review”.'] },
      ],
      words: '',
    },
    ...over,
  };
}

const api = vi.hoisted(() => ({
  rules: vi.fn(),
  mine: vi.fn(),
  setWords: vi.fn(),
  share: vi.fn(),
  unshare: vi.fn(),
  team: vi.fn(),
  exportTo: vi.fn(),
  onChanged: vi.fn(() => () => {}),
}));
vi.mock('../../api/report', () => ({ reportApi: api }));

import ContributionReport from './ContributionReport.svelte';

describe('ContributionReport', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    api.rules.mockResolvedValue({ wordsMax: 5000, periodDays: 366, default: period });
    api.mine.mockResolvedValue(mine());
    api.team.mockResolvedValue([]);
  });

  it('shows the last quarter in sentences, says it is private, and that no teammate shared one', async () => {
    render(ContributionReport);
    expect(await screen.findByText('On 3 July 2026, Bob thanked Åsa for “the review”.')).toBeTruthy();
    expect(api.mine).toHaveBeenCalledWith(period);
    expect(screen.getByText(/Nobody sees this report unless you share it/)).toBeTruthy();
    expect(screen.getByText(/No teammate has shared a report with you yet/)).toBeTruthy();
  });

  it('keeps own words, then shares the page as it is', async () => {
    const user = userEvent.setup();
    api.setWords.mockImplementation(async (_p, words: string) => mine({ report: { ...mine().report, words } }));
    render(ContributionReport);
    const box = await screen.findByLabelText('In your own words');
    await user.type(box, 'I mentored Cem');
    // Sharing before saving the words would send another page than the one shown.
    await user.click(screen.getByRole('button', { name: 'Share with the team' }));
    expect(api.share).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/Save your words first/);
    await user.click(screen.getByRole('button', { name: 'Save your words' }));
    expect(api.setWords).toHaveBeenCalledWith(period, 'I mentored Cem');
    api.mine.mockResolvedValue(mine({ report: { ...mine().report, words: 'I mentored Cem' } }));
    await user.click(screen.getByRole('button', { name: 'Share with the team' }));
    await waitFor(() => expect(api.share).toHaveBeenCalledWith(4));
  });

  it('lists the reports teammates shared, with their own words', async () => {
    api.team.mockResolvedValue([
      mine({
        id: 7,
        mine: false,
        shared: true,
        authorName: 'Bob',
        report: { ...mine().report, name: 'Bob', words: 'Proud of the launch' },
      }),
    ]);
    render(ContributionReport);
    expect(await screen.findByText('Bob')).toBeTruthy();
    expect(screen.getByText('Proud of the launch')).toBeTruthy();
  });
});
