import { EventsOn } from '../../wailsjs/runtime/runtime';

/** Unsubscribe stops one listener; call it when its owner goes away. */
export type Unsubscribe = () => void;

/**
 * subscribe listens to a Go event (Wails runtime) and returns the matching
 * off. Outside the app window (a plain browser, a test without a runtime)
 * there are no events: it returns a no-op rather than throwing, so a screen
 * still renders and says what it can through the bindings.
 */
export function subscribe(name: string, onEvent: (payload: unknown) => void): Unsubscribe {
  try {
    const off: unknown = EventsOn(name, (payload: unknown) => onEvent(payload));
    return typeof off === 'function' ? (off as Unsubscribe) : () => {};
  } catch {
    return () => {};
  }
}
