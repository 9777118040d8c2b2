// Recordings and the live preview come over HTTP, not through bindings: the
// player needs Range requests to seek, and a frame is a binary image. The
// preview always comes from the asset server (fetch reads it everywhere).

export interface MediaApi {
  /** The URL of a log's recording, for <video>/<audio> src. */
  logUrl(id: number): string;
  /** The URL of the local copy of a peer's recording. */
  peerUrl(id: number): string;
  /**
   * previewFrame fetches the latest camera frame of the running recording,
   * or null when there is none (audio only, no frame yet, not recording).
   */
  previewFrame(signal?: AbortSignal): Promise<Blob | null>;
}

/**
 * createMediaApi reads recordings from base(): "" means the asset server's
 * /media/ (macOS, Windows, a browser), else the loopback server the Linux
 * window needs, because WebKitGTK's player cannot read the app's scheme.
 */
export function createMediaApi(base: () => string): MediaApi {
  return {
    logUrl: (id) => `${base() || '/media'}/logs/${encodeURIComponent(String(id))}`,
    peerUrl: (id) => `${base() || '/media'}/peers/${encodeURIComponent(String(id))}`,
    previewFrame,
  };
}

async function previewFrame(signal?: AbortSignal): Promise<Blob | null> {
  const res = await fetch('/media/preview.jpg', { cache: 'no-store', signal });
  if (res.status !== 200) return null;
  const blob = await res.blob();
  return blob.size > 0 ? blob : null;
}
