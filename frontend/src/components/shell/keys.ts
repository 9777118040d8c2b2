/** macOS users reach for ⌘; everyone else for Ctrl. Both work everywhere. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The modifier as shown in hints: "⌘" or "Ctrl+". */
export const mod = isMac ? '⌘' : 'Ctrl+';

/** A chord with Shift as shown in hints: "Ctrl+Shift+R" or "⌘⇧R". */
export function shiftChord(letter: string): string {
  return isMac ? `⌘⇧${letter}` : `Ctrl+Shift+${letter}`;
}
