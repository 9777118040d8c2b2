import { describe, expect, it } from 'vitest';
import { playProblem } from './codec';

describe('playProblem', () => {
  const none = () => '';
  const vp9 = (m: string) => (m.includes('vp9') ? 'probably' : '');

  it('plays VP8 and logs without a codec, whatever the player says', () => {
    expect(playProblem('', none)).toBe('');
    expect(playProblem('vp8', none)).toBe('');
  });

  it('plays VP9 only where the player can', () => {
    expect(playProblem('vp9', vp9)).toBe('');
    expect(playProblem('vp9', none)).toMatch(/in VP9, which this computer’s video player cannot play/);
  });

  it('names a codec of a later version, cut short', () => {
    expect(playProblem('av1', vp9)).toMatch(/does not know \(av1\); update PeerPlayPay/);
    expect(playProblem('x'.repeat(40), vp9)).toContain(`(${'x'.repeat(16)})`);
  });
});
