/**
 * RateWatch tells when a player plays slower than the rate it was given.
 * WebKit's GStreamer player, now and then, keeps reporting the new rate
 * while it plays at the old one: after a seek made while its rate change
 * (itself a seek) was still under way. Only the positions it reports over
 * time show it.
 */
export class RateWatch {
  #last: { pos: number; at: number } | null = null;
  #moving = false;
  #contentMs = 0;
  #wallMs = 0;

  /** windowMs: how much steady playing one measure takes. */
  constructor(readonly windowMs = 1200) {}

  /** reset forgets the stretch under way: after a seek, a pause or a rate change. */
  reset(): void {
    this.#last = null;
    this.#moving = false;
    this.#contentMs = 0;
    this.#wallMs = 0;
  }

  /**
   * sample takes the position (seconds) read at a time (milliseconds). It
   * returns the rate measured once a window of steady playing is full,
   * else null. The wait before a position first moves (an engine filling
   * its buffers after a seek) is not counted.
   */
  sample(pos: number, at: number): number | null {
    const last = this.#last;
    this.#last = { pos, at };
    if (!last) return null;
    const content = (pos - last.pos) * 1000;
    const wall = at - last.at;
    if (content < 0 || wall <= 0) {
      // Went back: a seek that no event told of.
      this.reset();
      this.#last = { pos, at };
      return null;
    }
    if (!this.#moving) {
      this.#moving = content > 0;
      return null;
    }
    this.#contentMs += content;
    this.#wallMs += wall;
    if (this.#wallMs < this.windowMs) return null;
    const rate = this.#contentMs / this.#wallMs;
    this.#contentMs = 0;
    this.#wallMs = 0;
    return rate;
  }
}

/**
 * rateLost tells a player that plays, but a quarter or more under the rate
 * set. One that hardly moves is stalled, which is mended otherwise.
 */
export function rateLost(measured: number, rate: number): boolean {
  return rate > 1 && measured >= 0.5 && measured < rate * 0.75;
}
