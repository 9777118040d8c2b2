import { flushSync } from 'svelte';

/**
 * microtaskCheckpoints makes jsdom do what a browser does between the
 * listeners of one real keystroke: run the microtasks queued so far. A
 * browser runs them after each listener of an event it dispatches; jsdom,
 * dispatching for a test, runs none until the test awaits. Svelte flushes
 * its effects in a microtask, so in a browser an effect can run between a
 * binding's listener on a field and a handler delegated to the page's root.
 * Call it after the component has mounted, so this listener comes after
 * the field's own.
 */
export function microtaskCheckpoints(el: Element, types: string[] = ['input', 'change', 'keydown']): void {
  for (const type of types) el.addEventListener(type, () => flushSync());
}
