/**
 * screenAt is the middle of an element on the screen, in device pixels:
 * the page logs where its controls are for the window tests, which click
 * them as a person would. {-1, -1} when there is none.
 */
export function screenAt(el: Element | null): { x: number; y: number } {
  if (!el) return { x: -1, y: -1 };
  const r = el.getBoundingClientRect();
  return {
    x: Math.round((r.left + r.width / 2 + window.screenX) * devicePixelRatio),
    y: Math.round((r.top + r.height / 2 + window.screenY) * devicePixelRatio),
  };
}
