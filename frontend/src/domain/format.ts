// Small formatters shared by the recorder and the logs list. Pure, so they
// are tested without a DOM.

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** clock formats whole seconds as m:ss, or h:mm:ss from an hour on. */
function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(sec)}` : `${m}:${pad2(sec)}`;
}

/** formatDuration: 0 -> "0:00", 61_900 -> "1:01" (elapsed time rounds down). */
export function formatDuration(ms: number): string {
  return clock(Number.isFinite(ms) ? ms / 1000 : 0);
}

/** remainingMs is how long a recording may still run, never below zero. */
export function remainingMs(elapsedMs: number, maxMs: number): number {
  if (!(maxMs > 0)) return 0;
  return Math.max(0, maxMs - Math.max(0, elapsedMs));
}

/**
 * formatRemaining: the countdown, "4:12 left". It rounds up, so it shows
 * "0:01 left" until the very end and "0:00 left" only when time is up.
 */
export function formatRemaining(elapsedMs: number, maxMs: number): string {
  return `${clock(Math.ceil(remainingMs(elapsedMs, maxMs) / 1000))} left`;
}

/** formatLimit names a maximum length: "5-minute", "30-second", "1:30". */
export function formatLimit(maxMs: number): string {
  const s = Math.round(Math.max(0, maxMs) / 1000);
  if (s >= 60 && s % 60 === 0) return `${s / 60}-minute`;
  if (s < 60) return `${s}-second`;
  return clock(s);
}

/** formatSize: bytes as "812 KB", "3.4 MB", "1.2 GB" (powers of 1000, like file managers). */
export function formatSize(bytes: number): string {
  const b = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
  if (b < 1000) return `${Math.round(b)} B`;
  if (b < 1e6) return `${Math.round(b / 1e3)} KB`;
  if (b < 1e9) return `${(b / 1e6).toFixed(b < 1e7 ? 1 : 0)} MB`;
  return `${(b / 1e9).toFixed(1)} GB`;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** parseDay reads YYYY-MM-DD as a local calendar date, or null. */
export function parseDay(day: string): Date | null {
  const m = dayPattern.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 ? d : null;
}

/** DatePattern is how a locale writes a numeric date: the order of its parts and the separator. */
export interface DatePattern {
  order: ('day' | 'month' | 'year')[];
  separator: string;
  /** What to type, e.g. "dd/mm/yyyy". */
  placeholder: string;
}

const datePatterns = new Map<string, DatePattern>();

/** datePattern reads the locale's numeric date order from Intl (23/11/2026, 11/23/2026, 23.11.2026, 2026/11/23...). */
export function datePattern(locale?: string): DatePattern {
  const key = locale ?? '';
  let p = datePatterns.get(key);
  if (!p) {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
      new Date(2026, 10, 23),
    );
    const order = parts
      .filter((x) => x.type === 'day' || x.type === 'month' || x.type === 'year')
      .map((x) => x.type) as DatePattern['order'];
    const separator = parts.find((x) => x.type === 'literal')?.value.trim() || '/';
    const word = { day: 'dd', month: 'mm', year: 'yyyy' };
    p =
      order.length === 3
        ? { order, separator, placeholder: order.map((o) => word[o]).join(separator) }
        : { order: ['year', 'month', 'day'], separator: '-', placeholder: 'yyyy-mm-dd' };
    datePatterns.set(key, p);
  }
  return p;
}

/** formatDate writes YYYY-MM-DD the way the locale writes dates in numbers ("23/11/2026"); other text is returned as is. */
export function formatDate(day: string, locale?: string): string {
  const m = dayPattern.exec(day);
  if (!m) return day;
  const p = datePattern(locale);
  const v = { year: m[1], month: m[2], day: m[3] };
  return p.order.map((o) => v[o]).join(p.separator);
}

/**
 * parseDate reads a date typed in the locale's order ("23/11/2026",
 * "23.11.26") or as YYYY-MM-DD, which is never ambiguous. It returns
 * YYYY-MM-DD, '' for empty text, or null for text that is not a date.
 */
export function parseDate(text: string, locale?: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const nums = t.split(/[^0-9]+/).filter(Boolean);
  if (nums.length !== 3 || nums.some((n) => n.length > 4)) return null;
  let v: Record<'day' | 'month' | 'year', string>;
  if (nums[0].length === 4) v = { year: nums[0], month: nums[1], day: nums[2] };
  else {
    const order = datePattern(locale).order;
    v = { day: '', month: '', year: '' };
    order.forEach((o, i) => (v[o] = nums[i]));
  }
  if (v.year.length === 2) v.year = '20' + v.year;
  if (v.year.length !== 4) return null;
  const day = `${v.year}-${pad2(Number(v.month))}-${pad2(Number(v.day))}`;
  return parseDay(day) ? day : null;
}

/** dayOf is the local calendar date of d as YYYY-MM-DD (what Go stores). */
export function dayOf(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/**
 * formatDay: "Mon 23 Nov 2026" in the member's locale; "Today" and
 * "Yesterday" for the two days that matter most in a daily practice.
 */
export function formatDay(day: string, now = new Date(), locale?: string): string {
  const d = parseDay(day);
  if (!d) return day;
  const today = dayOf(now);
  const y = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day === today) return 'Today';
  if (day === dayOf(y)) return 'Yesterday';
  return dayFormat(locale, d.getFullYear() === now.getFullYear()).format(d);
}

// Building a date format costs about a millisecond; a list of hundreds of
// rows formats with the same two again and again.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: string | undefined, sameYear: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${sameYear}`;
  let f = dayFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' });
    dayFormats.set(key, f);
  }
  return f;
}

/** formatLongDay: "Monday, 23 November 2026", for sentences. */
export function formatLongDay(day: string, locale?: string): string {
  const d = parseDay(day);
  if (!d) return day;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(d);
}

/** firstLine is the first non-empty line of a text, for one-line summaries. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t !== '') return t.replace(/^[-*•]\s+/, '');
  }
  return '';
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** formatTime: the local time of day of an RFC 3339 instant, "09:14". */
export function formatTime(iso: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  // Built once per locale, as dayFormat: the inbox formats a time per row.
  let f = timeFormats.get(locale ?? '');
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    timeFormats.set(locale ?? '', f);
  }
  return f.format(d);
}

/**
 * formatWhen says when an instant was, inside a sentence: "today at 09:14",
 * "yesterday at 18:02", "on Mon 23 Nov at 09:14"; '' for no time.
 */
export function formatWhen(iso: string, now = new Date(), locale?: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  const day = formatDay(dayOf(d), now, locale);
  const at = formatTime(iso, locale);
  return day === 'Today' || day === 'Yesterday' ? `${day.toLowerCase()} at ${at}` : `on ${day} at ${at}`;
}

/** counted: "1 file", "3 files" (a word made plural with an s). */
export function counted(n: number, word: string): string {
  return `${n} ${n === 1 ? word : word + 's'}`;
}

/** formatCount: "1,234" or, when counting stopped there, "10,000+". */
export function formatCount(n: number, atLeast = false): string {
  return `${n.toLocaleString()}${atLeast ? '+' : ''}`;
}
