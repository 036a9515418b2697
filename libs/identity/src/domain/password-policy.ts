import { DomainError } from '@shipcrowd/kernel';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

// NIST 800-63B §5.1.1.2: check against commonly used / compromised values. A short local list of the
// most common ones; no composition rules (they make passwords weaker in practice).
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', 'qwertyuiop', 'password12', 'password123', 'password1234', '1q2w3e4r5t',
  'iloveyou12', 'abcdefghij', 'abcd123456', 'qwerty1234', '1111111111', '0000000000', 'aaaaaaaaaa', 'passw0rd123', 'shipcrowd123',
]);

/**
 * NIST 800-63B memorized-secret rules: 10 to 128 characters (Unicode code points, spaces allowed),
 * not the account's email or name, not a well-known password. Throws a validation DomainError naming `field`.
 */
export function assertAcceptablePassword(password: string, context: { email?: string; name?: string }, field = 'password'): void {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lowered = password.trim().toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email && (lowered === email || lowered === email.split('@')[0])) problems.push('must not be your email address');
  if (context.name && lowered === context.name.trim().toLowerCase()) problems.push('must not be your name');
  if (COMMON.has(lowered)) problems.push('is too common; choose another');
  if (problems.length) {
    throw new DomainError('auth.weak_password', `${field}: ${problems[0]}`, 'validation', {
      errors: problems.map((message) => ({ field, message, code: 'weak_password' })),
    });
  }
}
