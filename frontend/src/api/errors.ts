// AppError is the frontend twin of peerplaypay.Error in Go: a stable code the
// UI can branch on, a message that is safe to show as is, and for invalid
// input the field it concerns.

export const errorCodes = ['invalid', 'not_found', 'conflict', 'corrupt', 'unwritable', 'unavailable', 'internal'] as const;

export type ErrorCode = (typeof errorCodes)[number];

// Shown when the failure did not come from Go as a coded error: its text may be
// a stack trace or a path, which is no use to the person in front of the app.
export const GENERIC_MESSAGE = 'Something went wrong inside PeerPlayPay. Your data has not been changed; please try again.';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The input field an "invalid" error concerns; "" when none. */
  readonly field: string;

  constructor(code: ErrorCode, message: string, field = '', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }
}

function isErrorCode(s: unknown): s is ErrorCode {
  return typeof s === 'string' && (errorCodes as readonly string[]).includes(s);
}

function fromObject(obj: unknown, cause: unknown): AppError | null {
  if (typeof obj !== 'object' || obj === null) return null;
  const { code, message, field } = obj as Record<string, unknown>;
  if (typeof message !== 'string' || message.trim() === '') return null;
  // A message from Go is user-safe by contract even if its code is one this
  // build does not know yet (a newer backend); keep the words, degrade the code.
  return new AppError(isErrorCode(code) ? code : 'internal', message, typeof field === 'string' ? field : '', { cause });
}

/**
 * toAppError turns whatever a binding call rejected with into an AppError.
 *
 * The Wails v2 runtime rejects with `new Error(payload)`, so the JSON that Go
 * sends ({"code","message","field"}) usually arrives as an Error's message;
 * a bare string or an already-parsed object are accepted too. Anything else
 * becomes code "internal" with a generic message, the original kept as cause.
 */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;

  const raw = reason instanceof Error ? reason.message : reason;
  if (typeof raw === 'string') {
    try {
      const parsed = fromObject(JSON.parse(raw), reason);
      if (parsed) return parsed;
    } catch {
      // Not JSON: fall through to the generic error.
    }
  } else {
    const parsed = fromObject(raw, reason);
    if (parsed) return parsed;
  }
  return new AppError('internal', GENERIC_MESSAGE, '', { cause: reason });
}
