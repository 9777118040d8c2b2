/** The app's areas, in navigation and shortcut order (Ctrl+1 is the first). */
export const areas = [
  { id: 'today', label: 'Today' },
  { id: 'logs', label: 'Logs' },
  { id: 'goals', label: 'Goals' },
  { id: 'growth', label: 'Growth' },
  { id: 'team', label: 'Team' },
  // After Team: the first five keep their shortcuts.
  { id: 'inbox', label: 'Inbox' },
  { id: 'session', label: 'Session' },
  { id: 'insights', label: 'Insights' },
  { id: 'settings', label: 'Settings' },
] as const;

export type AreaId = (typeof areas)[number]['id'];

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * areaForKey returns the area a Ctrl+digit (⌘+digit on macOS) press asks for,
 * or null. It reads `code` first so that layouts where the digit row needs
 * Shift (AZERTY) work too, and ignores Alt so AltGr combinations still type.
 */
export function areaForKey(e: KeyLike): AreaId | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code ?? '') ?? /^([1-9])$/.exec(e.key ?? '');
  if (!m) return null;
  return areas[Number(m[1]) - 1]?.id ?? null;
}

/** NavStore owns which area is on screen. */
export class NavStore {
  current = $state<AreaId>('today');
  /** When the current area was asked for (performance.now()), to time its first screen. */
  since = 0;

  go(id: AreaId): void {
    this.since = performance.now();
    this.current = id;
  }

  /** handleKey switches area for a shortcut and reports whether it did. */
  handleKey(e: KeyLike): boolean {
    const id = areaForKey(e);
    if (!id) return false;
    this.go(id);
    return true;
  }
}
