/**
 * Whether this window can play a peer's recording, from the codec its log
 * declared (PROTOCOL.md §11.6, optional field "codec"). A log without one is
 * VP8, which every version plays. A VP9 log needs the system's GStreamer VP9
 * decoder; a codec this version does not know is a later version's.
 *
 * canPlay is HTMLMediaElement.canPlayType, passed in for tests.
 */
export function playProblem(codec: string, canPlay: (mime: string) => string): string {
  if (codec === '' || codec === 'vp8') return '';
  if (codec === 'vp9') {
    if (canPlay('video/webm; codecs="vp9"') !== '') return '';
    return 'This recording is in VP9, which this computer’s video player cannot play. Install GStreamer’s good plugins (on Debian or Ubuntu: gstreamer1.0-plugins-good) and open it again; the table below is all of the log meanwhile.';
  }
  return `This recording is in a video format this version of PeerPlayPay does not know (${codec.slice(0, 16)}); update PeerPlayPay to play it. The table below is all of the log meanwhile.`;
}

/** canPlayType of a fresh video element: what this window's player decodes. */
export function browserCanPlay(mime: string): string {
  return typeof document === 'undefined' ? '' : document.createElement('video').canPlayType(mime);
}
