/** The zoom levels Ctrl+= and Ctrl+- step through, as browsers offer them. */
export const zoomSteps = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey'>;

/**
 * zoomForKey returns the zoom level Ctrl+= (or Ctrl++), Ctrl+- or Ctrl+0
 * asks for from current, or null for any other key. Shift is allowed: on
 * many layouts + needs it. A level between two steps moves to the nearest
 * step in the asked direction.
 */
export function zoomForKey(e: KeyLike, current: number): number | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const k = e.key;
  if (k === '0' || e.code === 'Digit0' || e.code === 'Numpad0') return 1;
  if (k === '=' || k === '+' || e.code === 'Equal' || e.code === 'NumpadAdd')
    return zoomSteps.find((z) => z > current + 0.001) ?? zoomSteps[zoomSteps.length - 1];
  if (k === '-' || k === '_' || e.code === 'Minus' || e.code === 'NumpadSubtract')
    return [...zoomSteps].reverse().find((z) => z < current - 0.001) ?? zoomSteps[0];
  return null;
}

/** zoomPercent is a level as people read it: 1.25 is "125 %". */
export function zoomPercent(level: number): string {
  return `${Math.round(level * 100)} %`;
}
