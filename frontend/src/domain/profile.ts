// Mirrors ProfileInput.Normalize and Validate in internal/peerplaypay/profile.go
// so the member gets the same answer before the round trip to Go. Go stays the
// authority: whatever it rejects is shown the same way.

import type { ProfileInput } from '../api/profiles';

export const MAX_NAME_LEN = 80;
export const MAX_ROLE_LEN = 80;
export const MAX_TEAM_LEN = 80;

export type ProfileField = keyof ProfileInput;
export const profileFields: readonly ProfileField[] = ['name', 'role', 'teamName'];

export type FieldErrors = Partial<Record<ProfileField, string>>;

export function isProfileField(s: string): s is ProfileField {
  return (profileFields as readonly string[]).includes(s);
}

// \p{White_Space} is exactly the set Go's unicode.IsSpace (strings.TrimSpace)
// uses, unlike String.prototype.trim, which also strips U+FEFF and keeps U+0085.
const edgeSpace = /^\p{White_Space}+|\p{White_Space}+$/gu;
// unicode.IsControl: C0, DEL and C1 — the Cc category.
const control = /\p{Cc}/u;
// A lone UTF-16 surrogate would reach Go as invalid UTF-8.
const loneSurrogate = /\p{Cs}/u;

/** goTrimSpace trims like Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(edgeSpace, '');
}

export function normalizeProfileInput(input: ProfileInput): ProfileInput {
  return {
    name: goTrimSpace(input.name),
    role: goTrimSpace(input.role),
    teamName: goTrimSpace(input.teamName),
  };
}

/** validateText returns the Go message for the first problem with s, or "". */
function validateText(label: string, s: string, max: number): string {
  if (loneSurrogate.test(s)) {
    return `${label} contains characters that are not valid text; please retype it.`;
  }
  // Go counts runes (code points), not UTF-16 units: an emoji is one.
  const n = [...s].length;
  if (n > max) {
    return `${label} is ${n} characters long; please keep it to ${max}.`;
  }
  if (control.test(s)) {
    return `${label} contains a line break or control character; please keep it on one line.`;
  }
  return '';
}

/**
 * validateProfileInput checks normalized input and returns a message per
 * invalid field (Go stops at the first; showing all at once saves the member
 * a round per mistake). An empty object means valid.
 */
export function validateProfileInput(input: ProfileInput): FieldErrors {
  const errors: FieldErrors = {};
  const name = input.name === '' ? 'Please enter your name.' : validateText('Your name', input.name, MAX_NAME_LEN);
  if (name) errors.name = name;
  const role = validateText('Your role', input.role, MAX_ROLE_LEN);
  if (role) errors.role = role;
  const team = validateText('The team name', input.teamName, MAX_TEAM_LEN);
  if (team) errors.teamName = team;
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
