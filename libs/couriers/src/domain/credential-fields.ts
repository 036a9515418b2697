import type { FieldError } from '@shipcrowd/kernel';

const MAX_VALUE_LENGTH = 4096;
/** Below this length even four characters give away too much of a secret. */
const MIN_LENGTH_TO_HINT = 12;

export interface CredentialFieldView {
  name: string;
  set: boolean;
  /** The last four characters of a long enough value, so a person can tell which key is stored; never more. */
  lastFour: string | null;
}

/**
 * What is wrong with credentials entered for a courier that issues `fields`: every field is required, none other is
 * accepted, values are non-empty text. Field paths are relative to the request body's `credentials` object.
 */
export function credentialErrors(fields: readonly string[], input: Readonly<Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(input)) {
    if (!fields.includes(key)) errors.push({ field: `credentials.${key}`, message: `is not a credential this courier issues (expected: ${fields.join(', ')})`, code: 'unknown_field' });
  }
  for (const name of fields) {
    const value = input[name];
    if (value === undefined || value === null) errors.push({ field: `credentials.${name}`, message: 'is required', code: 'required' });
    else if (typeof value !== 'string' || value.trim() === '') errors.push({ field: `credentials.${name}`, message: 'must be non-empty text', code: 'invalid' });
    else if (value.length > MAX_VALUE_LENGTH) errors.push({ field: `credentials.${name}`, message: `must be at most ${MAX_VALUE_LENGTH} characters`, code: 'too_long' });
  }
  return errors;
}

/** Values trimmed, in the courier's field order. */
export function normalisedCredentials(fields: readonly string[], input: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(fields.map((name) => [name, String(input[name]).trim()]));
}

/** Which fields are set, with at most the last four characters of each. */
export function maskedFields(fields: readonly string[], stored: Readonly<Record<string, string>> | null): CredentialFieldView[] {
  return fields.map((name) => {
    const value = stored?.[name];
    return { name, set: !!value, lastFour: value && value.length >= MIN_LENGTH_TO_HINT ? value.slice(-4) : null };
  });
}
