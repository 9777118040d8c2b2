/** What LivePreview needs from the browser; tests pass fakes. */
export interface ObjectUrls {
  create(blob: Blob): string;
  revoke(url: string): void;
}

const browserUrls: ObjectUrls = {
  create: (blob) => URL.createObjectURL(blob),
  revoke: (url) => URL.revokeObjectURL(url),
};

export const PREVIEW_INTERVAL_MS = 200;

/**
 * LivePreview owns the camera preview while recording: it fetches the
 * latest frame about five times a second, one request at a time (a slow
 * frame never piles up requests), and shows it through an object URL. Each
 * URL is revoked once the next frame replaces it and on stop, so a long
 * recording leaks nothing.
 */
export class LivePreview {
  /** The frame to show, or null before the first one. */
  url = $state<string | null>(null);

  readonly #fetchFrame: (signal: AbortSignal) => Promise<Blob | null>;
  readonly #urls: ObjectUrls;
  readonly #intervalMs: number;
  #abort: AbortController | null = null;
  #wake: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // Not state: start/stop run inside effects, which must not depend on it.
  #running = false;

  constructor(fetchFrame: (signal: AbortSignal) => Promise<Blob | null>, urls: ObjectUrls = browserUrls, intervalMs = PREVIEW_INTERVAL_MS) {
    this.#fetchFrame = fetchFrame;
    this.#urls = urls;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const abort = new AbortController();
    this.#abort = abort;
    void this.#loop(abort.signal);
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#abort?.abort();
    this.#abort = null;
    clearTimeout(this.#timer);
    this.#wake?.();
    this.#wake = null;
    this.#show(null);
  }

  #show(next: string | null): void {
    const old = this.url;
    this.url = next;
    if (old) this.#urls.revoke(old);
  }

  async #loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const began = Date.now();
      try {
        const blob = await this.#fetchFrame(signal);
        if (signal.aborted) break;
        // No frame (audio only, camera still starting): keep the last one.
        if (blob) this.#show(this.#urls.create(blob));
      } catch {
        // A dropped frame is not worth a message; the next one may come.
      }
      if (signal.aborted) break;
      const wait = Math.max(0, this.#intervalMs - (Date.now() - began));
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, wait);
      });
    }
  }
}
