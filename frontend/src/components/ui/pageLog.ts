import { tick } from 'svelte';
import type { LogLevel } from '../../api/shell';

/** PageLog writes to the app's log (Go's, with the page's lines). */
export type PageLog = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

/** The context key under which the shell gives components the app's log. */
export const pageLogKey = Symbol('pageLog');

/**
 * logFirstScreen writes how long an area took from being asked for to its
 * first screen with data painted: after Svelte's update and the next frame.
 * fields add what the screen shows (counts), for tests to read; then runs
 * once it is painted (what the screen can do without).
 */
export async function logFirstScreen(
  log: PageLog,
  area: string,
  since: number,
  fields: Record<string, unknown> = {},
  then?: () => void,
): Promise<void> {
  // When the data came, apart from when it was painted: which of the two
  // to make faster.
  const data = Math.round(performance.now() - since);
  await tick();
  const updated = Math.round(performance.now() - since);
  requestAnimationFrame(() =>
    setTimeout(() => {
      const ms = Math.round(performance.now() - since);
      log('info', 'area rendered', { area, ms, ...fields });
      log('debug', 'area timings', { area, data, updated, painted: ms });
      then?.();
    }, 0),
  );
}
