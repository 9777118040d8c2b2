import { AppError, toAppError } from './errors';

export const NO_BACKEND_MESSAGE =
  'PeerPlayPay cannot reach its engine. Open it from the PeerPlayPay app window (or from wails dev), not from a web browser.';

function backendPresent(): boolean {
  return typeof window !== 'undefined' && typeof (window as { go?: unknown }).go === 'object';
}

/**
 * call runs one binding call and guarantees that a failure, whether a
 * rejected promise or a synchronous throw (window.go missing), surfaces as an
 * AppError. Every api/ function goes through it, so no store or component
 * ever sees a raw Wails error.
 */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (reason) {
    if (!backendPresent()) {
      throw new AppError('unavailable', NO_BACKEND_MESSAGE, '', { cause: reason });
    }
    throw toAppError(reason);
  }
}
