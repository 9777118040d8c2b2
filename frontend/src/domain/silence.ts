// Skipping silence, as Go's peerplaypay.Skips does it: the very same
// stretches, so the player, the CLI's estimates and the benchmark agree
// (silence.test.ts runs the vectors Go's test runs). A loudness map is one
// base64url character per tenth of a second, the level in dBFS + 63.

export const LOUDNESS_STEP_MS = 100;
export const MIN_SILENCE_MS = 700;
export const SILENCE_KEEP_MS = 100;
const FLOOR_DB = -63;
const MARGIN_DB = 12;
const MIN_THR_DB = -50;
const MAX_THR_DB = -35;
const MAX_VALUES = 4 * 3600 * 10;

/** A stretch the player jumps over: on reaching fromMs it goes on at toMs. */
export interface Skip {
  fromMs: number;
  toMs: number;
}

/** decodeLoudness reads a map, or null when it is not one. */
export function decodeLoudness(map: string): number[] | null {
  if (map.length > MAX_VALUES) return null;
  const out = new Array<number>(map.length);
  for (let i = 0; i < map.length; i++) {
    const c = map.charCodeAt(i);
    if (c >= 65 && c <= 90) out[i] = c - 65;
    else if (c >= 97 && c <= 122) out[i] = c - 97 + 26;
    else if (c >= 48 && c <= 57) out[i] = c - 48 + 52;
    else if (c === 45) out[i] = 62;
    else if (c === 95) out[i] = 63;
    else return null;
  }
  return out;
}

/** fits tells a map that covers a recording of durationMs (two seconds and 2 % either way). */
export function fits(values: number[], durationMs: number): boolean {
  if (!(durationMs > 0)) return false;
  const slack = 2000 + Math.trunc(durationMs / 50);
  return Math.abs(values.length * LOUDNESS_STEP_MS - durationMs) <= slack;
}

/** silenceThreshold is the value under which values count as silence. */
export function silenceThreshold(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const floor = sorted[Math.floor(sorted.length / 10)] + FLOOR_DB;
  const thr = Math.min(Math.max(floor + MARGIN_DB, MIN_THR_DB), MAX_THR_DB);
  return thr - FLOOR_DB;
}

/** skips are the silences of a recording of durationMs the player jumps over, in order. */
export function skips(values: number[], durationMs: number): Skip[] {
  const thr = silenceThreshold(values);
  const out: Skip[] = [];
  const add = (start: number, end: number) => {
    if ((end - start) * LOUDNESS_STEP_MS < MIN_SILENCE_MS) return;
    let from = start * LOUDNESS_STEP_MS + SILENCE_KEEP_MS;
    let to = end * LOUDNESS_STEP_MS - SILENCE_KEEP_MS;
    if (end === values.length || (durationMs > 0 && to >= durationMs)) to = Math.max(durationMs, end * LOUDNESS_STEP_MS);
    if (start === 0) from = 0;
    if (to > from) out.push({ fromMs: from, toMs: to });
  };
  let start = -1;
  values.forEach((v, i) => {
    if (v < thr && start < 0) start = i;
    else if (v >= thr && start >= 0) {
      add(start, i);
      start = -1;
    }
  });
  if (start >= 0) add(start, values.length);
  return out;
}

/** skipsOf decodes a map and returns its skips; none without a map, or with one that does not fit. */
export function skipsOf(map: string, durationMs: number): Skip[] {
  if (!map) return [];
  const values = decodeLoudness(map);
  if (!values || !fits(values, durationMs)) return [];
  return skips(values, durationMs);
}

/** playMs is how long a recording takes to play at rate when its skips are jumped over. */
export function playMs(durationMs: number, list: Skip[], rate: number): number {
  let left = durationMs;
  for (const s of list) left -= Math.min(s.toMs, durationMs) - Math.min(s.fromMs, durationMs);
  return Math.max(left, 0) / (rate > 0 ? rate : 1);
}

/** skipTarget is where the player goes on from at tMs: the end of the skip it is in, or null. */
export function skipTarget(list: Skip[], tMs: number): number | null {
  for (const s of list) {
    if (tMs < s.fromMs) return null;
    if (tMs < s.toMs) return s.toMs;
  }
  return null;
}
