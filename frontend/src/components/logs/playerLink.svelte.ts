/**
 * PlayerLink lets what is beside a player (comments) read where the
 * recording is and send it to a moment, without owning the player.
 */
export class PlayerLink {
  /** Where the recording is, in ms; 0 before it plays. */
  nowMs = $state(0);
  /** Whether a player is there to seek. */
  ready = $state(false);
  #seek: ((ms: number) => void) | null = null;

  attach(seek: (ms: number) => void): () => void {
    this.#seek = seek;
    this.ready = true;
    return () => {
      if (this.#seek === seek) {
        this.#seek = null;
        this.ready = false;
        this.nowMs = 0;
      }
    };
  }

  seek(ms: number): void {
    this.#seek?.(ms);
  }
}
