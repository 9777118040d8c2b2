// Recordings and the live preview come over HTTP from the same origin (Go's
// asset handler), not through bindings: the player needs Range requests to
// seek, and a frame is a binary image.

export interface MediaApi {
  /** The URL of a log's recording, for <video>/<audio> src. */
  logUrl(id: number): string;
  /**
   * previewFrame fetches the latest camera frame of the running recording,
   * or null when there is none (audio only, no frame yet, not recording).
   */
  previewFrame(signal?: AbortSignal): Promise<Blob | null>;
}

export const mediaApi: MediaApi = {
  logUrl: (id) => `/media/logs/${encodeURIComponent(String(id))}`,
  previewFrame: async (signal) => {
    const res = await fetch('/media/preview.jpg', { cache: 'no-store', signal });
    if (res.status !== 200) return null;
    const blob = await res.blob();
    return blob.size > 0 ? blob : null;
  },
};
