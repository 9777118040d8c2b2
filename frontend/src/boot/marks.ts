// When the page's first steps happened, for the start-up line Go logs once
// the first screen is up: where the time from exec to that screen goes.

import type { app } from '../../wailsjs/go/models';

const marks: Record<string, number> = {};

/** bootMark notes the first time a step happened (ms since the page was asked for). */
export function bootMark(step: 'script' | 'evaluated' | 'status' | 'rendered'): void {
  if (typeof performance === 'undefined') return;
  marks[step] ??= Math.round(performance.now());
}

/**
 * pageTimes are the page's steps for Go's PageTimes: in ms since the page
 * was asked for, at origin (ms since the epoch); 0 for a step not seen.
 */
export function pageTimes(): app.PageTimes {
  const nav = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  const scripts = (performance.getEntriesByType?.('resource') ?? []).filter(
    (e) => (e as PerformanceResourceTiming).initiatorType === 'script',
  ) as PerformanceResourceTiming[];
  return {
    origin: performance.timeOrigin,
    html: Math.round(nav?.responseEnd ?? 0),
    bundle: Math.round(scripts[0]?.responseEnd ?? 0),
    script: marks.script ?? 0,
    evaluated: marks.evaluated ?? 0,
    status: marks.status ?? 0,
    rendered: marks.rendered ?? 0,
  };
}
